package io.cumulo.cluster.density;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The ξ extraction of clusters from an OPTICS reachability plot (Ankerst et al. 1999, section 4.3, "ξ-steep areas"),
 * as scikit-learn's {@code cluster_optics_xi} computes it: steep down areas (reachability falling by a factor
 * {@code 1 − ξ} or more from one point to the next) open candidate clusters, steep up areas close them, with the
 * paper's conditions on the maximum in between and the start and end corrections, and scikit-learn's two fixes to the
 * paper's definitions (the direction of the steep-downward test, Definition 9, and of the end correction, Definition
 * 11 4c). The plot gets an infinite point appended, so that a cluster can end at the last point.
 *
 * <p><b>Predecessor correction</b> (E. Schubert, M. Gertz, "Improving the Cluster Structure Extracted from OPTICS
 * Plots", LWDA 2018, Algorithm 2): a cluster's last point is dropped, repeatedly, while the point it was reached from
 * lies outside the cluster. This follows the paper: the predecessor (a row) is looked for among the cluster's rows.
 * scikit-learn 1.2.1 compares it with the cluster's <em>positions</em> instead ({@code ordering[predecessor[e]]}),
 * which is wrong (scikit-learn issue #26324, fixed in 1.3 by pull request #26459); so with the correction on, labels can
 * differ from scikit-learn 1.2.1's on some data, and equal those of scikit-learn 1.3 and later. Without it they equal
 * 1.2.1's.
 *
 * <p><b>Labels</b>: the clusters are listed by end and then by start descending (nested clusters before those that
 * contain them); each is labelled, in that order, if none of its points is labelled yet. Points of a parent cluster
 * outside its labelled children are noise, as in scikit-learn.
 */
final class OpticsXi {
    private OpticsXi() {
    }

    /** The clusters as {@code [start, end]} positions of the ordering, and the labels by row. */
    record Result(int[][] clusters, int[] labels) {
    }

    /** A steep down area: its positions and the maximum reachability seen after it (the paper's mib). */
    private static final class SteepDown {
        final int start;
        final int end;
        double mib;

        SteepDown(int start, int end) {
            this.start = start;
            this.end = end;
        }
    }

    /**
     * @param reachability   by row
     * @param predecessor    by row ({@code -1}: none)
     * @param ordering       the rows in OPTICS order
     * @param minSamples     steep areas hold no more than this many consecutive non-steep points
     * @param minClusterSize the fewest points of a cluster
     */
    static Result extract(double[] reachability, int[] predecessor, int[] ordering, int minSamples,
                          int minClusterSize, double xi, boolean predecessorCorrection) {
        int n = ordering.length;
        double[] plot = new double[n + 1];
        int[] predPlot = new int[n];
        for (int i = 0; i < n; i++) {
            plot[i] = reachability[ordering[i]];
            predPlot[i] = predecessor[ordering[i]];
        }
        plot[n] = Double.POSITIVE_INFINITY;
        int[] position = new int[n];
        for (int i = 0; i < n; i++) {
            position[ordering[i]] = i;
        }
        double xic = 1 - xi;
        boolean[] steepUp = new boolean[n];
        boolean[] steepDown = new boolean[n];
        boolean[] down = new boolean[n];
        boolean[] up = new boolean[n];
        for (int i = 0; i < n; i++) {
            // ∞/∞ and 0/0 are NaN, which is none of these (numpy's comparisons with NaN are false too)
            double ratio = plot[i] / plot[i + 1];
            steepUp[i] = ratio <= xic;
            steepDown[i] = ratio >= 1 / xic;
            down[i] = ratio > 1;
            up[i] = ratio < 1;
        }
        List<SteepDown> sdas = new ArrayList<>();
        List<int[]> clusters = new ArrayList<>();
        int index = 0;
        double mib = 0;
        for (int steep = 0; steep < n; steep++) {
            if (!(steepUp[steep] || steepDown[steep]) || steep < index) {
                continue;
            }
            for (int i = index; i <= steep; i++) {
                mib = Math.max(mib, plot[i]);
            }
            sdas = filter(sdas, mib, xic, plot);
            if (steepDown[steep]) {
                int end = extendRegion(steepDown, up, steep, minSamples);
                sdas.add(new SteepDown(steep, end));
                index = end + 1;
                mib = plot[index];
            } else {
                int uStart = steep;
                int uEnd = extendRegion(steepUp, down, uStart, minSamples);
                index = uEnd + 1;
                mib = plot[index];
                List<int[]> found = new ArrayList<>();
                for (SteepDown sd : sdas) {
                    int cStart = sd.start;
                    int cEnd = uEnd;
                    if (plot[cEnd + 1] * xic < sd.mib) {
                        continue;
                    }
                    double dMax = plot[sd.start];
                    if (dMax * xic >= plot[cEnd + 1]) {
                        // the start moves right to the first point about as high as the end
                        while (plot[cStart + 1] > plot[cEnd + 1] && cStart < sd.end) {
                            cStart++;
                        }
                    } else if (plot[cEnd + 1] * xic >= dMax) {
                        // the end moves left to the last point about as high as the start
                        while (plot[cEnd - 1] > dMax && cEnd > uStart) {
                            cEnd--;
                        }
                    }
                    if (predecessorCorrection) {
                        int[] c = correctPredecessor(plot, predPlot, position, cStart, cEnd);
                        if (c == null) {
                            continue;
                        }
                        cStart = c[0];
                        cEnd = c[1];
                    }
                    if (cEnd - cStart + 1 < minClusterSize || cStart > sd.end || cEnd < uStart) {
                        continue;
                    }
                    found.add(new int[] {cStart, cEnd});
                }
                // smaller clusters first
                Collections.reverse(found);
                clusters.addAll(found);
            }
        }
        int[][] list = clusters.toArray(new int[0][]);
        return new Result(list, labels(ordering, list));
    }

    /** The steep down areas still open after a maximum {@code mib}: none after an infinite one. */
    private static List<SteepDown> filter(List<SteepDown> sdas, double mib, double xic, double[] plot) {
        List<SteepDown> kept = new ArrayList<>();
        if (Double.isInfinite(mib)) {
            return kept;
        }
        for (SteepDown sd : sdas) {
            if (mib <= plot[sd.start] * xic) {
                sd.mib = Math.max(sd.mib, mib);
                kept.add(sd);
            }
        }
        return kept;
    }

    /**
     * The end of the steep area starting at {@code start}: it goes on through steep points and through up to
     * {@code minSamples} consecutive points that are neither steep nor going the other way ({@code otherWay}).
     */
    private static int extendRegion(boolean[] steep, boolean[] otherWay, int start, int minSamples) {
        int n = steep.length;
        int nonSteep = 0;
        int end = start;
        for (int index = start; index < n; index++) {
            if (steep[index]) {
                nonSteep = 0;
                end = index;
            } else if (!otherWay[index]) {
                nonSteep++;
                if (nonSteep > minSamples) {
                    break;
                }
            } else {
                return end;
            }
        }
        return end;
    }

    /**
     * Schubert and Gertz's Algorithm 2: while the end is not below the start and the end's predecessor (a row) is not
     * among the rows at positions {@code s .. e−1}, drop the end. Null when nothing is left.
     */
    private static int[] correctPredecessor(double[] plot, int[] predPlot, int[] position, int s, int e) {
        while (s < e) {
            if (plot[s] > plot[e]) {
                return new int[] {s, e};
            }
            int p = predPlot[e];
            if (p >= 0 && position[p] >= s && position[p] < e) {
                return new int[] {s, e};
            }
            e--;
        }
        return null;
    }

    /** Each cluster, in list order, labels its positions if none is labelled yet; the labels are then by row. */
    static int[] labels(int[] ordering, int[][] clusters) {
        int n = ordering.length;
        int[] byPosition = new int[n];
        Arrays.fill(byPosition, -1);
        int label = 0;
        for (int[] c : clusters) {
            boolean free = true;
            for (int i = c[0]; i <= c[1] && free; i++) {
                free = byPosition[i] == -1;
            }
            if (free) {
                Arrays.fill(byPosition, c[0], c[1] + 1, label++);
            }
        }
        int[] byRow = new int[n];
        for (int i = 0; i < n; i++) {
            byRow[ordering[i]] = byPosition[i];
        }
        return byRow;
    }
}
