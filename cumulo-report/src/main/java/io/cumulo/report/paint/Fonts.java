package io.cumulo.report.paint;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one font of the static charts and its measurements. Both canvases lay text out with these widths, so labels
 * are placed the same in the PNG (drawn with this font) and in the SVG (which names the same family first, then
 * Verdana, whose metrics are close).
 */
public final class Fonts {
    /** Installed on Debian with fonts-dejavu-core (a JDK dependency); Java falls back to its Dialog font if not. */
    public static final String FAMILY = "DejaVu Sans";
    public static final String CSS_FAMILY = "'DejaVu Sans', Verdana, Arial, sans-serif";

    /** Antialiased, fractional metrics: widths in unscaled CSS pixels that do not depend on the output scale. */
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final ConcurrentHashMap<Long, Font> FONTS = new ConcurrentHashMap<>();

    private Fonts() {
    }

    public static Font font(double size, boolean bold) {
        long key = Math.round(size * 100) * 2 + (bold ? 1 : 0);
        return FONTS.computeIfAbsent(key, k -> new Font(FAMILY, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size));
    }

    /** The advance width of {@code s} in CSS pixels. */
    public static double width(String s, double size, boolean bold) {
        if (s.isEmpty()) {
            return 0;
        }
        return font(size, bold).getStringBounds(s, FRC).getWidth();
    }

    /** {@code s} cut at the end with an ellipsis so that it is at most {@code max} pixels wide. */
    public static String fit(String s, double size, boolean bold, double max) {
        if (width(s, size, bold) <= max) {
            return s;
        }
        int lo = 0;
        int hi = s.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (width(s.substring(0, mid) + "…", size, bold) <= max) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo == 0 ? "…" : s.substring(0, lo).stripTrailing() + "…";
    }

    /**
     * Greedy word wrap into lines at most {@code max} pixels wide; at most {@code maxLines} lines, the last one cut
     * with an ellipsis when text remains.
     */
    public static List<String> wrap(String s, double size, boolean bold, double max, int maxLines) {
        List<String> lines = new ArrayList<>();
        String[] words = s.trim().split("\\s+");
        StringBuilder line = new StringBuilder();
        int i = 0;
        while (i < words.length && lines.size() < maxLines) {
            String candidate = line.isEmpty() ? words[i] : line + " " + words[i];
            if (line.isEmpty() || width(candidate, size, bold) <= max) {
                line.setLength(0);
                line.append(candidate);
                i++;
            } else {
                lines.add(line.toString());
                line.setLength(0);
            }
        }
        if (!line.isEmpty() && lines.size() < maxLines) {
            lines.add(line.toString());
        }
        if (lines.isEmpty()) {
            return lines;
        }
        // a single word wider than the line is cut too
        lines.replaceAll(l -> fit(l, size, bold, max));
        int last = lines.size() - 1;
        String tail = lines.get(last);
        if (i < words.length) {
            tail = tail + " " + String.join(" ", Arrays.asList(words).subList(i, words.length));
        }
        lines.set(last, fit(tail, size, bold, max));
        return lines;
    }
}
