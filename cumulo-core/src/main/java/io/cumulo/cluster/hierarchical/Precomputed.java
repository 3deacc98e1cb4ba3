package io.cumulo.cluster.hierarchical;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Dissimilarities a user brings ({@code metric=precomputed}): an {@code n × n} matrix, one row and one column per
 * clustered item, symmetric, with zeros on the diagonal and finite values ≥ 0; or SciPy's condensed form (the upper
 * triangle row by row, {@code n(n−1)/2} values, as one row or one column), expanded to the square form when read.
 */
final class Precomputed {
    private Precomputed() {
    }

    /** Fails with a one-line message naming the first entry that makes {@code data} no dissimilarity matrix. */
    static void requireSquare(Dataset data) {
        int n = data.rows();
        if (data.cols() != n) {
            throw new CumuloException(data.source() + ": metric=precomputed needs a square dissimilarity matrix "
                    + "(n × n) or a condensed one (one row or column of n(n−1)/2 values), got " + n + " × " + data.cols());
        }
        double[] x = data.rawValues();
        for (int i = 0; i < n; i++) {
            if (x[i * n + i] != 0) {
                throw new CumuloException(data.source() + ": row " + i + ", column " + i + ": a dissimilarity matrix "
                        + "has zeros on its diagonal, found " + x[i * n + i]);
            }
            for (int j = i + 1; j < n; j++) {
                double a = x[i * n + j];
                double b = x[j * n + i];
                if (a < 0) { // NaN and infinity never get here: a Dataset holds finite values only
                    throw new CumuloException(data.source() + ": row " + i + ", column " + j + ": dissimilarities must "
                            + "be ≥ 0, found " + a);
                }
                if (a != b) {
                    throw new CumuloException(data.source() + ": row " + i + ", column " + j + " is " + a
                            + " but row " + j + ", column " + i + " is " + b + "; a dissimilarity matrix is symmetric");
                }
            }
        }
    }

    /** The square matrix of a condensed one given as one row or one column; a square matrix as it is. */
    static Dataset expand(Dataset data) {
        long m = (long) data.rows() * data.cols();
        if (data.rows() == data.cols() || (data.rows() != 1 && data.cols() != 1)) {
            return data;
        }
        long n = Math.round((1 + Math.sqrt(1 + 8.0 * m)) / 2);
        if (n * (n - 1) / 2 != m || n < 2) {
            throw new CumuloException(data.source() + ": " + m + " values are not a condensed dissimilarity matrix "
                    + "(n(n−1)/2 values for some n)");
        }
        MatrixDistances.requireFits((int) n, Agglomerative.NAME);
        int size = (int) n;
        double[] v = data.rawValues();
        double[] sq = new double[size * size];
        int t = 0;
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                double a = v[t++];
                if (a < 0) { // NaN and infinity never get here: a Dataset holds finite values only
                    throw new CumuloException(data.source() + ": value " + (t - 1) + " (rows " + i + " and " + j
                            + "): dissimilarities must be ≥ 0, found " + a);
                }
                sq[i * size + j] = a;
                sq[j * size + i] = a;
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < size; j++) {
            names.add("d" + j);
        }
        return Dataset.wrap(sq, size, size, names, data.source());
    }

    /** The upper triangle of a (checked) square matrix, row by row. */
    static double[] condensed(Dataset data) {
        int n = data.rows();
        MatrixDistances.requireFits(n, Agglomerative.NAME);
        Agglomerative.requireHeap(8L * n * (n - 1) / 2, n);
        double[] x = data.rawValues();
        double[] out = new double[(int) ((long) n * (n - 1) / 2)];
        int t = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                out[t++] = x[i * n + j];
            }
        }
        return out;
    }

    /** Rows' dissimilarities read from a condensed matrix. */
    static SpanningTreeLinkage.RowDistances rows(double[] condensed, int n) {
        return new SpanningTreeLinkage.RowDistances() {
            @Override
            public double ranking(int i, int j) {
                return i < j ? condensed[(int) MatrixDistances.index(n, i, j)]
                        : condensed[(int) MatrixDistances.index(n, j, i)];
            }

            @Override
            public double height(double ranking) {
                return ranking;
            }
        };
    }
}
