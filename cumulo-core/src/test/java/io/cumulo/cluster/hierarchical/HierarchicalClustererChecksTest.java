package io.cumulo.cluster.hierarchical;

import io.cumulo.data.Dataset;
import io.cumulo.testing.ClustererChecks;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The shared clusterer checks (contract, registry, seeds, threads, input untouched, parameters, capabilities, too
 * many clusters, predict and the model file) for every linkage on each route, and for DIANA. Single linkage
 * predicts by the nearest training row, the rule its merges follow, so it gives the training labels back; the
 * other rules need not (see docs/hierarchical.md, "Predict").
 */
class HierarchicalClustererChecksTest {
    /** Smaller than the checks' default 3,000 rows: the matrix routes and DIANA are quadratic. */
    private static final Dataset DATA = Fixtures.blobs(600, 4, 5, 10, 7);

    @Test
    void everyLinkageOnEveryRoutePassesTheSharedChecks() {
        for (String linkage : new String[] {"single", "complete", "average", "weighted", "ward", "centroid", "median"}) {
            for (String route : new String[] {"auto", "matrix"}) {
                ClustererChecks.runAll((k, seed) -> Agglomerative.builder().k(k).linkage(linkage).route(route).build(),
                        true, linkage.equals("single"), DATA);
            }
        }
    }

    @Test
    void otherMetricsPassTheSharedChecks() {
        for (String metric : new String[] {"manhattan", "cosine", "chebyshev", "sqeuclidean"}) {
            ClustererChecks.runAll((k, seed) -> Agglomerative.builder().k(k).linkage("average").metric(metric).build(),
                    true, false, DATA);
        }
    }

    @Test
    void optimalOrderingPassesTheSharedChecks() {
        ClustererChecks.runAll((k, seed) -> Agglomerative.builder().k(k).linkage("average").optimalOrdering(true)
                .build(), true, false, DATA);
        ClustererChecks.runAll((k, seed) -> Diana.builder().k(k).optimalOrdering(true).build(), true, false, DATA);
    }

    @Test
    void dianaPassesTheSharedChecks() {
        ClustererChecks.runAll((k, seed) -> Diana.builder().k(k).build(), true, false, DATA);
    }
}
