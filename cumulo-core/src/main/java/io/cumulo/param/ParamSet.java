package io.cumulo.param;

import io.cumulo.CumuloException;
import io.cumulo.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The ordered parameters of one estimator. */
public final class ParamSet {
    private final String owner;
    private final List<Param<?>> params;
    private final Map<String, Param<?>> byName = new LinkedHashMap<>();

    private ParamSet(String owner, List<Param<?>> params) {
        this.owner = owner;
        this.params = List.copyOf(params);
        for (Param<?> p : params) {
            if (byName.put(p.name(), p) != null) {
                throw new IllegalArgumentException(owner + ": duplicate parameter " + p.name());
            }
        }
    }

    /** {@code owner} is the estimator's registry name, used in messages ("unknown parameter 'x' for kmeans"). */
    public static ParamSet of(String owner, Param<?>... params) {
        return new ParamSet(owner, List.of(params));
    }

    public String owner() {
        return owner;
    }

    public List<Param<?>> params() {
        return params;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The parameter called {@code name}; an unknown name is a user error with a suggestion. */
    public Param<?> get(String name) {
        Param<?> p = byName.get(name);
        if (p == null) {
            String suggestion = closest(name);
            throw new CumuloException("unknown parameter '" + name + "' for " + owner
                    + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : "")
                    + "; known: " + String.join(", ", byName.keySet()));
        }
        return p;
    }

    private String closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : byName.keySet()) {
            int d = editDistance(name.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** Levenshtein distance, for did-you-mean suggestions. */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** A builder holding no values yet (defaults apply when read). */
    public ParamValues.Builder builder() {
        return new ParamValues.Builder(this);
    }

    /** Parses text values ({@code name → value}), as given with {@code --param}. */
    public ParamValues parse(Map<String, String> text) {
        ParamValues.Builder b = builder();
        for (Map.Entry<String, String> e : text.entrySet()) {
            b.setText(e.getKey(), e.getValue());
        }
        return b.build();
    }

    /** Reads the {@code params} object of a model file. Unknown names are an error: the file is not ours. */
    public ParamValues fromJson(JsonObject json) {
        ParamValues.Builder b = builder();
        for (Map.Entry<String, Object> e : json.asMap().entrySet()) {
            if (!byName.containsKey(e.getKey())) {
                throw new CumuloException("model parameters: unknown parameter '" + e.getKey() + "' for " + owner);
            }
            if (e.getValue() != null) {
                b.setJson(byName.get(e.getKey()), e.getValue(), "model parameters");
            }
        }
        return b.build();
    }

    /** A Markdown table of the parameters, as printed by {@code cumulo params} and kept in docs/cli.md. */
    public String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| parameter | accepted values | default | meaning |\n");
        sb.append("|---|---|---|---|\n");
        for (Param<?> p : params) {
            sb.append("| `").append(p.name()).append("` | ").append(p.expected().replace("|", "\\|"))
                    .append(" | ").append(p.defaultText().replace("|", "\\|"))
                    .append(" | ").append(p.description().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    /** Names in declaration order. */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(byName.keySet()));
    }
}
