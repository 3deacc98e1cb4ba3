package io.cumulo.json;

import io.cumulo.CumuloException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {
    @Test
    void writesAndReadsBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a \"quoted\"\n\\ line\t\u0001");
        m.put("i", 42);
        m.put("l", -7L);
        m.put("d", 0.1);
        m.put("big", 1.5e300);
        m.put("whole", 3.0);
        m.put("nan", Double.NaN);
        m.put("b", true);
        m.put("n", null);
        m.put("arr", new double[] {1, 2.5});
        m.put("ints", new int[] {1, -2});
        m.put("nested", List.of(Map.of("x", 1), List.of()));
        String compact = Json.write(m);
        assertEquals("{\"s\":\"a \\\"quoted\\\"\\n\\\\ line\\t\\u0001\",\"i\":42,\"l\":-7,\"d\":0.1,\"big\":1.5E300,"
                + "\"whole\":3.0,\"nan\":null,\"b\":true,\"n\":null,\"arr\":[1.0,2.5],\"ints\":[1,-2],"
                + "\"nested\":[{\"x\":1},[]]}", compact);
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) Json.parse(Json.writePretty(m));
        assertEquals(m.get("s"), back.get("s"));
        assertEquals(42L, back.get("i"));
        assertEquals(0.1, back.get("d"));
        assertEquals(3.0, back.get("whole"));
        assertEquals(List.of(1.0, 2.5), back.get("arr"));
    }

    @Test
    void doublesRoundTripExactly() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 10000; i++) {
            double v = Double.longBitsToDouble(r.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            Object back = Json.parse(Json.write(new double[] {v}));
            assertEquals(v, ((Number) ((List<?>) back).get(0)).doubleValue());
        }
    }

    @Test
    void errorsSayWhereAndWhat() {
        Json.JsonException e = assertThrows(Json.JsonException.class, () -> Json.parse("{\n\"a\": [1, 2,]\n}"));
        assertEquals("invalid JSON at line 2: expected a value, found ']'", e.getMessage());
        CumuloException c = assertThrows(CumuloException.class, () -> JsonObject.parse("[1]", "m.json"));
        assertEquals("m.json: expected a JSON object at the top level", c.getMessage());
        CumuloException f = assertThrows(CumuloException.class, () -> JsonObject.parse("{\"a\":{\"b\":\"x\"}}", "m.json")
                .getObject("a").getInt("b"));
        assertEquals("m.json: field 'a.b' should be an integer", f.getMessage());
    }
}
