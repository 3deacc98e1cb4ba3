package io.cumulo.cluster;

import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.ColumnStats;
import io.cumulo.model.ClusteringPipeline;
import io.cumulo.model.ClusteringPipelineModel;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.testing.ClustererChecks;
import io.cumulo.testing.Fixtures;
import io.cumulo.workflow.OutputFiles;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.cumulo.cluster.KMeansTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FuzzyCMeansTest {

    @Test
    void passesTheSharedClustererChecks() {
        ClustererChecks.runAll((k, seed) -> FuzzyCMeans.builder().k(k).seed(seed).build(), true);
        ClustererChecks.runAll((k, seed) -> FuzzyCMeans.builder().k(k).m(1.5).init("random").seed(seed).build(), true);
    }

    /** Memberships from given squared distances, by hand. */
    @Test
    void membershipsOfOneRowByHand() {
        double[] u = new double[3];
        // m = 2 (q = 1): u_j ∝ 1 / D_j
        assertEquals(0, FuzzyCMeans.memberships(new double[] {1, 9}, 2, 1.0, u, 0));
        assertArrayEquals(new double[] {0.9, 0.1}, new double[] {u[0], u[1]}, 1e-15);
        assertEquals(1, FuzzyCMeans.memberships(new double[] {4, 1, 4}, 3, 1.0, u, 0));
        assertArrayEquals(new double[] {1.0 / 6, 4.0 / 6, 1.0 / 6}, u, 1e-15);
        // m = 3 (q = 1/2): u_j ∝ 1 / ‖x − c_j‖ = D_j^(-1/2): distances 1 and 3 give 3/4, 1/4
        FuzzyCMeans.memberships(new double[] {1, 9}, 2, 0.5, u, 0);
        assertArrayEquals(new double[] {0.75, 0.25}, new double[] {u[0], u[1]}, 1e-15);
        // on a centre: all of the membership there; on two coincident centres: shared
        assertEquals(1, FuzzyCMeans.memberships(new double[] {2, 0, 5}, 3, 1.0, u, 0));
        assertArrayEquals(new double[] {0, 1, 0}, u, 0);
        assertEquals(0, FuzzyCMeans.memberships(new double[] {0, 7, 0}, 3, 1.0, u, 0));
        assertArrayEquals(new double[] {0.5, 0, 0.5}, u, 0);
        // a tie between distances goes to the lower index, with equal memberships
        assertEquals(0, FuzzyCMeans.memberships(new double[] {4, 4}, 2, 1.0, u, 0));
        assertArrayEquals(new double[] {0.5, 0.5}, new double[] {u[0], u[1]}, 0);
        // m close to 1 (q = 1000): hard, without overflow
        FuzzyCMeans.memberships(new double[] {1, 1.5}, 2, 1000, u, 0);
        assertEquals(1.0, u[0], 1e-15);
        assertTrue(u[1] >= 0 && u[1] < 1e-100);
    }

    /**
     * Points 1, 2, 3, 5 on a line, centres 0 and 4, m = 2. Memberships: 1 → (9/10, 1/10), 2 → (1/2, 1/2),
     * 3 → (1/10, 9/10), 5 → (1/26, 25/26). J = Σ u² D = 0.9 + 2 + 0.9 + 25/26. New centres: Σ u² x / Σ u².
     */
    @Test
    void oneIterationByHand() {
        double[] x = {1, 2, 3, 5};
        Chunks chunks = Chunks.of(4, 1, 1);
        FuzzyCMeans.Iterations it = new FuzzyCMeans.Iterations(x, 4, 1, null, 2, 2.0, chunks, ExecutionContext.singleThreaded());
        FuzzyCMeans.Result r1 = it.run(new double[] {0, 4}, null, 1, 0, i -> { });
        assertArrayEquals(new double[] {0, 4}, r1.centres, 0, "after one iteration the centres are those u came from");
        assertArrayEquals(new double[] {0.9, 0.1, 0.5, 0.5, 0.1, 0.9, 1.0 / 26, 25.0 / 26}, r1.memberships, 1e-15);
        assertEquals(0.9 + 2 + 0.9 + 25.0 / 26, r1.objective, 1e-14);
        assertArrayEquals(new int[] {0, 0, 1, 1}, r1.labels);
        assertEquals(1, r1.iterations);
        assertFalse(r1.converged);

        double c0 = (0.81 * 1 + 0.25 * 2 + 0.01 * 3 + 5.0 / 676) / (0.81 + 0.25 + 0.01 + 1.0 / 676);
        double c1 = (0.01 * 1 + 0.25 * 2 + 0.81 * 3 + 3125.0 / 676) / (0.01 + 0.25 + 0.81 + 625.0 / 676);
        FuzzyCMeans.Result r2 = it.run(new double[] {0, 4}, null, 2, 0, i -> { });
        assertArrayEquals(new double[] {c0, c1}, r2.centres, 1e-14);
        for (int i = 0; i < 4; i++) {
            double d0 = (x[i] - c0) * (x[i] - c0);
            double d1 = (x[i] - c1) * (x[i] - c1);
            assertEquals((1 / d0) / (1 / d0 + 1 / d1), r2.memberships[2 * i], 1e-14, "row " + i);
        }
        assertEquals(2, r2.history.length);
        assertTrue(r2.history[1] <= r2.history[0]);
    }

    @Test
    void membershipsSumToOneAndTheLabelIsTheHighest() {
        Dataset d = Fixtures.blobs(2000, 3, 4, 4, 5);
        FuzzyCMeansModel m = FuzzyCMeans.builder().k(4).seed(2).build().fit(d);
        double[] u = m.memberships();
        int[] labels = m.labels();
        for (int i = 0; i < d.rows(); i++) {
            double s = 0;
            int argmax = 0;
            for (int j = 0; j < 4; j++) {
                double v = u[i * 4 + j];
                assertTrue(v >= 0 && v <= 1, "membership in [0, 1]");
                s += v;
                if (v > u[i * 4 + argmax]) {
                    argmax = j;
                }
            }
            assertEquals(1.0, s, 1e-12, "row " + i);
            assertEquals(argmax, labels[i], "row " + i);
        }
        assertArrayEquals(u, m.memberships(d), "memberships of the training rows, recomputed");
        assertArrayEquals(labels, m.predict(d));
        Map<String, double[]> cols = OutputFiles.softColumns(m, null);
        assertEquals(List.of("membership_0", "membership_1", "membership_2", "membership_3"), List.copyOf(cols.keySet()));
        for (int i = 0; i < d.rows(); i += 97) {
            assertEquals(u[i * 4 + 2], cols.get("membership_2")[i]);
        }
        int total = 0;
        for (int s : m.clusterSizes()) {
            total += s;
        }
        assertEquals(2000, total);
    }

    @Test
    void tendsToHardAssignmentsAsMApproachesOne() {
        Dataset d = Fixtures.blobs(3000, 2, 5, 10, 3);
        double[] ms = {6, 3, 2, 1.5, 1.2, 1.05, 1.01};
        double lastPc = 0;
        double lastPe = Double.POSITIVE_INFINITY;
        for (double mv : ms) {
            FuzzyCMeansModel m = FuzzyCMeans.builder().k(5).m(mv).seed(1).tol(1e-7).maxIter(1000).build().fit(d);
            double pc = m.partitionCoefficient();
            double pe = m.partitionEntropy();
            assertTrue(pc >= 1.0 / 5 && pc <= 1, "PC in [1/k, 1]: " + pc);
            assertTrue(pe >= 0 && pe <= Math.log(5), "PE in [0, ln k]: " + pe);
            assertTrue(pc > lastPc, "PC grows as m falls: m=" + mv + " " + pc + " vs " + lastPc);
            assertTrue(pe < lastPe, "PE falls as m falls: m=" + mv);
            lastPc = pc;
            lastPe = pe;
        }
        assertTrue(lastPc > 0.995, "nearly hard at m=1.01: PC=" + lastPc);
        assertTrue(lastPe < 0.01, "nearly hard at m=1.01: PE=" + lastPe);

        // From k-means' fixed point, fuzzy c-means moves the centres less and less as m falls, and near m = 1 keeps
        // k-means' partition: the hard partition is the limit.
        KMeansModel hard = KMeans.builder().k(5).seed(1).tol(0).build().fit(d);
        double lastGap = Double.POSITIVE_INFINITY;
        for (double mv : new double[] {2, 1.5, 1.2, 1.05, 1.01}) {
            FuzzyCMeans.Result r = new FuzzyCMeans.Iterations(d.rawValues(), 3000, 2, null, 5, mv,
                    FuzzyCMeans.chunksFor(3000, 5, 2), ExecutionContext.defaults())
                    .run(hard.centresFlat(), null, 1000, 1e-9, i -> { });
            double gap = 0;
            double[] c = r.centres;
            double[] h = hard.centresFlat();
            for (int j = 0; j < 10; j++) {
                gap = Math.max(gap, Math.abs(c[j] - h[j]));
            }
            assertTrue(gap < lastGap, "centres nearer k-means' as m falls: m=" + mv + " " + gap + " vs " + lastGap);
            lastGap = gap;
            if (mv == 1.01) {
                assertTrue(gap < 1e-2, "m=1.01: centres within 1e-2 of k-means': " + gap);
                assertArrayEquals(hard.labels(), r.labels, "m=1.01: k-means' partition");
            }
        }
        // a large fuzzifier: every membership close to 1/k
        FuzzyCMeansModel flat = FuzzyCMeans.builder().k(5).m(30).seed(1).build().fit(d);
        assertEquals(0.2, flat.partitionCoefficient(), 0.01);
        assertEquals(Math.log(5), flat.partitionEntropy(), 0.05);
    }

    @Test
    void theObjectiveNeverIncreasesAndTheResultIsAFixedPoint() {
        Dataset d = Fixtures.uniform(3000, 3, 4);
        FuzzyCMeansModel m = FuzzyCMeans.builder().k(6).m(1.7).tol(1e-8).maxIter(2000).init("random").seed(3).build()
                .fit(d);
        double[] h = m.objectiveHistory();
        assertTrue(h.length > 5, "enough iterations to be a test: " + h.length);
        for (int t = 1; t < h.length; t++) {
            assertTrue(h[t] <= h[t - 1] * (1 + 1e-12), "iteration " + t + ": " + h[t] + " > " + h[t - 1]);
        }
        assertEquals(h[h.length - 1], m.objective());
        assertTrue(m.converged());
        // Bezdek's necessary condition: each centre is the u^m-weighted mean of the rows
        double[] u = m.memberships();
        double[] x = d.rawValues();
        double[][] c = m.centres();
        for (int j = 0; j < 6; j++) {
            double[] num = new double[3];
            double den = 0;
            for (int i = 0; i < 3000; i++) {
                double um = Math.pow(u[i * 6 + j], 1.7);
                den += um;
                for (int l = 0; l < 3; l++) {
                    num[l] += um * x[i * 3 + l];
                }
            }
            for (int l = 0; l < 3; l++) {
                assertEquals(num[l] / den, c[j][l], 1e-6, "centre " + j);
            }
        }
        // and the objective is J_m of the reported centres and memberships
        double j = 0;
        for (int i = 0; i < 3000; i++) {
            for (int cl = 0; cl < 6; cl++) {
                double dd = 0;
                for (int l = 0; l < 3; l++) {
                    dd += (x[i * 3 + l] - c[cl][l]) * (x[i * 3 + l] - c[cl][l]);
                }
                j += Math.pow(u[i * 6 + cl], 1.7) * dd;
            }
        }
        assertEquals(j, m.objective(), 1e-10 * j);
    }

    @Test
    void oneClusterIsTheMeanWithCrispIndices() {
        Dataset d = Fixtures.uniform(500, 2, 9);
        FuzzyCMeansModel m = FuzzyCMeans.builder().k(1).build().fit(d);
        double[] mean = ColumnStats.means(d.rawValues(), 500, 2);
        assertArrayEquals(mean, m.centres()[0], 1e-14);
        assertEquals(1.0, m.partitionCoefficient());
        assertEquals(0.0, m.partitionEntropy());
        assertTrue(m.converged());
    }

    @Test
    void integerWeightsEqualRepeatedRows() {
        Dataset d = Fixtures.blobs(300, 2, 3, 6, 21);
        double[] w = new double[300];
        int total = 0;
        for (int i = 0; i < 300; i++) {
            w[i] = 1 + i % 3;
            total += (int) w[i];
        }
        int[] rep = new int[total];
        int p = 0;
        for (int i = 0; i < 300; i++) {
            for (int r = 0; r < w[i]; r++) {
                rep[p++] = i;
            }
        }
        double[] init = Arrays.copyOfRange(d.rawValues(), 0, 6);
        Dataset repeated = d.selectRows(rep);
        FuzzyCMeans.Result a = new FuzzyCMeans.Iterations(d.rawValues(), 300, 2, w, 3, 2.0, Chunks.of(300, 64, 8),
                ExecutionContext.defaults()).run(init, null, 50, 1e-8, i -> { });
        FuzzyCMeans.Result b = new FuzzyCMeans.Iterations(repeated.rawValues(), total, 2, null, 3, 2.0,
                Chunks.of(total, 64, 8), ExecutionContext.defaults()).run(init, null, 50, 1e-8, i -> { });
        assertArrayEquals(b.centres, a.centres, 1e-10);
        assertEquals(b.objective, a.objective, 1e-9 * b.objective);
        assertEquals(b.iterations, a.iterations);
        // and the weighted indices are weighted means over rows
        FuzzyCMeansModel wm = FuzzyCMeans.builder().k(3).build().fit(d.withWeights(w, "w"));
        assertTrue(wm.partitionCoefficient() > 1.0 / 3 && wm.partitionCoefficient() <= 1);
    }

    @Test
    void threadsDoNotChangeResultsOnALargerProblem() {
        Dataset d = Fixtures.blobs(40_000, 5, 6, 6, 12);
        FuzzyCMeans f = FuzzyCMeans.builder().k(6).seed(4).maxIter(40).build();
        FuzzyCMeansModel one = f.fit(d, ExecutionContext.defaults().withThreads(1));
        FuzzyCMeansModel three = f.fit(d, ExecutionContext.defaults().withThreads(3));
        assertArrayEquals(one.centresFlat(), three.centresFlat());
        assertArrayEquals(one.memberships(), three.memberships());
        assertEquals(one.objective(), three.objective());
        assertEquals(one.partitionCoefficient(), three.partitionCoefficient());
    }

    @Test
    void aModelFileKeepsWhatPredictionsAndMembershipsNeed() {
        Dataset d = Fixtures.blobs(600, 2, 3, 8, 2);
        ClusteringPipelineModel fitted = new ClusteringPipeline(Scaler.named("standard"),
                FuzzyCMeans.builder().k(3).m(1.8).build()).fit(d, ExecutionContext.defaults());
        ClusteringPipelineModel back = ClusteringPipelineModel.fromJson(fitted.toJsonString(), "model.json");
        FuzzyCMeansModel a = (FuzzyCMeansModel) fitted.model();
        FuzzyCMeansModel b = (FuzzyCMeansModel) back.model();
        assertEquals(1.8, b.m());
        Dataset scaled = fitted.transform(d);
        assertArrayEquals(a.memberships(scaled), b.memberships(scaled));
        assertArrayEquals(a.labels(), b.predict(scaled));
        assertNull(b.labels());
        assertNull(b.memberships());
        assertEquals(a.partitionCoefficient(), b.partitionCoefficient());
        assertEquals(fitted.training().get("objective"), back.training().get("objective"));
    }

    @Test
    void parametersAreValidated() {
        assertMessage("parameter 'm': expected a number > 1, got '1'", () -> FuzzyCMeans.builder().m(1));
        assertMessage("parameter 'm': expected a number > 1, got '0.5'",
                () -> FuzzyCMeans.PARAMS.parse(Map.of("m", "0.5")));
        assertMessage("parameter 'k' is required for fuzzy-cmeans (number of clusters)",
                () -> FuzzyCMeans.builder().build());
        assertMessage("parameter 'init': expected one of k-means++, random, got 'file.csv'",
                () -> FuzzyCMeans.PARAMS.parse(Map.of("init", "file.csv")));
        assertMessage("parameter 'tol': expected a number ≥ 0, got '-1'", () -> FuzzyCMeans.builder().tol(-1));
        assertMessage("k=5 is larger than the number of rows (2) in data",
                () -> FuzzyCMeans.builder().k(5).build().fit(Dataset.of(new double[][] {{1}, {2}})));
        assertMessage("unknown parameter 'fuzzifier' for fuzzy-cmeans; known: k, m, max-iter, tol, init, seed",
                () -> FuzzyCMeans.PARAMS.parse(Map.of("fuzzifier", "2")));
    }

    @Test
    void notConvergingWithinMaxIterIsAWarning() {
        Dataset d = Fixtures.uniform(1000, 2, 1);
        List<String> warnings = new ArrayList<>();
        FuzzyCMeansModel m = FuzzyCMeans.builder().k(4).maxIter(2).tol(0).build()
                .fit(d, ExecutionContext.defaults().withWarnings(warnings::add));
        assertFalse(m.converged());
        assertEquals(2, m.iterations());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("fuzzy c-means did not converge within max-iter=2"), warnings.get(0));
    }
}
