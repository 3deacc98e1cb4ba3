package io.cumulo.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer, enough for model files and {@code --json} output, so the core needs no
 * JSON library.
 *
 * <p>Values map to Java as: object → {@code Map<String, Object>} (insertion ordered), array →
 * {@code List<Object>}, string → {@code String}, number → {@code Long} when integral and in range, otherwise
 * {@code Double}, {@code true/false} → {@code Boolean}, {@code null} → {@code null}. The writer also takes
 * {@code int[]}, {@code long[]}, {@code double[]}, {@code double[][]}, {@code String[]} and any {@code Number}.
 * Non-finite doubles are written as {@code null} (JSON has no NaN); finite doubles round-trip exactly.
 */
public final class Json {
    private Json() {
    }

    /** Compact JSON on one line. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        writeValue(sb, value, -1, 0);
        return sb.toString();
    }

    /** Indented JSON; arrays of numbers stay on one line so matrices remain readable. */
    public static String writePretty(Object value) {
        StringBuilder sb = new StringBuilder();
        writeValue(sb, value, 2, 0);
        sb.append('\n');
        return sb.toString();
    }

    private static void newline(StringBuilder sb, int indent, int depth) {
        if (indent >= 0) {
            sb.append('\n');
            for (int i = 0; i < indent * depth; i++) {
                sb.append(' ');
            }
        }
    }

