package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.param.ParamValues;

import java.util.LinkedHashMap;
import java.util.Map;

/** A fitted k-means: centres, training labels and statistics. Immutable. */
public final class KMeansModel implements ClusteringModel {
    private final ParamValues params;
    private final double[] centres;
    private final int k;
    private final int d;
    private final int[] labels;
    private final double inertia;
    private final int iterations;
    private final boolean converged;
    private final int[] sizes;
    private final double[] restartInertia;
    private final int bestRestart;
    private final CentreTable table;

    KMeansModel(ParamValues params, double[] centres, int k, int d, int[] labels, double inertia, int iterations,
                boolean converged, int[] sizes, double[] restartInertia, int bestRestart) {
        this.params = params;
        this.centres = centres.clone();
        this.k = k;
        this.d = d;
        this.labels = labels;
        this.inertia = inertia;
        this.iterations = iterations;
        this.converged = converged;
        this.sizes = sizes;
        this.restartInertia = restartInertia;
        this.bestRestart = bestRestart;
        this.table = new CentreTable(this.centres, k, d, VectorKernels.get());
    }

    @Override
    public String algorithm() {
        return KMeans.NAME;
    }

    @Override
    public ParamValues params() {
        return params;
    }

    @Override
    public int numFeatures() {
        return d;
    }

    @Override
    public int numClusters() {
        return k;
    }

    /** Centres, one row each (a copy). */
    public double[][] centres() {
        return ModelSupport.rows(centres, k, d);
    }

    /** Centres row-major (a copy). */
    public double[] centresFlat() {
        return centres.clone();
    }

    @Override
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** Weighted sum of squared distances of the training rows to their centres. */
    public double inertia() {
        return inertia;
    }

    /** Lloyd iterations of the best restart. */
    public int iterations() {
        return iterations;
    }

    public boolean converged() {
        return converged;
    }

    /** Training rows per cluster. */
    public int[] clusterSizes() {
        return sizes.clone();
    }

    /** Final inertia of every restart, in order. */
    public double[] restartInertia() {
        return restartInertia.clone();
    }


    /** Spherical k-means (metric=cosine): rows are compared by direction only. */
    private boolean spherical() {
        return params.get(KMeans.METRIC).equals("cosine");
    }

    /** The rows as the centres see them: unit length under metric=cosine. */
    private Dataset onSphere(Dataset data) {
        return spherical() ? KMeans.unitRows(data) : data;
    }

    /** Nearest centre of each row (for metric=cosine: highest cosine similarity). */
    @Override
    public int[] predict(Dataset data, ExecutionContext ctx) {
        requireFeatures(data);
        data = onSphere(data);
        int n = data.rows();
        int[] out = new int[n];
        double[] x = data.rawValues();
        VectorKernels kernels = VectorKernels.get();
        Chunks chunks = Chunks.of(n, 4096, 256);
        ctx.parallelFor(chunks.count(), c -> table.assign(kernels, x, chunks.start(c), chunks.end(c), out, table.newScratch()));
        return out;
    }

    /**
     * Distance of each row to every centre, {@code rows × k} row-major: Euclidean, or under metric=cosine the
     * cosine distance {@code 1 − cos}.
     */
    public double[] transform(Dataset data) {
        requireFeatures(data);
        data = onSphere(data);
        boolean cosine = spherical();
        int n = data.rows();
        double[] x = data.rawValues();
        double[] out = new double[n * k];
        VectorKernels kernels = VectorKernels.get();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double sq = kernels.squaredDistance(x, i * d, centres, j * d, d);
                // for unit vectors ‖u − c‖² = 2 − 2 cos
                out[i * k + j] = cosine ? sq / 2 : Math.sqrt(sq);
            }
        }
        return out;
    }

    /**
     * Weighted sum of squared distances of {@code data}'s rows to their nearest centres (under metric=cosine,
     * between the rows scaled to unit length and the unit centres: 2 − 2 cos each).
     */
    public double inertia(Dataset data) {
        int[] l = predict(data);
        data = onSphere(data);
        double[] x = data.rawValues();
        double[] w = data.rawWeights();
        VectorKernels kernels = VectorKernels.get();
        double s = 0;
        for (int i = 0; i < l.length; i++) {
            s += (w == null ? 1 : w[i]) * kernels.squaredDistance(x, i * d, centres, l[i] * d, d);
        }
        return s;
    }

    private void requireFeatures(Dataset data) {
        ModelSupport.requireFeatures(data, d);
    }

    @Override
    public Map<String, Object> score(Dataset data) {
        return Map.of("inertia", inertia(data));
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", k);
        m.put("cluster_sizes", sizes);
        m.put("inertia", inertia);
        m.put("n_iter", iterations);
        m.put("converged", converged);
        m.put("best_restart", bestRestart);
        m.put("restart_inertia", restartInertia);
        return m;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("centres", centres());
        return m;
    }

    /** Rebuilds a model from the {@code model} and {@code training} blocks of a model file. */
    public static KMeansModel fromJson(ParamValues params, JsonObject model, JsonObject training, int features) {
        int k = model.getList("centres").size();
        if (k == 0) {
            throw new CumuloException(model.asMap().isEmpty() ? "model: no centres" : "model: 'centres' is empty");
        }
        double[] c = ModelSupport.finiteMatrix(model, "centres", k, features);
        int[] sizes = training.has("cluster_sizes") ? training.getIntArray("cluster_sizes") : new int[k];
        double inertia = training.has("inertia") ? training.getDouble("inertia") : Double.NaN;
        int iter = training.has("n_iter") ? training.getInt("n_iter") : 0;
        boolean conv = training.has("converged") && training.getBoolean("converged");
        return new KMeansModel(params, c, k, features, null, inertia, iter, conv, sizes, new double[0], 0);
    }
}
