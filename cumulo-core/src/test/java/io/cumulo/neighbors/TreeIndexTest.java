package io.cumulo.neighbors;

import io.cumulo.exec.ExecutionContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every tree index against {@link BruteForceIndex}, ids and distances exactly: random data, integer grids (many equal
 * distances and duplicate rows), one feature, one row, k = n, r = 0, radii exactly at a row's distance, every metric,
 * several leaf sizes, batch queries on 1 and 3 threads.
 */
class TreeIndexTest {
    private static final ExecutionContext ONE = ExecutionContext.singleThreaded();
    private static final ExecutionContext THREE = ExecutionContext.defaults().withThreads(3);

    /** The indexes under test over the same rows. */
    static List<NeighborIndex> trees(double[] x, int n, int d, Distance metric) {
        List<NeighborIndex> out = new ArrayList<>();
        for (int leaf : new int[] {1, 40}) {
            out.add(new KdTree(x, n, d, metric, leaf));
            out.add(new BallTree(x, n, d, metric, leaf));
        }
        return out;
    }

    static double[] gaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() * (1 + (i % d)) + (r.nextInt(3) - 1) * 4;
        }
        return x;
    }

    /** Integer values in [1, levels]: many equal distances and exact duplicates, and never a zero row. */
    static double[] grid(int n, int d, int levels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + r.nextInt(levels);
        }
        return x;
    }

    /** Checks every query kind of {@code index} against brute force, for queries {@code q} (m rows). */
    static void assertSameAsBrute(NeighborIndex index, double[] x, int n, int d, double[] q, int m) {
        Distance metric = index.distance();
        BruteForceIndex brute = new BruteForceIndex(x, n, d, metric);
        String what = index + " " + metric.id();
        int[] ks = {1, Math.min(n, 4), Math.min(n, 11), n};
        for (int i = 0; i < m; i++) {
            for (int k : ks) {
                int[] er = new int[k];
                double[] ed = new double[k];
                int[] ar = new int[k];
                double[] ad = new double[k];
                brute.nearest(q, i * d, k, er, ed);
                index.nearest(q, i * d, k, ar, ad);
                assertArrayEquals(er, ar, what + " query " + i + " k " + k);
                assertArrayEquals(ed, ad, what + " query " + i + " k " + k);
            }
            // radii: 0, exactly the distance of the 1st, 3rd and middle neighbour (a row on the boundary), a bit
            // less than that, and all
            int[] rr = new int[n];
            double[] rd = new double[n];
            brute.nearest(q, i * d, n, rr, rd);
            double[] radii = {0, rd[0], rd[Math.min(2, n - 1)], rd[n / 2], Math.nextDown(rd[n / 2]),
                rd[n - 1], rd[n - 1] * 2};
            for (double r : radii) {
                if (!(r >= 0)) {
                    continue;
                }
                assertEquals(brute.countWithin(q, i * d, r), index.countWithin(q, i * d, r),
                        what + " count query " + i + " r " + r);
                assertEquals(within(brute, q, i * d, r), within(index, q, i * d, r),
                        what + " listing query " + i + " r " + r);
            }
        }
    }

    /** The (row, distance) pairs of a radius query, as a sorted set (the visiting order is the index's own). */
    static TreeSet<String> within(NeighborIndex index, double[] q, int off, double r) {
        TreeSet<String> out = new TreeSet<>();
        index.forEachWithin(q, off, r, (row, dist) -> assertTrue(out.add(row + ":" + Double.doubleToLongBits(dist))));
        return out;
    }

    @Test
    void randomDataEveryMetricAndDimension() {
        for (int d : new int[] {1, 2, 3, 5, 9}) {
            int n = 300;
            double[] x = gaussian(n, d, 11 + d);
            double[] fresh = gaussian(25, d, 99 + d);
            for (Distance metric : Distance.values()) {
                for (NeighborIndex index : trees(x, n, d, metric)) {
                    assertSameAsBrute(index, x, n, d, x, 25);
                    assertSameAsBrute(index, x, n, d, fresh, 25);
                }
            }
        }
    }

    /** The reference batch: one brute-force query at a time. */
    static KnnGraph bruteBatch(double[] x, int n, int d, Distance metric, double[] q, int m, int k) {
        BruteForceIndex brute = new BruteForceIndex(x, n, d, metric);
        int[] rows = new int[m * k];
        double[] dist = new double[m * k];
        int[] r = new int[k];
        double[] s = new double[k];
        for (int i = 0; i < m; i++) {
            brute.nearest(q, i * d, k, r, s);
            System.arraycopy(r, 0, rows, i * k, k);
            System.arraycopy(s, 0, dist, i * k, k);
        }
        return new KnnGraph(rows, dist, k);
    }

    static void assertBatchSameAsBrute(NeighborIndex index, double[] x, int n, int d, double[] q, int m, int k) {
        KnnGraph e = bruteBatch(x, n, d, index.distance(), q, m, k);
        KnnGraph a = index.nearest(q, m, k, ONE);
        KnnGraph b = index.nearest(q, m, k, THREE);
        assertArrayEquals(e.indices(), a.indices(), index + " batch k " + k);
        assertArrayEquals(e.distances(), a.distances(), index + " batch k " + k);
        assertArrayEquals(a.indices(), b.indices());
        assertArrayEquals(a.distances(), b.distances());
    }

    @Test
    void manyFeaturesBlockedSearches() {
        // 16 features and more: Euclidean batches go by blocks of queries through the GEMM-shaped kernel (trees and
        // brute force alike); the single queries do not
        for (int d : new int[] {16, 17, 33}) {
            int n = 300;
            double[] g = gaussian(n, d, 31 + d);
            double[] grid = grid(n, d, 2, 41 + d);
            // far from the origin with a small spread: the expansion's rounding is large against the distances
            double[] far = gaussian(n, d, 51 + d);
            for (int i = 0; i < far.length; i++) {
                far[i] = 1e6 + far[i] * 1e-4;
            }
            double[] fresh = gaussian(77, d, 61 + d);
            for (double[] x : new double[][] {g, grid, far}) {
                for (Distance metric : new Distance[] {Distance.EUCLIDEAN, Distance.SQEUCLIDEAN, Distance.MANHATTAN}) {
                    List<NeighborIndex> all = new ArrayList<>(trees(x, n, d, metric));
                    all.add(new BruteForceIndex(x, n, d, metric));
                    for (NeighborIndex index : all) {
                        for (int k : x == g ? new int[] {1, 10, n} : new int[] {10}) {
                            assertBatchSameAsBrute(index, x, n, d, x, n, k);
                        }
                        assertBatchSameAsBrute(index, x, n, d, fresh, 77, 7);
                        assertBatchSameAsBrute(index, x, n, d, x, 1, 3);
                    }
                    for (NeighborIndex index : trees(x, n, d, metric)) {
                        assertSameAsBrute(index, x, n, d, fresh, 3);
                    }
                }
            }
            double[] one = Arrays.copyOf(g, d);
            for (NeighborIndex index : trees(one, 1, d, Distance.EUCLIDEAN)) {
                assertBatchSameAsBrute(index, one, 1, d, g, 40, 1);
            }
            assertBatchSameAsBrute(new BruteForceIndex(one, 1, d, Distance.EUCLIDEAN), one, 1, d, g, 40, 1);
        }
    }

    @Test
    void integerGridsWithTiesAndDuplicates() {
        for (int d : new int[] {1, 2, 3, 4}) {
            int n = 250;
            double[] x = grid(n, d, 4, 5 + d);
            double[] fresh = grid(30, d, 5, 50 + d);
            for (Distance metric : Distance.values()) {
                for (NeighborIndex index : trees(x, n, d, metric)) {
                    assertSameAsBrute(index, x, n, d, x, 40);
                    assertSameAsBrute(index, x, n, d, fresh, 20);
                }
            }
        }
    }

    @Test
    void allRowsEqualOneRowAndTinySets() {
        double[] same = new double[50 * 2];
        Arrays.fill(same, 3.5);
        double[] one = {1.5, -2};
        double[] q = {3.5, 3.5, 0.5, 1, 1.5, -2};
        for (Distance metric : Distance.values()) {
            for (NeighborIndex index : trees(same, 50, 2, metric)) {
                assertSameAsBrute(index, same, 50, 2, q, 3);
            }
            for (NeighborIndex index : trees(one, 1, 2, metric)) {
                assertSameAsBrute(index, one, 1, 2, q, 3);
                int[] r = new int[1];
                double[] s = new double[1];
                index.nearest(one, 0, 1, r, s);
                assertEquals(0, r[0]);
                assertEquals(0.0, s[0], 0);
            }
            for (int n = 2; n <= 5; n++) {
                double[] x = gaussian(n, 3, n);
                for (NeighborIndex index : trees(x, n, 3, metric)) {
                    assertSameAsBrute(index, x, n, 3, x, n);
                }
            }
        }
    }

    @Test
    void selfFoundAtZeroAndBatchesIndependentOfThreads() {
        int n = 1500;
        int d = 3;
        double[] x = grid(n, d, 9, 77);
        double[] fresh = gaussian(700, d, 78);
        for (Distance metric : Distance.values()) {
            NeighborIndex brute = new BruteForceIndex(x, n, d, metric);
            for (NeighborIndex index : trees(x, n, d, metric)) {
                KnnGraph a = index.nearest(x, n, 7, ONE);
                KnnGraph b = index.nearest(x, n, 7, THREE);
                KnnGraph e = brute.nearest(x, n, 7, ONE);
                assertArrayEquals(e.indices(), a.indices());
                assertArrayEquals(e.distances(), a.distances());
                assertArrayEquals(a.indices(), b.indices());
                assertArrayEquals(a.distances(), b.distances());
                for (int i = 0; i < n; i++) {
                    assertEquals(0.0, a.distance(i, 0), 0);
                }
                KnnGraph f = index.nearest(fresh, 700, 5, THREE);
                KnnGraph g = brute.nearest(fresh, 700, 5, ONE);
                assertArrayEquals(g.indices(), f.indices());
                assertArrayEquals(g.distances(), f.distances());
                for (double r : new double[] {0, 1, 2.5}) {
                    int[] c1 = index.countWithin(x, n, r, ONE);
                    assertArrayEquals(brute.countWithin(x, n, r, ONE), c1);
                    assertArrayEquals(c1, index.countWithin(x, n, r, THREE));
                    for (int c : c1) {
                        assertTrue(c >= 1, "the row itself is within any radius");
                    }
                }
                KnnGraph o1 = index.nearestOthers(6, ONE);
                KnnGraph o3 = index.nearestOthers(6, THREE);
                assertArrayEquals(o1.indices(), o3.indices());
                assertArrayEquals(o1.distances(), o3.distances());
                assertArrayEquals(brute.nearestOthers(6, ONE).indices(), o1.indices());
            }
        }
    }

    @Test
    void nearestOthersSkipsTheRowButNotItsDuplicates() {
        // rows 0, 1, 2 equal; row 3 apart
        double[] x = {1, 1, 1, 1, 1, 1, 5, 5};
        for (NeighborIndex index : trees(x, 4, 2, Distance.EUCLIDEAN)) {
            KnnGraph g = index.nearestOthers(2, ONE);
            assertArrayEquals(new int[] {1, 2, 0, 2, 0, 1, 0, 1}, g.indices());
            assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, Math.sqrt(32), Math.sqrt(32)}, g.distances());
            KnnGraph all = index.nearestOthers(3, ONE);
            assertEquals(3, all.index(0, 2));
        }
        // more duplicates before the row than k: the row itself is not among its k + 1 nearest
        double[] dup = new double[6];
        for (NeighborIndex index : trees(dup, 6, 1, Distance.MANHATTAN)) {
            KnnGraph g = index.nearestOthers(2, ONE);
            assertArrayEquals(new int[] {1, 2, 0, 2, 0, 1, 0, 1, 0, 1, 0, 1}, g.indices());
        }
    }

    @Test
    void badRequestsAreRefusedClearly() {
        double[] x = gaussian(20, 2, 1);
        for (NeighborIndex index : trees(x, 20, 2, Distance.EUCLIDEAN)) {
            int[] r = new int[30];
            double[] s = new double[30];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> index.nearest(x, 0, 21, r, s));
            assertEquals("21 neighbours asked of 20 rows (k must be 1 to 20)", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> index.nearest(x, 0, 0, r, s));
            assertThrows(IllegalArgumentException.class, () -> index.nearest(x, 20, 0, ONE));
            e = assertThrows(IllegalArgumentException.class, () -> index.countWithin(x, 0, -0.5));
            assertEquals("radius -0.5: must be a number at least 0", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> index.countWithin(x, 0, Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> index.countWithin(x, 20, -1, ONE));
            assertThrows(IllegalArgumentException.class, () -> index.forEachWithin(x, 0, -1, (a, b) -> { }));
            e = assertThrows(IllegalArgumentException.class,
                    () -> index.nearest(new double[] {1, Double.NaN}, 0, 1, r, s));
            assertEquals("query value NaN in feature 1: neighbour queries need finite values", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> index.countWithin(new double[] {Double.NaN, 0}, 0, 1));
            e = assertThrows(IllegalArgumentException.class, () -> index.nearestOthers(20, ONE));
            assertEquals("20 neighbours besides the row itself asked of 20 rows (k must be 1 to 19)", e.getMessage());
        }
        for (NeighborIndex.Kind kind : NeighborIndex.Kind.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NeighborIndex.build(new double[] {1, 2, Double.POSITIVE_INFINITY, 4}, 2, 2,
                            Distance.EUCLIDEAN, kind, ONE));
            assertEquals("row 1, feature 0 is Infinity: neighbour indexes need finite values", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> NeighborIndex.build(new double[] {1, 2, 0, 0}, 2, 2, Distance.COSINE, kind, ONE));
            assertEquals("row 1 has no direction (zero or overflowing length): its cosine distance is undefined",
                    e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> NeighborIndex.build(new double[0], 0, 2, Distance.EUCLIDEAN, kind, ONE));
        }
        NeighborIndex cos = NeighborIndex.build(x, 20, 2, Distance.COSINE, NeighborIndex.Kind.KD_TREE, ONE);
        assertThrows(IllegalArgumentException.class, () -> cos.countWithin(new double[] {0, 0}, 0, 1));
    }

    @Test
    void structuralViewDescribesAPartition() {
        int n = 1000;
        int d = 3;
        double[] x = gaussian(n, d, 4);
        for (Distance metric : Distance.values()) {
            KdTree t = KdTree.of(x, n, d, metric, 10, ONE);
            int[] order = t.treeOrder();
            int[] seen = new int[n];
            for (int p = 0; p < n; p++) {
                assertEquals(order[p], t.rowAt(p));
                seen[order[p]]++;
            }
            for (int c : seen) {
                assertEquals(1, c);
            }
            assertEquals(0, t.nodeStart(0));
            assertEquals(n, t.nodeEnd(0));
            int leafRows = 0;
            double[] unit = new double[d];
            for (int node = 0; node < t.nodeCount(); node++) {
                if (t.isLeaf(node)) {
                    assertEquals(-1, t.leftChild(node));
                    assertEquals(-1, t.rightChild(node));
                    assertTrue(t.nodeEnd(node) - t.nodeStart(node) <= 10);
                    leafRows += t.nodeEnd(node) - t.nodeStart(node);
                } else {
                    int l = t.leftChild(node);
                    int r = t.rightChild(node);
                    assertEquals(node + 1, l, "preorder");
                    assertEquals(t.nodeStart(node), t.nodeStart(l));
                    assertEquals(t.nodeEnd(l), t.nodeStart(r));
                    assertEquals(t.nodeEnd(node), t.nodeEnd(r));
                }
                for (int p = t.nodeStart(node); p < t.nodeEnd(node); p++) {
                    double[] v = x;
                    int o = t.rowAt(p) * d;
                    if (metric == Distance.COSINE) {
                        SpatialTree.unit(x, o, d, unit, 0);
                        v = unit;
                        o = 0;
                    }
                    for (int j = 0; j < d; j++) {
                        assertTrue(t.boxMin(node, j) <= v[o + j] && v[o + j] <= t.boxMax(node, j));
                    }
                }
            }
            assertEquals(n, leafRows);
            // the bounds are below every true distance
            SplittableRandom rng = new SplittableRandom(1);
            for (int trial = 0; trial < 300; trial++) {
                int a = rng.nextInt(t.nodeCount());
                int b = rng.nextInt(t.nodeCount());
                double bound = t.minDistance(a, b);
                double qb = t.minDistance(x, t.rowAt(t.nodeStart(b)) * d, a);
                for (int p = t.nodeStart(a); p < t.nodeEnd(a); p++) {
                    double dq = metric.between(x, t.rowAt(t.nodeStart(b)) * d, x, t.rowAt(p) * d, d);
                    assertTrue(qb <= dq, metric + " point-to-box bound");
                    for (int o = t.nodeStart(b); o < t.nodeEnd(b); o++) {
                        assertTrue(bound <= metric.between(x, t.rowAt(p) * d, x, t.rowAt(o) * d, d),
                                metric + " box-to-box bound");
                    }
                }
            }
        }
    }
}
