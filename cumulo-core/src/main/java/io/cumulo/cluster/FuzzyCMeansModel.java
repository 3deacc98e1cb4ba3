package io.cumulo.cluster;

import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.param.ParamValues;

import io.cumulo.estimator.Iterative;
import io.cumulo.estimator.KeyFigure;
import io.cumulo.estimator.SoftAssignments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted fuzzy c-means ({@link FuzzyCMeans}): centres, the training rows' memberships, hard labels (the
 * highest membership, which is the nearest centre) and Bezdek's partition indices. Immutable.
 */
public final class FuzzyCMeansModel extends CentroidModel implements SoftAssignments, Iterative {
    private final double m;
    private final double[] memberships;
    private final double objective;
    private final int iterations;
    private final boolean converged;
    private final double partitionCoefficient;
    private final double partitionEntropy;
    private final double[] history;

    FuzzyCMeansModel(ParamValues params, double[] centres, int k, int d, int[] labels, double[] memberships,
                     double objective, int iterations, boolean converged, int[] sizes, double partitionCoefficient,
                     double partitionEntropy, double[] history) {
        super(FuzzyCMeans.NAME, params, d, k, labels, sizes, centres);
        this.m = params.get(FuzzyCMeans.M);
        this.memberships = memberships;
        this.objective = objective;
        this.iterations = iterations;
        this.converged = converged;
        this.partitionCoefficient = partitionCoefficient;
        this.partitionEntropy = partitionEntropy;
        this.history = history;
    }

    /** The fuzzifier m. */
    public double m() {
        return m;
    }

    /** The training rows' memberships, {@code n × k} row-major (a copy); {@code null} for a model read from a file. */
    @Override
    public double[] memberships() {
        return memberships == null ? null : memberships.clone();
    }

    /** {@code J_m = Σ_i w_i Σ_j u_ij^m ‖x_i − c_j‖²} at the final centres and memberships. */
    public double objective() {
        return objective;
    }

    /** J_m after each iteration (never increases). */
    public double[] objectiveHistory() {
        return history.clone();
    }

    @Override
    public int iterations() {
        return iterations;
    }

    @Override
    public boolean converged() {
        return converged;
    }

    /**
     * Bezdek's partition coefficient {@code (1/n) Σ_i Σ_j u_ij²} (weighted mean over rows with sample weights):
     * 1 for a hard partition, 1/k when every membership is 1/k.
     */
    public double partitionCoefficient() {
        return partitionCoefficient;
    }

    /**
     * Bezdek's partition entropy {@code −(1/n) Σ_i Σ_j u_ij ln u_ij} (natural log; weighted mean with sample
     * weights): 0 for a hard partition, ln k when every membership is 1/k.
     */
    public double partitionEntropy() {
        return partitionEntropy;
    }

    /** Label of each new row: its highest membership, which is its nearest centre (ties to the lower index). */
    @Override
    public int[] predict(Dataset data, ExecutionContext ctx) {
        requireFeatures(data);
        int n = data.rows();
        int[] out = new int[n];
        int k = numClusters();
        forRows(data, ctx, (i, dist) -> out[i] = FuzzyCMeans.nearest(dist, k));
        return out;
    }

    /** Memberships of new rows, {@code rows × k} row-major; each row sums to 1. */
    public double[] memberships(Dataset data) {
        return memberships(data, ExecutionContext.defaults());
    }

    /** As {@link #memberships(Dataset)}, on the context's threads. */
    @Override
    public double[] memberships(Dataset data, ExecutionContext ctx) {
        requireFeatures(data);
        int k = numClusters();
        double[] out = new double[data.rows() * k];
        double q = 1.0 / (m - 1);
        forRows(data, ctx, (i, dist) -> FuzzyCMeans.memberships(dist, k, q, out, i * k));
        return out;
    }

    private interface RowDistances {
        /** {@code dist}: the row's squared distances to the centres (a buffer reused for the next row). */
        void accept(int row, double[] dist);
    }

    /** Squared distances of each row to every centre, computed as in training, chunked over threads. */
    private void forRows(Dataset data, ExecutionContext ctx, RowDistances body) {
        int n = data.rows();
        int k = numClusters();
        int d = numFeatures();
        double[] centres = centreValues();
        double[] x = data.rawValues();
        VectorKernels kernels = VectorKernels.get();
        Chunks chunks = Chunks.of(n, 4096, 256);
        ctx.parallelFor(chunks.count(), c -> {
            double[] dist = new double[k];
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                for (int j = 0; j < k; j++) {
                    dist[j] = kernels.squaredDistance(x, i * d, centres, j * d, d);
                }
                body.accept(i, dist);
            }
        });
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("k", numClusters());
        s.put("cluster_sizes", clusterSizes());
        s.put("objective", objective);
        s.put("fuzzy_partition_coefficient", partitionCoefficient);
        s.put("fuzzy_partition_entropy", partitionEntropy);
        s.put("n_iter", iterations);
        s.put("converged", converged);
        return s;
    }

    @Override
    public List<KeyFigure> keyFigures() {
        return List.of(
                new KeyFigure("fuzzy_partition_coefficient", "fuzzy PC", partitionCoefficient,
                        "partition coefficient: 1 = hard, 1/k = all memberships equal"),
                new KeyFigure("fuzzy_partition_entropy", "fuzzy PE", partitionEntropy,
                        "partition entropy: 0 = hard, ln k = all memberships equal"));
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("centres", centres());
        return j;
    }

    /** Rebuilds a model from the {@code model} and {@code training} blocks of a model file. */
    public static FuzzyCMeansModel fromJson(ParamValues params, JsonObject model, JsonObject training, int features) {
        int k = params.require(FuzzyCMeans.K);
        double[] c = finiteMatrix(model, "centres", k, features);
        int[] sizes = training.has("cluster_sizes") ? training.getIntArray("cluster_sizes") : new int[k];
        double obj = training.has("objective") ? training.getDouble("objective") : Double.NaN;
        double pc = training.has("fuzzy_partition_coefficient") ? training.getDouble("fuzzy_partition_coefficient") : Double.NaN;
        double pe = training.has("fuzzy_partition_entropy") ? training.getDouble("fuzzy_partition_entropy") : Double.NaN;
        int iter = training.has("n_iter") ? training.getInt("n_iter") : 0;
        boolean conv = training.has("converged") && training.getBoolean("converged");
        return new FuzzyCMeansModel(params, c, k, features, null, null, obj, iter, conv, sizes, pc, pe, new double[0]);
    }
}
