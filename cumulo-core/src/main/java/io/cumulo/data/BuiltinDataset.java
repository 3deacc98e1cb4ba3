package io.cumulo.data;

import io.cumulo.CumuloException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Datasets bundled in the jar, read as {@code builtin:NAME}. Only permissively licensed data are bundled;
 * the licence notes travel in the jar next to them ({@code io/cumulo/data/builtin/NOTICE.md}). Each has a
 * known class column, used as ground truth unless another {@code --label-column} is given.
 */
public enum BuiltinDataset {
    IRIS("iris", "species", 150, 4, "Fisher's iris flowers: 4 measurements (cm), 3 species",
            "UCI Iris (Fisher 1936), CC BY 4.0; file from scikit-learn 1.2.1 (BSD-3-Clause)"),
    WINE("wine", "cultivar", 178, 13, "Italian wines: 13 chemical measurements, 3 cultivars",
            "UCI Wine (Forina et al.), CC BY 4.0; file from scikit-learn 1.2.1 (BSD-3-Clause)"),
    BREAST_CANCER("breast-cancer", "diagnosis", 569, 30,
            "Wisconsin diagnostic breast cancer: 30 cell-nucleus features, malignant or benign",
            "UCI Breast Cancer Wisconsin (Diagnostic), CC BY 4.0; file from scikit-learn 1.2.1 (BSD-3-Clause)"),
    DIGITS("digits", "digit", 1797, 64, "Handwritten digits: 8x8 images (64 pixel intensities 0-16), digits 0-9",
            "UCI Optical Recognition of Handwritten Digits (test part), CC BY 4.0; file from scikit-learn 1.2.1 (BSD-3-Clause)");

    private final String id;
    private final String labelColumn;
    private final int rows;
    private final int features;
    private final String description;
    private final String licence;

    BuiltinDataset(String id, String labelColumn, int rows, int features, String description, String licence) {
        this.id = id;
        this.labelColumn = labelColumn;
        this.rows = rows;
        this.features = features;
        this.description = description;
        this.licence = licence;
    }

    public String id() {
        return id;
    }

    public String labelColumn() {
        return labelColumn;
    }

    public int rows() {
        return rows;
    }

    public int features() {
        return features;
    }

    public String description() {
        return description;
    }

    public String licence() {
        return licence;
    }

    /** The dataset called {@code name} (as in {@code builtin:name}); unknown names list the known ones. */
    public static BuiltinDataset named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (BuiltinDataset d : values()) {
            if (d.id.equals(n)) {
                return d;
            }
        }
        throw new CumuloException("no built-in dataset '" + name + "'; built-in datasets are: "
                + Arrays.stream(values()).map(d -> "builtin:" + d.id).collect(Collectors.joining(", ")));
    }

    /** Reads it; the default label column applies unless {@code options} names one. */
    public Dataset read(ReadOptions options, Consumer<String> notes) {
        String resource = "builtin/" + id + ".csv";
        try (InputStream in = BuiltinDataset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return CsvDatasetReader.read(in, "builtin:" + id, -1, options, labelColumn, notes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
