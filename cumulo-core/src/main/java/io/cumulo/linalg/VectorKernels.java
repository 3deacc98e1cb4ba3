package io.cumulo.linalg;

/**
 * The numeric kernels hot loops call, behind one interface so that a faster implementation can be chosen at
 * run time (as Apache Lucene does with its vectorization provider). {@link #get()} returns the best
 * implementation this JVM supports; every implementation gives the same answers up to floating-point
 * rounding, and each is deterministic on its own.
 */
public abstract class VectorKernels {
    private static final VectorKernels INSTANCE = select();

    protected VectorKernels() {
    }

    /** The implementation in use. */
    public static VectorKernels get() {
        return INSTANCE;
    }

    /** The plain-Java implementation, available everywhere. */
    public static VectorKernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    private static VectorKernels select() {
        return ScalarKernels.INSTANCE;
    }

    /** Short name for logs and benchmarks ("scalar", "panama-512"...). */
    public abstract String name();

    /** {@code Σ a[aOff+i]·b[bOff+i]} for {@code i < len}. */
    public abstract double dot(double[] a, int aOff, double[] b, int bOff, int len);

    /** {@code Σ (a[aOff+i] − b[bOff+i])²} for {@code i < len}, computed from the differences (no cancellation). */
    public abstract double squaredDistance(double[] a, int aOff, double[] b, int bOff, int len);

    /**
     * For each row {@code i} in {@code [from, to)} of the row-major {@code x} ({@code d} columns), finds
     * {@code argmin_j (bias[j] − 2·x_i·c_j)} over the {@code k} centres given transposed ({@code centresT} is
     * {@code d × k}, row-major). With {@code bias[j] = ‖c_j‖²} this is the nearest centre in Euclidean
     * distance, without forming distances. Ties go to the lowest {@code j}. Writes the index to
     * {@code labels[i]}.
     */
    public abstract void nearest(double[] x, int d, int from, int to, double[] centresT, double[] bias, int k,
                                 int[] labels);
}
