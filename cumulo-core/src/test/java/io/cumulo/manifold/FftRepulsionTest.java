package io.cumulo.manifold;

import io.cumulo.exec.ExecutionContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interpolated repulsion and Z against the exact O(n²) sums, {@code Σ_j w_ij² (y_i − y_j)} and
 * {@code Σ_{i≠j} w_ij} with {@code w = 1 / (1 + d²)}, computed here pair by pair.
 */
class FftRepulsionTest {
    private static final ExecutionContext ONE = ExecutionContext.singleThreaded();

    /** Exact sums: returns Z, writes the forces. */
    private static double exact(double[] y, int n, double[] force) {
        double z = 0;
        for (int i = 0; i < n; i++) {
            double fx = 0;
            double fy = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double dx = y[2 * i] - y[2 * j];
                double dy = y[2 * i + 1] - y[2 * j + 1];
                double w = 1 / (1 + dx * dx + dy * dy);
                z += w;
                fx += w * w * dx;
                fy += w * w * dy;
            }
            force[2 * i] = fx;
            force[2 * i + 1] = fy;
        }
        return z;
    }

    /** n points in a few Gaussian clusters of sd {@code spread} around centres in a square of side {@code width}. */
    private static double[] clusters(int n, double width, double spread, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] centres = new double[10];
        for (int t = 0; t < centres.length; t++) {
            centres[t] = rng.nextDouble(-width / 2, width / 2);
        }
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(5);
            y[2 * i] = centres[2 * c] + spread * rng.nextGaussian();
            y[2 * i + 1] = centres[2 * c + 1] + spread * rng.nextGaussian();
        }
        return y;
    }

    private record Errors(double z, double forceNorm, double forceMax) {
    }

    private static Errors errors(double[] y, int n, FftRepulsion fft) {
        double[] f = new double[2 * n];
        double z = fft.repulsion(y, f);
        return compare(y, n, f, z);
    }

    private static Errors compare(double[] y, int n, double[] f, double z) {
        double[] e = new double[2 * n];
        double ze = exact(y, n, e);
        double diff2 = 0;
        double norm2 = 0;
        double maxDiff = 0;
        double maxNorm = 0;
        for (int i = 0; i < n; i++) {
            double dx = f[2 * i] - e[2 * i];
            double dy = f[2 * i + 1] - e[2 * i + 1];
            diff2 += dx * dx + dy * dy;
            double ne = e[2 * i] * e[2 * i] + e[2 * i + 1] * e[2 * i + 1];
            norm2 += ne;
            maxDiff = Math.max(maxDiff, Math.sqrt(dx * dx + dy * dy));
            maxNorm = Math.max(maxNorm, Math.sqrt(ne));
        }
        return new Errors(Math.abs(z - ze) / ze, Math.sqrt(diff2 / norm2), maxDiff / maxNorm);
    }

    private static Errors barnesHutErrors(double[] y, int n, double theta) {
        BarnesHutTree tree = new BarnesHutTree(n);
        tree.build(y);
        double[] f = new double[2 * n];
        double[] one = new double[2];
        int[] stack = new int[3 * BarnesHutTree.MAX_DEPTH + 8];
        double z = 0;
        for (int i = 0; i < n; i++) {
            z += tree.repulsion(i, theta * theta, one, stack);
            f[2 * i] = one[0];
            f[2 * i + 1] = one[1];
        }
        return compare(y, n, f, z);
    }

    @Test
    void defaultGridMatchesTheExactSums() {
        int n = 400;
        // embeddings of the widths t-SNE goes through: early (tight), middle, late (wider than the 50 intervals)
        double[][] shapes = {{2, 0.3}, {20, 2}, {60, 4}, {150, 6}};
        List<Errors> all = new ArrayList<>();
        for (double[] shape : shapes) {
            double[] y = clusters(n, shape[0], shape[1], 11);
            FftRepulsion fft = new FftRepulsion(n, FftRepulsion.DEFAULT_NODES, FftRepulsion.DEFAULT_MIN_INTERVALS, ONE);
            Errors err = errors(y, n, fft);
            System.out.printf("FIt-SNE repulsion, n=%d, width %.0f: %d x %d intervals, relative error Z %.2e, "
                            + "forces (2-norm) %.2e, forces (max) %.2e%n", n, shape[0], fft.lastIntervalsX(),
                    fft.lastIntervalsY(), err.z(), err.forceNorm(), err.forceMax());
            Errors bh = barnesHutErrors(y, n, 0.5);
            System.out.printf("  Barnes-Hut θ = 0.5 on the same points: Z %.2e, forces (2-norm) %.2e, (max) %.2e%n",
                    bh.z(), bh.forceNorm(), bh.forceMax());
            all.add(err);
        }
        // measured (n = 400, seed 11): widths 2 and 20 (intervals of 0.04 and 0.4): Z 7e-8 and 8e-5, forces 4e-6
        // and 2e-3; widths 60 and 150 (intervals of about 1, the paper's default): Z 4e-3 and 8e-3, forces 3e-2 and
        // 4e-2, where Barnes-Hut with θ = 0.5 errs by 4e-3 and 3e-3 in Z and 1e-2 in the forces
        double[] zBound = {1e-6, 1e-3, 1e-2, 1e-2};
        double[] forceBound = {1e-4, 5e-3, 5e-2, 6e-2};
        for (int s = 0; s < all.size(); s++) {
            assertTrue(all.get(s).z() < zBound[s], "width " + shapes[s][0] + ": Z " + all.get(s).z());
            assertTrue(all.get(s).forceNorm() < forceBound[s], "width " + shapes[s][0] + ": forces "
                    + all.get(s).forceNorm());
        }
    }

    @Test
    void moreNodesAreMoreAccurate() {
        int n = 300;
        double[] y = clusters(n, 40, 3, 5);
        double previous = Double.MAX_VALUE;
        for (int nodes = 2; nodes <= 5; nodes++) {
            Errors err = errors(y, n, new FftRepulsion(n, nodes, FftRepulsion.DEFAULT_MIN_INTERVALS, ONE));
            System.out.printf("FIt-SNE repulsion, %d nodes: relative error Z %.2e, forces %.2e%n", nodes, err.z(),
                    err.forceNorm());
            Errors bh = barnesHutErrors(y, n, 0.5);
            System.out.printf("  Barnes-Hut θ = 0.5: Z %.2e, forces %.2e%n", bh.z(), bh.forceNorm());
            assertTrue(err.forceNorm() < previous, nodes + " nodes: " + err.forceNorm() + " vs " + previous);
            previous = err.forceNorm();
        }
        // measured (n = 300, width 40, intervals of 0.8): forces 1.1e-1, 2.6e-2, 7.5e-3, 1.8e-3 for 2 to 5 nodes
        assertTrue(previous < 3e-3, "5 nodes: " + previous);
    }

    @Test
    void intervalsFollowTheExtent() {
        FftRepulsion fft = new FftRepulsion(10, 3, 50, ONE);
        assertEquals(50, fft.intervals(1e-4));
        assertEquals(50, fft.intervals(50));
        assertEquals(54, fft.intervals(50.5));
        assertEquals(125, fft.intervals(121));
        assertEquals(FftRepulsion.MAX_INTERVALS, fft.intervals(1e6));
    }

    @Test
    void sameBitsForAnyThreadCountAndDegenerateLayouts() {
        int n = 2000;
        double[] y = clusters(n, 80, 5, 3);
        double[] a = new double[2 * n];
        double[] b = new double[2 * n];
        double za = new FftRepulsion(n, 3, 50, ONE).repulsion(y, a);
        double zb = new FftRepulsion(n, 3, 50, ExecutionContext.defaults().withThreads(3)).repulsion(y, b);
        assertArrayEquals(a, b, 0.0);
        assertEquals(za, zb, 0.0);
        // all points on a vertical line, and two coinciding points: finite, close to the exact sums
        int m = 50;
        double[] line = new double[2 * m];
        for (int i = 0; i < m; i++) {
            line[2 * i] = 3;
            line[2 * i + 1] = i * 0.37;
        }
        line[2] = line[0];
        line[3] = line[1];
        Errors err = errors(line, m, new FftRepulsion(m, 3, 50, ONE));
        assertTrue(err.z() < 1e-3 && err.forceNorm() < 5e-3, err.toString());
    }
}
