package io.cumulo.cluster;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.model.ClusteringPipeline;
import io.cumulo.model.ClusteringPipelineModel;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.testing.ClustererChecks;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.cumulo.cluster.KMeansTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MiniBatchKMeansTest {

    @Test
    void passesTheSharedClustererChecks() {
        ClustererChecks.runAll((k, seed) -> MiniBatchKMeans.builder().k(k).batchSize(256).seed(seed).build(), true);
        // batches of several chunks (reduced in chunk order), random initialisation
        ClustererChecks.runAll((k, seed) -> MiniBatchKMeans.builder().k(k).batchSize(2 * MiniBatchSteps.CHUNK_ROWS + 7)
                .init("random").maxIter(5).seed(seed).build(), true);
    }

    /**
     * Centres 0 and 10 with counts 2 and 0; batch 1, 3, 9, 11. The first two go to centre 0, which moves to
     * (0·2 + 1 + 3) / (2 + 2) = 1; the others to centre 1, which becomes their mean 10 (count 0: learning rate 1).
     * Batch inertia at the old centres: 1 + 9 + 1 + 1 = 12.
     */
    @Test
    void oneStepByHand() {
        MiniBatchSteps s = new MiniBatchSteps(new double[] {0, 10}, new double[] {2, 0}, 2, 1, 0, 0, 0.01);
        double inertia = s.step(new double[] {1, 3, 9, 11}, null, 4, new SplittableRandom(1), false, true,
                ExecutionContext.singleThreaded());
        assertEquals(12.0, inertia);
        assertArrayEquals(new double[] {1, 10}, s.centres, 1e-15);
        assertArrayEquals(new double[] {4, 2}, s.counts);
        assertEquals(1.0, s.lastShift, 1e-15);
        assertEquals(1, s.steps);
        // weights: row 1 counts 3 times, row 3 once: centre 0 moves to (1·4 + 3·1 + 1·3) / (4 + 4) = 1.25
        double wi = s.step(new double[] {1, 3}, new double[] {3, 1}, 2, new SplittableRandom(1), false, false,
                ExecutionContext.singleThreaded());
        assertEquals(3 * 0.0 + 1 * 4.0, wi, 1e-15);
        assertArrayEquals(new double[] {1.25, 10}, s.centres, 1e-15);
        assertArrayEquals(new double[] {8, 2}, s.counts);
    }

    /**
     * A step with many centres (several blocks of the scoring) and several chunks gives the update a brute-force
     * nearest-centre assignment gives; coincident centres (in one block and across blocks) leave the rows to the
     * lower index.
     */
    @Test
    void aStepMatchesABruteForceAssignment() {
        int k = 40;
        int d = 3;
        int b = 3 * MiniBatchSteps.CHUNK_ROWS + 11;
        SplittableRandom rng = new SplittableRandom(9);
        double[] c = new double[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextDouble() * 10;
        }
        System.arraycopy(c, 5 * d, c, 25 * d, d);
        System.arraycopy(c, 17 * d, c, 18 * d, d);
        double[] counts = new double[k];
        for (int j = 0; j < k; j++) {
            counts[j] = 1 + j % 4;
        }
        double[] x = new double[b * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 10;
        }
        System.arraycopy(c, 17 * d, x, 0, d); // a row exactly on the coincident pair
        double[] w = new double[b];
        for (int i = 0; i < b; i++) {
            w[i] = 0.5 + i % 3;
        }
        double[] sums = new double[k * d];
        double[] weight = new double[k];
        double inertia = 0;
        for (int i = 0; i < b; i++) {
            int best = 0;
            double bd = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    s += (x[i * d + l] - c[j * d + l]) * (x[i * d + l] - c[j * d + l]);
                }
                if (s < bd) {
                    bd = s;
                    best = j;
                }
            }
            inertia += w[i] * bd;
            weight[best] += w[i];
            for (int l = 0; l < d; l++) {
                sums[best * d + l] += w[i] * x[i * d + l];
            }
        }
        assertEquals(0.0, weight[25], "rows go to the lower of two coincident centres");
        assertEquals(0.0, weight[18]);
        assertTrue(weight[17] > 0);
        for (int threads : new int[] {1, 3}) {
            MiniBatchSteps s = new MiniBatchSteps(c, counts, k, d, 0, 0, 0);
            double batchInertia = s.step(x, w, b, new SplittableRandom(1), false, false,
                    ExecutionContext.defaults().withThreads(threads));
            assertEquals(inertia, batchInertia, 1e-9 * inertia);
            for (int j = 0; j < k; j++) {
                assertEquals(counts[j] + weight[j], s.counts[j], 1e-12, "count " + j);
                for (int l = 0; l < d; l++) {
                    double expected = weight[j] > 0
                            ? (c[j * d + l] * counts[j] + sums[j * d + l]) / (counts[j] + weight[j]) : c[j * d + l];
                    assertEquals(expected, s.centres[j * d + l], 1e-12, "centre " + j);
                }
            }
        }
    }

    /**
     * A batch of scattered rows (packed per chunk before the centres are ranked) gives exactly the step its rows
     * give when gathered first: same centres, counts and inertia, bit for bit, on any number of threads. With 3
     * features the fused nearest-centre kernel ranks the centres, with 7 scores and an argmin.
     */
    @Test
    void aStepOnScatteredRowsIsTheStepOnThoseRowsGathered() {
        for (int d : new int[] {3, 7}) {
            int n = 5000;
            int k = 12;
            int b = 3 * MiniBatchSteps.CHUNK_ROWS + 5;
            SplittableRandom rng = new SplittableRandom(d);
            double[] x = new double[n * d];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextDouble() * 10;
            }
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = 0.5 + i % 4;
            }
            double[] c = Arrays.copyOfRange(x, 0, k * d);
            double[] counts = new double[k];
            Arrays.fill(counts, 3);
            int[] rows = new int[b];
            double[] xb = new double[b * d];
            double[] wb = new double[b];
            for (int i = 0; i < b; i++) {
                rows[i] = rng.nextInt(n); // with replacement, as fit draws them
                System.arraycopy(x, rows[i] * d, xb, i * d, d);
                wb[i] = w[rows[i]];
            }
            MiniBatchSteps gathered = new MiniBatchSteps(c, counts, k, d, 0, 0, 0);
            double expected = gathered.step(xb, wb, b, new SplittableRandom(1), false, false,
                    ExecutionContext.singleThreaded());
            for (int threads : new int[] {1, 3}) {
                MiniBatchSteps scattered = new MiniBatchSteps(c, counts, k, d, 0, 0, 0);
                double inertia = scattered.step(x, w, rows, b, new SplittableRandom(1), false, false,
                        ExecutionContext.defaults().withThreads(threads));
                assertEquals(expected, inertia, "d=" + d + ", " + threads + " threads");
                assertArrayEquals(gathered.centres, scattered.centres, "d=" + d);
                assertArrayEquals(gathered.counts, scattered.counts, "d=" + d);
            }
        }
    }

    /** The per-centre learning rate 1/count makes each centre the running mean of every row it has absorbed. */
    @Test
    void withoutReassignmentACentreIsTheMeanOfItsRows() {
        Dataset d = Fixtures.blobs(4000, 3, 2, 30, 8); // two far-apart blobs: no row ever changes side
        MiniBatchSteps s = new MiniBatchSteps(Arrays.copyOfRange(d.rawValues(), 0, 3), new double[1], 1, 3, 0, 0, 0);
        double[] sum = new double[3];
        SplittableRandom rng = new SplittableRandom(4);
        double[] xb = new double[100 * 3];
        int seen = 0;
        for (int step = 0; step < 20; step++) {
            for (int i = 0; i < 100; i++) {
                int r = rng.nextInt(4000);
                System.arraycopy(d.rawValues(), r * 3, xb, i * 3, 3);
                for (int l = 0; l < 3; l++) {
                    sum[l] += xb[i * 3 + l];
                }
                seen++;
            }
            s.step(xb, null, 100, rng, false, false, ExecutionContext.singleThreaded());
        }
        for (int l = 0; l < 3; l++) {
            assertEquals(sum[l] / seen, s.centres[l], 1e-12);
        }
        assertEquals(seen, s.counts[0]);
    }

    @Test
    void aCentreThatGetsNoRowsIsReassignedToABatchRow() {
        // centre 1 is far from everything: it receives nothing, so its count stays 0 and a reassignment is due
        MiniBatchSteps s = new MiniBatchSteps(new double[] {0, 0, 1000, 1000}, new double[2], 2, 2, 0, 0, 0.01);
        double[] xb = {1, 1, 2, 2, 3, 3, -1, -1};
        assertTrue(s.reassignmentDue(4), "due: a centre has count 0");
        s.step(xb, null, 4, new SplittableRandom(3), true, false, ExecutionContext.singleThreaded());
        assertEquals(1, s.lastReassigned);
        double[] c1 = Arrays.copyOfRange(s.centres, 2, 4);
        boolean isBatchRow = false;
        for (int i = 0; i < 4; i++) {
            isBatchRow |= Arrays.equals(c1, Arrays.copyOfRange(xb, 2 * i, 2 * i + 2));
        }
        assertTrue(isBatchRow, "the far centre moved onto a batch row: " + Arrays.toString(c1));
        assertArrayEquals(new double[] {4, 4}, s.counts, "its count is raised to the smallest count kept");
        // with the ratio 0 nothing moves
        MiniBatchSteps off = new MiniBatchSteps(new double[] {0, 0, 1000, 1000}, new double[2], 2, 2, 0, 0, 0);
        off.step(xb, null, 4, new SplittableRandom(3), off.reassignmentDue(4), false, ExecutionContext.singleThreaded());
        assertEquals(0, off.lastReassigned);
        assertArrayEquals(new double[] {1000, 1000}, Arrays.copyOfRange(off.centres, 2, 4));
    }

    @Test
    void reassignmentIsCheckedEveryTenKRows() {
        MiniBatchSteps s = new MiniBatchSteps(new double[] {0, 1, 2}, new double[] {1, 1, 1}, 3, 1, 0, 0, 0.01);
        assertFalse(s.reassignmentDue(10));
        assertFalse(s.reassignmentDue(10));
        assertTrue(s.reassignmentDue(10), "30 rows = 10·k");
        assertFalse(s.reassignmentDue(29));
        assertTrue(s.reassignmentDue(1));
    }

    @Test
    void reachesKMeansQualityOnBlobsAndStopsEarly() {
        Dataset d = Fixtures.blobs(40_000, 4, 8, 12, 31);
        KMeansModel full = KMeans.builder().k(8).nInit(3).seed(1).build().fit(d);
        for (long seed = 0; seed < 3; seed++) {
            MiniBatchKMeansModel m = MiniBatchKMeans.builder().k(8).batchSize(512).seed(seed).build().fit(d);
            assertTrue(m.inertia() < 1.02 * full.inertia(), "seed " + seed + ": " + m.inertia() + " vs " + full.inertia());
            assertEquals("no-improvement", m.stopReason());
            assertTrue(m.converged());
            assertTrue(m.steps() < 100L * 40_000 / 512, "stopped early: " + m.steps() + " steps");
            assertEquals((m.steps() * 512 + 39_999) / 40_000, m.iterations());
        }
    }

    @Test
    void theInertiaIsThatOfEveryRowAtTheFinalCentres() {
        Dataset d = Fixtures.blobs(5000, 3, 5, 6, 2);
        MiniBatchKMeansModel m = MiniBatchKMeans.builder().k(5).batchSize(300).seed(7).build().fit(d);
        double[] x = d.rawValues();
        double[][] c = m.centres();
        double inertia = 0;
        int[] labels = m.labels();
        for (int i = 0; i < 5000; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 5; j++) {
                double s = 0;
                for (int l = 0; l < 3; l++) {
                    s += (x[i * 3 + l] - c[j][l]) * (x[i * 3 + l] - c[j][l]);
                }
                best = Math.min(best, s);
            }
            double mine = 0;
            for (int l = 0; l < 3; l++) {
                mine += (x[i * 3 + l] - c[labels[i]][l]) * (x[i * 3 + l] - c[labels[i]][l]);
            }
            assertEquals(best, mine, 1e-9 * (1 + best), "row " + i + " is at its nearest centre");
            inertia += best;
        }
        assertEquals(inertia, m.inertia(), 1e-10 * inertia);
        assertEquals(inertia, m.inertia(d), 1e-10 * inertia);
        assertEquals(5000, Arrays.stream(m.clusterSizes()).sum());
    }

    @Test
    void withoutStoppingRulesItRunsMaxIterPasses() {
        Dataset d = Fixtures.uniform(2000, 2, 3);
        List<String> warnings = new ArrayList<>();
        MiniBatchKMeansModel m = MiniBatchKMeans.builder().k(4).batchSize(300).maxIter(3).maxNoImprovement(0).seed(1)
                .build().fit(d, ExecutionContext.defaults().withWarnings(warnings::add));
        assertEquals(3L * 2000 / 300, m.steps());
        assertEquals("max-iter", m.stopReason());
        assertFalse(m.converged());
        assertEquals(List.of(), warnings, "no stopping rule asked for: nothing to warn about");
        // with the smoothed-inertia rule on but too few passes, a warning says so
        MiniBatchKMeans.builder().k(4).batchSize(300).maxIter(1).maxNoImprovement(1000).seed(1).build()
                .fit(d, ExecutionContext.defaults().withWarnings(warnings::add));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("mini-batch k-means stopped at max-iter=1 passes"), warnings.get(0));
    }

    @Test
    void aToleranceOnTheCentreChangeStopsTheSteps() {
        Dataset d = Fixtures.blobs(20_000, 2, 3, 10, 5);
        MiniBatchKMeansModel m = MiniBatchKMeans.builder().k(3).batchSize(1000).tol(1e-3).maxNoImprovement(0).seed(2)
                .build().fit(d);
        assertEquals("tol", m.stopReason());
        assertTrue(m.steps() < 100L * 20 && m.steps() > 1, "steps " + m.steps());
    }

    @Test
    void theBestOfSeveralInitialisationsIsKept() {
        Dataset d = Fixtures.blobs(10_000, 2, 6, 10, 6);
        MiniBatchKMeansModel m = MiniBatchKMeans.builder().k(6).nInit(5).seed(3).build().fit(d);
        Map<String, Object> s = m.summary();
        double[] init = (double[]) s.get("init_inertia");
        assertEquals(5, init.length);
        int best = (Integer) s.get("best_init");
        for (double v : init) {
            assertTrue(init[best] <= v);
        }
    }

    @Test
    void threadsDoNotChangeResultsWithLargeBatches() {
        Dataset d = Fixtures.blobs(60_000, 6, 10, 8, 44);
        MiniBatchKMeans mb = MiniBatchKMeans.builder().k(10).batchSize(10_000).seed(5).build();
        MiniBatchKMeansModel one = mb.fit(d, ExecutionContext.defaults().withThreads(1));
        MiniBatchKMeansModel two = mb.fit(d, ExecutionContext.defaults().withThreads(2));
        MiniBatchKMeansModel five = mb.fit(d, ExecutionContext.defaults().withThreads(5));
        assertArrayEquals(one.centresFlat(), two.centresFlat());
        assertArrayEquals(one.centresFlat(), five.centresFlat());
        assertArrayEquals(one.counts(), five.counts());
        assertArrayEquals(one.labels(), five.labels());
        assertEquals(one.inertia(), five.inertia());
        assertEquals(one.steps(), five.steps());
    }

    @Test
    void streamingWithPartialFit() {
        Dataset d = Fixtures.blobs(30_000, 3, 5, 10, 12);
        MiniBatchKMeans mb = MiniBatchKMeans.builder().k(5).seed(4).reassignmentRatio(0).build();
        List<Dataset> batches = new ArrayList<>();
        for (int b = 0; b < 30; b++) {
            int[] rows = new int[1000];
            for (int i = 0; i < 1000; i++) {
                rows[i] = b * 1000 + i;
            }
            batches.add(d.selectRows(rows));
        }
        MiniBatchKMeansModel m = mb.partialFit(batches.get(0));
        MiniBatchKMeansModel first = m;
        for (int b = 1; b < 30; b++) {
            MiniBatchKMeansModel next = m.partialFit(batches.get(b));
            assertNotEquals(Arrays.toString(m.centresFlat()), Arrays.toString(next.centresFlat()), "a new model");
            m = next;
        }
        assertEquals(30, m.steps());
        assertEquals(1, first.steps(), "earlier models are unchanged");
        // without reassignment the counts add up to the rows seen
        assertEquals(30_000.0, Arrays.stream(m.counts()).sum(), 1e-9);
        assertEquals(1000, m.labels().length, "labels of the last batch");
        assertArrayEquals(m.predict(batches.get(29)), m.labels());
        assertEquals(1000, m.summary().get("batch_rows"));
        // a good clustering of all the data
        KMeansModel full = KMeans.builder().k(5).seed(1).build().fit(d);
        assertTrue(m.inertia(d) < 1.05 * full.inertia(), m.inertia(d) + " vs " + full.inertia());
        // the same batches from the same seed: the same model
        MiniBatchKMeansModel again = mb.partialFit(batches.get(0));
        for (int b = 1; b < 30; b++) {
            again = again.partialFit(batches.get(b));
        }
        assertArrayEquals(m.centresFlat(), again.centresFlat());
    }

    @Test
    void aSavedModelContinuesStreamingWhereItLeftOff() {
        Dataset d = Fixtures.blobs(6000, 2, 4, 8, 13);
        Dataset more = Fixtures.blobs(2000, 2, 4, 8, 13).withSource("more");
        ClusteringPipelineModel fitted = new ClusteringPipeline(Scaler.named("none"),
                MiniBatchKMeans.builder().k(4).batchSize(200).seed(6).build()).fit(d, ExecutionContext.defaults());
        ClusteringPipelineModel back = ClusteringPipelineModel.fromJson(fitted.toJsonString(), "model.json");
        MiniBatchKMeansModel a = ((MiniBatchKMeansModel) fitted.model()).partialFit(more);
        MiniBatchKMeansModel b = ((MiniBatchKMeansModel) back.model()).partialFit(more);
        assertArrayEquals(a.centresFlat(), b.centresFlat());
        assertArrayEquals(a.counts(), b.counts());
        assertEquals(a.steps(), b.steps());
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(Json.write(a.toJson()), Json.write(b.toJson()));
    }

    @Test
    void parametersAreValidated() {
        assertMessage("parameter 'batch-size': expected an integer ≥ 1, got '0'", () -> MiniBatchKMeans.builder().batchSize(0));
        assertMessage("parameter 'reassignment-ratio': expected a number in [0, 1), got '1'",
                () -> MiniBatchKMeans.builder().reassignmentRatio(1));
        assertMessage("parameter 'max-no-improvement': expected an integer ≥ 0, got '-1'",
                () -> MiniBatchKMeans.PARAMS.parse(Map.of("max-no-improvement", "-1")));
        assertMessage("parameter 'init-size': 5 rows cannot seed k=8 centres; give at least k rows (or leave init-size out)",
                () -> MiniBatchKMeans.builder().k(8).initSize(5).build());
        assertMessage("parameter 'k' is required for minibatch-kmeans (number of clusters)",
                () -> MiniBatchKMeans.builder().build());
        assertMessage("k=3 is larger than the number of rows (2) in data",
                () -> MiniBatchKMeans.builder().k(3).build().partialFit(Dataset.of(new double[][] {{1}, {2}})));
        MiniBatchKMeansModel m = MiniBatchKMeans.builder().k(2).build().fit(Dataset.of(new double[][] {{1, 1}, {2, 2}, {9, 9}}));
        assertMessage("data: has 1 features but the model was fitted on 2",
                () -> m.partialFit(Dataset.of(new double[][] {{1}, {2}})));
        assertEquals(List.of("k", "init", "n-init", "init-size", "batch-size", "max-iter", "tol", "max-no-improvement",
                "reassignment-ratio", "seed"), MiniBatchKMeans.PARAMS.names());
    }

    @Test
    void smallDataAndDefaultsFollowScikitLearn() {
        // fewer rows than a batch: the batch is the data size; init-size 3 × batch capped at the rows
        MiniBatchKMeans mb = MiniBatchKMeans.builder().k(2).build();
        assertEquals(30, mb.initSize(30, 30));
        assertEquals(3072, mb.initSize(100_000, 1024));
        assertEquals(60, MiniBatchKMeans.builder().k(20).batchSize(5).build().initSize(1000, 5), "at least 3k");
        assertEquals(40, MiniBatchKMeans.builder().k(20).initSize(40).build().initSize(1000, 1024));
        MiniBatchKMeansModel m = mb.fit(Dataset.of(new double[][] {{0}, {0.1}, {10}, {10.1}}));
        assertArrayEquals(new int[] {2, 2}, m.clusterSizes());
        assertTrue(m.inertia() >= 0.01 && m.inertia() < 0.011, "near the optimum 4 × 0.05²: " + m.inertia());
    }
}
