package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The single entry point's map (the {@code --json} of {@code cumulo evaluate}) and the sparse contingency table. */
class ExternalMetricsMapTest {

    @Test
    void keysValuesAndContingency() {
        // truth {0,0,0,1,1,1} vs {0,0,1,1,2,2}: table [[2,1,0],[0,1,2]]; ARI 0.8/3.3 (see ExternalMetricsTest)
        ExternalMetrics m = ExternalMetrics.of(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2});
        Map<String, Object> map = m.toMap(List.of("cat", "dog"));
        assertEquals(List.of("ari", "rand", "nmi", "ami", "homogeneity", "completeness", "v_measure", "fowlkes_mallows",
                "purity", "accuracy", "contingency", "noise_points"), List.copyOf(map.keySet()));
        assertEquals(0.8 / 3.3, (Double) map.get("ari"), 1e-15);
        // pairs: 15; together in both: 2 (C(2,2) twice); apart in both: 15 - 2 - (6 - 2) - (3 - 2) = 8; Rand 10/15
        assertEquals(10.0 / 15, (Double) map.get("rand"), 1e-15);
        // Fowlkes-Mallows: 2 / sqrt(6 * 3)
        assertEquals(2 / Math.sqrt(18), (Double) map.get("fowlkes_mallows"), 1e-15);
        // homogeneity MI/H(C) = (2/3 log 2)/log 2; completeness (2/3 log 2)/log 3
        assertEquals(2.0 / 3, (Double) map.get("homogeneity"), 1e-15);
        assertEquals(2.0 / 3 * Math.log(2) / Math.log(3), (Double) map.get("completeness"), 1e-15);
        assertEquals(0L, map.get("noise_points"));
        assertEquals("{\"classes\":[\"cat\",\"dog\"],\"clusters\":[0,1,2],\"counts\":[[2,1,0],[0,1,2]]}",
                Json.write(map.get("contingency")));
        assertEquals("{\"classes\":[0,1],\"clusters\":[0,1,2],\"counts\":[[2,1,0],[0,1,2]]}",
                Json.write(m.toMap().get("contingency")));
    }

    @Test
    void hugeTablesListTheirNonZeroCellsAndSkipTheMatching() {
        // 3,000 singletons against themselves reversed: 9 million cells, 3,000 of them non-zero
        int n = 3000;
        int[] t = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
            p[i] = n - 1 - i;
        }
        ExternalMetrics m = ExternalMetrics.of(t, p);
        assertEquals(1.0, m.ari(), 0.0);
        assertEquals(1.0, m.ami(), 0.0);
        assertNull(m.accuracy());
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) m.toMap().get("contingency");
        assertEquals(List.of("classes", "clusters", "nonzero_cells"), List.copyOf(c.keySet()));
        @SuppressWarnings("unchecked")
        List<long[]> cells = (List<long[]>) c.get("nonzero_cells");
        assertEquals(n, cells.size());
        assertArrayEquals(new long[] {0, n - 1, 1}, cells.get(0));
        assertEquals(null, m.toMap().get("accuracy"));
    }

    @Test
    void sparseCountingMatchesAHashMap() {
        // label values spread over 3,000 x 3,000 = 9 million cells for 5,000 rows: counted by sorting keys
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 5000;
        int[] t = new int[n];
        int[] p = new int[n];
        Map<Long, Long> expected = new HashMap<>();
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextInt(3000) * 3 - 4000;
            p[i] = i < 100 ? 5 : rnd.nextInt(3000) - 1;
            expected.merge(((long) t[i] << 32) ^ (p[i] & 0xffffffffL), 1L, Long::sum);
        }
        ContingencyTable table = ContingencyTable.of(t, p);
        int[] cls = table.classValues();
        int[] clu = table.clusterValues();
        long total = 0;
        for (int i = 0; i < cls.length; i++) {
            for (int c = table.firstCell(i); c < table.firstCell(i + 1); c++) {
                int j = table.cellCluster(c);
                long key = ((long) cls[i] << 32) ^ (clu[j] & 0xffffffffL);
                assertEquals(expected.get(key), table.cellCount(c));
                assertEquals(table.cellCount(c), table.count(i, j));
                if (c > table.firstCell(i)) {
                    assertEquals(true, table.cellCluster(c - 1) < j, "cells in cluster order");
                }
                total += table.cellCount(c);
            }
        }
        assertEquals(expected.size(), table.nonZeroCells());
        assertEquals(n, total);
        assertEquals(n, Arrays.stream(table.classSizes()).sum());
        assertEquals(n, Arrays.stream(table.clusterSizes()).sum());
    }

    @Test
    void badInput() {
        assertEquals("labelings differ in length: 2 true labels, 3 predicted",
                assertThrows(CumuloException.class, () -> ExternalMetrics.of(new int[2], new int[3])).getMessage());
        assertEquals("no rows to compare: the labelings are empty",
                assertThrows(CumuloException.class, () -> ExternalMetrics.of(new int[0], new int[0])).getMessage());
        assertEquals("beta: expected a finite number >= 0, got -1.0", assertThrows(CumuloException.class,
                () -> VMeasure.score(ContingencyTable.of(new int[2], new int[2]), -1)).getMessage());
        assertEquals("average: expected arithmetic, geometric, min or max, got 'mean'", assertThrows(CumuloException.class,
                () -> NormalizedMutualInformation.Average.parse("mean")).getMessage());
    }
}
