package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.Distance;
import io.cumulo.param.ParamValues;

import io.cumulo.estimator.Iterative;
import io.cumulo.estimator.KeyFigure;
import io.cumulo.estimator.Objective;
import io.cumulo.estimator.Restarts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fitted k-medoids clustering: the medoids (rows of the training data, by coordinates and by row index),
 * the training labels and statistics. Immutable. New rows go to their nearest medoid under the model's
 * distance ({@code metric}), ties to the lowest cluster; the training labels are computed the same way, so
 * {@code predict} on the training rows gives them back.
 */
public final class KMedoidsModel extends CentroidModel implements Objective, Iterative, Restarts {
    private final Distance metric;
    private final int[] medoidIndices;
    private final double loss;
    private final int iterations;
    private final int swaps;
    private final boolean converged;
    private final String method;
    private final Clara clara;

    /** What CLARA/FasterCLARA did: samples, their size, each sample's loss on all rows, the winner. */
    record Clara(int samples, int sampleSize, double[] sampleLosses, int bestSample) {
    }

    KMedoidsModel(ParamValues params, Distance metric, double[] medoids, int[] medoidIndices, int k, int d,
                  int[] labels, double loss, int iterations, int swaps, boolean converged, int[] sizes,
                  String method, Clara clara) {
        super(KMedoids.NAME, params, d, k, labels, sizes, medoids);
        this.metric = metric;
        this.medoidIndices = medoidIndices.clone();
        this.loss = loss;
        this.iterations = iterations;
        this.swaps = swaps;
        this.converged = converged;
        this.method = method;
        this.clara = clara;
    }

    /** The distance the model was fitted with and predicts with. */
    public Distance metric() {
        return metric;
    }

    @Override
    public Distance distance() {
        return metric;
    }

    @Override
    public Kind centreKind() {
        return Kind.MEDOID;
    }

    /** Medoids, one row each (a copy): rows of the training data, in the space it was fitted in. */
    public double[][] medoids() {
        return centres();
    }

    /** Medoids row-major (a copy). */
    public double[] medoidsFlat() {
        return centresFlat();
    }

    /** Positions of the medoids among the training rows (0-based, increasing; cluster j is medoid j). */
    public int[] medoidIndices() {
        return medoidIndices.clone();
    }

    /** (Weighted) sum of the distances of the training rows to their medoids: the k-medoids objective. */
    public double loss() {
        return loss;
    }

    /** Swap rounds (see {@link KMedoids#MAX_ITER}); for CLARA, those of the winning sample. */
    @Override
    public int iterations() {
        return iterations;
    }

    /** Swaps made (for CLARA, in the winning sample). */
    public int swaps() {
        return swaps;
    }

    @Override
    public boolean converged() {
        return converged;
    }

    /** The method that ran ({@code auto} resolved). */
    public String method() {
        return method;
    }


    /** Nearest medoid of each row. */
    @Override
    public int[] predict(Dataset data, ExecutionContext ctx) {
        requireFeatures(data);
        metric.requireDefined(data);
        return assign(data.rawValues(), data.rows(), numFeatures(), null, centreValues(), numClusters(), metric, ctx)
                .labels;
    }

    /** (Weighted) sum of the distances of {@code data}'s rows to their nearest medoids. */
    public double loss(Dataset data) {
        return objective(data, ExecutionContext.defaults());
    }

    @Override
    public String objectiveKey() {
        return "loss";
    }

    @Override
    public double objective(Dataset data, ExecutionContext ctx) {
        requireFeatures(data);
        metric.requireDefined(data);
        return assign(data.rawValues(), data.rows(), numFeatures(), data.rawWeights(), centreValues(), numClusters(),
                metric, ctx).loss;
    }

    @Override
    public Optional<String> howChosen() {
        return clara != null && clara.samples() > 1
                ? Optional.of("best of " + clara.samples() + " samples of " + clara.sampleSize() + " rows by loss")
                : Optional.empty();
    }

    @Override
    public List<KeyFigure> keyFigures() {
        return List.of(new KeyFigure("loss", "loss", loss, "sum of " + metric.id() + " distances to the medoids"));
    }

