package io.cumulo.cluster.density;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.CondensedTree;
import io.cumulo.exec.ExecutionContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Condensed trees, stabilities, selections, strengths and outlier scores worked out by hand on small 1-D sets (the
 * working is in each test's comment; λ = 1/distance). With {@code min-samples=2} a row's core distance is its distance
 * to its nearest other row.
 */
class HDBSCANHandTest {
    private static Dataset line(double... v) {
        double[][] x = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            x[i] = new double[] {v[i]};
        }
        return Dataset.of(x);
    }

    private static HDBSCAN.Builder h(int mcs, int ms) {
        return HDBSCAN.builder().minClusterSize(mcs).minSamples(ms);
    }

    private static HDBSCANModel fit(HDBSCAN.Builder b, Dataset x) {
        return b.build().fit(x, ExecutionContext.defaults());
    }

    /**
     * Rows 0,1,2,10,11,12,30, min-samples 2: core distances 1 (18 for 30). Spanning tree: four edges of 1, 2–10 of
     * length 8, 12–30 of 18. min-cluster-size 3: at 18 row 30 leaves the root (λ 1/18); at 8 the root splits into
     * A = {0,1,2} and B = {10,11,12} (λ 1/8); at 1 each falls apart into single rows, which leave at λ 1. Stability of
     * A and B: 3·(1 − 1/8) = 2.625; of the root 1/18 + 6/8. Labels A, B, noise; strengths 1 (λ_max = 1), 0; GLOSH 0
     * for A and B, 1 − (1/18)/1 = 17/18 for row 30.
     */
    @Test
    void twoGroupsAndAnOutlier() {
        Dataset x = line(0, 1, 2, 10, 11, 12, 30);
        for (String index : new String[] {"brute", "kd-tree"}) {
            HDBSCANModel m = fit(h(3, 2).index(index), x);
            CondensedTree t = m.condensedTree();
            assertEquals(3, t.clusters());
            assertArrayEquals(new int[] {-1, 0, 0}, t.parents());
            assertArrayEquals(new double[] {0, 1 / 8.0, 1 / 8.0}, t.births(), 0);
            assertArrayEquals(new int[] {7, 3, 3}, t.sizes());
            assertArrayEquals(new int[] {1, 1, 1, 2, 2, 2, 0}, t.rowClusters());
            assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1 / 18.0}, t.rowLambdas(), 1e-15);
            assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, -1}, m.labels());
            assertArrayEquals(new double[] {2.625, 2.625}, m.clusterStabilities(), 1e-12);
            assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 0}, m.strengths(), 0);
            assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 17 / 18.0}, m.trainingScores(), 1e-15);
            double[][] table = t.table();
            assertArrayEquals(new double[] {7 + 2, 5, 1, 1}, table[5], 0, "hdbscan's table: row 5 leaves cluster 2");
            assertArrayEquals(new double[] {7 + 0, 7 + 1, 1 / 8.0, 3}, table[7], 0, "cluster 1 born from the root");
        }
    }

    /**
     * Rows 0,1,2 | 5,5.5 | 20,21,22, min-samples 2: core distances 1, 0.5 for the pair. Tree: 5–5.5 (0.5), four of 1,
     * 2–5 (3), 5.5–20 (14.5). min-cluster-size 3. Published condensing: at 14.5 the root splits into A' = rows 0–4 and
     * B = rows 5–7 (λ 1/14.5); at 3 the pair (2 < 3 rows) leaves A' together at λ 1/3; at 1 the rest leave at λ 1.
     * A' is one cluster holding the pair: strengths 1/3 for the pair, GLOSH 1 − (1/3)/1 = 2/3. R's condensing keeps
     * the pair in A' until single linkage separates it at 0.5 (λ 2): A's densest rows are now the pair, so GLOSH is
     * 1 − 1/2 = 1/2 for rows 0–2 and 0 for the pair; R's strengths (max core − core)/max core = 0 and 1/2 in A', 0 in
     * B (all its core distances are the largest).
     */
    @Test
    void aSmallBranchLeavesAtOnceOrRowByRow() {
        Dataset x = line(0, 1, 2, 5, 5.5, 20, 21, 22);
        HDBSCANModel c = fit(h(3, 2), x);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1}, c.labels());
        CondensedTree t = c.condensedTree();
        assertArrayEquals(new double[] {1, 1, 1, 1 / 3.0, 1 / 3.0, 1, 1, 1}, t.rowLambdas(), 1e-15);
        double s = 3 * (1 - 1 / 14.5) + 2 * (1 / 3.0 - 1 / 14.5);
        assertArrayEquals(new double[] {s, 3 * (1 - 1 / 14.5)}, c.clusterStabilities(), 1e-12);
        assertArrayEquals(new double[] {1, 1, 1, 1 / 3.0, 1 / 3.0, 1, 1, 1}, c.strengths(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 0, 2 / 3.0, 2 / 3.0, 0, 0, 0}, c.trainingScores(), 1e-15);

        HDBSCANModel r = fit(h(3, 2).convention("r-dbscan"), x);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1}, r.labels());
        assertArrayEquals(new double[] {1, 1, 1, 2, 2, 1, 1, 1}, r.condensedTree().rowLambdas(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0, 0, 0, 0, 0}, r.trainingScores(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 0, 0.5, 0.5, 0, 0, 0}, r.strengths(), 1e-15);
        double sr = 3 * (1 - 1 / 14.5) + 2 * (2 - 1 / 14.5);
        assertEquals(sr, r.clusterStabilities()[0], 1e-12);
    }

    /**
     * Rows 0,1,2 | 5 | 8,9,10, min-samples 2: row 5's core distance is 3, and both its edges (to 2 and to 8) are 3: it
     * joins the two groups at the very level they join each other. Published hierarchy (all edges of length 3 at
     * once): the root falls apart into {0,1,2}, {5}, {8,9,10}; row 5 leaves the root: noise. R takes Prim's edges one
     * at a time (2–5 first), so row 5 is in the first group's cluster.
     */
    @Test
    void aRowJoiningTwoClustersAtTheirOwnLevel() {
        Dataset x = line(0, 1, 2, 5, 8, 9, 10);
        assertArrayEquals(new int[] {0, 0, 0, -1, 1, 1, 1}, fit(h(3, 2), x).labels());
        assertArrayEquals(new int[] {0, 0, 0, -1, 1, 1, 1}, fit(h(3, 2).index("kd-tree"), x).labels());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1}, fit(h(3, 2).convention("r-dbscan"), x).labels());
    }

    /**
     * A1 = 0,1,2, A2 = 3.5,4.5,5.5, B = 100,101,102, min-samples 2: core distances 1; A1–A2 joined at 1.5 (λ 2/3),
     * A–B at 94.5. Stabilities: A1 = A2 = 3·(1 − 2/3) = 1; A = 6·(2/3 − 1/94.5) ≈ 3.94 > 2: excess of mass keeps A
     * (and B); leaf selection gives A1, A2, B. Epsilon 2 with leaf: A1 and A2 split at 1.5 < 2, so A stands for them;
     * epsilon 1.5 keeps them (born at 1.5, not below). Strengths in A: λ_max(A) = 2/3 (its children's birth), every
     * row leaves at λ 1 ≥ 2/3: strength 1.
     */
    @Test
    void excessOfMassLeafAndEpsilon() {
        Dataset x = line(0, 1, 2, 3.5, 4.5, 5.5, 100, 101, 102);
        HDBSCANModel eom = fit(h(3, 2), x);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1}, eom.labels());
        assertEquals(6 * (2 / 3.0 - 1 / 94.5), eom.clusterStabilities()[0], 1e-12);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, eom.strengths(), 1e-15);
        HDBSCANModel leaf = fit(h(3, 2).selection("leaf"), x);
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2}, leaf.labels(), "labels by their smallest row");
        assertArrayEquals(new double[] {1, 1, 3 * (1 - 1 / 94.5)}, leaf.clusterStabilities(), 1e-12);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1},
                fit(h(3, 2).selection("leaf").clusterSelectionEpsilon(2), x).labels());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2},
                fit(h(3, 2).selection("leaf").clusterSelectionEpsilon(1.5), x).labels());
        // epsilon above every split below the root: the root's children stand, the root only with allow-single-cluster
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1},
                fit(h(3, 2).selection("leaf").clusterSelectionEpsilon(200), x).labels());
        HDBSCANModel one = fit(h(3, 2).selection("leaf").clusterSelectionEpsilon(200).allowSingleCluster(true), x);
        // the root selected with epsilon: rows in it at λ ≥ 1/200 (all of them) form cluster 0
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0}, one.labels());
    }

    /**
     * The predictions of training rows are their labels, strengths and scores, also for rows of a sub-cluster of the
     * selected cluster (A1, A2 under A: the {@code hdbscan} package's {@code approximate_predict} calls them noise).
     * Labels are numbered by the smallest row: A is 0, B is 1. New rows: 1.5 lies among A1's rows (core distance 0.5;
     * mutual reachability 1 to rows 1 and 2, row 1 the nearer: λ 1, which is row 1's own level, so it leaves A1 with
     * it): A. 50: core distance 45.5 (to 4.5), mutual reachability 45.5 to row 5.5, which leaves A2 at λ 1 > 1/45.5;
     * going up from A2 (born at 2/3), A was born at 1/94.5 < 1/45.5: 50 joins A at λ 1/45.5 (A and B are apart up to
     * 94.5); strength (1/45.5)/(2/3), GLOSH 1 − (1/45.5)/1. 300: core distance 199, mutual reachability 199 to 102;
     * B was born at 1/94.5 > 1/199, so it is in the root: noise, GLOSH 1 − 1/199. 101.2: core 0.8, mutual
     * reachability 1 to 101 and 102 (101 nearer): B.
     */
    @Test
    void predictGivesTrainingLabelsAndPlacesNewRows() {
        Dataset x = line(0, 1, 2, 3.5, 4.5, 5.5, 100, 101, 102);
        HDBSCANModel m = fit(h(3, 2), x);
        assertArrayEquals(m.labels(), m.predict(x));
        assertArrayEquals(m.strengths(), m.strengths(x, ExecutionContext.defaults()), 0);
        assertArrayEquals(m.trainingScores(), m.scores(x, ExecutionContext.defaults()), 0);
        Dataset fresh = line(1.5, 50, 300, 101.2);
        assertArrayEquals(new int[] {0, 0, -1, 1}, m.predict(fresh));
        double[] g = m.scores(fresh, ExecutionContext.defaults());
        double[] p = m.strengths(fresh, ExecutionContext.defaults());
        assertArrayEquals(new double[] {0, 1 - 1 / 45.5, 1 - 1 / 199.0, 0}, g, 1e-12);
        assertArrayEquals(new double[] {1, (1 / 45.5) / (2 / 3.0), 0, 1}, p, 1e-12);
    }

    /** Soft memberships sum to 1 and put the largest share on the row's label, for training and new rows. */
    @Test
    void softMembershipsSumToOneAndPeakAtTheLabel() {
        Dataset x = HDBSCANSpanningTreeTest.noisyBlobs(1500, 2, 5, 21, 0);
        for (HDBSCAN.Builder b : List.of(h(15, 5), h(15, 5).selection("leaf"), h(10, 10).convention("r-dbscan"),
                h(30, 3).clusterSelectionEpsilon(0.5))) {
            HDBSCANModel m = fit(b, x);
            int k = m.numClusters();
            assertTrue(k >= 2);
            double[] u = m.memberships();
            int[] labels = m.labels();
            checkSoft(u, labels, k, "training");
            assertArrayEquals(u, m.memberships(x, ExecutionContext.defaults()), 0, "recomputed from the rows");
            Dataset fresh = HDBSCANSpanningTreeTest.noisyBlobs(400, 2, 5, 22, 0);
            checkSoft(m.memberships(fresh, ExecutionContext.defaults()), m.predict(fresh), k, "new rows");
        }
    }

    private static void checkSoft(double[] u, int[] labels, int k, String what) {
        for (int i = 0; i < labels.length; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                assertTrue(u[i * k + j] >= 0 && u[i * k + j] <= 1, what + " row " + i);
                sum += u[i * k + j];
            }
            assertEquals(1, sum, 1e-12, what + ": row " + i + " sums to 1");
            if (labels[i] >= 0) {
                for (int j = 0; j < k; j++) {
                    assertTrue(u[i * k + labels[i]] >= u[i * k + j], what + ": row " + i + " peaks at its label");
                }
            }
        }
    }

    /** Identical rows: an infinite density everywhere; no split, so all noise (with a note), or one cluster. */
    @Test
    void identicalRows() {
        Dataset x = line(3, 3, 3, 3, 3);
        List<String> notes = new ArrayList<>();
        HDBSCANModel m = h(2, 2).build().fit(x, ExecutionContext.defaults().withNotes(notes::add));
        assertArrayEquals(new int[] {-1, -1, -1, -1, -1}, m.labels());
        assertEquals(0, m.numClusters());
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("every row is noise"), notes.get(0));
        assertEquals(0, m.memberships().length);
        assertArrayEquals(new int[] {-1}, m.predict(line(3)));
        HDBSCANModel one = fit(h(2, 2).allowSingleCluster(true), x);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, one.labels());
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, one.strengths(), 0);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0}, one.trainingScores(), 0);
    }

    @Test
    void oneRow() {
        HDBSCANModel m = fit(h(2, 1), line(7));
        assertArrayEquals(new int[] {-1}, m.labels());
        CumuloException e = assertThrows(CumuloException.class, () -> fit(h(5, 5), line(7)));
        assertTrue(e.getMessage().contains("min-samples") && e.getMessage().contains("1"), e.getMessage());
    }

    @Test
    void badParameters() {
        CumuloException e = assertThrows(CumuloException.class, () -> HDBSCAN.builder().minClusterSize(1));
        assertTrue(e.getMessage().contains("min-cluster-size"), e.getMessage());
        e = assertThrows(CumuloException.class, () -> HDBSCAN.builder().minSamples(0));
        assertTrue(e.getMessage().contains("min-samples"), e.getMessage());
        e = assertThrows(CumuloException.class, () -> HDBSCAN.builder().clusterSelectionEpsilon(-1));
        assertTrue(e.getMessage().contains("cluster-selection-epsilon"), e.getMessage());
        e = assertThrows(CumuloException.class, () -> HDBSCAN.builder().alpha(0));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        e = assertThrows(CumuloException.class, () -> HDBSCAN.builder().index("octree"));
        assertTrue(e.getMessage().contains("index"), e.getMessage());
        e = assertThrows(CumuloException.class, () -> fit(h(5, 5), line(1, 2, 3)));
        assertTrue(e.getMessage().contains("min-samples") && e.getMessage().contains("3"), e.getMessage());
        Dataset zero = Dataset.of(new double[][] {{0, 0}, {1, 1}, {2, 1}});
        e = assertThrows(CumuloException.class, () -> fit(h(2, 2).metric("cosine"), zero));
        assertTrue(e.getMessage().contains("row 0"), e.getMessage());
    }

    /** Uniform noise and a min-cluster-size no group reaches: every row noise, a note, a model that still predicts. */
    @Test
    void allNoise() {
        Dataset x = line(0, 10, 20, 30, 40, 50, 60, 70);
        List<String> notes = new ArrayList<>();
        HDBSCANModel m = h(5, 2).build().fit(x, ExecutionContext.defaults().withNotes(notes::add));
        assertEquals(0, m.numClusters());
        assertTrue(notes.get(0).contains("every row is noise"), notes.toString());
        assertArrayEquals(new int[] {-1, -1}, m.predict(line(5, 35)));
        assertArrayEquals(new double[] {0, 0}, m.strengths(line(5, 35), ExecutionContext.defaults()), 0);
    }
}
