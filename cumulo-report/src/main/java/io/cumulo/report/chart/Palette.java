package io.cumulo.report.chart;

/** The report's colours: cluster colours safe for colour-blind readers, grey for noise, and a few fixed roles. */
public final class Palette {
    /** Okabe &amp; Ito (2008), then Tableau's extra hues; cycled beyond 16 clusters. */
    private static final String[] CLUSTERS = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
        "#F0E442", "#000000", "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF", "#9467BD", "#AEC7E8", "#FF9896", "#98DF8A"};

    public static final String NOISE = "#BBBBBB";
    public static final String ACCENT = "#D55E00";
    public static final String LINE = "#0072B2";
    public static final String MUTED = "#666666";

    private Palette() {
    }

    /** The colour of cluster {@code c}; {@code c < 0} (noise) is grey. */
    public static String cluster(int c) {
        return c < 0 ? NOISE : CLUSTERS[c % CLUSTERS.length];
    }
}