    /** Distance of each row to every medoid: {@code rows × k}, row-major. */
    public double[] transform(Dataset data) {
        requireFeatures(data);
        metric.requireDefined(data);
        int k = numClusters();
        int d = numFeatures();
        double[] medoids = centreValues();
        int n = data.rows();
        double[] x = data.rawValues();
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                out[i * k + j] = metric.between(x, i * d, medoids, j * d, d);
            }
        }
        return out;
    }

    /** Labels, objective and sizes of an assignment to the nearest medoid. */
    static final class Assignment {
        final int[] labels;
        final double loss;
        final int[] sizes;

        Assignment(int[] labels, double loss, int[] sizes) {
            this.labels = labels;
            this.loss = loss;
            this.sizes = sizes;
        }
    }

    /**
     * Assigns each of the {@code n} rows of {@code x} to its nearest of the {@code k} medoids
     * ({@code med}, row-major), ties to the lowest; the loss is the (weighted) sum of the distances, summed
     * per fixed chunk and then in chunk order, so it does not depend on the thread count.
     */
    static Assignment assign(double[] x, int n, int d, double[] w, double[] med, int k, Distance metric,
                             ExecutionContext ctx) {
        int[] labels = new int[n];
        Chunks chunks = Chunks.of(n, 2048, 256);
        int nc = chunks.count();
        double[] partial = new double[nc];
        ctx.parallelFor(nc, t -> {
            double s = 0;
            for (int i = chunks.start(t); i < chunks.end(t); i++) {
                int io = i * d;
                double best = metric.rankingBetween(x, io, med, 0, d);
                int bj = 0;
                for (int j = 1; j < k; j++) {
                    double v = metric.rankingBetween(x, io, med, j * d, d);
                    if (v < best) {
                        best = v;
                        bj = j;
                    }
                }
                labels[i] = bj;
                double dist = metric.fromRanking(best);
                s += w == null ? dist : w[i] * dist;
            }
            partial[t] = s;
        });
        double loss = 0;
        for (double p : partial) {
            loss += p;
        }
        int[] sizes = new int[k];
        for (int l : labels) {
            sizes[l]++;
        }
        return new Assignment(labels, loss, sizes);
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", numClusters());
        m.put("cluster_sizes", clusterSizes());
        m.put("loss", loss);
        m.put("n_iter", iterations);
        m.put("swaps", swaps);
        m.put("converged", converged);
        m.put("medoid_indices", medoidIndices);
        m.put("method", method);
        if (clara != null) {
            m.put("samples", clara.samples());
            m.put("sample_size", clara.sampleSize());
            m.put("sample_losses", clara.sampleLosses());
            m.put("best_sample", clara.bestSample());
        }
        return m;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("medoids", medoids());
        m.put("medoid_indices", medoidIndices);
        return m;
    }

    /** Rebuilds a model from the {@code model} and {@code training} blocks of a model file. */
    public static KMedoidsModel fromJson(ParamValues params, JsonObject model, JsonObject training, int features) {
        if (!model.has("medoids")) {
            throw new CumuloException("model: no 'medoids'");
        }
        int k = model.getList("medoids").size();
        if (k == 0) {
            throw new CumuloException("model: 'medoids' is empty");
        }
        double[] med = finiteMatrix(model, "medoids", k, features);
        int[] idx = model.has("medoid_indices") ? model.getIntArray("medoid_indices") : new int[0];
        if (idx.length != k) {
            throw new CumuloException("model: 'medoid_indices' should hold " + k + " row numbers, one per medoid");
        }
        for (int i : idx) {
            if (i < 0) {
                throw new CumuloException("model: 'medoid_indices' must be row numbers ≥ 0, found " + i);
            }
        }
        Distance metric = Distance.parse(params.get(KMedoids.METRIC));
        int bad = metric.firstUndefinedRow(med, k, features);
        if (bad >= 0) {
            throw new CumuloException("model: medoid " + bad + " has no direction (all zeros), so cosine distances to it are undefined");
        }
        int[] sizes = training.has("cluster_sizes") ? training.getIntArray("cluster_sizes") : new int[k];
        double loss = training.has("loss") ? training.getDouble("loss") : Double.NaN;
        int iter = training.has("n_iter") ? training.getInt("n_iter") : 0;
        int swaps = training.has("swaps") ? training.getInt("swaps") : 0;
        boolean conv = training.has("converged") && training.getBoolean("converged");
        String method = training.has("method") ? training.getString("method") : params.get(KMedoids.METHOD);
        return new KMedoidsModel(params, metric, med, idx, k, features, null, loss, iter, swaps, conv, sizes, method,
                null);
    }
}
