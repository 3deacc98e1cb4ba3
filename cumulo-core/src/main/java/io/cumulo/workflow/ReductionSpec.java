package io.cumulo.workflow;

import io.cumulo.CumuloException;
import io.cumulo.model.Registry;
import io.cumulo.param.ParamValues;

import java.util.Map;

/**
 * A reduction to fit: the method and its parameter values, from the generic options every front offers (a number of
 * components, or for PCA a variance fraction, beside method parameters) or from the short form
 * {@code METHOD[:N]} of {@code cumulo cluster --reduce}.
 */
public record ReductionSpec(Registry.Entry<?> method, ParamValues params) {
    /** From the generic options (each may be null); errors name the option. */
    public static ReductionSpec of(String method, Map<String, String> params, Integer components, Double variance) {
        Registry.Entry<?> m = Registry.reduction(method);
        return new ReductionSpec(m, m.configure(params, components, variance));
    }

    /**
     * {@code METHOD[:N]}: N a component count (an integer) or, for PCA, a variance fraction (a number in (0, 1)), as
     * {@code --reduce} takes it (pca:0.95, pca:10, umap:2).
     */
    public static ReductionSpec parse(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        Registry.Entry<?> m;
        try {
            m = Registry.reduction(colon < 0 ? t : t.substring(0, colon));
        } catch (CumuloException e) {
            throw new CumuloException("--reduce: expected METHOD[:N] with METHOD one of "
                    + String.join(", ", Registry.names(Registry.Kind.REDUCTION)) + " (e.g. pca:0.95, pca:10, umap:2), got '"
                    + text + "'");
        }
        Integer components = null;
        Double variance = null;
        if (colon >= 0) {
            String n = t.substring(colon + 1).trim();
            try {
                if (n.matches("\\d+")) {
                    components = Integer.parseInt(n);
                } else {
                    double f = Double.parseDouble(n);
                    if (!(f > 0 && f < 1)) {
                        throw new NumberFormatException();
                    }
                    variance = f;
                }
            } catch (NumberFormatException e) {
                throw new CumuloException("--reduce: after '" + m.name() + ":' expected a component count (e.g. 10) or a "
                        + "variance fraction in (0, 1) (e.g. 0.95), got '" + n + "'");
            }
        }
        return new ReductionSpec(m, m.configure(null, components, variance));
    }
}
