package io.cumulo.manifold;

import io.cumulo.exec.ProgressListener;

import java.util.SplittableRandom;

/**
 * UMAP's layout step (McInnes et al. 2018, Algorithm 5): stochastic gradient descent on the fuzzy set
 * cross-entropy between the graph and the embedding, whose memberships are {@code 1/(1 + a d^{2b})}. An edge
 * of weight w is sampled every {@code max w / w} epochs (its "epochs per sample"), each time pulling its two
 * ends together and pushing its head away from {@code negative-sample-rate} uniformly drawn points; every
 * gradient coordinate is clipped to [−4, 4] and the step decays linearly from the learning rate to 0.
 */
final class UmapLayout {
    private static final double CLIP = 4;
    /** Keeps the repulsive gradient finite for nearly coincident points, as in umap-learn. */
    private static final double REPULSION_EPS = 0.001;

    private UmapLayout() {
    }

    /**
     * a and b of the low-dimensional membership {@code 1/(1 + a x^{2b})} fitted by least squares (Levenberg–
     * Marquardt from a = b = 1) to the curve that is 1 up to {@code minDist} and {@code exp(−(x − minDist)/spread)}
     * beyond, on 300 equally spaced points of [0, 3·spread] (the paper's appendix; umap-learn's defaults give
     * a ≈ 1.577, b ≈ 0.895).
     */
    static double[] fitAB(double spread, double minDist) {
        int m = 300;
        double[] xs = new double[m];
        double[] fs = new double[m];
        for (int i = 0; i < m; i++) {
            xs[i] = 3 * spread * i / (m - 1);
            fs[i] = xs[i] < minDist ? 1 : Math.exp(-(xs[i] - minDist) / spread);
        }
        double a = 1;
        double b = 1;
        double lambda = 1e-3;
        double cost = abCost(xs, fs, a, b);
        for (int it = 0; it < 500; it++) {
            double jaa = 0;
            double jab = 0;
            double jbb = 0;
            double ga = 0;
            double gb = 0;
            for (int i = 0; i < m; i++) {
                double x = xs[i];
                if (x == 0) {
                    continue; // membership 1 whatever a and b: no residual, no derivative
                }
                double u = Math.pow(x, 2 * b);
                double g = 1 / (1 + a * u);
                double r = g - fs[i];
                double da = -u * g * g;
                double db = -a * u * 2 * Math.log(x) * g * g;
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }
            boolean improved = false;
            while (lambda < 1e12) {
                double haa = jaa * (1 + lambda);
                double hbb = jbb * (1 + lambda);
                double det = haa * hbb - jab * jab;
                double stepA = -(hbb * ga - jab * gb) / det;
                double stepB = -(haa * gb - jab * ga) / det;
                double na = a + stepA;
                double nb = b + stepB;
                double c = na > 0 && nb > 0 ? abCost(xs, fs, na, nb) : Double.POSITIVE_INFINITY;
                if (c < cost) {
                    boolean done = cost - c <= 1e-15 * cost && Math.abs(stepA) <= 1e-12 * a && Math.abs(stepB) <= 1e-12 * b;
                    a = na;
                    b = nb;
                    cost = c;
                    lambda = Math.max(lambda / 10, 1e-12);
                    improved = !done;
                    break;
                }
                lambda *= 10;
            }
            if (!improved) {
                break;
            }
        }
        return new double[] {a, b};
    }

