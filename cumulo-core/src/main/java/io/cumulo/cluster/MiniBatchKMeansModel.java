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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A fitted mini-batch k-means ({@link MiniBatchKMeans}): centres, the weight each centre has absorbed
 * ({@link #counts()}, what lets {@link #partialFit} continue), and the labels of the rows it was last fitted on.
 * Immutable: {@link #partialFit} returns a new model.
 *
 * <p>After {@link MiniBatchKMeans#fit}, {@link #labels()} and {@link #inertia()} are those of every training row
 * at the final centres. After a {@code partialFit}, they are those of that batch's rows at the updated centres
 * (as scikit-learn's {@code partial_fit} does).
 */
public final class MiniBatchKMeansModel extends CentroidModel implements Objective, Iterative, Restarts {
    private final double[] counts;
    private final long steps;
    private final long rowsSinceReassignment;
    private final double inertia;
    private final boolean streaming;
    private final int epochs;
    private final boolean converged;
    private final String stopReason;
    private final double[] initInertia;
    private final int bestInit;
    private final CentreTable table;

    MiniBatchKMeansModel(ParamValues params, double[] centres, double[] counts, int k, int d, long steps,
                         long rowsSinceReassignment, int[] labels, double inertia, int[] sizes, boolean streaming,
                         int epochs, boolean converged, String stopReason, double[] initInertia, int bestInit) {
        super(MiniBatchKMeans.NAME, params, d, k, labels, sizes, centres);
        this.counts = counts.clone();
        this.steps = steps;
        this.rowsSinceReassignment = rowsSinceReassignment;
        this.inertia = inertia;
        this.streaming = streaming;
        this.epochs = epochs;
        this.converged = converged;
        this.stopReason = stopReason;
        this.initInertia = initInertia;
        this.bestInit = bestInit;
        this.table = new CentreTable(centreValues(), k, d, VectorKernels.get());
    }

    /** One step on the whole of {@code batch} from {@code state}, as a new streaming model. */
    static MiniBatchKMeansModel stepOn(ParamValues params, MiniBatchSteps state, Dataset batch, ExecutionContext ctx) {
        int n = batch.rows();
        int d = state.d;
        int k = state.k;
        double[] x = batch.rawValues();
        double[] w = batch.rawWeights();
        SplittableRandom rng = streamRandom(params.get(MiniBatchKMeans.SEED), state.steps);
        boolean reassign = state.reassignmentDue(n);
        state.step(x, w, n, rng, reassign, false, ctx);
        int[] labels = new int[n];
        double inertia = MiniBatchKMeans.assignAll(state.centres, k, x, w, n, d, labels, ctx);
        return new MiniBatchKMeansModel(params, state.centres, state.counts, k, d, state.steps,
                state.rowsSinceReassignment, labels, inertia, ClusterStats.sizes(labels, k), true, 0, false,
                null, null, -1);
    }

    /** The random stream of streaming step {@code step}: fixed by the seed and the number of steps done. */
    private static SplittableRandom streamRandom(long seed, long step) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step + 1);
    }

    /**
     * This model updated with one more batch (one step on all its rows; its weights count if it has them). The
     * same sequence of batches from the same seed gives the same model.
     */
    public MiniBatchKMeansModel partialFit(Dataset batch) {
        return partialFit(batch, ExecutionContext.defaults());
    }

    public MiniBatchKMeansModel partialFit(Dataset batch, ExecutionContext ctx) {
        requireFeatures(batch);
        if (batch.rows() == 0) {
            throw new CumuloException(batch.source() + ": no rows to update the model with");
        }
        MiniBatchSteps state = new MiniBatchSteps(centreValues(), counts, numClusters(), numFeatures(), steps,
                rowsSinceReassignment, params().get(MiniBatchKMeans.REASSIGNMENT_RATIO));
        return stepOn(params(), state, batch, ctx);
    }

    /** The (weighted) number of rows each centre has absorbed: its learning rate is 1 / count. A copy. */
    public double[] counts() {
        return counts.clone();
    }

    /** Mini-batch steps taken in all (fit and partial fits). */
    public long steps() {
        return steps;
    }

    /** Exact (weighted) sum of squared distances of the rows last fitted on to their nearest final centre. */
    public double inertia() {
        return inertia;
    }

    /** Passes over the data ({@code ⌈steps × batch-size / rows⌉}); 0 for a streaming model. */
    @Override
    public int iterations() {
        return epochs;
    }

    /** Whether {@code fit} stopped on {@code tol} or {@code max-no-improvement} rather than {@code max-iter}. */
    @Override
    public boolean converged() {
        return converged;
    }

    /** {@code tol}, {@code no-improvement} or {@code max-iter} after {@code fit}; {@code null} for a streaming model. */
    public String stopReason() {
        return stopReason;
    }

    @Override
    public int[] predict(Dataset data, ExecutionContext ctx) {
        requireFeatures(data);
        int n = data.rows();
        int[] out = new int[n];
        double[] x = data.rawValues();
        VectorKernels kernels = VectorKernels.get();
        Chunks chunks = Chunks.of(n, 4096, 256);
        ctx.parallelFor(chunks.count(), c -> table.assign(kernels, x, chunks.start(c), chunks.end(c), out,
                table.newScratch()));
        return out;
    }

    /** Weighted sum of squared distances of {@code data}'s rows to their nearest centres. */
    public double inertia(Dataset data) {
        return objective(data, ExecutionContext.defaults());
    }

    @Override
    public String objectiveKey() {
        return "inertia";
    }

    @Override
    public double objective(Dataset data, ExecutionContext ctx) {
        requireFeatures(data);
        return MiniBatchKMeans.assignAll(centreValues(), numClusters(), data.rawValues(), data.rawWeights(), data.rows(),
                numFeatures(), new int[data.rows()], ctx);
    }

    @Override
    public Optional<String> howChosen() {
        // candidate initial centres scored on a subsample, not whole runs
        return initInertia != null && initInertia.length > 1
                ? Optional.of("best of " + initInertia.length + " initialisations by inertia on a validation sample")
                : Optional.empty();
    }

    @Override
    public List<KeyFigure> keyFigures() {
        return List.of(new KeyFigure("inertia", "inertia", inertia, ""));
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", numClusters());
        m.put("cluster_sizes", clusterSizes());
        m.put("inertia", inertia);
        if (!streaming) {
            m.put("n_iter", epochs);
            m.put("n_steps", steps);
            m.put("converged", converged);
            m.put("stop_reason", stopReason);
            if (initInertia != null) {
                m.put("best_init", bestInit);
                m.put("init_inertia", initInertia);
            }
        } else {
            m.put("n_steps", steps);
            int[] labels = labels();
            m.put("batch_rows", labels == null ? 0 : labels.length);
        }
        return m;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("centres", centres());
        m.put("counts", counts);
        m.put("n_steps", steps);
        m.put("rows_since_reassignment", rowsSinceReassignment);
        return m;
    }

    /** Rebuilds a model from the {@code model} and {@code training} blocks of a model file. */
    public static MiniBatchKMeansModel fromJson(ParamValues params, JsonObject model, JsonObject training, int features) {
        int k = params.require(MiniBatchKMeans.K);
        double[] c = finiteMatrix(model, "centres", k, features);
        double[] counts = model.has("counts") ? model.getDoubleArray("counts") : new double[k];
        if (counts.length != k) {
            throw new CumuloException("model: 'counts' has " + counts.length + " values for k=" + k);
        }
        for (double v : counts) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new CumuloException("model: 'counts' must be finite numbers ≥ 0");
            }
        }
        long steps = model.has("n_steps") ? model.getLong("n_steps") : 0;
        long since = model.has("rows_since_reassignment") ? model.getLong("rows_since_reassignment") : 0;
        int[] sizes = training.has("cluster_sizes") ? training.getIntArray("cluster_sizes") : new int[k];
        double inertia = training.has("inertia") ? training.getDouble("inertia") : Double.NaN;
        boolean streaming = !training.has("n_iter");
        int epochs = training.has("n_iter") ? training.getInt("n_iter") : 0;
        boolean conv = training.has("converged") && training.getBoolean("converged");
        String stop = training.has("stop_reason") ? training.getString("stop_reason") : null;
        double[] initInertia = training.has("init_inertia") ? training.getDoubleArray("init_inertia") : null;
        int bestInit = training.has("best_init") ? training.getInt("best_init") : -1;
        return new MiniBatchKMeansModel(params, c, counts, k, features, steps, since, null, inertia, sizes, streaming,
                epochs, conv, stop, initInertia, bestInit);
    }
}
