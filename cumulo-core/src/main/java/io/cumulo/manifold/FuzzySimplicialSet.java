package io.cumulo.manifold;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.KnnGraph;

import java.util.Arrays;

/**
 * UMAP's weighted k-neighbour graph (McInnes et al. 2018, section 3.1 and Algorithms 2–3). Each row i gets
 * a local metric: ρ_i, its distance to its nearest neighbour (at positive distance), and σ_i such that
 * {@code Σ_j exp(−max(0, d_ij − ρ_i)/σ_i) = log2 k} over its k − 1 other neighbours; the directed
 * memberships {@code w_ij = exp(−max(0, d_ij − ρ_i)/σ_i)} are then combined by the fuzzy union
 * {@code A + Aᵀ − A∘Aᵀ} (probabilistic t-conorm), giving a symmetric graph with weights in (0, 1].
 *
 * <p>Held as compressed sparse rows, columns ascending within a row.
 */
final class FuzzySimplicialSet {
    /** Bisection steps for σ and the tolerance on the sum, as in umap-learn. */
    private static final int SIGMA_STEPS = 64;
    private static final double SIGMA_TOL = 1e-5;
    /** σ is kept above this fraction of the mean neighbour distance, so tight duplicates do not give σ → 0. */
    static final double MIN_SIGMA_SCALE = 1e-3;

    final int n;
    final int[] rowStart;
    final int[] col;
    final double[] weight;

    private FuzzySimplicialSet(int n, int[] rowStart, int[] col, double[] weight) {
        this.n = n;
        this.rowStart = rowStart;
        this.col = col;
        this.weight = weight;
    }

    /**
     * ρ and σ of each row from its neighbour distances {@code dist[i·k + j]} (ascending), skipping the first
     * {@code skip} slots (1 when slot 0 is the row itself): {@code out[2i] = ρ_i}, {@code out[2i+1] = σ_i}.
     * {@code meanAll} is the mean of all distances, the floor's scale for rows with no positive distance.
     */
    static void calibrate(double[] dist, int k, int skip, int rows, double[] out, double meanAll) {
        int m = k - skip;
        double target = Math.log(k) / Math.log(2);
        for (int i = 0; i < rows; i++) {
            int o = i * k + skip;
            double rho = 0;
            double mean = 0;
            for (int j = 0; j < m; j++) {
                mean += dist[o + j];
                if (rho == 0 && dist[o + j] > 0) {
                    rho = dist[o + j];
                }
            }
            mean /= m;
            double lo = 0;
            double hi = Double.POSITIVE_INFINITY;
            double sigma = 1;
            for (int step = 0; step < SIGMA_STEPS; step++) {
                double sum = membershipSum(dist, o, m, rho, sigma);
                if (Math.abs(sum - target) < SIGMA_TOL) {
                    break;
                }
                // the sum grows with σ: too large → smaller σ
                if (sum > target) {
                    hi = sigma;
                    sigma = (lo + hi) / 2;
                } else {
                    lo = sigma;
                    sigma = hi == Double.POSITIVE_INFINITY ? sigma * 2 : (lo + hi) / 2;
                }
            }
            double floor = MIN_SIGMA_SCALE * (rho > 0 ? mean : meanAll);
            out[2 * i] = rho;
            out[2 * i + 1] = Math.max(sigma, floor);
        }
    }

    static double membershipSum(double[] dist, int o, int m, double rho, double sigma) {
        double sum = 0;
        for (int j = 0; j < m; j++) {
            double e = dist[o + j] - rho;
            sum += e > 0 ? Math.exp(-e / sigma) : 1;
        }
        return sum;
    }

    static double meanDistance(double[] dist) {
        double s = 0;
        for (double v : dist) {
            s += v;
        }
        return s / dist.length;
    }

    /** The symmetric fuzzy graph of the training rows' neighbours (slot 0 of each list being the row itself). */
    static FuzzySimplicialSet of(KnnGraph knn, int n, ExecutionContext ctx) {
        int k = knn.k();
        int[] index = knn.indices();
        double[] distance = knn.distances();
        int m = k - 1;
        double[] rs = new double[2 * n];
        double meanAll = meanDistance(distance);
        Chunks chunks = Chunks.of(n, 512, 256);
        ctx.parallelFor(chunks.count(), c -> {
            int from = chunks.start(c);
            int rows = chunks.end(c) - from;
            double[] part = new double[2 * rows];
            calibrate(Arrays.copyOfRange(distance, from * k, (from + rows) * k), k, 1, rows, part, meanAll);
            System.arraycopy(part, 0, rs, 2 * from, 2 * rows);
        });
        // directed memberships, sorted by column within each row for the lookups of the union
        int[] dCol = new int[n * m];
        double[] dW = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                dCol[i * m + j] = index[i * k + 1 + j];
                double e = distance[i * k + 1 + j] - rs[2 * i];
                dW[i * m + j] = e > 0 ? Math.exp(-e / rs[2 * i + 1]) : 1;
            }
            sortByColumn(dCol, dW, i * m, m);
        }
        return union(n, m, dCol, dW);
    }

    /**
     * {@code A + Aᵀ − A∘Aᵀ} of the directed graph with {@code m} entries per row (columns ascending within a
     * row, none equal to the row). Exposed for the tests.
     */
    static FuzzySimplicialSet union(int n, int m, int[] dCol, double[] dW) {
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                int p = dCol[i * m + j];
                count[i]++;
                if (find(dCol, p * m, m, i, p) < 0) {
                    count[p]++; // i→p without p→i: the union also holds p→i
                }
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + count[i];
        }
        int[] col = new int[start[n]];
        double[] w = new double[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                int p = dCol[i * m + j];
                double a = dW[i * m + j];
                int back = find(dCol, p * m, m, i, p);
                double b = back >= 0 ? dW[back] : 0;
                double u = a + b - a * b;
                col[fill[i]] = p;
                w[fill[i]++] = u;
                if (back < 0) {
                    col[fill[p]] = i;
                    w[fill[p]++] = u;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            sortByColumn(col, w, start[i], start[i + 1] - start[i]);
        }
        return new FuzzySimplicialSet(n, start, col, w);
    }

    /** Position of column {@code p} in row {@code row}'s directed list, or −1. */
    private static int find(int[] dCol, int o, int m, int p, int row) {
        int at = Arrays.binarySearch(dCol, o, o + m, p);
        return at >= 0 ? at : -1;
    }

    private static void sortByColumn(int[] c, double[] w, int o, int len) {
        for (int a = o + 1; a < o + len; a++) {
            int cv = c[a];
            double wv = w[a];
            int b = a - 1;
            while (b >= o && c[b] > cv) {
                c[b + 1] = c[b];
                w[b + 1] = w[b];
                b--;
            }
            c[b + 1] = cv;
            w[b + 1] = wv;
        }
    }

    int edges() {
        return col.length;
    }

    /** The weight of edge (i, j), 0 when absent. */
    double get(int i, int j) {
        int at = Arrays.binarySearch(col, rowStart[i], rowStart[i + 1], j);
        return at >= 0 ? weight[at] : 0;
    }

    /** Row sums (degrees). */
    double[] degrees() {
        double[] deg = new double[n];
        for (int i = 0; i < n; i++) {
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                deg[i] += weight[e];
            }
        }
        return deg;
    }
}
