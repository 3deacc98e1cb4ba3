package io.cumulo.cluster.density;

import io.cumulo.CumuloException;
import io.cumulo.cluster.AbstractClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.Noise;
import io.cumulo.estimator.Reachability;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.NeighborIndex;
import io.cumulo.param.ParamValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A fitted {@link OPTICS}: the reachability plot (ordering, reachability, core distances, predecessors; {@link
 * Reachability}), the extracted clusters (labels, {@code -1} noise; for ξ the whole cluster hierarchy), and what
 * {@code predict} needs. Immutable.
 *
 * <p><b>predict: the DBSCAN-cut rule, cluster by cluster.</b> Each cluster has a <em>level</em>: the cut {@code eps}
 * with {@code cluster-method=dbscan}; with ξ, the largest reachability inside the cluster (over its rows after its
 * first, which is entered from outside), the density at which the valley holds together. A cluster's <em>core
 * rows</em> are its rows whose core distance is within its level. A new row {@code x} would be reached from a core row
 * {@code o} at reachability {@code max(core(o), d(o, x))}; it joins the cluster of the core row giving the smallest such
 * reachability among those within their cluster's level of it ({@code d(o, x)} ≤ level), the lowest training row on
 * ties, and is noise when there is none. With {@code cluster-method=dbscan} this is DBSCAN's rule at {@code eps} (a new
 * row within {@code eps} of a core row joins a cluster), choosing among the core rows by reachability rather than by
 * distance; a training core row of a DBSCAN cut predicts its own cluster. With ξ, clusters nest and their levels
 * differ, so a training row near a denser cluster can be predicted into it.
 */
public final class OPTICSModel extends AbstractClusteringModel implements Reachability, Noise {
    private final Distance metric;
    private final int trainingRows;
    private final int noise;
    private final int[] ordering;
    private final double[] reachability;
    private final double[] coreDistances;
    private final int[] predecessor;
    private final int[][] hierarchy;
    private final double cutEps;
    /** The clusters' core rows (training indices, ascending), their values, clusters, levels and core distances. */
    private final int[] predictRows;
    private final double[] predictValues;
    private final int[] predictLabels;
    private final double[] predictLevels;
    private final double[] predictCore;

    private OPTICSModel(ParamValues params, int d, int k, int[] labels, int[] sizes, int trainingRows, int noise,
                        int[] ordering, double[] reachability, double[] coreDistances, int[] predecessor,
                        int[][] hierarchy, double cutEps, int[] predictRows, double[] predictValues,
                        int[] predictLabels, double[] predictLevels, double[] predictCore) {
        super(OPTICS.NAME, params, d, k, labels, sizes);
        this.metric = Distance.parse(params.get(OPTICS.METRIC));
        this.trainingRows = trainingRows;
        this.noise = noise;
        this.ordering = ordering;
        this.reachability = reachability;
        this.coreDistances = coreDistances;
        this.predecessor = predecessor;
        this.hierarchy = hierarchy;
        this.cutEps = cutEps;
        this.predictRows = predictRows;
        this.predictValues = predictValues;
        this.predictLabels = predictLabels;
        this.predictLevels = predictLevels;
        this.predictCore = predictCore;
    }

