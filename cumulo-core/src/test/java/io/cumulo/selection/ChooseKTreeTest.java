package io.cumulo.selection;

import io.cumulo.CumuloException;
import io.cumulo.cluster.Clusterer;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.cluster.KMeans;
import io.cumulo.cluster.hierarchical.Agglomerative;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.param.ParamValues;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** choose-k over a hierarchy: one fit gives every k, and the answers are those of a fit per k. */
class ChooseKTreeTest {
    private static final ExecutionContext CTX = ExecutionContext.defaults().withThreads(2);

    /** A clusterer whose models show only their labels (no tree), so choose-k must refit for every k. */
    private record Hidden(Clusterer<?> inner) implements Clusterer<ClusteringModel> {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public ParamValues params() {
            return inner.params();
        }

        @Override
        public ClusteringModel fit(Dataset data, ExecutionContext ctx) {
            ClusteringModel m = inner.fit(data, ctx);
            return new ClusteringModel() {
                public String name() {
                    return m.name();
                }

                public ParamValues params() {
                    return m.params();
                }

                public int numFeatures() {
                    return m.numFeatures();
                }

                public Map<String, Object> summary() {
                    return m.summary();
                }

                public Map<String, Object> toJson() {
                    return m.toJson();
                }

                public int numClusters() {
                    return m.numClusters();
                }

                public int[] labels() {
                    return m.labels();
                }

                public int[] clusterSizes() {
                    return m.clusterSizes();
                }

                public int[] predict(Dataset d, ExecutionContext c) {
                    return m.predict(d, c);
                }
            };
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutTimes(ChooseK.Result r) {
        Map<String, Object> j = r.toJson();
        for (Object row : (List<Object>) j.get("table")) {
            ((Map<String, Object>) row).remove("fit_seconds");
        }
        j.remove("fits");
        return j;
    }

    @Test
    void oneTreeGivesWhatAFitPerKGives() {
        Dataset data = Fixtures.blobs(300, 4, 3, 4, 5);
        for (String linkage : List.of("ward", "average", "single", "centroid")) {
            AtomicInteger fits = new AtomicInteger();
            IntFunction<Clusterer<?>> tree = k -> {
                fits.incrementAndGet();
                return Agglomerative.builder().k(k).linkage(linkage).build();
            };
            IntFunction<Clusterer<?>> refit = k -> new Hidden(Agglomerative.builder().k(k).linkage(linkage).build());
            ChooseK gapFree = ChooseK.builder().kRange(2, 8).criteria(EnumSet.of(ChooseK.Criterion.SILHOUETTE,
                    ChooseK.Criterion.CH, ChooseK.Criterion.DB, ChooseK.Criterion.BIC, ChooseK.Criterion.ELBOW)).build();
            ChooseK.Result once = gapFree.run(data, tree, CTX);
            assertEquals(1, fits.get(), linkage + ": one fit for every k");
            assertTrue(once.oneTree());
            ChooseK.Result many = gapFree.run(data, refit, CTX);
            assertFalse(many.oneTree());
            assertEquals(withoutTimes(many), withoutTimes(once), linkage);
        }
    }

    @Test
    void gapOverOneTreePerReferenceEqualsTheGapOverRefits() {
        Dataset data = Fixtures.blobs(200, 3, 3, 4, 9);
        ChooseK gap = ChooseK.builder().kRange(2, 5).criteria(EnumSet.of(ChooseK.Criterion.GAP)).gapReferences(4)
                .seed(2).build();
        AtomicInteger fits = new AtomicInteger();
        ChooseK.Result once = gap.run(data, k -> {
            fits.incrementAndGet();
            return Agglomerative.builder().k(k).build();
        }, CTX);
        ChooseK.Result many = gap.run(data, k -> new Hidden(Agglomerative.builder().k(k).build()), CTX);
        assertEquals(withoutTimes(many), withoutTimes(once));
        // the data once, and each of the 4 references once (drawn again for every k, recognised by their values)
        assertEquals(1 + 4, fits.get());
    }

    /** Points 0, 1, 3, 7, 15 on a line: single-linkage merges at 1, 2, 4, 8, so the jumps are 1 (k=4), 2, 4 (k=2). */
    @Test
    void largestJumpByHand() {
        Dataset line = Dataset.of(new double[][] {{0}, {1}, {3}, {7}, {15}});
        ChooseK.Result r = ChooseK.builder().kRange(2, 4).criteria(EnumSet.of(ChooseK.Criterion.HEIGHT)).build()
                .run(line, k -> Agglomerative.builder().k(k).linkage("single").build(), CTX);
        assertEquals(4.0, r.table().get(0).heightJump(), 0);
        assertEquals(2.0, r.table().get(1).heightJump(), 0);
        assertEquals(1.0, r.table().get(2).heightJump(), 0);
        assertEquals(2, r.recommendations().get(ChooseK.Criterion.HEIGHT).k());
    }

    @Test
    void heightNeedsATree() {
        Dataset data = Fixtures.blobs(100, 3, 2, 3, 1);
        CumuloException e = assertThrows(CumuloException.class, () -> ChooseK.builder().kRange(2, 4)
                .criteria(EnumSet.of(ChooseK.Criterion.HEIGHT)).build()
                .run(data, k -> KMeans.builder().k(k).seed(1).build(), CTX));
        assertEquals("criterion height: needs a tree over the rows (agglomerative, diana); kmeans builds none",
                e.getMessage());
        // by default the criteria that apply: k-means gets no height
        ChooseK.Result r = ChooseK.builder().kRange(2, 4).gapReferences(2).build()
                .run(data, k -> KMeans.builder().k(k).seed(1).build(), CTX);
        assertFalse(r.recommendations().containsKey(ChooseK.Criterion.HEIGHT));
    }
}
