package io.cumulo.bench;

import io.cumulo.linalg.VectorKernels;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Throughput of the score kernels on the k-means shapes, single-threaded, in CPU time of the measuring thread
 * (steadier than wall time on a shared machine). Usage: {@code KernelBench [n d k]...}; default: the KM-A,
 * KM-B and KM-C shapes with n scaled down to fit in cache.
 */
public final class KernelBench {
    private KernelBench() {
    }

    public static void main(String[] args) {
        int[][] shapes = args.length >= 3 ? new int[][] {{Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2])}}
                : new int[][] {{20000, 16, 16}, {2000, 784, 10}, {20000, 2, 100}};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (VectorKernels kern : new VectorKernels[] {VectorKernels.get(), VectorKernels.scalar()}) {
            for (int[] s : shapes) {
                int n = s[0];
                int d = s[1];
                int k = s[2];
                SplittableRandom r = new SplittableRandom(1);
                double[] x = new double[n * d];
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextDouble();
                }
                int lanes = kern.lanes();
                int stride = (k + lanes - 1) / lanes * lanes;
                double[] mT = new double[d * stride];
                double[] m = new double[k * d];
                double[] bias = new double[stride];
                for (int i = 0; i < m.length; i++) {
                    m[i] = r.nextDouble();
                }
                for (int j = 0; j < k; j++) {
                    for (int l = 0; l < d; l++) {
                        mT[l * stride + j] = m[j * d + l];
                    }
                }
                int block = 64;
                double[] out = new double[block * stride];
                for (String layout : new String[] {"transposed"}) {
                    double sink = 0;
                    long best = Long.MAX_VALUE;
                    for (int rep = 0; rep < 15; rep++) {
                        long t0 = mx.getCurrentThreadCpuTime();
                        for (int from = 0; from < n; from += block) {
                            int to = Math.min(n, from + block);
                            kern.scoresTransposed(x, d, from, to, mT, bias, stride, out);
                            sink += kern.argmin(out, 0, k);
                        }
                        best = Math.min(best, mx.getCurrentThreadCpuTime() - t0);
                    }
                    double gflops = 2.0 * n * d * k / best;
                    System.out.printf(Locale.ROOT, "%-11s %-10s n=%d d=%d k=%d  %.2f ms  %.1f GFLOP/s (%s)%n", kern.name(),
                            layout, n, d, k, best / 1e6, gflops, sink > 0 ? "" : "-");
                }
            }
        }
    }
}
