package io.cumulo.data;

import io.cumulo.CumuloException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A categorical column kept apart from the features: ground-truth classes, or cluster labels read back from
 * a file. Values are stored as codes {@code 0..categories-1}; {@link #categories()} gives their text.
 * When every category is a number, codes follow numeric order (so "0","1","2" get codes 0,1,2 and "10" comes
 * after "9"); otherwise they follow first appearance.
 */
public final class LabelColumn {
    private final String name;
    private final int[] codes;
    private final List<String> categories;

    private LabelColumn(String name, int[] codes, List<String> categories) {
        this.name = name;
        this.codes = codes;
        this.categories = List.copyOf(categories);
    }

    /** Encodes text values. */
    public static LabelColumn of(String name, String[] values) {
        Map<String, Integer> index = new HashMap<>();
        List<String> cats = new ArrayList<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            Integer c = index.get(values[i]);
            if (c == null) {
                c = cats.size();
                index.put(values[i], c);
                cats.add(values[i]);
            }
            codes[i] = c;
        }
        long[] integer = new long[cats.size()];
        double[] number = new double[cats.size()];
        boolean allIntegers = true;
        boolean allNumbers = true;
        for (int i = 0; i < cats.size() && allNumbers; i++) {
            String t = cats.get(i).trim();
            try {
                integer[i] = Long.parseLong(t);
                number[i] = integer[i];
            } catch (NumberFormatException e) {
                allIntegers = false;
                byte[] b = t.getBytes(StandardCharsets.ISO_8859_1);
                number[i] = NumberParser.parse(b, 0, b.length);
                allNumbers = Double.isFinite(number[i]);
            }
        }
        if (allNumbers && cats.size() > 1) {
            Integer[] order = new Integer[cats.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            boolean integers = allIntegers;
            // equal numbers written differently ("1", "1.0") stay apart, in order of appearance (stable sort)
            Arrays.sort(order, (a, b) -> integers ? Long.compare(integer[a], integer[b])
                    : Double.compare(number[a], number[b]));
            int[] remap = new int[order.length];
            List<String> sorted = new ArrayList<>();
            for (int r = 0; r < order.length; r++) {
                remap[order[r]] = r;
                sorted.add(cats.get(order[r]));
            }
            for (int i = 0; i < codes.length; i++) {
                codes[i] = remap[codes[i]];
            }
            cats = sorted;
        }
        return new LabelColumn(name, codes, cats);
    }

    /** Integer labels as they are (negative values such as the noise label -1 are categories too). */
    public static LabelColumn ofInts(String name, int[] values) {
        String[] text = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            text[i] = Integer.toString(values[i]);
        }
        return of(name, text);
    }

    public String name() {
        return name;
    }

    public int size() {
        return codes.length;
    }

    /** The code of row {@code i}. */
    public int code(int i) {
        return codes[i];
    }

    /** A copy of all codes. */
    public int[] codes() {
        return codes.clone();
    }

    public List<String> categories() {
        return categories;
    }

    /** The text of row {@code i}. */
    public String value(int i) {
        return categories.get(codes[i]);
    }

    /** The rows at {@code rows}, in that order. */
    public LabelColumn subset(int[] rows) {
        String[] v = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            v[i] = value(rows[i]);
        }
        return of(name, v);
    }

    static void requireSize(LabelColumn labels, int rows, String source) {
        if (labels.size() != rows) {
            throw new CumuloException(source + ": label column '" + labels.name() + "' has " + labels.size()
                    + " values but the data has " + rows + " rows");
        }
    }
}
