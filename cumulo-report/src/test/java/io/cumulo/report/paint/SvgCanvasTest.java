package io.cumulo.report.paint;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgCanvasTest {
    @Test
    void escapesMarkupAndDropsWhatXmlCannotHold() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;", SvgCanvas.escape("a <b> & \"c\" 'd'"));
        assertEquals("x\uFFFDy", SvgCanvas.escape("x\u0001y"));
        assertEquals("\uD83D\uDE00", SvgCanvas.escape("\uD83D\uDE00"));
        assertEquals("\uFFFD", SvgCanvas.escape("\uD83D"));
    }

    @Test
    void numbersToTheHundredth() {
        SvgCanvas c = new SvgCanvas(10, 10, null, 0);
        c.circle(1.005, -2.5, 1.0 / 3, Style.fill("#000"), "pt", null);
        String svg = c.finish();
        assertTrue(svg.contains("cx=\"1\" cy=\"-2.5\" r=\"0.33\""), svg);
    }

    @Test
    void groupsAndClipsMustNest() {
        SvgCanvas c = new SvgCanvas(10, 10, null, 0);
        c.clip(0, 0, 5, 5);
        c.beginGroup("g", null, false);
        assertThrows(IllegalStateException.class, c::unclip);
    }
}
