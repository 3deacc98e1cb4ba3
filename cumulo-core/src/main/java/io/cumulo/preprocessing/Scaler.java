package io.cumulo.preprocessing;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

import java.util.List;
import java.util.Locale;

/**
 * A feature scaling to learn from data. Every scaler here is per-column affine, {@code (x - center) / scale},
 * so all fit to a {@link ScalerModel}; columns whose spread is zero keep scale 1 (and a warning).
 */
public interface Scaler {
    /** Names accepted by {@link #named(String)} and by {@code --scale}. */
    List<String> NAMES = List.of("standard", "minmax", "robust", "none");

    /** The name used by {@code --scale} and in model files. */
    String name();

    ScalerModel fit(Dataset data, ExecutionContext ctx);

    default ScalerModel fit(Dataset data) {
        return fit(data, ExecutionContext.defaults());
    }

    static Scaler named(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "standard":
                return new StandardScaler();
            case "minmax":
                return new MinMaxScaler();
            case "robust":
                return new RobustScaler();
            case "none":
                return new NoScaling();
            default:
                throw new CumuloException("--scale: expected one of " + String.join(", ", NAMES) + ", got '" + name + "'");
        }
    }

    /** Scales of (near) zero become 1, as scikit-learn does, and the columns are named in a warning. */
    static void fixZeroScales(String scaler, double[] scale, Dataset data, ExecutionContext ctx) {
        StringBuilder constant = new StringBuilder();
        int count = 0;
        for (int j = 0; j < scale.length; j++) {
            if (!(scale[j] > 10 * Math.ulp(1.0))) {
                scale[j] = 1.0;
                if (count < 5) {
                    constant.append(count == 0 ? "" : ", ").append(data.columnName(j));
                }
                count++;
            }
        }
        if (count > 0) {
            ctx.warn(data.source() + ": " + count + " column(s) have no spread (" + constant + (count > 5 ? ", ..." : "")
                    + "); " + scaler + " scaling leaves them unscaled, and they carry no information for clustering");
        }
    }
}
