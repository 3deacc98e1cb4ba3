package io.cumulo.report.paint;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FontsTest {
    @Test
    void widthsGrowWithTextAndSize() {
        assertEquals(0, Fonts.width("", 12, false));
        assertTrue(Fonts.width("ab", 12, false) > Fonts.width("a", 12, false));
        // advance widths scale with the size
        assertEquals(2 * Fonts.width("petal_length", 10, false), Fonts.width("petal_length", 20, false), 0.5);
        assertTrue(Fonts.width("Title", 12, true) > Fonts.width("Title", 12, false));
    }

    @Test
    void fitCutsWithAnEllipsis() {
        assertEquals("short", Fonts.fit("short", 11, false, 500));
        String cut = Fonts.fit("a rather long feature name", 11, false, 60);
        assertTrue(cut.endsWith("…"), cut);
        assertTrue(Fonts.width(cut, 11, false) <= 60, cut);
        assertTrue("a rather long feature name".startsWith(cut.substring(0, cut.length() - 1)), cut);
    }

    @Test
    void wrapBreaksBetweenWordsAndCutsTheLastLine() {
        double max = Fonts.width("one two three", 12, false) + 1;
        assertEquals(List.of("one two three", "four five six"), Fonts.wrap("one two three four five six", 12, false, max, 3));
        List<String> two = Fonts.wrap("one two three four five six seven", 12, false, max, 2);
        assertEquals("one two three", two.get(0));
        assertTrue(two.get(1).endsWith("…"), two.toString());
        List<String> word = Fonts.wrap("supercalifragilisticexpialidocious", 12, false, 50, 2);
        assertEquals(1, word.size());
        assertTrue(Fonts.width(word.get(0), 12, false) <= 50, word.toString());
    }
}
