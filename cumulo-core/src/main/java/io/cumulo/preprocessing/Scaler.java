package io.cumulo.preprocessing;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.Estimator;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.param.ParamValues;

import java.util.List;
import java.util.Locale;

/**
 * A feature scaling to learn from data: an {@link Estimator} without parameters. Every scaler here is per-column
 * affine, {@code (x - center) / scale}, so all fit to a {@link ScalerModel}; columns whose spread is zero keep
 * scale 1 (and a warning).
 */
public interface Scaler extends Estimator<ScalerModel> {
    /** Names accepted by {@link #named(String)} and by {@code --scale}, in the order they are listed. */
    List<String> NAMES = List.of("standard", "minmax", "robust", "none");

    /** What it does, in one line (for {@code cumulo params} and the docs). */
    String description();

    /** Scalers have no parameters. */
    @Override
    default ParamValues params() {
        return NoParams.of(name());
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
