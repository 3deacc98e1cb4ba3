package io.cumulo.cluster.density;

import io.cumulo.CumuloException;
import io.cumulo.cluster.AbstractClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.CoreSamples;
import io.cumulo.estimator.Noise;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.NeighborIndex;
import io.cumulo.param.ParamValues;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted {@link DBSCAN}: the training labels ({@code -1} noise), the core rows (their indices, values and clusters:
 * all {@code predict} needs), the noise count. Immutable.
 *
 * <p><b>predict</b>: a new row joins the cluster of its nearest core row when that row is within {@code eps} (the
 * comparison the fit made: for Euclidean, squared distance against {@code eps²}), else it is noise; equally near core
 * rows: the lowest training row wins. The search runs on a {@link NeighborIndex} over the core rows.
 */
public final class DBSCANModel extends AbstractClusteringModel implements CoreSamples, Noise {
    private final Distance metric;
    private final double eps;
    private final int trainingRows;
    private final int noise;
    private final int[] coreIndices;
    /** The core rows, row-major, in ascending training row order. */
    private final double[] coreRows;
    private final int[] coreLabels;

    private DBSCANModel(ParamValues params, int d, int k, int[] labels, int[] sizes, int trainingRows, int noise,
                        int[] coreIndices, double[] coreRows, int[] coreLabels) {
        super(DBSCAN.NAME, params, d, k, labels, sizes);
        this.metric = Distance.parse(params.get(DBSCAN.METRIC));
        this.eps = params.get(DBSCAN.EPS);
        this.trainingRows = trainingRows;
        this.noise = noise;
        this.coreIndices = coreIndices;
        this.coreRows = coreRows;
        this.coreLabels = coreLabels;
    }

    static DBSCANModel fitted(ParamValues params, double[] x, int d, int[] labels, boolean[] core, int k) {
        int n = labels.length;
        int m = 0;
        for (boolean c : core) {
            m += c ? 1 : 0;
        }
        int[] idx = new int[m];
        int t = 0;
        for (int i = 0; i < n; i++) {
            if (core[i]) {
                idx[t++] = i;
            }
        }
        int[] coreLabels = new int[m];
        for (int j = 0; j < m; j++) {
            coreLabels[j] = labels[idx[j]];
        }
        return new DBSCANModel(params, d, k, labels, DensitySupport.sizes(labels, k), n, DensitySupport.noise(labels),
                idx, DensitySupport.gather(x, d, idx), coreLabels);
    }

    @Override
    public Distance distance() {
        return metric;
    }

    public double eps() {
        return eps;
    }

    @Override
    public int[] coreSampleIndices() {
        return coreIndices.clone();
    }

    /** The core rows, one per line, in the order of {@link #coreSampleIndices()} (scikit-learn's {@code components_}). */
    public double[][] coreSamples() {
        return DensitySupport.rows(coreRows, coreIndices.length, numFeatures());
    }

    @Override
    public int noiseCount() {
        return noise;
    }

    @Override
    public int trainingRows() {
        return trainingRows;
    }

    @Override
    public int[] predict(Dataset data, ExecutionContext ctx) {
        requireFeatures(data);
        int rows = data.rows();
        int[] out = new int[rows];
        Arrays.fill(out, -1);
        int m = coreIndices.length;
        if (m == 0 || rows == 0) {
            return out;
        }
        int d = numFeatures();
        double[] q = data.rawValues();
        if (metric == Distance.COSINE) {
            metric.requireDefined(data);
        }
        NeighborIndex idx = NeighborIndex.build(coreRows, m, d, metric, NeighborIndex.Kind.AUTO, ctx);
        double limit = metric.toRanking(eps);
        Chunks chunks = Chunks.of(rows, 256, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            int[] r = new int[1];
            double[] s = new double[1];
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                idx.nearest(q, i * d, 1, r, s);
                // "within eps" as the fit compared it
                if (metric.rankingBetween(q, i * d, coreRows, r[0] * d, d) <= limit) {
                    out[i] = coreLabels[r[0]];
                }
            }
        });
        return out;
    }

    private double noiseFraction() {
        return trainingRows == 0 ? 0 : (double) noise / trainingRows;
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", numClusters());
        m.put("cluster_sizes", clusterSizes());
        m.put("n_core_samples", coreIndices.length);
        m.put("n_noise", noise);
        m.put("noise_fraction", noiseFraction());
        return m;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", numClusters());
        m.put("cluster_sizes", clusterSizes());
        m.put("n_training_rows", trainingRows);
        m.put("n_noise", noise);
        m.put("core_sample_indices", coreIndices);
        m.put("core_sample_labels", coreLabels);
        m.put("core_samples", coreSamples());
        return m;
    }

    /** Rebuilds a model from the {@code model} block of a model file, every part checked. */
    public static DBSCANModel fromJson(ParamValues params, JsonObject model, JsonObject training, int features) {
        DBSCAN.of(params);
        int k = model.getInt("k");
        int n = model.getInt("n_training_rows");
        if (k < 0 || n < 1) {
            throw new CumuloException("model: 'k' must be ≥ 0 and 'n_training_rows' ≥ 1");
        }
        int[] sizes = DensitySupport.intsIn(model, "cluster_sizes", k, 1, n + 1);
        int noise = model.getInt("n_noise");
        if (noise < 0 || noise + Arrays.stream(sizes).asLongStream().sum() != n) {
            throw new CumuloException("model: 'cluster_sizes' and 'n_noise' must add up to 'n_training_rows' (" + n + ")");
        }
        int[] idx = DensitySupport.intsIn(model, "core_sample_indices", -1, 0, n);
        for (int i = 1; i < idx.length; i++) {
            if (idx[i] <= idx[i - 1]) {
                throw new CumuloException("model: 'core_sample_indices' must be ascending");
            }
        }
        if (k == 0 && idx.length > 0) {
            throw new CumuloException("model: core samples but no cluster ('k' is 0)");
        }
        int[] coreLabels = DensitySupport.intsIn(model, "core_sample_labels", idx.length, 0, Math.max(k, 1));
        double[] rows = DensitySupport.finiteMatrix(model, "core_samples", idx.length, features);
        return new DBSCANModel(params, features, k, null, sizes, n, noise, idx, rows, coreLabels);
    }
}
