package io.cumulo.data;

import java.nio.file.Path;
import java.util.List;

/**
 * How to turn a table into a {@link Dataset}: which columns are features, which one holds ground-truth
 * labels or sample weights, what to do with missing values. Immutable; build with {@link #builder()}.
 */
public final class ReadOptions {
    private final List<String> columns;
    private final List<String> dropColumns;
    private final String labelColumn;
    private final String weightColumn;
    private final MissingPolicy missing;
    private final Path labelsFile;
    private final Character delimiter;
    private final double[] fillValues;

    private ReadOptions(Builder b) {
        this.columns = b.columns == null ? null : List.copyOf(b.columns);
        this.dropColumns = List.copyOf(b.dropColumns);
        this.labelColumn = b.labelColumn;
        this.weightColumn = b.weightColumn;
        this.missing = b.missing;
        this.labelsFile = b.labelsFile;
        this.delimiter = b.delimiter;
        this.fillValues = b.fillValues == null ? null : b.fillValues.clone();
    }

    public static ReadOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.columns = columns;
        b.dropColumns = dropColumns;
        b.labelColumn = labelColumn;
        b.weightColumn = weightColumn;
        b.missing = missing;
        b.labelsFile = labelsFile;
        b.delimiter = delimiter;
        b.fillValues = fillValues;
        return b;
    }

    /** Feature columns in the order wanted, or {@code null} for every column not otherwise used. */
    public List<String> columns() {
        return columns;
    }

    public List<String> dropColumns() {
        return dropColumns;
    }

    /**
     * The column of ground-truth labels, kept out of the features; with {@link #labelsFile()}, the column to
     * take from that file instead (the data are then read without a label column).
     */
    public String labelColumn() {
        return labelColumn;
    }

    public String weightColumn() {
        return weightColumn;
    }

    public MissingPolicy missing() {
        return missing;
    }

    /**
     * A separate file of ground-truth labels, one per input row (rows left out for missing values leave their
     * labels out too).
     */
    public Path labelsFile() {
        return labelsFile;
    }

    /** The field delimiter, or {@code null} to detect it from the header. */
    public Character delimiter() {
        return delimiter;
    }

    /**
     * Values that replace missing feature cells under {@link MissingPolicy#MEAN}, one per selected feature
     * (a model's training means), or {@code null} to use the means of the data being read.
     */
    public double[] fillValues() {
        return fillValues == null ? null : fillValues.clone();
    }

    public static final class Builder {
        private List<String> columns;
        private List<String> dropColumns = List.of();
        private String labelColumn;
        private String weightColumn;
        private MissingPolicy missing = MissingPolicy.ERROR;
        private Path labelsFile;
        private Character delimiter;
        private double[] fillValues;

        public Builder fillValues(double[] v) {
            this.fillValues = v;
            return this;
        }

        public Builder columns(List<String> c) {
            this.columns = c == null || c.isEmpty() ? null : c;
            return this;
        }

        public Builder dropColumns(List<String> c) {
            this.dropColumns = c == null ? List.of() : c;
            return this;
        }

        public Builder labelColumn(String name) {
            this.labelColumn = name;
            return this;
        }

        public Builder weightColumn(String name) {
            this.weightColumn = name;
            return this;
        }

        public Builder missing(MissingPolicy p) {
            this.missing = p == null ? MissingPolicy.ERROR : p;
            return this;
        }

        public Builder labelsFile(Path p) {
            this.labelsFile = p;
            return this;
        }

        public Builder delimiter(Character c) {
            this.delimiter = c;
            return this;
        }

        public ReadOptions build() {
            return new ReadOptions(this);
        }
    }
}
