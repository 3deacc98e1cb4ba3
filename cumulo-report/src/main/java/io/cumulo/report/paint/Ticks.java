package io.cumulo.report.paint;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Axis ticks at "nice" numbers: steps of 1, 2 or 5 times a power of ten (Heckbert, "Nice numbers for graph
 * labels", Graphics Gems, 1990), whole numbers only when asked, and powers of ten on logarithmic axes. Tick values
 * are computed as {@code k × m / 10^e} rather than by adding steps, so 0.6 is the double nearest 0.6 and labels
 * never show rounding noise.
 */
public final class Ticks {
    /** Tick values and their labels, in increasing order. */
    public record TickSet(double[] values, String[] labels) {
    }

    private Ticks() {
    }

    /**
     * Ticks for a linear axis over [{@code lo}, {@code hi}] with about {@code target} intervals (never more).
     *
     * @param loose true: the first tick is at or below {@code lo} and the last at or above {@code hi} (the axis is
     *              then widened to them); false: only ticks inside the range
     */
    public static TickSet linear(double lo, double hi, int target, boolean integer, boolean loose) {
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("tick range must be finite with lo < hi, got " + lo + ", " + hi);
        }
        int[] step = step(hi - lo, Math.max(1, target), integer);
        double unit = value(1, step);
        long k0 = (long) (loose ? Math.floor(lo / unit + 1e-9) : Math.ceil(lo / unit - 1e-9));
        long k1 = (long) (loose ? Math.ceil(hi / unit - 1e-9) : Math.floor(hi / unit + 1e-9));
        int count = (int) Math.max(0, k1 - k0 + 1);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = value(k0 + i, step);
        }
        return new TickSet(values, labels(values, step[1]));
    }

    /**
     * The 1-2-5 step as {mantissa, exponent}: the smallest {@code m × 10^e} (m in 1, 2, 5) at least
     * {@code span / target}; at least 1 for an integer axis.
     */
    static int[] step(double span, int target, boolean integer) {
        double raw = span / target;
        int e = (int) Math.floor(Math.log10(raw));
        double norm = raw / Math.pow(10, e);
        int m;
        if (norm <= 1 + 1e-9) {
            m = 1;
        } else if (norm <= 2 + 1e-9) {
            m = 2;
        } else if (norm <= 5 + 1e-9) {
            m = 5;
        } else {
            m = 1;
            e++;
        }
        if (integer && e < 0) {
            return new int[] {1, 0};
        }
        return new int[] {m, e};
    }

    /** {@code k} steps of {@code m × 10^e}, rounded once. */
    private static double value(long k, int[] step) {
        long km = k * step[0];
        return step[1] >= 0 ? km * Math.pow(10, step[1]) : km / Math.pow(10, -step[1]);
    }

    /** Labels with as many decimals as the step needs; scientific notation for very large or small numbers. */
    private static String[] labels(double[] values, int stepExponent) {
        double maxAbs = 0;
        for (double v : values) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        boolean scientific = maxAbs >= 1e6 || stepExponent <= -5;
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v == 0) {
                out[i] = "0";
            } else if (scientific) {
                int ev = (int) Math.floor(Math.log10(Math.abs(v)));
                out[i] = scientific(v, Math.max(1, ev - stepExponent + 1));
            } else {
                // as Plotly labels them (0, 0.2, ..., 1), so the static plots read like the page
                out[i] = BigDecimal.valueOf(v).setScale(Math.max(0, -stepExponent), RoundingMode.HALF_EVEN)
                        .stripTrailingZeros().toPlainString();
            }
        }
        return out;
    }

    /** "2.5e6", "1e-5": {@code digits} significant digits, trailing zeros dropped. */
    static String scientific(double v, int digits) {
        BigDecimal bd = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        int ev = bd.precision() - bd.scale() - 1;
        String mantissa = bd.movePointLeft(ev).stripTrailingZeros().toPlainString();
        return mantissa + "e" + ev;
    }

    /** The decade exponents {floor(log10 lo), ceil(log10 hi)} a logarithmic axis spans (at least one decade). */
    public static int[] decades(double lo, double hi) {
        int elo = (int) Math.floor(Math.log10(lo) + 1e-9);
        int ehi = (int) Math.ceil(Math.log10(hi) - 1e-9);
        if (ehi <= elo) {
            ehi = elo + 1;
        }
        return new int[] {elo, ehi};
    }

    /**
     * Ticks for a logarithmic axis spanning the decades {@code 10^elo .. 10^ehi}: every power of ten (every
     * second, fifth, ... one when there are more than {@code target} decades), plus 2 and 5 times each power when
     * the axis spans at most two decades.
     */
    public static TickSet log(int elo, int ehi, int target) {
        int decades = ehi - elo;
        List<Double> values = new ArrayList<>();
        if (decades <= 2) {
            for (int e = elo; e <= ehi; e++) {
                for (int m : new int[] {1, 2, 5}) {
                    if (e < ehi || m == 1) {
                        values.add(value(m, new int[] {1, e}));
                    }
                }
            }
        } else {
            int every = (int) Math.ceil(decades / (double) Math.max(1, target));
            for (int e = Math.floorDiv(elo + every - 1, every) * every; e <= ehi; e += every) {
                values.add(value(1, new int[] {1, e}));
            }
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        String[] labels = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            int e = (int) Math.floor(Math.log10(v[i]) + 1e-9);
            labels[i] = e >= -4 && e <= 5 ? BigDecimal.valueOf(v[i]).stripTrailingZeros().toPlainString()
                    : scientific(v[i], 1);
        }
        return new TickSet(v, labels);
    }
}
