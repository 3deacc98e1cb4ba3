package io.cumulo.decomposition;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.param.ParamValues;

import java.util.List;

/**
 * Incremental PCA: principal components updated batch by batch, so the data never has to be in memory at once (Ross,
 * Lim, Lin &amp; Yang, "Incremental learning for robust visual tracking", IJCV 77, 2008, with the mean update of their
 * §3.1; the same update as scikit-learn's {@code IncrementalPCA}). After each batch the model keeps the {@code k}
 * leading right singular vectors {@code V} and singular values {@code S}; the next batch {@code X_b} (centred on its own
 * mean) is stacked under {@code S·V} together with one row {@code √(n·n_b/(n + n_b))·(mean − mean_b)} that accounts for
 * the shift of the mean, and the stack's thin SVD gives the new {@code V}, {@code S}. With one batch it is exact PCA;
 * with several it is exact when the data has rank ≤ k, else an approximation that depends on the batches.
 *
 * <p>The stack ({@code m = k + n_b + 1} rows) is decomposed through the eigen-decomposition of its smaller Gram matrix
 * ({@code m × m} or {@code d × d}, Jacobi or Householder + QR as in {@link PCA}). Signs as scikit-learn's {@code IncrementalPCA}
 * ({@code svd_flip} with {@code u_based_decision=False}): in each component the entry of largest absolute value is
 * positive. {@link #fit} splits the rows as scikit-learn does (batches of {@code batchSize}, default {@code 5·d}; a
 * remainder shorter than {@code k} joins the last batch), so the results compare.
 *
 * <p>Use: {@code IncrementalPCA.Fitter f = IncrementalPCA.of(k).start(features); f.partialFit(batch); ...;
 * f.model()}. A fitter is mutable and not thread-safe; the models it hands out are immutable.
 */
public final class IncrementalPCA {
    private final int k;
    private final Integer batchSize;
    private final boolean whiten;

    private IncrementalPCA(int k, Integer batchSize, boolean whiten) {
        if (k < 1) {
            throw new CumuloException("parameter 'n-components': expected a count >= 1, got " + k);
        }
        if (batchSize != null && batchSize < k) {
            throw new CumuloException("batch size: expected at least n-components = " + k + ", got " + batchSize);
        }
        this.k = k;
        this.batchSize = batchSize;
        this.whiten = whiten;
    }

    /** Keeps {@code k} components; batches of {@code 5·d} rows in {@link #fit}. */
    public static IncrementalPCA of(int k) {
        return new IncrementalPCA(k, null, false);
    }

    public IncrementalPCA batchSize(int rows) {
        return new IncrementalPCA(k, rows, whiten);
    }

    public IncrementalPCA whiten(boolean on) {
        return new IncrementalPCA(k, batchSize, on);
    }

