package io.cumulo.workflow;

import io.cumulo.CumuloException;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.AtomicFile;
import io.cumulo.data.Dataset;
import io.cumulo.data.LabelColumn;
import io.cumulo.data.NpyWriter;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.estimator.MembershipStrengths;
import io.cumulo.estimator.OutlierScores;
import io.cumulo.estimator.SoftAssignments;
import io.cumulo.exec.ExecutionContext;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Writes output files without ever replacing an existing file unless asked, and never half-written. */
public final class OutputFiles {
    private OutputFiles() {
    }

    /** Fails early (before any work) when {@code p} exists and {@code overwrite} is off. */
    public static void checkWritable(Path p, boolean overwrite, String flag) {
        if (p == null) {
            return;
        }
        if (Files.isDirectory(p)) {
            throw new CumuloException(flag + ": " + p + " is a directory; give a file name");
        }
        if (Files.exists(p) && !overwrite) {
            throw new CumuloException(flag + ": " + p + " already exists; pass --overwrite to replace it");
        }
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new CumuloException(flag + ": " + parent + " is not a directory");
        }
    }

    /** Content produced into a writer. */
    public interface Content {
        void writeTo(Writer w) throws IOException;
    }

    /** Writes to a temporary file beside {@code p}, then moves it into place. */
    public static void write(Path p, Content content) {
        AtomicFile.write(p, tmp -> {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(w);
            }
        });
    }

    public static void writeString(Path p, String text) {
        write(p, w -> w.write(text));
    }

    /**
     * The labels CSV: header {@code row,cluster} (plus the ground-truth column when there is one), one line per
     * row, where {@code row} is the row's 0-based position among the input's data rows.
     */
    public static void writeLabels(Path p, Dataset data, int[] labels) {
        writeLabels(p, data, labels, Map.of());
    }

    /** As above, with extra numeric columns (e.g. fuzzy memberships) after {@code cluster}. */
    public static void writeLabels(Path p, Dataset data, int[] labels, Map<String, double[]> extra) {
        LabelColumn truth = data.labels().orElse(null);
        List<String> extraNames = List.copyOf(extra.keySet());
        write(p, w -> {
            w.write("row,cluster");
            for (String name : extraNames) {
                w.write(',');
                w.write(csvField(name));
            }
            if (truth != null) {
                String name = truth.name();
                w.write(',');
                w.write(csvField(name.equals("row") || name.equals("cluster") ? "true_" + name : name));
            }
            w.write('\n');
            StringBuilder sb = new StringBuilder(64);
            for (int i = 0; i < labels.length; i++) {
                sb.setLength(0);
                sb.append(data.rowId(i)).append(',').append(labels[i]);
                for (String name : extraNames) {
                    sb.append(',').append(extra.get(name)[i]);
                }
                if (truth != null) {
                    sb.append(',').append(csvField(truth.value(i)));
                }
                sb.append('\n');
                w.write(sb.toString());
            }
        });
    }

    /**
     * A tree's linkage matrix, SciPy's form ({@code merges × 4}: left id, right id, height, size; ids at or above the
     * number of leaves are earlier merges): {@code .npy} (float64, what {@code scipy.cluster.hierarchy} takes) when
     * the name ends so, else CSV with the header {@code left,right,height,size}, ids and sizes as integers and heights
     * in Java's shortest round-trip decimal form.
     */
    public static void writeLinkage(Path p, ClusterTree tree) {
        if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            NpyWriter.write(p, tree.linkageMatrix());
            return;
        }
        write(p, w -> {
            w.write("left,right,height,size\n");
            StringBuilder sb = new StringBuilder(64);
            for (int i = 0; i < tree.merges(); i++) {
                sb.setLength(0);
                sb.append(tree.left(i)).append(',').append(tree.right(i)).append(',').append(tree.height(i))
                        .append(',').append(tree.size(i)).append('\n');
                w.write(sb.toString());
            }
        });
    }

    /**
     * Soft memberships of at most this many clusters go into the labels file (a density clustering can find hundreds,
     * and n × k numbers would dwarf the rest); the library gives them all.
     */
    public static final int MAX_SOFT_COLUMNS = 64;

    /**
     * Whether the labels file carries {@code m}'s soft memberships: it has them, for at least one and at most
     * {@link #MAX_SOFT_COLUMNS} clusters (a density clustering that found none has no column to write).
     */
    public static boolean writesSoftColumns(ClusteringModel m) {
        return m instanceof SoftAssignments && m.numClusters() >= 1 && m.numClusters() <= MAX_SOFT_COLUMNS;
    }

    /** The note saying that {@code m}'s soft memberships were left out of the labels file, if they were. */
    public static Optional<String> softColumnsNote(ClusteringModel m) {
        if (m instanceof SoftAssignments && m.numClusters() > MAX_SOFT_COLUMNS) {
            return Optional.of("labels file: the soft memberships of " + m.numClusters() + " clusters are left "
                    + "out (at most " + MAX_SOFT_COLUMNS + " clusters' are written; the library and the model give "
                    + "them all)");
        }
        return Optional.empty();
    }

    /**
     * The soft memberships of a model as labels-file columns {@code PREFIX_0 .. PREFIX_{k−1}}: of the training rows
     * ({@code rows} null) or of new rows; empty for models without them or with more than {@link #MAX_SOFT_COLUMNS}
     * clusters.
     */
    public static Map<String, double[]> softColumns(ClusteringModel m, double[] rows) {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (!(m instanceof SoftAssignments soft) || !writesSoftColumns(m)) {
            return out;
        }
        double[] u = rows != null ? rows : soft.memberships();
        if (u == null) {
            return out;
        }
        int k = m.numClusters();
        int n = u.length / k;
        for (int j = 0; j < k; j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = u[i * k + j];
            }
            out.put(soft.membershipName() + "_" + j, col);
        }
        return out;
    }

    /**
     * The per-row figures of a model as labels-file columns: {@code probability} (how firmly each row belongs to its
     * cluster, {@link MembershipStrengths}) and {@code outlier_score} ({@link OutlierScores}), of the training rows
     * ({@code data} null) or of the new rows {@code data} (in the model's space); empty for models without them.
     */
    public static Map<String, double[]> scoreColumns(ClusteringModel m, Dataset data, ExecutionContext ctx) {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (m instanceof MembershipStrengths s) {
            double[] v = data == null ? s.strengths() : s.strengths(data, ctx);
            if (v != null) {
                out.put("probability", v);
            }
        }
        if (m instanceof OutlierScores o) {
            double[] v = data == null ? o.trainingScores() : o.scores(data, ctx);
            if (v != null) {
                out.put("outlier_score", v);
            }
        }
        return out;
    }

    public static String csvField(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
