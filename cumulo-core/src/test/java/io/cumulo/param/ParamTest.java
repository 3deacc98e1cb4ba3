package io.cumulo.param;

import io.cumulo.CumuloException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParamTest {
    static final Param<Integer> N = Param.integer("n-things", "how many").atLeast(1).defaultValue(3);
    static final Param<Double> RATE = Param.real("rate", "a fraction").greaterThan(0).atMost(1).defaultValue(0.5);
    static final Param<String> MODE = Param.choice("mode", "which way", "fast", "exact").defaultValue("fast");
    static final Param<Boolean> FLAG = Param.bool("flag", "on or off").defaultValue(false);
    static final ParamSet SET = ParamSet.of("thing", N, RATE, MODE, FLAG);

    @Test
    void parsesValidatesAndDescribes() {
        ParamValues v = SET.parse(Map.of("n-things", "1_000", "rate", "1", "mode", "EXACT", "flag", "yes"));
        assertEquals(1000, v.get(N));
        assertEquals(1.0, v.get(RATE));
        assertEquals("exact", v.get(MODE));
        assertTrue(v.get(FLAG));
        assertTrue(v.isSet(N));
        ParamValues d = SET.builder().build();
        assertEquals(3, d.get(N));
        assertFalse(d.isSet(N));
        assertEquals("an integer ≥ 1", N.expected());
        assertEquals("a number in (0, 1]", RATE.expected());
        assertEquals("one of fast, exact", MODE.expected());
    }

    @Test
    void badValuesNameTheParameter() {
        check("parameter 'rate': expected a number in (0, 1], got '0'", Map.of("rate", "0"));
        check("parameter 'rate': expected a number in (0, 1], got 'NaN'", Map.of("rate", "NaN"));
        check("parameter 'n-things': expected an integer ≥ 1, got 'ten'", Map.of("n-things", "ten"));
        check("parameter 'mode': expected one of fast, exact, got 'slow'", Map.of("mode", "slow"));
        check("parameter 'flag': expected true or false, got 'maybe'", Map.of("flag", "maybe"));
        check("unknown parameter 'n-thing' for thing (did you mean 'n-things'?); known: n-things, rate, mode, flag",
                Map.of("n-thing", "2"));
    }

    private static void check(String message, Map<String, String> values) {
        CumuloException e = assertThrows(CumuloException.class, () -> SET.parse(values));
        assertEquals(message, e.getMessage());
    }

    @Test
    void markdownTableListsEveryParameter() {
        String md = SET.markdownTable();
        for (Param<?> p : SET.params()) {
            assertTrue(md.contains("| `" + p.name() + "` |"), p.name());
        }
    }
}
