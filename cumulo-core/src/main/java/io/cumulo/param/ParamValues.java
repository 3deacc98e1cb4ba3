package io.cumulo.param;

import io.cumulo.CumuloException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Validated values for the parameters of one {@link ParamSet}; immutable. */
public final class ParamValues {
    private final ParamSet set;
    private final Map<Param<?>, Object> values;

    private ParamValues(ParamSet set, Map<Param<?>, Object> values) {
        this.set = set;
        this.values = Map.copyOf(values);
    }

    public ParamSet paramSet() {
        return set;
    }

    /** The value given, else the default; {@code null} when neither exists. */
    public <T> T get(Param<T> p) {
        requireMember(p);
        Object v = values.get(p);
        return v != null ? p.type().cast(v) : p.defaultValue();
    }

    /** Whether a value was given explicitly (not the default). */
    public boolean isSet(Param<?> p) {
        requireMember(p);
        return values.containsKey(p);
    }

    /** The value, failing with a clear message when a required parameter was not given. */
    public <T> T require(Param<T> p) {
        T v = get(p);
        if (v == null) {
            throw new CumuloException("parameter '" + p.name() + "' is required for " + set.owner()
                    + " (" + p.description() + ")");
        }
        return v;
    }

    /** A copy with one value replaced. */
    public <T> ParamValues with(Param<T> p, T value) {
        requireMember(p);
        Map<Param<?>, Object> m = new LinkedHashMap<>(values);
        m.put(p, p.validate(value));
        return new ParamValues(set, m);
    }

    private void requireMember(Param<?> p) {
        if (!set.contains(p.name()) || set.get(p.name()) != p) {
            throw new IllegalArgumentException(p.name() + " is not a parameter of " + set.owner());
        }
    }

    /** Every parameter with its effective value, in declaration order (for model files and --json). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Param<?> p : set.params()) {
            Object v = get(p);
            if (v != null) {
                m.put(p.name(), v);
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamValues && ((ParamValues) o).set == set && ((ParamValues) o).toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return Objects.hash(set.owner(), toJson());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : toJson().entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(set.get(e.getKey()).format(e.getValue()));
        }
        return sb.toString();
    }

    /** Collects values one by one, validating each as it is set. */
    public static final class Builder {
        private final ParamSet set;
        private final Map<Param<?>, Object> values = new LinkedHashMap<>();

        Builder(ParamSet set) {
            this.set = set;
        }

        public <T> Builder set(Param<T> p, T value) {
            if (set.get(p.name()) != p) {
                throw new IllegalArgumentException(p.name() + " is not a parameter of " + set.owner());
            }
            values.put(p, p.validate(value));
            return this;
        }

        /** Sets from text, as typed on the command line. */
        public Builder setText(String name, String text) {
            Param<?> p = set.get(name);
            values.put(p, p.parse(text));
            return this;
        }

        Builder setJson(Param<?> p, Object json, String source) {
            Object v = p.fromJson(json, source);
            values.put(p, validateUnchecked(p, v));
            return this;
        }

        @SuppressWarnings("unchecked")
        private static <T> T validateUnchecked(Param<T> p, Object v) {
            return p.validate((T) v);
        }

        public ParamValues build() {
            return new ParamValues(set, values);
        }
    }
}
