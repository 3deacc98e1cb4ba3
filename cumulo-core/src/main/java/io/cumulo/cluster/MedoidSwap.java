package io.cumulo.cluster;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.Sampling;
import io.cumulo.neighbors.DistanceMatrix;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * The k-medoids searches on a {@link DistanceMatrix}: the starting medoids (PAM's BUILD, random rows,
 * k-medoids++) and the swap phases (PAM's SWAP, FasterPAM). The objective is the (weighted) sum over rows of
 * the distance to the nearest medoid, on the matrix's float32 distances, summed in double precision.
 *
 * <p>For every row {@code o} the search keeps its nearest medoid (slot {@code nearest[o]}, distance
 * {@code dn[o]}) and the second nearest ({@code second[o]}, {@code ds[o]}), and for every medoid slot the
 * <em>removal loss</em>: how much the objective grows if that medoid alone is removed,
 * {@code Σ_{o: nearest(o)=i} w_o (ds_o − dn_o)}. The change of the objective when slot {@code i} is replaced
 * by row {@code c} is then, with {@code d_oc} the distance of row o to c,
 * <pre>
 *   Δ(i, c) = removal(i) + Σ_{o: d_oc &lt; dn_o} w_o (d_oc − dn_o)                        (shared by every i)
 *                        + Σ_{o: d_oc &lt; dn_o} w_o (dn_o − ds_o)     added to i = nearest(o)
 *                        + Σ_{o: dn_o ≤ d_oc &lt; ds_o} w_o (d_oc − ds_o)  added to i = nearest(o)
 * </pre>
 * which is PAM's {@code C_jih} summed over j, regrouped so that one pass over the rows gives the change for
 * all k slots at once (Schubert &amp; Rousseeuw's FastPAM1 computation, Information Systems 101, 2021).
 * PAM's SWAP evaluates every (slot, row) pair that way and makes the best swap per round, which is the swap
 * the original PAM (Kaufman &amp; Rousseeuw 1990, chapter 2) makes (up to ties and rounding), in O(n²) instead
 * of O(k n²) per round. FasterPAM instead swaps eagerly: as soon as a row improves the objective by replacing
 * its best slot, the swap is made, and the pass goes on to the next row; it stops when a whole cycle of rows
 * has passed since the last swap.
 *
 * <p>A swap must lower the objective by more than 10⁻¹² of it, so that rounding can never make the search
 * cycle. Ties go to the lowest slot and the lowest row. Candidate evaluation in PAM and BUILD runs in fixed
 * chunks of rows whose results are combined in chunk order, so the searches do not depend on the thread
 * count; FasterPAM is sequential by nature.
 */
final class MedoidSwap {
    /** Relative improvement a swap must bring. */
    static final double MIN_GAIN = 1e-12;

    /** Where a swap search ended. */
    record Result(int[] medoids, int rounds, int swaps, boolean converged) {
    }

    private final float[] dist;
    private final int n;
    private final double[] w;
    private final int k;
    private final int[] medoids;
    private final boolean[] isMedoid;
    private final int[] nearest;
    private final int[] second;
    private final double[] dn;
    private final double[] ds;
    private final double[] removal;
    private double loss;

    /** A search from the given starting medoids ({@code k ≥ 2} distinct rows); {@code weights} may be null. */
    MedoidSwap(DistanceMatrix m, double[] weights, int[] start) {
        this.dist = m.values();
        this.n = m.n();
        this.w = weights != null ? weights : ones(n);
        this.k = start.length;
        if (k < 2) {
            throw new IllegalArgumentException("swaps need k >= 2");
        }
        this.medoids = start.clone();
        this.isMedoid = new boolean[n];
        for (int c : medoids) {
            isMedoid[c] = true;
        }
        this.nearest = new int[n];
        this.second = new int[n];
        this.dn = new double[n];
        this.ds = new double[n];
        this.removal = new double[k];
        for (int o = 0; o < n; o++) {
            assignFully(o);
        }
        updateRemovalAndLoss();
    }

    static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    /** The objective now (float32 distances, double sums). */
    double loss() {
        return loss;
    }

    int[] medoids() {
        return medoids.clone();
    }

    private void assignFully(int o) {
        int row = o * n;
        double b1 = Double.POSITIVE_INFINITY;
        double b2 = Double.POSITIVE_INFINITY;
        int s1 = -1;
        int s2 = -1;
        for (int j = 0; j < k; j++) {
            double v = dist[row + medoids[j]];
            if (v < b1) {
                b2 = b1;
                s2 = s1;
                b1 = v;
                s1 = j;
            } else if (v < b2) {
                b2 = v;
                s2 = j;
            }
        }
        nearest[o] = s1;
        dn[o] = b1;
        second[o] = s2;
        ds[o] = b2;
    }

    private void updateRemovalAndLoss() {
        Arrays.fill(removal, 0);
        double s = 0;
        for (int o = 0; o < n; o++) {
            removal[nearest[o]] += w[o] * (ds[o] - dn[o]);
            s += w[o] * dn[o];
        }
        loss = s;
    }

    /**
     * Fills {@code delta[i]} with the change of the objective if slot i were replaced by row {@code c}, less
     * the part shared by every slot, which it returns.
     */
    private double swapDeltas(int c, double[] delta) {
        System.arraycopy(removal, 0, delta, 0, k);
        double shared = 0;
        int row = c * n;
        for (int o = 0; o < n; o++) {
            double doc = dist[row + o];
            double dno = dn[o];
            if (doc < dno) {
                shared += w[o] * (doc - dno);
                delta[nearest[o]] += w[o] * (dno - ds[o]);
            } else if (doc < ds[o]) {
                delta[nearest[o]] += w[o] * (doc - ds[o]);
            }
        }
        return shared;
    }

    private static int argmin(double[] a, int len) {
        int best = 0;
        for (int i = 1; i < len; i++) {
            if (a[i] < a[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Whether row c is worth trying as a medoid: not one already, nor at distance 0 from one. */
    private boolean candidate(int c) {
        return !isMedoid[c] && dn[c] > 0;
    }

    /** Replaces the medoid in {@code slot} by row {@code c} and updates nearest/second medoids incrementally. */
    private void swap(int slot, int c) {
        isMedoid[medoids[slot]] = false;
        medoids[slot] = c;
        isMedoid[c] = true;
        int row = c * n;
        for (int o = 0; o < n; o++) {
            if (nearest[o] == slot || second[o] == slot) {
                assignFully(o);
                continue;
            }
            double doc = dist[row + o];
            if (doc < dn[o]) {
                second[o] = nearest[o];
                ds[o] = dn[o];
                nearest[o] = slot;
                dn[o] = doc;
            } else if (doc < ds[o]) {
                second[o] = slot;
                ds[o] = doc;
            }
        }
        updateRemovalAndLoss();
    }

    /**
     * FasterPAM (Schubert &amp; Rousseeuw 2021): rows are tried in order as the new medoid, each
     * replacing the slot it improves most, and the swap is made at once when the objective drops. A round is
     * one pass over the rows; the search ends when a full cycle of rows brings no swap.
     */
    Result fasterPam(int maxRounds, ExecutionContext ctx) {
        double[] delta = new double[k];
        int lastSwap = -1;
        int rounds = 0;
        int swaps = 0;
        boolean converged = false;
        outer:
        while (rounds < maxRounds) {
            rounds++;
            ctx.progress().update("k-medoids: FasterPAM swaps, round " + rounds, rounds - 1, maxRounds);
            boolean swapped = false;
            for (int c = 0; c < n; c++) {
                if (c == lastSwap) {
                    converged = true; // n rows tried since the last swap, none improved
                    break outer;
                }
                if (!candidate(c)) {
                    continue;
                }
                double shared = swapDeltas(c, delta);
                int slot = argmin(delta, k);
                double change = delta[slot] + shared;
                if (change < -MIN_GAIN * loss) {
                    swap(slot, c);
                    swaps++;
                    lastSwap = c;
                    swapped = true;
                }
            }
            if (!swapped) {
                converged = true;
                break;
            }
        }
        return new Result(medoids.clone(), rounds, swaps, converged);
    }

    /**
     * PAM's SWAP (Kaufman &amp; Rousseeuw 1990): each round evaluates every (medoid, non-medoid) exchange and
     * makes the best one if it lowers the objective; the search ends at the first round with none.
     */
    Result pam(int maxRounds, ExecutionContext ctx) {
        Chunks chunks = Chunks.of(n, 16, 1024);
        int nc = chunks.count();
        double[] chunkChange = new double[nc];
        int[] chunkSlot = new int[nc];
        int[] chunkRow = new int[nc];
        int rounds = 0;
        int swaps = 0;
        boolean converged = false;
        while (rounds < maxRounds) {
            rounds++;
            ctx.progress().update("k-medoids: PAM swaps, round " + rounds, rounds - 1, maxRounds);
            ctx.parallelFor(nc, t -> {
                double[] delta = new double[k];
                double best = Double.POSITIVE_INFINITY;
                int bestSlot = -1;
                int bestRow = -1;
                for (int c = chunks.start(t); c < chunks.end(t); c++) {
                    if (!candidate(c)) {
                        continue;
                    }
                    double shared = swapDeltas(c, delta);
                    int slot = argmin(delta, k);
                    double change = delta[slot] + shared;
                    if (change < best) {
                        best = change;
                        bestSlot = slot;
                        bestRow = c;
                    }
                }
                chunkChange[t] = best;
                chunkSlot[t] = bestSlot;
                chunkRow[t] = bestRow;
            });
            int t = argmin(chunkChange, nc);
            if (chunkRow[t] >= 0 && chunkChange[t] < -MIN_GAIN * loss) {
                swap(chunkSlot[t], chunkRow[t]);
                swaps++;
            } else {
                converged = true;
                break;
            }
        }
        return new Result(medoids.clone(), rounds, swaps, converged);
    }

    // ---- starting medoids ------------------------------------------------------------------------------

    /**
     * The row with the smallest (or, with {@code maximise}, largest) {@code score} among those not
     * {@code excluded}; ties to the lowest row. Scores are computed in fixed chunks, in parallel.
     */
    private static int argBest(int n, boolean[] excluded, IntToDoubleFunction score, boolean maximise,
                               ExecutionContext ctx) {
        Chunks chunks = Chunks.of(n, 16, 1024);
        int nc = chunks.count();
        double[] val = new double[nc];
        int[] idx = new int[nc];
        ctx.parallelFor(nc, t -> {
            int bi = -1;
            double bv = 0;
            for (int c = chunks.start(t); c < chunks.end(t); c++) {
                if (excluded != null && excluded[c]) {
                    continue;
                }
                double v = score.applyAsDouble(c);
                if (bi < 0 || (maximise ? v > bv : v < bv)) {
                    bi = c;
                    bv = v;
                }
            }
            idx[t] = bi;
            val[t] = bv;
        });
        int best = -1;
        double bestVal = 0;
        for (int t = 0; t < nc; t++) {
            if (idx[t] >= 0 && (best < 0 || (maximise ? val[t] > bestVal : val[t] < bestVal))) {
                best = idx[t];
                bestVal = val[t];
            }
        }
        return best;
    }

    /**
     * PAM's BUILD (Kaufman &amp; Rousseeuw 1990): the first medoid is the row with the smallest total distance to
     * all rows; each next one is the row that lowers the objective most. O(k n²). If fewer than k rows bring
     * any gain (fewer distinct rows than k), the lowest remaining rows fill the slots.
     */
    static int[] build(DistanceMatrix m, double[] weights, int k, ExecutionContext ctx) {
        int n = m.n();
        float[] dist = m.values();
        int[] med = new int[k];
        boolean[] chosen = new boolean[n];
        med[0] = argBest(n, null, c -> total(dist, c * n, weights, n), false, ctx);
        chosen[med[0]] = true;
        double[] dn = new double[n];
        for (int o = 0; o < n; o++) {
            dn[o] = dist[med[0] * n + o];
        }
        for (int l = 1; l < k; l++) {
            ctx.progress().update("k-medoids: BUILD", l, k);
            int next = argBest(n, chosen, c -> gain(dist, c * n, dn, weights, n), true, ctx);
            med[l] = next;
            chosen[next] = true;
            int row = next * n;
            for (int o = 0; o < n; o++) {
                dn[o] = Math.min(dn[o], dist[row + o]);
            }
        }
        return med;
    }

    /** Total (weighted) distance from row c (its distances start at {@code dist[row]}) to every row. */
    private static double total(float[] dist, int row, double[] w, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int o = 0;
        for (; o + 3 < n; o += 4) {
            s0 += (w == null ? 1 : w[o]) * dist[row + o];
            s1 += (w == null ? 1 : w[o + 1]) * dist[row + o + 1];
            s2 += (w == null ? 1 : w[o + 2]) * dist[row + o + 2];
            s3 += (w == null ? 1 : w[o + 3]) * dist[row + o + 3];
        }
        for (; o < n; o++) {
            s0 += (w == null ? 1 : w[o]) * dist[row + o];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * BUILD's gain of adding row c (its distances start at {@code dist[row]}): {@code Σ w_o max(0, dn_o − d_oc)}.
     * Branch-free, with four partial sums so the additions overlap; the order is fixed, so is the result.
     */
    private static double gain(float[] dist, int row, double[] dn, double[] w, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int o = 0;
        if (w == null) {
            for (; o + 3 < n; o += 4) {
                s0 += Math.max(0.0, dn[o] - dist[row + o]);
                s1 += Math.max(0.0, dn[o + 1] - dist[row + o + 1]);
                s2 += Math.max(0.0, dn[o + 2] - dist[row + o + 2]);
                s3 += Math.max(0.0, dn[o + 3] - dist[row + o + 3]);
            }
            for (; o < n; o++) {
                s0 += Math.max(0.0, dn[o] - dist[row + o]);
            }
        } else {
            for (; o + 3 < n; o += 4) {
                s0 += w[o] * Math.max(0.0, dn[o] - dist[row + o]);
                s1 += w[o + 1] * Math.max(0.0, dn[o + 1] - dist[row + o + 1]);
                s2 += w[o + 2] * Math.max(0.0, dn[o + 2] - dist[row + o + 2]);
                s3 += w[o + 3] * Math.max(0.0, dn[o + 3] - dist[row + o + 3]);
            }
            for (; o < n; o++) {
                s0 += w[o] * Math.max(0.0, dn[o] - dist[row + o]);
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code k} distinct rows drawn uniformly. */
    static int[] random(int n, int k, SplittableRandom rng) {
        return Sampling.withoutReplacement(n, k, rng);
    }

    /**
     * k-medoids++: the first medoid drawn with probability ∝ weight, each next one with probability ∝
     * weight × distance to the nearest medoid chosen so far (the k-means++ rule of Arthur &amp; Vassilvitskii,
     * SODA 2007, with the k-medoids objective in place of the squared distance). When no row is left at a
     * positive distance, the lowest remaining rows fill the slots.
     */
    static int[] plusPlus(DistanceMatrix m, double[] weights, int k, SplittableRandom rng) {
        int n = m.n();
        float[] dist = m.values();
        int[] med = new int[k];
        boolean[] chosen = new boolean[n];
        med[0] = weights == null ? rng.nextInt(n) : KMeansPlusPlus.sampleByWeight(weights, rng.nextDouble());
        chosen[med[0]] = true;
        double[] dn = new double[n];
        for (int o = 0; o < n; o++) {
            dn[o] = dist[med[0] * n + o];
        }
        for (int l = 1; l < k; l++) {
            double total = 0;
            for (int o = 0; o < n; o++) {
                if (!chosen[o]) {
                    total += (weights == null ? 1 : weights[o]) * dn[o];
                }
            }
            int pick = -1;
            if (total > 0) {
                double r = rng.nextDouble() * total;
                double acc = 0;
                for (int o = 0; o < n; o++) {
                    double mass = chosen[o] ? 0 : (weights == null ? 1 : weights[o]) * dn[o];
                    if (mass > 0) {
                        acc += mass;
                        pick = o;
                        if (acc > r) {
                            break;
                        }
                    }
                }
            }
            if (pick < 0) {
                pick = 0;
                while (chosen[pick]) {
                    pick++;
                }
            }
            med[l] = pick;
            chosen[pick] = true;
            int row = pick * n;
            for (int o = 0; o < n; o++) {
                dn[o] = Math.min(dn[o], dist[row + o]);
            }
        }
        return med;
    }
}
