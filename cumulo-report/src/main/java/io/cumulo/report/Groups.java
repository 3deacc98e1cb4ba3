package io.cumulo.report;

import io.cumulo.report.chart.Palette;

import java.util.ArrayList;
import java.util.List;

/**
 * The groups of a labelling as the charts show them: clusters {@code 0..k-1} that have rows, in order, then the
 * noise rows ({@code -1}) last; each with its name, colour and size. The same order in every chart of a report,
 * so a cluster keeps its colour everywhere.
 */
final class Groups {
    private final List<Integer> ids;
    private final List<String> names;
    private final int[] sizes;
    private final int rows;

    private Groups(List<Integer> ids, List<String> names, int[] sizes, int rows) {
        this.ids = List.copyOf(ids);
        this.names = List.copyOf(names);
        this.sizes = sizes;
        this.rows = rows;
    }

    /** Clusters named "cluster c", noise "noise". */
    static Groups of(int[] labels) {
        return of(labels, null);
    }

    /**
     * @param names the name of each label value ({@code names.get(c)} for value c), or null for "cluster c"
     */
    static Groups of(int[] labels, List<String> names) {
        int k = 0;
        int noise = 0;
        for (int l : labels) {
            if (l < 0) {
                noise++;
            } else {
                k = Math.max(k, l + 1);
            }
        }
        int[] count = new int[k];
        for (int l : labels) {
            if (l >= 0) {
                count[l]++;
            }
        }
        List<Integer> ids = new ArrayList<>();
        List<String> groupNames = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (count[c] > 0) {
                ids.add(c);
                groupNames.add(names == null ? "cluster " + c : names.get(c));
                sizes.add(count[c]);
            }
        }
        if (noise > 0) {
            ids.add(-1);
            groupNames.add("noise");
            sizes.add(noise);
        }
        return new Groups(ids, groupNames, sizes.stream().mapToInt(Integer::intValue).toArray(), labels.length);
    }

    int count() {
        return ids.size();
    }

    /** The label value of group {@code g} ({@code -1}: noise). */
    int id(int g) {
        return ids.get(g);
    }

    String name(int g) {
        return names.get(g);
    }

    List<String> names() {
        return names;
    }

    String color(int g) {
        return Palette.cluster(ids.get(g));
    }

    List<String> colors() {
        List<String> c = new ArrayList<>();
        for (int g = 0; g < count(); g++) {
            c.add(color(g));
        }
        return c;
    }

    int size(int g) {
        return sizes[g];
    }

    int rows() {
        return rows;
    }

    /** The group index of label value {@code label}, or -1 when no row has it. */
    int indexOf(int label) {
        return ids.indexOf(label);
    }

    /** Group index of every row. */
    int[] groupOfRows(int[] labels) {
        int top = 0;
        for (int id : ids) {
            top = Math.max(top, id + 1);
        }
        int[] at = new int[top];
        for (int g = 0; g < ids.size(); g++) {
            if (ids.get(g) >= 0) {
                at[ids.get(g)] = g;
            }
        }
        int noise = ids.indexOf(-1);
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] < 0 ? noise : at[labels[i]];
        }
        return out;
    }
}
