package io.cumulo.estimator;

/** A linear reduction that keeps a known share of the data's variance (PCA). */
public interface ExplainedVariance {
    /** Variance of the data along each kept component, largest first. */
    double[] explainedVariance();

    /** Share of the total variance along each kept component, largest first. */
    double[] explainedVarianceRatio();

    /** The running sum of {@link #explainedVarianceRatio()}. */
    default double[] cumulativeVarianceRatio() {
        double[] ratio = explainedVarianceRatio();
        double[] cum = new double[ratio.length];
        double s = 0;
        for (int j = 0; j < ratio.length; j++) {
            s += ratio[j];
            cum[j] = s;
        }
        return cum;
    }

    /** Share of the total variance the kept components explain together (the last cumulative ratio; 0 for none). */
    default double explainedVarianceFraction() {
        double[] cum = cumulativeVarianceRatio();
        return cum.length == 0 ? 0 : cum[cum.length - 1];
    }
}
