package io.cumulo.report;

import io.cumulo.CumuloException;

import java.util.Locale;

/** The plane a clustering report draws its rows in: the first two principal components, or a t-SNE or UMAP map. */
public enum ReportView {
    PCA("pca"), TSNE("tsne"), UMAP("umap");

    private final String id;

    ReportView(String id) {
        this.id = id;
    }

    /** The name on the command line and in {@link io.cumulo.model.Registry}. */
    public String id() {
        return id;
    }

    /** The view called {@code name}; an unknown name is a one-line error naming {@code flag}. */
    public static ReportView parse(String name, String flag) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ReportView v : values()) {
            if (v.id.equals(n)) {
                return v;
            }
        }
        throw new CumuloException(flag + ": expected pca, tsne or umap, got '" + name + "'");
    }
}