    private static void writeValue(StringBuilder sb, Object v, int indent, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String) {
            writeString(sb, (String) v);
        } else if (v instanceof Boolean) {
            sb.append(v.toString());
        } else if (v instanceof Double || v instanceof Float) {
            writeDouble(sb, ((Number) v).doubleValue());
        } else if (v instanceof Number) {
            sb.append(((Number) v).longValue());
        } else if (v instanceof Enum<?>) {
            writeString(sb, v.toString());
        } else if (v instanceof Map<?, ?>) {
            Map<?, ?> m = (Map<?, ?>) v;
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                newline(sb, indent, depth + 1);
                writeString(sb, String.valueOf(e.getKey()));
                sb.append(indent >= 0 ? ": " : ":");
                writeValue(sb, e.getValue(), indent, depth + 1);
            }
            newline(sb, indent, depth);
            sb.append('}');
        } else if (v instanceof double[]) {
            double[] a = (double[]) v;
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    sb.append(indent >= 0 ? ", " : ",");
                }
                writeDouble(sb, a[i]);
            }
            sb.append(']');
        } else if (v instanceof int[]) {
            int[] a = (int[]) v;
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    sb.append(indent >= 0 ? ", " : ",");
                }
                sb.append(a[i]);
            }
            sb.append(']');
        } else if (v instanceof long[]) {
            long[] a = (long[]) v;
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    sb.append(indent >= 0 ? ", " : ",");
                }
                sb.append(a[i]);
            }
            sb.append(']');
        } else if (v instanceof Object[]) {
            writeList(sb, Arrays.asList((Object[]) v), indent, depth);
        } else if (v instanceof Iterable<?>) {
            List<Object> list = new ArrayList<>();
            for (Object o : (Iterable<?>) v) {
                list.add(o);
            }
            writeList(sb, list, indent, depth);
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    private static void writeList(StringBuilder sb, List<?> list, int indent, int depth) {
        if (list.isEmpty()) {
            sb.append("[]");
            return;
        }
        boolean scalars = true;
        for (Object o : list) {
            if (o instanceof Map<?, ?> || o instanceof Iterable<?> || o instanceof Object[]
                    || o instanceof double[] || o instanceof int[] || o instanceof long[]) {
                scalars = false;
                break;
            }
        }
        sb.append('[');
        boolean first = true;
        for (Object o : list) {
            if (!first) {
                sb.append(indent >= 0 && scalars ? ", " : ",");
            }
            first = false;
            if (!scalars) {
                newline(sb, indent, depth + 1);
            }
            writeValue(sb, o, indent, depth + 1);
        }
        if (!scalars) {
            newline(sb, indent, depth);
        }
        sb.append(']');
    }

    private static void writeDouble(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            sb.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            // integral values print without exponent: 3.0 rather than 3.0E0, and 150.0 not 1.5E2
            sb.append((long) d).append(".0");
        } else {
            sb.append(Double.toString(d));
        }
    }

    private static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /**
     * Parses one JSON value.
     *
     * @throws JsonException with the character offset and what was expected, when the text is not JSON
     */
    public static Object parse(String text) {
        Parser p = new Parser(text);
        p.skipWs();
        Object v = p.value();
        p.skipWs();
        if (p.pos != text.length()) {
            throw p.error("end of input");
        }
        return v;
    }

    /** Thrown when text is not valid JSON. */
    public static final class JsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        JsonException(String message, int line) {
            super(message);
            this.line = line;
        }

        /** 1-based line of the error. */
        public int line() {
            return line;
        }
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        JsonException error(String expected) {
            int line = 1;
            for (int i = 0; i < Math.min(pos, s.length()); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                }
            }
            String found = pos >= s.length() ? "end of input" : "'" + s.charAt(pos) + "'";
            return new JsonException("invalid JSON at line " + line + ": expected " + expected + ", found " + found, line);
        }

        void skipWs() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        Object value() {
            if (pos >= s.length()) {
                throw error("a value");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("a value");
            }
        }

        Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) {
                throw error("'" + word + "'");
            }
            pos += word.length();
            return v;
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            skipWs();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return m;
            }
            while (true) {
                skipWs();
                if (pos >= s.length() || s.charAt(pos) != '"') {
                    throw error("a field name in double quotes");
                }
                String key = string();
                skipWs();
                if (pos >= s.length() || s.charAt(pos) != ':') {
                    throw error("':'");
                }
                pos++;
                skipWs();
                m.put(key, value());
                skipWs();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos < s.length() && s.charAt(pos) == '}') {
                    pos++;
                    return m;
                } else {
                    throw error("',' or '}'");
                }
            }
        }

        List<Object> array() {
            List<Object> list = new ArrayList<>();
            pos++;
            skipWs();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipWs();
                list.add(value());
                skipWs();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos < s.length() && s.charAt(pos) == ']') {
                    pos++;
                    return list;
                } else {
                    throw error("',' or ']'");
                }
            }
        }

        String string() {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("closing '\"'");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        throw error("an escape");
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case '"': sb.append('"'); break;
                        case '\\': sb.append('\\'); break;
                        case '/': sb.append('/'); break;
                        case 'b': sb.append('\b'); break;
                        case 'f': sb.append('\f'); break;
                        case 'n': sb.append('\n'); break;
                        case 'r': sb.append('\r'); break;
                        case 't': sb.append('\t'); break;
                        case 'u':
                            if (pos + 4 > s.length()) {
                                throw error("4 hex digits");
                            }
                            try {
                                sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw error("4 hex digits");
                            }
                            pos += 4;
                            break;
                        default:
                            pos--;
                            throw error("a valid escape");
                    }
                } else if (c < 0x20) {
                    pos--;
                    throw error("no control characters in strings");
                } else {
                    sb.append(c);
                }
            }
        }

        Object number() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            int digits = digits();
            if (digits == 0) {
                throw error("a digit");
            }
            boolean integral = true;
            if (pos < s.length() && s.charAt(pos) == '.') {
                integral = false;
                pos++;
                if (digits() == 0) {
                    throw error("a digit after '.'");
                }
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                integral = false;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (digits() == 0) {
                    throw error("a digit in the exponent");
                }
            }
            String text = s.substring(start, pos);
            if (integral && text.length() <= 18) {
                return Long.parseLong(text);
            }
            return Double.parseDouble(text);
        }

        int digits() {
            int n = 0;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
                n++;
            }
            return n;
        }
    }
}