    /** Fits on {@code data} batch by batch (the split documented above). */
    public PCAModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        int b = batchSize != null ? batchSize : 5 * d;
        Fitter f = start(data.columnNames());
        int start = 0;
        for (int t = 0; t < n / b; t++) {
            int end = start + b;
            if (end + k > n) {
                continue; // scikit-learn's gen_batches(min_batch_size=k): the remainder joins the last batch
            }
            f.partialFit(data.rawValues(), start, end, data.source());
            start = end;
        }
        if (start < n) {
            f.partialFit(data.rawValues(), start, n, data.source());
        }
        return f.model();
    }

    /** A fitter for data with these feature names. */
    public Fitter start(List<String> features) {
        return new Fitter(features);
    }

    /** The running state: mean, sum of squares about it, rows seen, the k leading {@code S·V} rows. */
    public final class Fitter {
        private final List<String> features;
        private final int d;
        private long seen;
        private double[] mean;
        private double[] m2;
        private double[] sv; // k × d: S_j · v_j
        private double[] components;
        private double[] variance;
        private double[] ratio;
        private double noise;

        private Fitter(List<String> features) {
            this.features = List.copyOf(features);
            this.d = features.size();
            this.mean = new double[d];
            this.m2 = new double[d];
        }

        /** Updates the components with the rows of {@code batch} (its columns the fitter's features, in order). */
        public void partialFit(Dataset batch) {
            if (batch.cols() != d) {
                throw new CumuloException(batch.source() + ": has " + batch.cols() + " features but the incremental PCA "
                        + "has " + d);
            }
            partialFit(batch.rawValues(), 0, batch.rows(), batch.source());
        }

        void partialFit(double[] x, int from, int to, String source) {
            int nb = to - from;
            if (nb < k && seen == 0) {
                throw new CumuloException(source + ": the first batch has " + nb + " rows; incremental PCA of " + k
                        + " components needs at least " + k);
            }
            if (k > d) {
                throw new CumuloException("parameter 'n-components': " + k + " components asked but " + source + " has "
                        + d + " features");
            }
            if (nb == 0) {
                return;
            }
            // batch mean and sum of squares about it (two passes), then Chan et al.'s pairwise merge
            double[] bm = new double[d];
            for (int i = from; i < to; i++) {
                for (int l = 0; l < d; l++) {
                    double v = x[i * d + l];
                    if (!Double.isFinite(v)) {
                        throw new CumuloException(source + ": PCA needs finite values, found " + v);
                    }
                    bm[l] += v;
                }
            }
            for (int l = 0; l < d; l++) {
                bm[l] /= nb;
            }
            int prior = seen == 0 ? 0 : k;
            int rows = prior + nb + (seen == 0 ? 0 : 1);
            double[] stack = new double[rows * d];
            if (prior > 0) {
                System.arraycopy(sv, 0, stack, 0, k * d);
            }
            double[] bm2 = new double[d];
            for (int i = from; i < to; i++) {
                int o = (prior + i - from) * d;
                for (int l = 0; l < d; l++) {
                    double c = x[i * d + l] - bm[l];
                    stack[o + l] = c;
                    bm2[l] += c * c;
                }
            }
            long total = seen + nb;
            double[] newMean = new double[d];
            double totalSs = 0;
            for (int l = 0; l < d; l++) {
                double delta = bm[l] - mean[l];
                newMean[l] = mean[l] + delta * nb / total;
                m2[l] = m2[l] + bm2[l] + delta * delta * ((double) seen * nb / total);
                totalSs += m2[l];
            }
            if (seen > 0) {
                double w = Math.sqrt((double) seen / total * nb);
                int o = (rows - 1) * d;
                for (int l = 0; l < d; l++) {
                    stack[o + l] = w * (mean[l] - bm[l]);
                }
            }
            mean = newMean;
            seen = total;
            decompose(stack, rows, totalSs, nb);
        }

        /** Thin SVD of the stack through the smaller Gram matrix: the k leading singular pairs. */
        private void decompose(double[] a, int rows, double totalSs, int batchRows) {
            boolean wide = rows < d;
            int m = wide ? rows : d;
            double[] g = new double[m * m];
            double frob = 0;
            for (int p = 0; p < m; p++) {
                for (int q = p; q < m; q++) {
                    double s = 0;
                    if (wide) {
                        for (int l = 0; l < d; l++) {
                            s += a[p * d + l] * a[q * d + l];
                        }
                    } else {
                        for (int r = 0; r < rows; r++) {
                            s += a[r * d + p] * a[r * d + q];
                        }
                    }
                    g[p * m + q] = s;
                    g[q * m + p] = s;
                }
                frob += g[p * m + p];
            }
            double[][] eig = PCA.eigen(g, m, ExecutionContext.singleThreaded());
            double[] lambda = eig[0];
            double[] vec = eig[1];
            int most = Math.min(rows, d);
            int kk = Math.min(k, most);
            double[] comp = new double[k * d];
            double[] s2 = new double[k];
            double tiny = 1e-12 * Math.max(lambda[0], 0);
            for (int j = 0; j < kk; j++) {
                s2[j] = Math.max(lambda[j], 0);
                if (!wide) {
                    for (int l = 0; l < d; l++) {
                        comp[j * d + l] = vec[l * m + j];
                    }
                } else if (s2[j] > tiny) {
                    double inv = 1 / Math.sqrt(s2[j]);
                    for (int r = 0; r < rows; r++) {
                        double w = vec[r * m + j] * inv;
                        for (int l = 0; l < d; l++) {
                            comp[j * d + l] += w * a[r * d + l];
                        }
                    }
                } else {
                    PCA.completeOrthonormal(comp, j, d);
                }
                // scikit-learn's IncrementalPCA: svd_flip(u_based_decision=False), largest |entry| of v_j positive
                int arg = 0;
                for (int l = 1; l < d; l++) {
                    if (Math.abs(comp[j * d + l]) > Math.abs(comp[j * d + arg])) {
                        arg = l;
                    }
                }
                if (comp[j * d + arg] < 0) {
                    for (int l = 0; l < d; l++) {
                        comp[j * d + l] = -comp[j * d + l];
                    }
                }
            }
            double[] next = new double[k * d];
            double kept = 0;
            for (int j = 0; j < k; j++) {
                double s = Math.sqrt(s2[j]);
                kept += s2[j];
                for (int l = 0; l < d; l++) {
                    next[j * d + l] = s * comp[j * d + l];
                }
            }
            sv = next;
            components = comp;
            variance = new double[k];
            ratio = new double[k];
            for (int j = 0; j < k; j++) {
                variance[j] = s2[j] / (seen - 1);
                ratio[j] = totalSs > 0 ? s2[j] / totalSs : 0;
            }
            // scikit-learn: the mean of the discarded squared singular values of this stack over n − 1; 0 when k equals
            // the batch's rows or the features
            noise = k < most && k != batchRows && k != d ? Math.max(frob - kept, 0) / (most - k) / (seen - 1) : 0;
        }

        public long rowsSeen() {
            return seen;
        }

        /** The components so far. */
        public PCAModel model() {
            if (seen < 2) {
                throw new CumuloException("incremental PCA: needs at least 2 rows before a model exists, has " + seen);
            }
            double total = 0;
            for (double v : m2) {
                total += v;
            }
            if (!(total > 0)) {
                throw new CumuloException("incremental PCA: every column is constant; PCA needs data that varies");
            }
            ParamValues params = PCA.withComponents(k).whiten(whiten).params();
            return new PCAModel(params, mean.clone(), components.clone(), variance.clone(), ratio.clone(), noise,
                    total / (seen - 1), (int) Math.min(seen, Integer.MAX_VALUE), k, d, features);
        }
    }

    @Override
    public String toString() {
        return "IncrementalPCA[k=" + k + (batchSize != null ? ", batch " + batchSize : "") + "]";
    }
}
