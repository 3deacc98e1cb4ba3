package io.cumulo.cluster;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Random swap refinement (P. Fränti, "Efficiency of random swap clustering", Journal of Big Data 5:13, 2018):
 * k-means gets stuck when two centroids share one true cluster while another cluster has none; no Lloyd step
 * can move a centroid that far. Each trial moves one centroid to a data row and runs two k-means iterations
 * from there, as Fränti's method does, and keeps the result only if the sum of squared errors fell. A trial
 * costs about one pass of nearest-centroid search: in the first iteration only the moved centroid changed
 * (Fränti's "local repartition"), and the second iteration's error is judged after its assignment, which
 * the following update could only improve.
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
    private RandomSwap() {
    }

    static KMeansIterations.Result refine(KMeansProblem p, KMeansIterations.Result start, int trials, SplittableRandom rng,
                                          KMeansIterations finalRun, int maxIter, double tol,
                                          IntConsumer onTrial) {
        int k = p.k;
        int d = p.d;
        if (k < 2) {
            return start;
        }
        double[] centres = start.centres.clone();
        int[] labels = start.labels.clone();
        double[] dist = p.distances(labels, centres);
        double sse = weightedSum(p, dist);
        double[] cumulative = cumulative(p, dist);
        int[] cheapest = cheapestToRemove(p, labels, centres);
        int[] trialLabels = new int[p.n];
        double[] trialDist = new double[p.n];
        for (int t = 0; t < trials; t++) {
            int removed = cheapest[rng.nextInt(cheapest.length)];
            int row = sample(cumulative, rng.nextDouble() * cumulative[cumulative.length - 1]);
            double[] swapped = centres.clone();
            KMeansProblem.Window r = p.rows(row, row + 1, p.newWindow());
            System.arraycopy(r.x, r.at(row), swapped, removed * d, d);
            // iteration 1, assignment: only the moved centroid changed, so a row either keeps its centroid,
            // takes the new one if nearer, or (if its centroid was the one moved) searches them all
            repartition(p, swapped, removed, labels, dist, trialLabels, trialDist);
            double[] means = means(p, trialLabels, swapped);
            // iteration 2, assignment: every row to its nearest updated centroid; the update that would follow
            // can only lower this error, so beating the current error here is enough to keep the swap
            double trialSse = assignAll(p, means, trialLabels, trialDist);
            if (trialSse < sse) {
                centres = means(p, trialLabels, means);
                labels = trialLabels.clone();
                dist = p.distances(labels, centres);
                sse = weightedSum(p, dist);
                cumulative = cumulative(p, dist);
                cheapest = cheapestToRemove(p, labels, centres);
            }
            onTrial.accept(t + 1);
        }
        return finalRun.run(centres, maxIter, tol, it -> { });
    }

    /** Labels and squared distances after centroid {@code moved} took its new place in {@code centres}. */
    private static void repartition(KMeansProblem p, double[] centres, int moved, int[] labels, double[] dist,
                                    int[] outLabels, double[] outDist) {
        int d = p.d;
        CentreTable table = new CentreTable(centres, p.k, d, p.kernels);
        p.ctx.parallelFor(p.blocks, b -> {
            int[] one = new int[1];
            double[] scratch = table.fused() ? table.newNearestScratch(p.kernels) : table.newScratch();
            KMeansProblem.Window r = p.newWindow();
            for (int i = p.start(b); i < p.end(b); i++) {
                p.rows(i, i + 1, r);
                int at = r.at(i);
                double toMoved = p.kernels.squaredDistance(r.x, at, centres, moved * d, d);
                if (labels[i] == moved) {
                    nearestOne(p, table, r.x, at / d, one, scratch);
                    outLabels[i] = one[0];
                    outDist[i] = one[0] == moved ? toMoved : p.kernels.squaredDistance(r.x, at, centres, one[0] * d, d);
                } else if (toMoved < dist[i]) {
                    outLabels[i] = moved;
                    outDist[i] = toMoved;
                } else {
                    outLabels[i] = labels[i];
                    outDist[i] = dist[i];
                }
            }
        });
    }

    /** Nearest centre of row {@code i} of {@code x}. */
    private static void nearestOne(KMeansProblem p, CentreTable table, double[] x, int i, int[] out, double[] scratch) {
        if (table.fused()) {
            table.nearest(p.kernels, x, i, i + 1, out, null, scratch);
        } else {
            table.scores(p.kernels, x, i, i + 1, scratch);
            out[0] = p.kernels.argmin(scratch, 0, p.k);
        }
    }

    /** Every row to its nearest centroid; returns the weighted sum of squared distances. */
    private static double assignAll(KMeansProblem p, double[] centres, int[] labels, double[] dist) {
        int d = p.d;
        CentreTable table = new CentreTable(centres, p.k, d, p.kernels);
        return p.sumByBlock(b -> {
            KMeansProblem.Window r = p.newWindow();
            int chunk = p.xf == null ? p.end(b) - p.start(b) : p.chunkRows();
            double s = 0;
            for (int cs = p.start(b); cs < p.end(b); cs += chunk) {
                int ce = Math.min(p.end(b), cs + chunk);
                p.rows(cs, ce, r);
                table.assign(p.kernels, r.x, cs - r.base, ce - r.base, labels, cs);
                for (int i = cs; i < ce; i++) {
                    dist[i] = p.kernels.squaredDistance(r.x, r.at(i), centres, labels[i] * d, d);
                    s += p.weight(i) * dist[i];
                }
            }
            return s;
        });
    }

    /** Cluster means for {@code labels}; a centroid left without rows keeps its place in {@code fallback}. */
    private static double[] means(KMeansProblem p, int[] labels, double[] fallback) {
        int k = p.k;
        int d = p.d;
        double[][] partial = new double[p.blocks][];
        p.ctx.parallelFor(p.blocks, b -> {
            double[] part = new double[k * d + k];
            p.accumulate(b, labels, part);
            partial[b] = part;
        });
        double[] total = new double[k * d + k];
        for (double[] part : partial) {
            for (int c = 0; c < total.length; c++) {
                total[c] += part[c];
            }
        }
        double[] out = new double[k * d];
        for (int j = 0; j < k; j++) {
            double wj = total[k * d + j];
            for (int l = 0; l < d; l++) {
                out[j * d + l] = wj > 0 ? total[j * d + l] / wj : fallback[j * d + l];
            }
        }
        if (p.sphere) {
            KMeansProblem.normalizeRows(out, k, d);
        }
        return out;
    }

    private static double weightedSum(KMeansProblem p, double[] dist) {
        return p.sumByBlock(b -> {
            double s = 0;
            for (int i = p.start(b); i < p.end(b); i++) {
                s += p.weight(i) * dist[i];
            }
            return s;
        });
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
            KMeansProblem.Window r = p.newWindow();
            int chunk = p.xf == null ? p.end(b) - p.start(b) : p.chunkRows();
            int[] best = new int[Math.min(chunk, p.end(b) - p.start(b))];
            int[] second = new int[best.length];
            double[] scratch = table.fused() ? table.newNearestScratch(p.kernels) : new double[table.stride];
            for (int from = p.start(b); from < p.end(b); from += chunk) {
                int to = Math.min(p.end(b), from + chunk);
                p.rows(from, to, r);
                if (table.fused()) {
                    table.nearest(p.kernels, r.x, from - r.base, to - r.base, best, second, scratch);
                } else {
                    for (int i = from; i < to; i++) {
                        table.scores(p.kernels, r.x, i - r.base, i - r.base + 1, scratch);
                        int b1 = p.kernels.argmin(scratch, 0, k);
                        int b2 = -1;
                        for (int j = 0; j < k; j++) {
                            if (j != b1 && (b2 < 0 || scratch[j] < scratch[b2])) {
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
                    double dOwn = p.kernels.squaredDistance(r.x, r.at(i), centres, own * d, d);
                    double dOther = p.kernels.squaredDistance(r.x, r.at(i), centres, other * d, d);
                    perBlock[b][own] += p.weight(i) * Math.max(dOther - dOwn, 0);
                }
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
        Arrays.sort(order, (a, b) -> {
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
    private static double[] cumulative(KMeansProblem p, double[] dist) {
        double[] c = new double[dist.length];
        double s = 0;
        for (int i = 0; i < dist.length; i++) {
            s += p.weight(i) * dist[i];
            c[i] = s;
        }
        return c;
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
