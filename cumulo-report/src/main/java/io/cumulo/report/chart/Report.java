package io.cumulo.report.chart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole report, renderer-neutral: a title and sections in page order. The HTML writer draws every block; the
 * static exporter writes every {@link Block.Charts} chart as PNG and SVG. Later features (dendrogram, OPTICS
 * reachability, anomaly scores) add a {@link Section}; nothing else has to change.
 */
public record Report(String title, String subtitle, List<Section> sections) {
    public Report {
        Objects.requireNonNull(title, "title");
        sections = List.copyOf(sections);
    }

    /** Every chart of the report, in page order. */
    public List<Chart> charts() {
        return sections.stream().flatMap(s -> s.blocks().stream())
                .filter(b -> b instanceof Block.Charts).flatMap(b -> ((Block.Charts) b).charts().stream()).toList();
    }

    /**
     * @param id    anchor name, lower case letters, digits and '-'
     * @param title the section heading
     */
    public record Section(String id, String title, List<Block> blocks) {
        public Section {
            if (!id.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("section id must be lower case letters, digits and '-', got '" + id + "'");
            }
            blocks = List.copyOf(blocks);
        }
    }

    /** What a section holds. */
    public sealed interface Block permits Block.Text, Block.KeyValues, Block.Table, Block.Charts {
        /** A paragraph of plain text (escaped by the renderer); {@code muted} for notes. */
        record Text(String text, boolean muted) implements Block {
        }

        /** Two-column facts ("rows" → "150"), in order. */
        record KeyValues(Map<String, String> entries) implements Block {
            public KeyValues {
                entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            }
        }

        /**
         * A table of already formatted cells.
         *
         * @param swatches per row, a colour shown before the first cell (cluster tables), or null
         */
        record Table(String id, List<String> header, List<List<String>> rows, List<String> swatches) implements Block {
            public Table {
                header = List.copyOf(header);
                rows = rows.stream().map(List::copyOf).toList();
                swatches = swatches == null ? null : Collections.unmodifiableList(new ArrayList<>(swatches));
            }
        }

        /** One chart, or small multiples laid out {@code columns} to a row. */
        record Charts(List<Chart> charts, int columns) implements Block {
            public Charts {
                charts = List.copyOf(charts);
                if (columns < 1) {
                    throw new IllegalArgumentException("columns must be at least 1");
                }
            }

            public static Charts of(Chart chart) {
                return new Charts(List.of(chart), 1);
            }
        }
    }
}