    private static double abCost(double[] xs, double[] fs, double a, double b) {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            double r = (xs[i] == 0 ? 1 : 1 / (1 + a * Math.pow(xs[i], 2 * b))) - fs[i];
            s += r * r;
        }
        return s;
    }

    /**
     * As umap-learn prepares a spectral or PCA start: scaled so that the largest absolute coordinate is 10, a
     * little Gaussian noise (sd 1e-4, so that no two points coincide), then each coordinate mapped onto [0, 10].
     */
    static void rescaleInitial(double[] y, int n, int dim, SplittableRandom random) {
        double max = 0;
        for (double v : y) {
            max = Math.max(max, Math.abs(v));
        }
        double scale = max > 0 ? 10 / max : 1;
        for (int i = 0; i < y.length; i++) {
            y[i] = y[i] * scale + 1e-4 * gaussian(random);
        }
        for (int c = 0; c < dim; c++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, y[i * dim + c]);
                hi = Math.max(hi, y[i * dim + c]);
            }
            double s = hi > lo ? 10 / (hi - lo) : 1;
            for (int i = 0; i < n; i++) {
                y[i * dim + c] = (y[i * dim + c] - lo) * s;
            }
        }
    }

    /** A standard normal draw (Box–Muller; one of the pair used, so the stream position is simple). */
    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** The training layout: every directed edge of the symmetric graph, both ends moving. */
    static void optimize(double[] y, int dim, double[] tail, int nTail, FuzzySimplicialSet graph, double a, double b,
                         int epochs, double learningRate, int negativeRate, double gamma, boolean moveOther,
                         SplittableRandom random, ProgressListener progress) {
        int e = graph.edges();
        int[] heads = new int[e];
        for (int i = 0; i < graph.n; i++) {
            for (int p = graph.rowStart[i]; p < graph.rowStart[i + 1]; p++) {
                heads[p] = i;
            }
        }
        optimize(y, dim, tail, nTail, heads, graph.col, graph.weight, a, b, epochs, learningRate, negativeRate,
                gamma, moveOther, random, progress, "UMAP: layout");
    }

    /**
     * Runs the descent on edges {@code heads[e] → tails[e]} of weight {@code w[e]}: heads index {@code y},
     * tails index {@code tail} (the same array for the training layout; the training embedding, kept fixed,
     * for {@code transform}). Negative samples are drawn among the {@code nTail} rows of {@code tail}. Edges
     * lighter than {@code max w / epochs} would be sampled less than once and are skipped, as in umap-learn.
     * One thread, edges in order, one random stream: the result depends on the seed only.
     */
    static void optimize(double[] y, int dim, double[] tail, int nTail, int[] heads, int[] tails, double[] w,
                         double a, double b, int epochs, double learningRate, int negativeRate, double gamma,
                         boolean moveOther, SplittableRandom random, ProgressListener progress, String task) {
        int e = w.length;
        double maxW = 0;
        for (double v : w) {
            maxW = Math.max(maxW, v);
        }
        int[] eh = new int[e];
        int[] et = new int[e];
        double[] every = new double[e];
        int m = 0;
        for (int p = 0; p < e; p++) {
            if (w[p] > 0 && w[p] >= maxW / epochs) {
                eh[m] = heads[p];
                et[m] = tails[p];
                every[m++] = maxW / w[p];
            }
        }
        double[] nextSample = new double[m];
        double[] everyNegative = new double[m];
        double[] nextNegative = new double[m];
        for (int p = 0; p < m; p++) {
            nextSample[p] = every[p];
            everyNegative[p] = negativeRate > 0 ? every[p] / negativeRate : Double.POSITIVE_INFINITY;
            nextNegative[p] = everyNegative[p];
        }
        double twoAB = 2 * a * b;
        double twoGammaB = 2 * gamma * b;
        boolean sameArrays = y == tail;
        for (int epoch = 0; epoch < epochs; epoch++) {
            progress.update(task, epoch, epochs);
            double alpha = learningRate * (1 - (double) epoch / epochs);
            for (int p = 0; p < m; p++) {
                if (nextSample[p] > epoch) {
                    continue;
                }
                int hj = eh[p] * dim;
                int tk = et[p] * dim;
                double dsq = 0;
                for (int c = 0; c < dim; c++) {
                    double diff = y[hj + c] - tail[tk + c];
                    dsq += diff * diff;
                }
                if (dsq > 0) {
                    double pb = Math.pow(dsq, b);
                    double coeff = -twoAB * (pb / dsq) / (a * pb + 1);
                    for (int c = 0; c < dim; c++) {
                        double g = clip(coeff * (y[hj + c] - tail[tk + c])) * alpha;
                        y[hj + c] += g;
                        if (moveOther) {
                            tail[tk + c] -= g;
                        }
                    }
                }
                nextSample[p] += every[p];
                int negatives = (int) ((epoch - nextNegative[p]) / everyNegative[p]);
                for (int s = 0; s < negatives; s++) {
                    int r = random.nextInt(nTail);
                    if (sameArrays && r == eh[p]) {
                        continue;
                    }
                    int rk = r * dim;
                    double nsq = 0;
                    for (int c = 0; c < dim; c++) {
                        double diff = y[hj + c] - tail[rk + c];
                        nsq += diff * diff;
                    }
                    if (nsq > 0) {
                        double coeff = twoGammaB / ((REPULSION_EPS + nsq) * (a * Math.pow(nsq, b) + 1));
                        for (int c = 0; c < dim; c++) {
                            y[hj + c] += clip(coeff * (y[hj + c] - tail[rk + c])) * alpha;
                        }
                    }
                }
                nextNegative[p] += Math.max(negatives, 0) * everyNegative[p];
            }
        }
        progress.update(task, epochs, epochs);
    }

    private static double clip(double g) {
        return g > CLIP ? CLIP : (g < -CLIP ? -CLIP : g);
    }
}
