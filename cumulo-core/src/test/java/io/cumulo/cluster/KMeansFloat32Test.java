package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code storage=float32} widens the rounded rows and runs the very same float64 arithmetic, so on data whose
 * values are already float32 numbers it must give exactly what {@code storage=float64} gives: same labels,
 * centres, inertia and iteration count, for every variant, seeding, refinement, weights and thread count.
 */
class KMeansFloat32Test {
    static final List<String> VARIANTS = List.of("lloyd", "elkan", "hamerly", "yinyang");

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("uniform 2-D, k=100 (block grouped once)", Fixtures.uniform(5000, 2, 1), 100),
                Arguments.of("blobs 16-D, k=16 (fused kernel)", Fixtures.blobs(6000, 16, 16, 4, 2), 16),
                Arguments.of("blobs 24-D, k=5 (scores then argmin)", Fixtures.blobs(3000, 24, 5, 3, 7), 5),
                Arguments.of("blobs 80-D, k=6 (rows added one by one)", Fixtures.blobs(1500, 80, 6, 3, 3), 6),
                Arguments.of("blobs 6-D far from the origin, k=8",
                        KMeansAccelerationTest.shifted(Fixtures.blobs(3000, 6, 8, 3, 6), 1e4), 8));
    }

    @AfterEach
    void restore() {
        KMeans.denseShareForTests = KMeansIterations.DENSE_SHARE;
    }

    /** The same rows, each value rounded to the nearest float32, with uneven weights. */
    static Dataset roundedWeighted(Dataset data) {
        double[][] rows = data.toArray2D();
        double[] w = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int l = 0; l < rows[i].length; l++) {
                rows[i][l] = (float) rows[i][l];
            }
            w[i] = 0.5 + (i % 5) * 0.5;
        }
        return Dataset.of(rows).withWeights(w, "w");
    }

    private static KMeansModel fit(Dataset data, int k, String variant, String storage, String refine, int threads) {
        return KMeans.builder().k(k).nInit(2).seed(11).algorithm(variant).storage(storage).refine(refine).swapTrials(20)
                .build().fit(data, ExecutionContext.defaults().withThreads(threads));
    }

    private static void assertSame(KMeansModel expected, KMeansModel actual, String what) {
        assertArrayEquals(expected.labels(), actual.labels(), what + ": labels");
        assertArrayEquals(expected.centresFlat(), actual.centresFlat(), what + ": centres");
        assertEquals(expected.inertia(), actual.inertia(), what + ": inertia");
        assertEquals(expected.iterations(), actual.iterations(), what + ": iterations");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void float32RowsGiveExactlyTheFloat64Result(String name, Dataset data, int k) {
        Dataset rounded = roundedWeighted(data);
        for (String variant : VARIANTS) {
            KMeansModel wide = fit(rounded, k, variant, "float64", "none", 2);
            for (int threads : new int[] {1, 3}) {
                assertSame(wide, fit(rounded, k, variant, "float32", "none", threads), variant + ", " + threads + " threads");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void boundsFromTheStartAndRandomSwap(String name, Dataset data, int k) {
        KMeans.denseShareForTests = 0; // bounded passes from the second iteration, whatever moves
        Dataset rounded = roundedWeighted(data);
        for (String variant : List.of("hamerly", "elkan")) {
            assertSame(fit(rounded, k, variant, "float64", "swap", 2), fit(rounded, k, variant, "float32", "swap", 2),
                    variant + " with refine=swap");
        }
    }

    @Test
    void unroundedDataGiveNearlyTheSameFit() {
        Dataset data = Fixtures.blobs(4000, 8, 6, 3, 9);
        KMeansModel wide = fit(data, 6, "auto", "float64", "none", 2);
        KMeansModel narrow = fit(data, 6, "auto", "float32", "none", 2);
        // rounding moves each value by at most 2^-24 of itself: well separated blobs keep every label
        assertArrayEquals(wide.labels(), narrow.labels());
        assertEquals(wide.inertia(), narrow.inertia(), 1e-6 * wide.inertia());
    }

    @Test
    void valueBeyondFloat32RangeIsNamed() {
        Dataset data = Dataset.of(new double[][] {{1, 2}, {3, 1e39}, {5, 6}});
        CumuloException e = assertThrows(CumuloException.class,
                () -> KMeans.builder().k(2).storage("float32").build().fit(data));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("1.0E39")
                && e.getMessage().contains("'storage'"), e.getMessage());
    }
}
