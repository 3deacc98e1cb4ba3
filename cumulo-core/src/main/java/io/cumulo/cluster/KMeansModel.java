package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.param.ParamValues;

import io.cumulo.estimator.Iterative;
import io.cumulo.estimator.KeyFigure;
import io.cumulo.estimator.Objective;
import io.cumulo.estimator.Restarts;
import io.cumulo.neighbors.Distance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fitted k-means: centres, training labels and statistics. Immutable. */
public final class KMeansModel extends CentroidModel implements Objective, Iterative, Restarts {
    private final double inertia;
    private final int iterations;
    private final boolean converged;
    private final double[] restartInertia;
    private final int bestRestart;
    private final CentreTable table;

    KMeansModel(ParamValues params, double[] centres, int k, int d, int[] labels, double inertia, int iterations,
                boolean converged, int[] sizes, double[] restartInertia, int bestRestart) {
        super(KMeans.NAME, params, d, k, labels, sizes, centres);
        this.inertia = inertia;
        this.iterations = iterations;
        this.converged = converged;
        this.restartInertia = restartInertia;
        this.bestRestart = bestRestart;
        this.table = new CentreTable(centreValues(), k, d, VectorKernels.get());
    }

    /** Weighted sum of squared distances of the training rows to their centres. */
    public double inertia() {
        return inertia;
    }

    /** Lloyd iterations of the best restart. */
    @Override
    public int iterations() {
        return iterations;
    }

    @Override
    public boolean converged() {
        return converged;
    }

    /** Final inertia of every restart, in order. */
    public double[] restartInertia() {
        return restartInertia.clone();
    }

    /** Directions on the unit sphere for spherical k-means (metric=cosine), else centres. */
    @Override
    public Kind centreKind() {
        return spherical() ? Kind.DIRECTION : Kind.CENTRE;
    }

    @Override
    public Distance distance() {
        return spherical() ? Distance.COSINE : Distance.EUCLIDEAN;
    }

    @Override
    public Optional<String> howChosen() {
        return restartInertia.length > 1 ? Optional.of("best of " + restartInertia.length + " runs by inertia")
                : Optional.empty();
    }

    @Override
    public List<KeyFigure> keyFigures() {
        return List.of(new KeyFigure("inertia", "inertia", inertia, ""));
    }

    /** Spherical k-means (metric=cosine): rows are compared by direction only. */
    private boolean spherical() {
        return params().get(KMeans.METRIC).equals("cosine");
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
        int k = numClusters();
        int d = numFeatures();
        double[] centres = centreValues();
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
        return objective(data, ExecutionContext.defaults());
    }

    @Override
    public String objectiveKey() {
        return "inertia";
    }

    @Override
    public double objective(Dataset data, ExecutionContext ctx) {
        int[] l = predict(data, ctx);
        data = onSphere(data);
        int d = numFeatures();
        double[] centres = centreValues();
        double[] x = data.rawValues();
        double[] w = data.rawWeights();
        VectorKernels kernels = VectorKernels.get();
        double s = 0;
        for (int i = 0; i < l.length; i++) {
            s += (w == null ? 1 : w[i]) * kernels.squaredDistance(x, i * d, centres, l[i] * d, d);
        }
        return s;
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", numClusters());
        m.put("cluster_sizes", clusterSizes());
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
        double[] c = finiteMatrix(model, "centres", k, features);
        int[] sizes = training.has("cluster_sizes") ? training.getIntArray("cluster_sizes") : new int[k];
        double inertia = training.has("inertia") ? training.getDouble("inertia") : Double.NaN;
        int iter = training.has("n_iter") ? training.getInt("n_iter") : 0;
        boolean conv = training.has("converged") && training.getBoolean("converged");
        return new KMeansModel(params, c, k, features, null, inertia, iter, conv, sizes, new double[0], 0);
    }
}
