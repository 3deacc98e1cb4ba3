package io.cumulo.json;

import io.cumulo.CumuloException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Typed, checked access to a parsed JSON object, for reading files a user hands us: every failure is a
 * {@link CumuloException} naming the file (the {@code source}) and the field path.
 */
public final class JsonObject {
    private final Map<String, Object> map;
    private final String source;
    private final String path;

    private JsonObject(Map<String, Object> map, String source, String path) {
        this.map = map;
        this.source = source;
        this.path = path;
    }

    /** Parses {@code text}; {@code source} names it in error messages (usually the file name). */
    public static JsonObject parse(String text, String source) {
        Object v;
        try {
            v = Json.parse(text);
        } catch (Json.JsonException e) {
            throw new CumuloException(source + ": " + e.getMessage());
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new CumuloException(source + ": expected a JSON object at the top level");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return new JsonObject(m, source, "");
    }

    public static JsonObject of(Map<String, Object> map, String source) {
        return new JsonObject(map, source, "");
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(map);
    }

    public boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    private String where(String key) {
        return source + ": field '" + path + key + "'";
    }

    private Object require(String key) {
        if (!map.containsKey(key)) {
            throw new CumuloException(where(key) + " is missing");
        }
        return map.get(key);
    }

    public Object get(String key) {
        return map.get(key);
    }

    public String getString(String key) {
        Object v = require(key);
        if (!(v instanceof String)) {
            throw new CumuloException(where(key) + " should be a string");
        }
        return (String) v;
    }

    public String getString(String key, String fallback) {
        return has(key) ? getString(key) : fallback;
    }

    public long getLong(String key) {
        Object v = require(key);
        if (v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof Double && ((Double) v) == Math.rint((Double) v)) {
            return ((Double) v).longValue();
        }
        throw new CumuloException(where(key) + " should be an integer");
    }

    public int getInt(String key) {
        long v = getLong(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new CumuloException(where(key) + " is out of range");
        }
        return (int) v;
    }

    /** A number; {@code null} reads as NaN (that is how non-finite values are written). */
    public double getDouble(String key) {
        Object v = require(key);
        if (v == null) {
            return Double.NaN;
        }
        if (!(v instanceof Number)) {
            throw new CumuloException(where(key) + " should be a number");
        }
        return ((Number) v).doubleValue();
    }

    public boolean getBoolean(String key) {
        Object v = require(key);
        if (!(v instanceof Boolean)) {
            throw new CumuloException(where(key) + " should be true or false");
        }
        return (Boolean) v;
    }

    public JsonObject getObject(String key) {
        Object v = require(key);
        if (!(v instanceof Map<?, ?>)) {
            throw new CumuloException(where(key) + " should be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return new JsonObject(m, source, path + key + ".");
    }

    public List<Object> getList(String key) {
        Object v = require(key);
        if (!(v instanceof List<?>)) {
            throw new CumuloException(where(key) + " should be an array");
        }
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) v;
        return l;
    }

    public double[] getDoubleArray(String key) {
        return toDoubles(getList(key), where(key));
    }

    public int[] getIntArray(String key) {
        List<Object> l = getList(key);
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = l.get(i);
            if (!(o instanceof Long)) {
                throw new CumuloException(where(key) + " should hold integers only");
            }
            out[i] = (int) (long) (Long) o;
        }
        return out;
    }

    public List<String> getStringList(String key) {
        List<Object> l = getList(key);
        List<String> out = new ArrayList<>(l.size());
        for (Object o : l) {
            if (!(o instanceof String)) {
                throw new CumuloException(where(key) + " should hold strings only");
            }
            out.add((String) o);
        }
        return out;
    }

    /** A matrix written as an array of equally long number arrays; returned row-major. */
    public double[] getMatrix(String key, int expectedRows, int expectedCols) {
        List<Object> rows = getList(key);
        if (expectedRows >= 0 && rows.size() != expectedRows) {
            throw new CumuloException(where(key) + " should have " + expectedRows + " rows, found " + rows.size());
        }
        double[] out = null;
        int cols = expectedCols;
        for (int r = 0; r < rows.size(); r++) {
            if (!(rows.get(r) instanceof List<?>)) {
                throw new CumuloException(where(key) + " should be an array of number arrays");
            }
            @SuppressWarnings("unchecked")
            double[] row = toDoubles((List<Object>) rows.get(r), where(key) + " row " + r);
            if (cols < 0) {
                cols = row.length;
            }
            if (row.length != cols) {
                throw new CumuloException(where(key) + " row " + r + " has " + row.length + " values, expected " + cols);
            }
            if (out == null) {
                out = new double[rows.size() * cols];
            }
            System.arraycopy(row, 0, out, r * cols, cols);
        }
        return out == null ? new double[0] : out;
    }

    private static double[] toDoubles(List<Object> l, String where) {
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = l.get(i);
            if (!(o instanceof Number)) {
                throw new CumuloException(where + " should hold numbers only");
            }
            out[i] = ((Number) o).doubleValue();
        }
        return out;
    }
}
