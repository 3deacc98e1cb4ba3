package io.cumulo.report.paint;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColorsTest {
    @Test
    void parsesHexAndNames() {
        assertEquals(0x0072B2, Colors.rgb("#0072B2"));
        assertEquals(0x0072B2, Colors.rgb("#0072b2"));
        assertEquals(0xAABBCC, Colors.rgb("#abc"));
        assertEquals(0x000000, Colors.rgb("black"));
        assertEquals("#0072B2", Colors.hex(0x0072B2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Colors.rgb("rgb(1,2,3)"));
        assertEquals("colour must be #RRGGBB or #RGB, got 'rgb(1,2,3)'", e.getMessage());
    }

    @Test
    void scalesEndAtTheirStopsAndDivergeFromWhite() {
        assertEquals(0x2166AC, Colors.diverging(-1));
        assertEquals(0xF7F7F7, Colors.diverging(0));
        assertEquals(0xB2182B, Colors.diverging(1));
        assertEquals(0xB2182B, Colors.diverging(5));
        assertEquals(0xF7FBFF, Colors.sequential(0));
        assertEquals(0x08306B, Colors.sequential(1));
        // 0.5 sits halfway between the stops 0xF4A582 and 0xD6604D: (244+214)/2, (165+96)/2, (130+77)/2 rounded
        assertEquals(0xE58368, Colors.diverging(0.5));
    }

    @Test
    void luminanceOrdersDarkBeforeLight() {
        assertEquals(0, Colors.luminance(0x000000), 1e-12);
        assertEquals(1, Colors.luminance(0xFFFFFF), 1e-12);
        assertTrue(Colors.luminance(0x2166AC) < 0.4);
        assertTrue(Colors.luminance(0xF7F7F7) > 0.4);
    }
}
