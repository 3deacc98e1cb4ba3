package io.cumulo.testing;

import io.cumulo.data.Dataset;
import io.cumulo.estimator.Centroids;
import io.cumulo.estimator.CoreSamples;
import io.cumulo.estimator.Embedding;
import io.cumulo.estimator.Estimator;
import io.cumulo.estimator.Iterative;
import io.cumulo.estimator.Labels;
import io.cumulo.estimator.Model;
import io.cumulo.estimator.Noise;
import io.cumulo.estimator.Objective;
import io.cumulo.estimator.Reachability;
import io.cumulo.estimator.SoftAssignments;
import io.cumulo.estimator.Transform;
import io.cumulo.estimator.Tree;
import io.cumulo.exec.CancelledException;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.json.JsonObject;
import io.cumulo.model.Registry;
import io.cumulo.param.ParamValues;
import io.cumulo.preprocessing.Scaler;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every estimator must do, whatever it is (in the spirit of scikit-learn's {@code check_estimator}): the same
 * seed gives the same model, the thread count changes nothing, the input is not modified, the parameters survive
 * their text form, the estimator is in the {@link Registry} under its name with its parameters, its model answers
 * the contract and every capability it claims consistently, a model file reads back to the same model, and a
 * cancelled context stops the fit. {@link ClustererChecks} adds what only clusterings must do.
 */
public final class EstimatorChecks {
    private EstimatorChecks() {
    }

    /** @param make the estimator to check, from a seed (estimators without randomness ignore it) */
    public static void runAll(LongFunction<Estimator<?>> make, Dataset data) {
        Estimator<?> est = make.apply(11);
        Registry.Entry<?> entry = registered(est);
        Model model = est.fit(data);
        modelAnswersTheContract(est, entry, model, data);
        sameSeedSameModel(make, data);
        threadCountDoesNotMatter(est, data, model);
        doesNotModifyInput(est, data);
        paramsRoundTripThroughText(est.params());
        capabilitiesAreConsistent(model, data);
        modelFileRoundTrip(entry, model, data);
        cancelledFitStops(est, data);
    }

    /** The registry has the estimator under its name, with the same parameter set, and builds the same one back. */
    static Registry.Entry<?> registered(Estimator<?> est) {
        List<Registry.Entry<?>> named = Registry.named(est.name());
        Registry.Entry<?> entry = named.stream().filter(e -> e.params() == est.params().paramSet()).findFirst()
                .orElseThrow(() -> new AssertionError(est.name() + " is not in the registry with its parameters"));
        assertEquals(est.params(), entry.create(est.params()).params(), "the registry builds the same configuration");
        return entry;
    }

    static void modelAnswersTheContract(Estimator<?> est, Registry.Entry<?> entry, Model m, Dataset data) {
        assertEquals(est.name(), m.name(), "the model is named after its estimator");
        assertEquals(est.params().paramSet(), m.params().paramSet());
        assertEquals(data.cols(), m.numFeatures());
        assertInstanceOf(entry.modelType(), m, "the registry's model type");
        Json.write(m.summary());
        Json.write(m.toJson());
        m.keyFigures().forEach(k -> assertEquals(k.value(), ((Number) m.summary().get(k.key())).doubleValue(), 0,
                "key figure " + k.key() + " is in the summary"));
    }

    static void sameSeedSameModel(LongFunction<Estimator<?>> make, Dataset data) {
        Model a = make.apply(7).fit(data);
        Model b = make.apply(7).fit(data);
        assertEquals(Json.write(a.toJson()), Json.write(b.toJson()), "same seed, same model");
        assertEquals(Json.write(a.summary()), Json.write(b.summary()), "same seed, same summary");
    }

    static void threadCountDoesNotMatter(Estimator<?> est, Dataset data, Model reference) {
        Model one = est.fit(data, ExecutionContext.defaults().withThreads(1));
        for (int t : new int[] {2, 3}) {
            Model many = est.fit(data, ExecutionContext.defaults().withThreads(t));
            assertEquals(Json.write(one.toJson()), Json.write(many.toJson()), "model with " + t + " threads");
            assertEquals(Json.write(one.summary()), Json.write(many.summary()), "summary with " + t + " threads");
        }
        assertEquals(Json.write(one.toJson()), Json.write(reference.toJson()), "all processors");
    }

    static void doesNotModifyInput(Estimator<?> est, Dataset data) {
        double[] before = data.rawValues().clone();
        est.fit(data);
        assertArrayEquals(before, data.rawValues(), "fit must not modify its input");
    }

    static void paramsRoundTripThroughText(ParamValues p) {
        Map<String, String> text = new LinkedHashMap<>();
        p.toJson().forEach((k, v) -> text.put(k, p.paramSet().get(k).format(v)));
        assertEquals(p.toJson(), p.paramSet().parse(text).toJson(), "parameters survive their text form");
    }

    /** What each capability promises, checked on the training rows. */
    static void capabilitiesAreConsistent(Model m, Dataset data) {
        int n = data.rows();
        if (m instanceof Labels l) {
            int[] labels = l.labels();
            assertEquals(n, labels.length);
            assertTrue(Arrays.stream(labels).allMatch(v -> v >= -1 && v < l.numClusters()), "labels in [-1, k)");
            int[] sizes = new int[l.numClusters()];
            Arrays.stream(labels).filter(v -> v >= 0).forEach(v -> sizes[v]++);
            assertArrayEquals(sizes, l.clusterSizes(), "cluster sizes count the labels");
        }
        if (m instanceof Centroids c) {
            assertEquals(((Labels) m).numClusters() * m.numFeatures(), c.centresFlat().length);
        }
        if (m instanceof SoftAssignments s) {
            int k = ((Labels) m).numClusters();
            double[] u = s.memberships();
            assertEquals(n * k, u.length);
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += u[i * k + j];
                }
                assertEquals(1, sum, 1e-9, "memberships of row " + i + " sum to 1");
            }
            assertArrayEquals(u, s.memberships(data, ExecutionContext.defaults()), 1e-12,
                    "memberships of the training rows, recomputed");
        }
        if (m instanceof Objective o) {
            assertTrue(Double.isFinite(o.objective(data, ExecutionContext.defaults())), o.objectiveKey());
        }
        if (m instanceof Iterative it) {
            assertTrue(it.iterations() >= 0);
        }
        if (m instanceof Tree t) {
            // a tree over the clusters (bisecting k-means) or over the rows (hierarchical): cut at k, the latter gives
            // the labels
            Labels l = (Labels) m;
            int leaves = t.tree().leaves();
            assertTrue(leaves == l.numClusters() || leaves == n, "the tree's leaves are the clusters or the rows");
            if (leaves == n && l.numClusters() <= n) {
                assertArrayEquals(l.labels(), t.tree().cut(l.numClusters()), "the tree cut at k gives the labels");
            }
        }
        if (m instanceof Transform t) {
            Dataset out = t.transform(data, ExecutionContext.defaults());
            assertEquals(n, out.rows());
            assertEquals(t.numComponents(), out.cols());
            assertEquals(data.labels().isPresent(), out.labels().isPresent(), "labels are kept");
            assertEquals(Json.write(out.rawValues()),
                    Json.write(t.transform(data, ExecutionContext.defaults().withThreads(1)).rawValues()),
                    "transform does not depend on the thread count");
        }
        if (m instanceof Embedding e) {
            assertEquals(n * e.numComponents(), e.embeddingValues().length);
        }
        if (m instanceof Noise noise) {
            int[] labels = ((Labels) m).labels();
            assertEquals(n, noise.trainingRows());
            assertEquals(Arrays.stream(labels).filter(v -> v == -1).count(), noise.noiseCount(), "noise counts the -1s");
        }
        if (m instanceof CoreSamples cs) {
            int[] labels = ((Labels) m).labels();
            int[] core = cs.coreSampleIndices();
            for (int i = 0; i < core.length; i++) {
                assertTrue(core[i] >= 0 && core[i] < n && (i == 0 || core[i] > core[i - 1]), "core rows ascending");
                assertTrue(labels[core[i]] >= 0, "core row " + core[i] + " is in a cluster");
            }
        }
        if (m instanceof Reachability r) {
            reachabilityIsAnOpticsOrdering(r, n);
        }
    }

    /**
     * The ordering visits every row once; a row's predecessor was visited before it, and its reachability is no less
     * than the predecessor's core distance; a row without predecessor has infinite reachability (the first one always).
     */
    static void reachabilityIsAnOpticsOrdering(Reachability r, int n) {
        int[] order = r.ordering();
        double[] reach = r.reachability();
        double[] core = r.coreDistances();
        int[] pred = r.predecessor();
        assertEquals(n, order.length);
        int[] position = new int[n];
        Arrays.fill(position, -1);
        for (int i = 0; i < n; i++) {
            assertEquals(-1, position[order[i]], "row " + order[i] + " visited twice");
            position[order[i]] = i;
        }
        assertEquals(Double.POSITIVE_INFINITY, reach[order[0]], "the first row has no reachability");
        for (int p = 0; p < n; p++) {
            assertTrue(core[p] >= 0, "core distances are ≥ 0");
            if (pred[p] < 0) {
                assertEquals(Double.POSITIVE_INFINITY, reach[p], "row " + p + " without predecessor");
            } else {
                assertTrue(position[pred[p]] < position[p], "row " + p + " reached from a row visited before it");
                assertTrue(reach[p] >= core[pred[p]], "reachability ≥ the predecessor's core distance");
            }
        }
        for (int[] c : r.clusterHierarchy()) {
            assertTrue(c[0] >= 0 && c[0] <= c[1] && c[1] < n, "hierarchy ranges are positions");
        }
    }

    /** A model written to its JSON form and read back by the registry is the same model (where it can be read). */
    static void modelFileRoundTrip(Registry.Entry<?> entry, Model m, Dataset data) {
        if (!entry.readable()) {
            return;
        }
        String json = Json.write(m.toJson());
        JsonObject block = JsonObject.parse(json, "model");
        JsonObject training = JsonObject.parse(Json.write(m.summary()), "training");
        ParamValues params = entry.params().fromJson(JsonObject.parse(Json.write(m.params().toJson()), "params"));
        Model back = entry.read(params, block, training, data.columnNames());
        assertEquals(json, Json.write(back.toJson()), "a model read back writes the same block");
        if (m instanceof Labels l) {
            assertArrayEquals(l.predict(data), ((Labels) back).predict(data), "a model read back predicts the same");
        }
        if (m instanceof Transform t) {
            assertArrayEquals(t.transform(data, ExecutionContext.defaults()).rawValues(),
                    ((Transform) back).transform(data, ExecutionContext.defaults()).rawValues(),
                    "a model read back transforms the same");
        }
    }

    /** A fit whose context is already cancelled stops with {@link CancelledException} (scalers: one pass, none). */
    static void cancelledFitStops(Estimator<?> est, Dataset data) {
        if (est instanceof Scaler) {
            return;
        }
        ExecutionContext cancelled = ExecutionContext.defaults().withCancellation(() -> true);
        assertThrows(CancelledException.class, () -> est.fit(data, cancelled), est.name());
    }
}
