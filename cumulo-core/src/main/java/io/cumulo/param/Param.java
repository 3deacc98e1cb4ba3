package io.cumulo.param;

import io.cumulo.CumuloException;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One parameter of an estimator, described once: its name (as typed after {@code --param} and in the model
 * file), type, default, allowed range and a one-line description. The Java builders, the CLI's
 * {@code --param name=value}, {@code cumulo params} and docs/cli.md all read this same description.
 *
 * <p>Instances are immutable; the refining methods ({@link #atLeast}, {@link #defaultValue}, ...) return
 * new instances, so a parameter is declared in one expression as a {@code static final} field.
 *
 * @param <T> Java type of the value: Integer, Long, Double, Boolean or String
 */
public final class Param<T> {

    /** The value types a parameter can have. */
    public enum Kind { INTEGER, LONG, REAL, BOOLEAN, CHOICE, TEXT }

    private final String name;
    private final String description;
    private final Kind kind;
    private final Class<T> type;
    private final T defaultValue;
    private final String defaultDescription;
    private final Double min;
    private final boolean minExclusive;
    private final Double max;
    private final boolean maxExclusive;
    private final List<String> choices;
    private final String textHint;

    private Param(String name, String description, Kind kind, Class<T> type, T defaultValue, String defaultDescription,
                  Double min, boolean minExclusive, Double max, boolean maxExclusive, List<String> choices,
                  String textHint) {
        if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9+]+)*")) {
            throw new IllegalArgumentException("parameter names are kebab-case: " + name);
        }
        this.name = name;
        this.description = description;
        this.kind = kind;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultDescription = defaultDescription;
        this.min = min;
        this.minExclusive = minExclusive;
        this.max = max;
        this.maxExclusive = maxExclusive;
        this.choices = choices;
        this.textHint = textHint;
    }

    public static Param<Integer> integer(String name, String description) {
        return new Param<>(name, description, Kind.INTEGER, Integer.class, null, null, null, false, null, false, null, null);
    }

    public static Param<Long> longInteger(String name, String description) {
        return new Param<>(name, description, Kind.LONG, Long.class, null, null, null, false, null, false, null, null);
    }

    public static Param<Double> real(String name, String description) {
        return new Param<>(name, description, Kind.REAL, Double.class, null, null, null, false, null, false, null, null);
    }

    public static Param<Boolean> bool(String name, String description) {
        return new Param<>(name, description, Kind.BOOLEAN, Boolean.class, null, null, null, false, null, false, null, null);
    }

    /** A value from a fixed list. */
    public static Param<String> choice(String name, String description, String... choices) {
        return new Param<>(name, description, Kind.CHOICE, String.class, null, null, null, false, null, false,
                List.of(choices), null);
    }

    /**
     * Free text (a keyword or a file name); {@code hint} says what is accepted, e.g. "k-means++, random or a
     * file of centres".
     */
    public static Param<String> text(String name, String description, String hint) {
        return new Param<>(name, description, Kind.TEXT, String.class, null, null, null, false, null, false, null, hint);
    }

    public Param<T> defaultValue(T value) {
        Param<T> p = new Param<>(name, description, kind, type, value, defaultDescription, min, minExclusive, max,
                maxExclusive, choices, textHint);
        p.validate(value);
        return p;
    }

    /** For defaults that depend on other parameters or on the data: no value, only words for the docs. */
    public Param<T> defaultDescribedAs(String words) {
        return new Param<>(name, description, kind, type, defaultValue, words, min, minExclusive, max, maxExclusive,
                choices, textHint);
    }

    public Param<T> atLeast(double bound) {
        return new Param<>(name, description, kind, type, defaultValue, defaultDescription, bound, false, max,
                maxExclusive, choices, textHint);
    }

    public Param<T> greaterThan(double bound) {
        return new Param<>(name, description, kind, type, defaultValue, defaultDescription, bound, true, max,
                maxExclusive, choices, textHint);
    }

    public Param<T> atMost(double bound) {
        return new Param<>(name, description, kind, type, defaultValue, defaultDescription, min, minExclusive, bound,
                false, choices, textHint);
    }

    public Param<T> lessThan(double bound) {
        return new Param<>(name, description, kind, type, defaultValue, defaultDescription, min, minExclusive, bound,
                true, choices, textHint);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Kind kind() {
        return kind;
    }

    public Class<T> type() {
        return type;
    }

    /** The default, or {@code null} when the parameter is required or its default depends on context. */
    public T defaultValue() {
        return defaultValue;
    }

    public boolean hasDefault() {
        return defaultValue != null;
    }

    /** Whether a value must be given (no default and no described default). */
    public boolean isRequired() {
        return defaultValue == null && defaultDescription == null;
    }

    public List<String> choices() {
        return choices == null ? List.of() : choices;
    }

    public Double min() {
        return min;
    }

    public Double max() {
        return max;
    }

    /**
     * The whole description as JSON, for forms built from it (the dashboard): {@code name}, {@code kind}
     * (integer, long, real, boolean, choice, text), {@code description}, {@code default} (the value, or null),
     * {@code default_text}, {@code expected}, and where they apply {@code min}/{@code min_exclusive},
     * {@code max}/{@code max_exclusive}, {@code choices}, {@code hint}.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("kind", kind.name().toLowerCase(Locale.ROOT));
        m.put("description", description);
        m.put("default", defaultValue);
        m.put("default_text", defaultText());
        m.put("expected", expected());
        if (min != null) {
            m.put("min", min);
            m.put("min_exclusive", minExclusive);
        }
        if (max != null) {
            m.put("max", max);
            m.put("max_exclusive", maxExclusive);
        }
        if (choices != null) {
            m.put("choices", choices);
        }
        if (textHint != null) {
            m.put("hint", textHint);
        }
        return m;
    }

    /** The default as shown to people. */
    public String defaultText() {
        if (defaultValue != null) {
            return format(defaultValue);
        }
        return defaultDescription == null ? "(required)" : defaultDescription;
    }

    /** What values are accepted, in words: "an integer ≥ 1", "a number in (0, 1]", "one of lloyd, elkan". */
    public String expected() {
        switch (kind) {
            case INTEGER:
            case LONG:
                return "an integer" + rangeText();
            case REAL:
                return "a number" + rangeText();
            case BOOLEAN:
                return "true or false";
            case CHOICE:
                return "one of " + String.join(", ", choices);
            default:
                return textHint == null ? "text" : textHint;
        }
    }

    private String rangeText() {
        if (min != null && max != null) {
            return " in " + (minExclusive ? "(" : "[") + num(min) + ", " + num(max) + (maxExclusive ? ")" : "]");
        }
        if (min != null) {
            return (minExclusive ? " > " : " ≥ ") + num(min);
        }
        if (max != null) {
            return (maxExclusive ? " < " : " ≤ ") + num(max);
        }
        return "";
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private CumuloException invalid(String given) {
        return new CumuloException("parameter '" + name + "': expected " + expected() + ", got '" + given + "'");
    }

    /** Parses the text form ({@code --param name=value}); throws a {@link CumuloException} naming the parameter. */
    public T parse(String text) {
        String t = text.trim();
        Object v;
        try {
            switch (kind) {
                case INTEGER:
                    v = Integer.valueOf(t.replace("_", ""));
                    break;
                case LONG:
                    v = Long.valueOf(t.replace("_", ""));
                    break;
                case REAL:
                    double d = Double.parseDouble(t);
                    if (!Double.isFinite(d) || t.endsWith("d") || t.endsWith("D") || t.endsWith("f") || t.endsWith("F")) {
                        throw invalid(text);
                    }
                    v = d;
                    break;
                case BOOLEAN:
                    String l = t.toLowerCase(Locale.ROOT);
                    if (l.equals("true") || l.equals("yes") || l.equals("1")) {
                        v = Boolean.TRUE;
                    } else if (l.equals("false") || l.equals("no") || l.equals("0")) {
                        v = Boolean.FALSE;
                    } else {
                        throw invalid(text);
                    }
                    break;
                case CHOICE:
                    String c = t.toLowerCase(Locale.ROOT);
                    if (!choices.contains(c)) {
                        throw invalid(text);
                    }
                    v = c;
                    break;
                default:
                    if (t.isEmpty()) {
                        throw invalid(text);
                    }
                    v = t;
            }
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        T value = type.cast(v);
        validate(value);
        return value;
    }

    /** Checks a value against the declared range or choices; returns it. */
    public T validate(T value) {
        Objects.requireNonNull(value, name);
        if (min != null || max != null) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)
                    || (min != null && (minExclusive ? d <= min : d < min))
                    || (max != null && (maxExclusive ? d >= max : d > max))) {
                throw invalid(format(value));
            }
        }
        if (kind == Kind.REAL && !Double.isFinite((Double) value)) {
            throw invalid(format(value));
        }
        if (kind == Kind.CHOICE && !choices.contains(value)) {
            throw invalid(format(value));
        }
        return value;
    }

    /** The value as text, the inverse of {@link #parse}. */
    public String format(Object value) {
        if (value instanceof Double) {
            double d = (Double) value;
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            // plain digits where that reads better (0.0001 rather than 1.0E-4); exact either way
            double a = Math.abs(d);
            return a >= 1e-6 && a < 1e9 ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                    : Double.toString(d);
        }
        return String.valueOf(value);
    }

    /** Converts a value read from JSON (Long/Double/Boolean/String) to this parameter's type. */
    T fromJson(Object json, String source) {
        try {
            switch (kind) {
                case INTEGER:
                    if (json instanceof Number && ((Number) json).doubleValue() == Math.rint(((Number) json).doubleValue())) {
                        return type.cast(Math.toIntExact(((Number) json).longValue()));
                    }
                    break;
                case LONG:
                    if (json instanceof Long) {
                        return type.cast(json);
                    }
                    break;
                case REAL:
                    if (json instanceof Number) {
                        return type.cast(((Number) json).doubleValue());
                    }
                    break;
                case BOOLEAN:
                    if (json instanceof Boolean) {
                        return type.cast(json);
                    }
                    break;
                default:
                    if (json instanceof String) {
                        return type.cast(json);
                    }
            }
        } catch (ArithmeticException e) {
            // fall through to the error below
        }
        throw new CumuloException(source + ": parameter '" + name + "' should be " + expected() + ", found " + json);
    }

    @Override
    public String toString() {
        return name;
    }
}
