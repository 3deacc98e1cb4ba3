package io.cumulo.cluster;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every acceleration must produce exactly Lloyd's iterates: same labels and centres after every iteration. */
class KMeansAccelerationTest {
    static final List<String> VARIANTS = List.of("elkan", "hamerly", "yinyang");

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("uniform 2-D, k=25", Fixtures.uniform(4000, 2, 1), 25),
                Arguments.of("blobs 16-D, k=16", Fixtures.blobs(6000, 16, 16, 4, 2), 16),
                Arguments.of("blobs 80-D, k=6 (row-major kernel)", Fixtures.blobs(1500, 80, 6, 3, 3), 6),
                Arguments.of("uniform 9-D, k=40 (padded lanes)", Fixtures.uniform(3000, 9, 4), 40),
                Arguments.of("blobs 3-D, k=2", Fixtures.blobs(2000, 3, 2, 1, 5), 2),
                Arguments.of("blobs 6-D far from the origin, k=8", shifted(Fixtures.blobs(3000, 6, 8, 3, 6), 1e5), 8));
    }

    /** The data moved by {@code offset} along every axis: scores then cancel heavily, bounds must stay valid. */
    static Dataset shifted(Dataset data, double offset) {
        double[][] rows = data.toArray2D();
        for (double[] row : rows) {
            for (int l = 0; l < row.length; l++) {
                row[l] += offset;
            }
        }
        return Dataset.of(rows);
    }

    @AfterEach
    void restore() {
        KMeans.denseShareForTests = KMeansIterations.DENSE_SHARE;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void sameIteratesAsLloydWithBoundsFromTheStart(String name, Dataset data, int k) {
        KMeans.denseShareForTests = 0; // bounds built on the second iteration, whatever moves
        sameIteratesAsLloyd(name, data, k);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void sameIteratesAsLloyd(String name, Dataset data, int k) {
        double[][] init = Arrays.copyOfRange(data.toArray2D(), 0, k);
        for (int t = 1; t <= 12; t++) {
            KMeansModel lloyd = fit(data, init, t, "lloyd", 2);
            for (String variant : VARIANTS) {
                KMeansModel m = fit(data, init, t, variant, 2);
                assertArrayEquals(lloyd.labels(), m.labels(), variant + " labels after " + t + " iterations");
                assertArrayEquals(lloyd.centresFlat(), m.centresFlat(), variant + " centres after " + t + " iterations");
                assertEquals(lloyd.inertia(), m.inertia(), variant + " inertia after " + t + " iterations");
                assertEquals(lloyd.iterations(), m.iterations());
            }
        }
        // run to convergence: same number of iterations, same end, whatever the thread count
        KMeansModel lloyd = fit(data, init, 300, "lloyd", 1);
        for (String variant : VARIANTS) {
            for (int threads : new int[] {1, 3}) {
                KMeansModel m = fit(data, init, 300, variant, threads);
                assertEquals(lloyd.iterations(), m.iterations(), variant);
                assertArrayEquals(lloyd.labels(), m.labels(), variant);
                assertArrayEquals(lloyd.centresFlat(), m.centresFlat(), variant);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void sameResultFromKMeansPlusPlusWithWeights(String name, Dataset data, int k) {
        double[] w = new double[data.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + (i % 7) * 0.25;
        }
        Dataset weighted = data.withWeights(w, "w");
        KMeansModel lloyd = KMeans.builder().k(k).nInit(2).seed(3).algorithm("lloyd").build().fit(weighted);
        for (String variant : VARIANTS) {
            KMeansModel m = KMeans.builder().k(k).nInit(2).seed(3).algorithm(variant).build().fit(weighted);
            assertArrayEquals(lloyd.labels(), m.labels(), variant);
            assertArrayEquals(lloyd.centresFlat(), m.centresFlat(), variant);
        }
    }

    private static KMeansModel fit(Dataset data, double[][] init, int maxIter, String variant, int threads) {
        return KMeans.builder().initialCentres(init).maxIter(maxIter).tol(0).algorithm(variant).build()
                .fit(data, ExecutionContext.defaults().withThreads(threads));
    }
}
