package io.cumulo.cli;

import io.cumulo.cluster.ClusteringModel;
import io.cumulo.estimator.ExplainedVariance;
import io.cumulo.estimator.Iterative;
import io.cumulo.estimator.KeyFigure;
import io.cumulo.estimator.Restarts;
import io.cumulo.estimator.Transform;
import io.cumulo.profile.ClusterProfile;
import io.cumulo.workflow.Agreement;
import io.cumulo.workflow.ClusterResult;
import io.cumulo.workflow.FigureFormat;
import io.cumulo.workflow.InternalScores;
import io.cumulo.workflow.NoiseSummary;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The human summaries the commands print when {@code --json} is not given. */
final class Summaries {
    /** Description lines shown. */
    static final int DESCRIPTIONS = 20;

    private Summaries() {
    }

    static String fmt(double v) {
        return FigureFormat.format(v);
    }

    /** The cluster size table (at most 20 rows). */
    static void printSizes(PrintStream out, int[] sizes, int n) {
        out.println("  cluster     size   share");
        int shown = Math.min(sizes.length, 20);
        for (int c = 0; c < shown; c++) {
            out.printf(Locale.ROOT, "  %7d %8d  %5.1f%%%n", c, sizes[c], 100.0 * sizes[c] / n);
        }
        if (shown < sizes.length) {
            out.printf(Locale.ROOT, "  ... %d more clusters (see --json or the labels file)%n", sizes.length - shown);
        }
    }

    /** The ARI/NMI lines, when there is ground truth. */
    static void printAgreement(PrintStream out, Agreement a) {
        out.printf(Locale.ROOT, "  ARI         %s  (against %s)%n", fmt(a.metrics().ari()), a.labelColumn());
        out.printf(Locale.ROOT, "  NMI         %s%n", fmt(a.metrics().nmi()));
    }

    /** The one-line descriptions, at most {@link #DESCRIPTIONS}. */
    static void printDescriptions(PrintStream out, List<String> lines) {
        for (int i = 0; i < Math.min(lines.size(), DESCRIPTIONS); i++) {
            out.println("  " + lines.get(i));
        }
        if (lines.size() > DESCRIPTIONS) {
            out.printf(Locale.ROOT, "  ... %d more (see --json)%n", lines.size() - DESCRIPTIONS);
        }
    }

    /** What {@code cumulo cluster} prints: the run, the sizes, the key figures and indices, the profile, the files. */
    static void printCluster(ClusterResult r, PrintStream out, List<Path> written) {
        ClusteringModel m = r.clustering();
        String scaling = r.model().scaler().kind();
        String reduced = r.model().reduction().map(red -> ", reduced by " + red.name() + " to "
                + ((Transform) red).numComponents() + " components" + (red instanceof ExplainedVariance v
                && v.explainedVarianceRatio().length > 0
                ? String.format(Locale.ROOT, " (%.1f%% of the variance)", 100 * v.explainedVarianceFraction()) : ""))
                .orElse("");
        if (r.task().inputIsDissimilarities()) {
            out.printf(Locale.ROOT, "%s: %d rows, a dissimilarity matrix%n", r.title(), r.data().rows());
        } else {
            out.printf(Locale.ROOT, "%s: %d rows x %d features, %s%s%n", r.title(), r.data().rows(), r.data().cols(),
                    scaling.equals("none") ? "no scaling" : scaling + " scaling", reduced);
        }
        StringBuilder head = new StringBuilder();
        head.append(m.numClusters()).append(" clusters");
        if (m instanceof Iterative it) {
            head.append(", ").append(it.iterations()).append(" iterations (")
                    .append(it.converged() ? "converged" : "not converged").append(")");
        }
        if (m instanceof Restarts restarts) {
            restarts.howChosen().ifPresent(how -> head.append(", ").append(how));
        }
        head.append(String.format(Locale.ROOT, ", fit in %.3f s", r.model().fitSeconds()));
        out.println(head);
        out.println();
        NoiseSummary noise = r.noise().orElse(null);
        if (noise != null && noise.allNoise()) {
            out.println("  " + noise.sentence());
        } else {
            printSizes(out, m.clusterSizes(), r.data().rows());
            if (noise != null) {
                out.printf(Locale.ROOT, "  %7s %8d  %5.1f%%%n", "noise", noise.noise(), 100 * noise.fraction());
            }
        }
        out.println();
        for (KeyFigure k : m.keyFigures()) {
            out.printf(Locale.ROOT, "  %-11s %s%s%n", k.label(), fmt(k.value()),
                    k.note().isEmpty() ? "" : "  (" + k.note() + ")");
        }
        InternalScores s = r.scores();
        List<String> notes = s.silhouetteNotes();
        out.printf(Locale.ROOT, "  silhouette  %s%s%n", s.silhouette() != null ? fmt(s.silhouette()) : "n/a",
                notes.isEmpty() ? "" : "  (" + String.join("; ", notes) + ")");
        if (s.calinskiHarabasz() != null) {
            out.printf(Locale.ROOT, "  CH index    %s  (Calinski-Harabasz, higher is better)%n",
                    fmt(s.calinskiHarabasz()));
            out.printf(Locale.ROOT, "  DB index    %s  (Davies-Bouldin, lower is better)%n", fmt(s.daviesBouldin()));
        }
        if (s.dbcv() != null) {
            out.printf(Locale.ROOT, "  DBCV        %s  (density-based validation, -1 to 1, higher is better; noise counts "
                    + "against it%s)%n", fmt(s.dbcv()), s.dbcvSampleSize() > 0 ? "; on " + s.dbcvSampleSize()
                    + " sampled rows" : "");
        }
        if (noise != null && !noise.allNoise()) {
            out.printf(Locale.ROOT, "  noise       %s (left out of the indices)%n", noise.sentence());
        } else if (noise == null && s.noise() > 0) {
            out.printf(Locale.ROOT, "  noise       %d rows (left out of the indices)%n", s.noise());
        }
        r.agreement().ifPresent(a -> printAgreement(out, a));
        r.profile().map(ClusterProfile::descriptions).filter(d -> !d.isEmpty()).ifPresent(d -> {
            out.println();
            printDescriptions(out, d);
        });
        if (!written.isEmpty()) {
            out.println();
            out.println("wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
        }
    }
}
