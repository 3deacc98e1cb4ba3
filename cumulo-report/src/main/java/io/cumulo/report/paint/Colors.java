package io.cumulo.report.paint;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/** CSS colours as packed {@code 0xRRGGBB} integers, and the heatmaps' colour scales. */
public final class Colors {
    /**
     * ColorBrewer's RdBu (Brewer &amp; Harrower, colorbrewer2.org; rated colour-blind safe), blue for negative
     * through near white at 0 to red for positive: the same scale as Plotly's reversed "RdBu".
     */
    private static final int[] DIVERGING = {0x2166AC, 0x4393C3, 0x92C5DE, 0xF7F7F7, 0xF4A582, 0xD6604D, 0xB2182B};
    /** ColorBrewer's Blues: white for the smallest count to dark blue for the largest. */
    private static final int[] SEQUENTIAL = {0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5,
        0x08519C, 0x08306B};

    private Colors() {
    }

    /** Colours already parsed: a scatter of 20,000 points asks for the same one 20,000 times. */
    private static final ConcurrentHashMap<String, Integer> PARSED =
            new ConcurrentHashMap<>();

    /** Parses {@code #RGB}, {@code #RRGGBB} and the few colour names the report uses. */
    public static int rgb(String css) {
        Integer known = PARSED.get(css);
        if (known != null) {
            return known;
        }
        int rgb = parse(css);
        if (PARSED.size() < 4096) {
            PARSED.put(css, rgb);
        }
        return rgb;
    }

    private static int parse(String css) {
        String s = css.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "black":
                return 0x000000;
            case "white":
                return 0xFFFFFF;
            case "grey":
            case "gray":
                return 0x808080;
            default:
                break;
        }
        if (s.matches("#[0-9a-f]{6}")) {
            return Integer.parseInt(s.substring(1), 16);
        }
        if (s.matches("#[0-9a-f]{3}")) {
            int r = Character.digit(s.charAt(1), 16);
            int g = Character.digit(s.charAt(2), 16);
            int b = Character.digit(s.charAt(3), 16);
            return (r * 17 << 16) | (g * 17 << 8) | b * 17;
        }
        throw new IllegalArgumentException("colour must be #RRGGBB or #RGB, got '" + css + "'");
    }

    public static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06X", rgb & 0xFFFFFF);
    }

    /** The diverging scale at {@code t} in [-1, 1] (clamped). */
    public static int diverging(double t) {
        return scale(DIVERGING, (Math.max(-1, Math.min(1, t)) + 1) / 2);
    }

    /** The sequential scale at {@code t} in [0, 1] (clamped). */
    public static int sequential(double t) {
        return scale(SEQUENTIAL, Math.max(0, Math.min(1, t)));
    }

    /** Linear interpolation in sRGB between evenly spaced stops. */
    private static int scale(int[] stops, double t) {
        double pos = t * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(pos));
        double f = pos - i;
        int a = stops[i];
        int b = stops[i + 1];
        int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
        int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
        return (r << 16) | (g << 8) | bl;
    }

    /** WCAG relative luminance, 0 (black) to 1 (white): decides whether text on a cell is light or dark. */
    public static double luminance(int rgb) {
        return 0.2126 * linear((rgb >> 16) & 255) + 0.7152 * linear((rgb >> 8) & 255) + 0.0722 * linear(rgb & 255);
    }

    private static double linear(int c) {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
