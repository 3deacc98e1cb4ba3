package io.cumulo.cluster;

import java.util.SplittableRandom;

/**
 * Random swap refinement (P. Fränti, "Efficiency of random swap clustering", Journal of Big Data 5:13, 2018):
 * k-means gets stuck when two centroids share one true cluster while another cluster has none; no Lloyd step
 * can move a centroid that far. Each trial moves one centroid to a data row, runs two k-means iterations
 * from there, as Fränti's method does, and keeps the result only if the sum of squared errors fell.
 *
 * <p>Fränti draws both the centroid and the row uniformly; a useful swap then needs one of the ~2 redundant
 * centroids out of k and a row of the one uncovered cluster, so trials grow like k². Here both draws are
 * informed, which makes useful swaps far likelier at the same cost per trial: the centroid is drawn
 * uniformly among the cheapest quarter to remove (removal cost: the squared-error increase if its rows went to
 * their second-nearest centroid, low for a centroid that shares its cluster), and the row by D² sampling
 * (probability ∝ weight × squared distance to its centroid, as k-means++ and LocalSearch++ by Lattanzi &amp;
 * Sohler, ICML 2019, do; rows of an uncovered cluster are far from every centroid). After the trials, k-means
 * runs to convergence.
 */
final class RandomSwap {
    /** Iterations of k-means after each swap, as in Fränti (2018). */
    static final int ITERATIONS_PER_TRIAL = 2;

    private RandomSwap() {
    }

    static KMeansIterations.Result refine(KMeansProblem p, KMeansIterations.Result start, int trials, SplittableRandom rng,
                                          KMeansIterations finalRun, int maxIter, double tol,
                                          java.util.function.IntConsumer onTrial) {
        int k = p.k;
        int d = p.d;
        if (k < 2) {
            return start;
        }
        double[] centres = start.centres.clone();
        int[] labels = start.labels.clone();
        double sse = start.inertia;
        double[] cumulative = cumulativeErrors(p, labels, centres);
        int[] cheapest = cheapestToRemove(p, labels, centres);
        for (int t = 0; t < trials; t++) {
            int removed = cheapest[rng.nextInt(cheapest.length)];
            int row = sample(cumulative, rng.nextDouble() * cumulative[cumulative.length - 1]);
            double[] trial = centres.clone();
            System.arraycopy(p.x, row * d, trial, removed * d, d);
            KMeansIterations.Result r;
            try {
                r = new LloydIterations(p).run(trial, ITERATIONS_PER_TRIAL, 0, it -> { });
            } catch (io.cumulo.CumuloException e) {
                continue; // the swap emptied a cluster that could not be re-seeded: not an improvement
            }
            if (r.inertia < sse) {
                centres = r.centres;
                labels = r.labels;
                sse = r.inertia;
                cumulative = cumulativeErrors(p, labels, centres);
                cheapest = cheapestToRemove(p, labels, centres);
            }
            onTrial.accept(t + 1);
        }
        return finalRun.run(centres, maxIter, tol, it -> { });
    }

    /**
     * The quarter of the centroids (at least two) whose removal would raise the squared error least: each row
     * of centroid j would go to its second-nearest centroid, costing the difference of squared distances.
     */
    private static int[] cheapestToRemove(KMeansProblem p, int[] labels, double[] centres) {
        int k = p.k;
        int d = p.d;
        CentreTable table = new CentreTable(centres, k, d, p.kernels);
        double[][] perBlock = new double[p.blocks][k];
        p.ctx.parallelFor(p.blocks, b -> {
            int from = p.start(b);
            int to = p.end(b);
            int[] best = new int[to - from];
            int[] second = new int[to - from];
            if (table.fused()) {
                table.nearest(p.kernels, p.x, from, to, best, second, table.newNearestScratch(p.kernels));
            } else {
                double[] scores = new double[table.stride];
                for (int i = from; i < to; i++) {
                    table.scores(p.kernels, p.x, i, i + 1, scores);
                    int b1 = p.kernels.argmin(scores, 0, k);
                    int b2 = -1;
                    for (int j = 0; j < k; j++) {
                        if (j != b1 && (b2 < 0 || scores[j] < scores[b2])) {
                            b2 = j;
                        }
                    }
                    best[i - from] = b1;
                    second[i - from] = b2;
                }
            }
            for (int i = from; i < to; i++) {
                int own = labels[i];
                // the nearest centroid other than its own: the best, unless that is its own
                int other = best[i - from] != own ? best[i - from] : second[i - from];
                double dOwn = p.kernels.squaredDistance(p.x, i * d, centres, own * d, d);
                double dOther = p.kernels.squaredDistance(p.x, i * d, centres, other * d, d);
                perBlock[b][own] += p.weight(i) * Math.max(dOther - dOwn, 0);
            }
        });
        double[] cost = new double[k];
        for (double[] row : perBlock) {
            for (int j = 0; j < k; j++) {
                cost[j] += row[j];
            }
        }
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Double.compare(cost[a], cost[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int m = Math.max(2, k / 4);
        int[] out = new int[m];
        for (int t = 0; t < m; t++) {
            out[t] = order[t];
        }
        return out;
    }

    /** Running sum over rows of weight × squared distance to the row's centroid (for D² sampling). */
    private static double[] cumulativeErrors(KMeansProblem p, int[] labels, double[] centres) {
        double[] dist = p.distances(labels, centres);
        double s = 0;
        for (int i = 0; i < dist.length; i++) {
            s += p.weight(i) * dist[i];
            dist[i] = s;
        }
        return dist;
    }

    /** The first row whose running sum exceeds {@code r}. */
    private static int sample(double[] cumulative, double r) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