    static OPTICSModel fitted(ParamValues params, double[] x, int d, int[] ordering, double[] reach, double[] core,
                              int[] pred, int[][] hierarchy, int[] labels, int k, double cutEps, double maxEps) {
        int n = labels.length;
        double[] level = levels(ordering, reach, labels, k, cutEps);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0 && core[i] <= level[labels[i]]) {
                m++;
            }
        }
        int[] rows = new int[m];
        int[] lab = new int[m];
        double[] lev = new double[m];
        double[] cd = new double[m];
        int t = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0 && core[i] <= level[labels[i]]) {
                rows[t] = i;
                lab[t] = labels[i];
                lev[t] = level[labels[i]];
                cd[t++] = core[i];
            }
        }
        return new OPTICSModel(params, d, k, labels, DensitySupport.sizes(labels, k), n, DensitySupport.noise(labels),
                ordering, reach, core, pred, hierarchy, cutEps, rows, DensitySupport.gather(x, d, rows), lab, lev, cd);
    }

    /**
     * Each cluster's level: {@code cutEps} for a DBSCAN cut, else the largest reachability over the cluster's rows after
     * its first in the ordering (a cluster is a run of positions).
     */
    private static double[] levels(int[] ordering, double[] reach, int[] labels, int k, double cutEps) {
        double[] level = new double[k];
        if (!Double.isNaN(cutEps)) {
            Arrays.fill(level, cutEps);
            return level;
        }
        boolean[] seen = new boolean[k];
        for (int p : ordering) {
            int c = labels[p];
            if (c < 0) {
                continue;
            }
            if (seen[c]) {
                level[c] = Math.max(level[c], reach[p]);
            }
            seen[c] = true;
        }
        return level;
    }

    @Override
    public Distance distance() {
        return metric;
    }

    @Override
    public int[] ordering() {
        return ordering.clone();
    }

    @Override
    public double[] reachability() {
        return reachability.clone();
    }

    @Override
    public double[] coreDistances() {
        return coreDistances.clone();
    }

    @Override
    public int[] predecessor() {
        return predecessor.clone();
    }

    @Override
    public OptionalDouble cutDistance() {
        return Double.isNaN(cutEps) ? OptionalDouble.empty() : OptionalDouble.of(cutEps);
    }

    @Override
    public int[][] clusterHierarchy() {
        int[][] out = new int[hierarchy.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = hierarchy[i].clone();
        }
        return out;
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
        int m = predictRows.length;
        if (m == 0 || rows == 0) {
            return out;
        }
        if (metric == Distance.COSINE) {
            metric.requireDefined(data);
        }
        int d = numFeatures();
        double[] q = data.rawValues();
        double radius = 0;
        for (double v : predictLevels) {
            radius = Math.max(radius, v);
        }
        NeighborIndex idx = NeighborIndex.build(predictValues, m, d, metric, NeighborIndex.Kind.AUTO, ctx);
        double r = radius;
        Chunks chunks = Chunks.of(rows, 64, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            double[] best = new double[1];
            int[] bestRow = new int[1];
            int[] at = new int[1];
            NeighborIndex.Visitor visit = (j, dist) -> {
                int i = at[0];
                // within the cluster's level as the fit compares ("within r" by the ranking value)
                if (metric.rankingBetween(q, i * d, predictValues, j * d, d) > metric.toRanking(predictLevels[j])) {
                    return;
                }
                double v = OPTICS.around15(Math.max(predictCore[j], dist));
                if (v < best[0] || v == best[0] && j < bestRow[0]) {
                    best[0] = v;
                    bestRow[0] = j;
                }
            };
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                at[0] = i;
                best[0] = Double.POSITIVE_INFINITY;
                bestRow[0] = -1;
                idx.forEachWithin(q, i * d, r, visit);
                out[i] = bestRow[0] < 0 ? -1 : predictLabels[bestRow[0]];
            }
        });
        return out;
    }

    private double noiseFraction() {
        return (double) noise / trainingRows;
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", numClusters());
        m.put("cluster_sizes", clusterSizes());
        m.put("n_noise", noise);
        m.put("noise_fraction", noiseFraction());
        m.put("cluster_method", Double.isNaN(cutEps) ? "xi" : "dbscan");
        if (Double.isNaN(cutEps)) {
            m.put("n_hierarchy_clusters", hierarchy.length);
        } else {
            m.put("cut_eps", cutEps);
        }
        int unreached = 0;
        for (double v : reachability) {
            unreached += Double.isInfinite(v) ? 1 : 0;
        }
        m.put("n_unreached", unreached);
        return m;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", numClusters());
        m.put("cluster_sizes", clusterSizes());
        m.put("n_training_rows", trainingRows);
        m.put("n_noise", noise);
        m.put("ordering", ordering);
        m.put("reachability", DensitySupport.withNulls(reachability));
        m.put("core_distances", DensitySupport.withNulls(coreDistances));
        m.put("predecessor", predecessor);
        m.put("cluster_hierarchy", hierarchy);
        m.put("predict_rows", predictRows);
        m.put("predict_labels", predictLabels);
        m.put("predict_levels", DensitySupport.withNulls(predictLevels));
        m.put("predict_samples", DensitySupport.rows(predictValues, predictRows.length, numFeatures()));
        return m;
    }

    /** Rebuilds a model from the {@code model} block of a model file, every part checked. */
    public static OPTICSModel fromJson(ParamValues params, JsonObject model, JsonObject training, int features) {
        OPTICS config = OPTICS.of(params);
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
        int[] ordering = DensitySupport.intsIn(model, "ordering", n, 0, n);
        boolean[] seen = new boolean[n];
        for (int p : ordering) {
            if (seen[p]) {
                throw new CumuloException("model: 'ordering' lists row " + p + " twice");
            }
            seen[p] = true;
        }
        double[] reach = DensitySupport.nonNegativeOrInfinite(model, "reachability", n);
        double[] core = DensitySupport.nonNegativeOrInfinite(model, "core_distances", n);
        int[] pred = DensitySupport.intsIn(model, "predecessor", n, -1, n);
        List<Object> h = model.getList("cluster_hierarchy");
        List<int[]> hierarchy = new ArrayList<>();
        for (Object o : h) {
            if (!(o instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Long a)
                    || !(pair.get(1) instanceof Long b) || a < 0 || b < a || b >= n) {
                throw new CumuloException("model: 'cluster_hierarchy' holds [start, end] positions, 0 ≤ start ≤ end < "
                        + n + "; found " + o);
            }
            hierarchy.add(new int[] {(int) (long) a, (int) (long) b});
        }
        int[] rows = DensitySupport.intsIn(model, "predict_rows", -1, 0, n);
        for (int i = 1; i < rows.length; i++) {
            if (rows[i] <= rows[i - 1]) {
                throw new CumuloException("model: 'predict_rows' must be ascending");
            }
        }
        if (k == 0 && rows.length > 0) {
            throw new CumuloException("model: core rows but no cluster ('k' is 0)");
        }
        int[] labels = DensitySupport.intsIn(model, "predict_labels", rows.length, 0, Math.max(k, 1));
        double[] levels = DensitySupport.nonNegativeOrInfinite(model, "predict_levels", rows.length);
        double[] values = DensitySupport.finiteMatrix(model, "predict_samples", rows.length, features);
        double[] cd = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            cd[i] = core[rows[i]];
        }
        return new OPTICSModel(params, features, k, null, sizes, n, noise, ordering, reach, core, pred,
                hierarchy.toArray(new int[0][]), config.cutEps(), rows, values, labels, levels, cd);
    }
}
