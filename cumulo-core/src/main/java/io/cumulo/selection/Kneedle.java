package io.cumulo.selection;

import io.cumulo.CumuloException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The knee (or elbow) of a curve by Kneedle (V. Satopää, J. Albrecht, D. Irwin, B. Raghavan, "Finding a
 * 'Kneedle' in a Haystack: Detecting Knee Points in System Behavior", ICDCS Workshops 2011), for example the
 * k after which more clusters stop paying for themselves on a curve of inertia against k. Immutable
 * configuration; {@link #find(double[], double[])} does the work.
 *
 * <p><b>The steps</b> (the paper's, without its optional smoothing: the points are taken as given).
 * <ol>
 *   <li>Normalise to the unit square: {@code x_n = (x − x_first) / (x_last − x_first)},
 *       {@code y_n = (y − min y) / (max y − min y)}.</li>
 *   <li>Turn the curve into the paper's case, concave and increasing: a convex decreasing curve (an elbow,
 *       the default {@link Shape}) becomes {@code (x_n, 1 − y_n)}; a convex increasing one
 *       {@code (1 − x_n, 1 − y_n)} and a concave decreasing one {@code (1 − x_n, y_n)}, both read from
 *       the last point to the first; a concave increasing one stays as it is.</li>
 *   <li>The difference curve {@code D = y' − x'}: how far the curve lies above the diagonal joining its ends.
 *       It is 0 everywhere on a straight line.</li>
 *   <li>Candidates are the local maxima of D at interior points ({@code D[t] > D[t−1]} and
 *       {@code D[t] ≥ D[t+1]}, so a flat top counts once, at its start; differences under 1e-12, rounding
 *       in the normalisation, count as equal).</li>
 *   <li>A candidate {@code t} is declared a knee when D falls below its threshold
 *       {@code T = D[t] − S · mean(x'[u+1] − x'[u])} = {@code D[t] − S / (n − 1)} somewhere after it and before
 *       the next candidate (or the end of the curve). Sensitivity {@code S} (default 1, the paper's
 *       recommendation) is the number of steps of flat curve to wait for: larger S declares fewer knees.
 *       (The paper resets the threshold to 0 when D reaches a local minimum first; D then rises to the next
 *       candidate, so the test above is the same.)</li>
 * </ol>
 *
 * <p><b>Which knee.</b> The paper's online mode keeps revising its answer as points arrive, so its answer is
 * the last declared knee ({@link Choice#LAST}). The Python package kneed's offline mode returns the
 * <em>first</em> declared knee ({@link Choice#FIRST}). For a whole curve known in advance, as when choosing
 * k, this class by default returns the declared knee where D is largest ({@link Choice#MAXIMUM}): the point
 * farthest above the chord, which does not depend on a small bump early in the curve. Ties go to the knee
 * found first.
 *
 * <p>No knee is an answer too: when y is constant, when D has no interior local maximum (a straight line, or
 * a curve bent the other way than {@code shape} says), or when no candidate passes its threshold;
 * {@link Result#reason()} says which.
 */
public final class Kneedle {
    /** The shape of the curve whose knee is sought. */
    public enum Shape {
        /** Falling ever more slowly, such as inertia against k: the elbow. */
        CONVEX_DECREASING,
        /** Rising ever more slowly, such as explained variance against components: the paper's knee. */
        CONCAVE_INCREASING,
        /** Rising ever faster. */
        CONVEX_INCREASING,
        /** Falling ever faster. */
        CONCAVE_DECREASING;

        /** Whether the curve is read from its last point (x mirrored). */
        boolean mirrored() {
            return this == CONVEX_INCREASING || this == CONCAVE_DECREASING;
        }

        /** Whether y is flipped ({@code 1 − y_n}). */
        boolean flipped() {
            return this == CONVEX_DECREASING || this == CONVEX_INCREASING;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Which declared knee to return when there are several. */
    public enum Choice {
        /** The one where the difference curve is largest (default, for a whole curve). */
        MAXIMUM,
        /** The first found (kneed's offline mode). */
        FIRST,
        /** The last found (the paper's online mode, after every point has arrived). */
        LAST;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final double DEFAULT_SENSITIVITY = 1.0;

    /**
     * Differences of the difference curve below this count as equal: the normalised values lie in [0, 1], and the
     * normalisation leaves errors of a few 1e-16, which would otherwise make bumps on a straight line.
     */
    static final double ROUNDING = 1e-12;

    private static final Kneedle DEFAULTS = new Kneedle(DEFAULT_SENSITIVITY, Shape.CONVEX_DECREASING, Choice.MAXIMUM);

    private final double sensitivity;
    private final Shape shape;
    private final Choice choice;

    private Kneedle(double sensitivity, Shape shape, Choice choice) {
        this.sensitivity = sensitivity;
        this.shape = shape;
        this.choice = choice;
    }

    /** S = 1, convex decreasing (an elbow, as inertia against k), the maximum of the difference curve. */
    public static Kneedle defaults() {
        return DEFAULTS;
    }

    /** The same with sensitivity {@code s} (a finite number ≥ 0). */
    public Kneedle withSensitivity(double s) {
        if (!(s >= 0) || !Double.isFinite(s)) {
            throw new CumuloException("Kneedle sensitivity: expected a finite number >= 0, got " + s);
        }
        return new Kneedle(s, shape, choice);
    }

    public Kneedle withShape(Shape s) {
        return new Kneedle(sensitivity, Objects.requireNonNull(s), choice);
    }

    public Kneedle withChoice(Choice c) {
        return new Kneedle(sensitivity, shape, Objects.requireNonNull(c));
    }

    public double sensitivity() {
        return sensitivity;
    }

    public Shape shape() {
        return shape;
    }

    public Choice choice() {
        return choice;
    }

    /** The outcome: the knee, or none and why, with the difference curve behind it. Immutable. */
    public static final class Result {
        private final double[] x;
        private final double[] y;
        private final int knee;
        private final int[] candidates;
        private final int[] knees;
        private final double[] difference;
        private final String reason;
        private final Kneedle config;

        private Result(Kneedle config, double[] x, double[] y, int knee, int[] candidates, int[] knees,
                       double[] difference, String reason) {
            this.config = config;
            this.x = x;
            this.y = y;
            this.knee = knee;
            this.candidates = candidates;
            this.knees = knees;
            this.difference = difference;
            this.reason = reason;
        }

        public boolean found() {
            return knee >= 0;
        }

        /** The x of the knee, if any. */
        public OptionalDouble knee() {
            return knee >= 0 ? OptionalDouble.of(x[knee]) : OptionalDouble.empty();
        }

        /** The y of the knee, if any. */
        public OptionalDouble kneeY() {
            return knee >= 0 ? OptionalDouble.of(y[knee]) : OptionalDouble.empty();
        }

        /** Index of the knee among the points, or -1. */
        public int kneeIndex() {
            return knee;
        }

        /** Why there is no knee (empty when there is one). */
        public Optional<String> reason() {
            return Optional.ofNullable(reason);
        }

        /** Indices of the local maxima of the difference curve, ascending. */
        public int[] candidates() {
            return candidates.clone();
        }

        /** Indices of every declared knee, ascending; the knee is one of them. */
        public int[] knees() {
            return knees.clone();
        }

        /** The difference curve D, one value per point, in the order the points were given. */
        public double[] difference() {
            return difference.clone();
        }

        /** {@code knee} (x or null), {@code knee_y}, {@code reason}, the settings, declared knees and D. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", "kneedle");
            m.put("knee", knee >= 0 ? (Object) x[knee] : null);
            m.put("knee_y", knee >= 0 ? (Object) y[knee] : null);
            m.put("reason", reason);
            m.put("sensitivity", config.sensitivity);
            m.put("shape", config.shape.id());
            m.put("choice", config.choice.id());
            double[] kx = new double[knees.length];
            for (int i = 0; i < kx.length; i++) {
                kx[i] = x[knees[i]];
            }
            m.put("knees", kx);
            m.put("difference", difference);
            return m;
        }

        @Override
        public String toString() {
            return found() ? "knee at x = " + x[knee] : "no knee: " + reason;
        }
    }

    /**
     * The knee of the curve through {@code (x[i], y[i])}. {@code x} must be strictly increasing and every value
     * finite (else a {@link CumuloException} naming the point); fewer than 3 points have no knee.
     */
    public Result find(double[] x, double[] y) {
        int n = x.length;
        if (y.length != n) {
            throw new CumuloException("Kneedle: " + n + " x values but " + y.length + " y values");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new CumuloException("Kneedle: point " + i + " (" + x[i] + ", " + y[i] + ") is not finite");
            }
            if (i > 0 && !(x[i] > x[i - 1])) {
                throw new CumuloException("Kneedle: x must be strictly increasing, but x[" + i + "] = " + x[i]
                        + " follows x[" + (i - 1) + "] = " + x[i - 1]);
            }
        }
        double[] xs = x.clone();
        double[] ys = y.clone();
        double[] diff = new double[n];
        if (n < 3) {
            return new Result(this, xs, ys, -1, new int[0], new int[0], diff, "fewer than 3 points");
        }
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            ymin = Math.min(ymin, v);
            ymax = Math.max(ymax, v);
        }
        if (ymin == ymax) {
            return new Result(this, xs, ys, -1, new int[0], new int[0], diff, "y is constant");
        }
        double xspan = x[n - 1] - x[0];
        double yspan = ymax - ymin;
        // d[t]: the difference curve in scanning order (concave increasing form); point(t): its original index
        double[] d = new double[n];
        for (int t = 0; t < n; t++) {
            int i = shape.mirrored() ? n - 1 - t : t;
            double xn = (x[i] - x[0]) / xspan;
            double yn = (y[i] - ymin) / yspan;
            double xt = shape.mirrored() ? 1 - xn : xn;
            double yt = shape.flipped() ? 1 - yn : yn;
            d[t] = yt - xt;
            diff[i] = d[t];
        }
        List<Integer> maxima = new ArrayList<>();
        for (int t = 1; t < n - 1; t++) {
            if (d[t] > d[t - 1] + ROUNDING && d[t] + ROUNDING >= d[t + 1]) {
                maxima.add(t);
            }
        }
        if (maxima.isEmpty()) {
            return new Result(this, xs, ys, -1, new int[0], new int[0], diff,
                    "the difference curve has no local maximum: the curve is straight or not " + shape.id());
        }
        double step = sensitivity / (n - 1);
        List<Integer> declared = new ArrayList<>();
        for (int m = 0; m < maxima.size(); m++) {
            int t = maxima.get(m);
            int until = m + 1 < maxima.size() ? maxima.get(m + 1) : n;
            double threshold = d[t] - step;
            for (int u = t + 1; u < until; u++) {
                if (d[u] < threshold) {
                    declared.add(t);
                    break;
                }
            }
        }
        int[] candidates = toPoints(maxima, n);
        if (declared.isEmpty()) {
            return new Result(this, xs, ys, -1, candidates, new int[0], diff, String.format(Locale.ROOT,
                    "the difference curve never falls %.4g below a local maximum (sensitivity %s over %d points)",
                    step, sensitivity, n));
        }
        int pick;
        if (choice == Choice.FIRST) {
            pick = declared.get(0);
        } else if (choice == Choice.LAST) {
            pick = declared.get(declared.size() - 1);
        } else {
            pick = declared.get(0);
            for (int t : declared) {
                if (d[t] > d[pick]) {
                    pick = t;
                }
            }
        }
        return new Result(this, xs, ys, shape.mirrored() ? n - 1 - pick : pick, candidates, toPoints(declared, n), diff,
                null);
    }

    /** Scanning positions back to point indices, ascending. */
    private int[] toPoints(List<Integer> scan, int n) {
        int[] out = new int[scan.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = shape.mirrored() ? n - 1 - scan.get(i) : scan.get(i);
        }
        Arrays.sort(out);
        return out;
    }
}
