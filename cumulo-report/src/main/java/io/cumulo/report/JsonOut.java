package io.cumulo.report;

/**
 * A streaming JSON writer into a {@link StringBuilder}, for the chart data of the HTML reports (up to a few
 * hundred thousand numbers per page, so no intermediate maps). Safe to embed in an HTML {@code <script>} block:
 * every {@code <} in a string is written as {@code \u003c}, so no string can close the block or open a comment.
 *
 * <p>Numbers are written compactly: whole numbers without a decimal point, others with float precision (the
 * shortest text that reads back as the same 32-bit float, about 7 significant digits), which is far below what a
 * chart can show and halves the size of large scatter plots. NaN and infinities are written as {@code null}.
 */
final class JsonOut {
    private final StringBuilder sb;
    /** True when the next value or key needs a comma before it. */
    private boolean comma;

    JsonOut(StringBuilder sb) {
        this.sb = sb;
    }

    JsonOut beginObject() {
        separate();
        sb.append('{');
        comma = false;
        return this;
    }

    JsonOut endObject() {
        sb.append('}');
        comma = true;
        return this;
    }

    JsonOut beginArray() {
        separate();
        sb.append('[');
        comma = false;
        return this;
    }

    JsonOut endArray() {
        sb.append(']');
        comma = true;
        return this;
    }

    JsonOut key(String key) {
        separate();
        string(sb, key);
        sb.append(':');
        comma = false;
        return this;
    }

    JsonOut value(String s) {
        separate();
        if (s == null) {
            sb.append("null");
        } else {
            string(sb, s);
        }
        comma = true;
        return this;
    }

    JsonOut value(double d) {
        separate();
        number(sb, d);
        comma = true;
        return this;
    }

    JsonOut value(boolean b) {
        separate();
        sb.append(b);
        comma = true;
        return this;
    }

    JsonOut field(String key, String value) {
        return key(key).value(value);
    }

    JsonOut field(String key, double value) {
        return key(key).value(value);
    }

    JsonOut field(String key, boolean value) {
        return key(key).value(value);
    }

    JsonOut numbers(double[] values) {
        beginArray();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            number(sb, values[i]);
        }
        return endArray();
    }

    /** 0, 1, ..., n-1 (category positions). */
    JsonOut indices(int n, int first) {
        beginArray();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(first + i);
        }
        return endArray();
    }

    JsonOut strings(String[] values) {
        beginArray();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (values[i] == null) {
                sb.append("null");
            } else {
                string(sb, values[i]);
            }
        }
        return endArray();
    }

    private void separate() {
        if (comma) {
            sb.append(',');
        }
    }

    static void number(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            sb.append("null");
            return;
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            sb.append((long) d);
            return;
        }
        float f = (float) d;
        double a = Math.abs(d);
        if (a >= Float.MIN_NORMAL && a <= Float.MAX_VALUE) {
            sb.append(f);
        } else {
            // outside float's normal range a float would lose the value altogether
            sb.append(d);
        }
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<' -> sb.append("\\u003c");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
