package io.cumulo.decomposition;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.SymmetricEigen;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

/**
 * Principal component analysis by eigen-decomposition of the covariance matrix (Pearson 1901; Jolliffe,
 * Principal Component Analysis, 2002). Signs follow scikit-learn's {@code svd_flip}: each component is
 * oriented so that the projection (score) with the largest absolute value is positive.
 */
public final class PCA {
    public static final String NAME = "pca";
    public static final Param<Integer> N_COMPONENTS = Param.integer("n-components", "number of components kept")
            .atLeast(1).defaultValue(2);
    public static final ParamSet PARAMS = ParamSet.of(NAME, N_COMPONENTS);

    private final ParamValues params;

    private PCA(ParamValues params) {
        this.params = params;
    }

    public static PCA of(ParamValues values) {
        return new PCA(values);
    }

    public static PCA withComponents(int n) {
        return new PCA(PARAMS.builder().set(N_COMPONENTS, n).build());
    }

    public ParamValues params() {
        return params;
    }

    public PCAModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        int c = params.get(N_COMPONENTS);
        if (c > d) {
            throw new CumuloException("parameter 'n-components': " + c + " components asked but " + data.source()
                    + " has " + d + " features");
        }
        if (n < 2) {
            throw new CumuloException(data.source() + ": PCA needs at least 2 rows");
        }
        double[] x = data.rawValues();
        double[] mean = io.cumulo.linalg.ColumnStats.means(x, n, d);
        double[] cov = new double[d * d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < d; l++) {
                row[l] = x[i * d + l] - mean[l];
            }
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                for (int b = a; b < d; b++) {
                    cov[a * d + b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a * d + b] /= n - 1;
                cov[b * d + a] = cov[a * d + b];
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(cov, d);
        double[] values = eig.values();
        double[] vectors = eig.vectors();
        double total = 0;
        for (double v : values) {
            total += Math.max(v, 0);
        }
        double[] components = new double[c * d];
        double[] variance = new double[c];
        double[] ratio = new double[c];
        for (int j = 0; j < c; j++) {
            variance[j] = Math.max(values[j], 0);
            ratio[j] = total > 0 ? variance[j] / total : 0;
            for (int l = 0; l < d; l++) {
                components[j * d + l] = vectors[l * d + j];
            }
        }
        orientLikeSvdFlip(x, n, d, mean, components, c);
        return new PCAModel(params, mean, components, variance, ratio, c, d, data.columnNames());
    }

    /** Flips each component so that the score of largest magnitude is positive (scikit-learn's svd_flip). */
    private static void orientLikeSvdFlip(double[] x, int n, int d, double[] mean, double[] comp, int c) {
        for (int j = 0; j < c; j++) {
            double best = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    s += (x[i * d + l] - mean[l]) * comp[j * d + l];
                }
                if (Math.abs(s) > Math.abs(best)) {
                    best = s;
                }
            }
            if (best < 0) {
                for (int l = 0; l < d; l++) {
                    comp[j * d + l] = -comp[j * d + l];
                }
            }
        }
    }
}
