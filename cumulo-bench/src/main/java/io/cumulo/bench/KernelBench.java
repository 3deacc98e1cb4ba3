package io.cumulo.bench;

import io.cumulo.linalg.VectorKernels;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Nearest-centre throughput of the two ways the kernels offer, on the k-means shapes, single-threaded, in CPU
 * time of the measuring thread (steadier than wall time on a shared machine): scores then argmin, and the
 * fused kernel (rows in lanes). Usage: {@code KernelBench [n d k]...}; default: KM-A, KM-B and KM-C shapes.
 */
public final class KernelBench {
    private KernelBench() {
    }

    public static void main(String[] args) {
        int[][] shapes;
        if (args.length >= 3) {
            shapes = new int[args.length / 3][];
            for (int s = 0; s < shapes.length; s++) {
                shapes[s] = new int[] {Integer.parseInt(args[3 * s]), Integer.parseInt(args[3 * s + 1]),
                    Integer.parseInt(args[3 * s + 2])};
            }
        } else {
            shapes = new int[][] {{100000, 16, 16}, {10000, 784, 10}, {100000, 2, 100}, {100000, 8, 8}, {100000, 32, 16},
                {50000, 64, 10}};
        }
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
                int kp = (k + 3) / 4 * 4;
                double[] mT = new double[d * stride];
                double[] m = new double[kp * d];
                double[] bias = new double[stride];
                double[] biasRows = new double[kp];
                Arrays.fill(bias, Double.POSITIVE_INFINITY);
                Arrays.fill(biasRows, Double.POSITIVE_INFINITY);
                for (int j = 0; j < k; j++) {
                    bias[j] = biasRows[j] = r.nextDouble();
                    for (int l = 0; l < d; l++) {
                        mT[l * stride + j] = m[j * d + l] = r.nextDouble();
                    }
                }
                int block = Math.max(4, Math.min(64, Math.min(1024 / stride, 2048 / d)) & ~3);
                double[] out = new double[block * stride];
                int[] best = new int[block];
                double[] scratch = new double[kern.nearestScratch(d)];
                double[] table = kern.nearestTable(m, biasRows, kp, d);
                for (String way : new String[] {"scores+argmin", "fused", "fused+second"}) {
                    long sink = 0;
                    long bestTime = Long.MAX_VALUE;
                    int[] second = way.equals("fused+second") ? new int[block] : null;
                    for (int rep = 0; rep < 12; rep++) {
                        long t0 = mx.getCurrentThreadCpuTime();
                        for (int from = 0; from < n; from += block) {
                            int to = Math.min(n, from + block);
                            if (way.equals("scores+argmin")) {
                                kern.scoresTransposed(x, d, from, to, mT, bias, stride, out);
                                for (int i = from; i < to; i++) {
                                    sink += kern.argmin(out, (i - from) * stride, k);
                                }
                            } else {
                                kern.nearest(x, d, from, to, table, kp, best, second, scratch);
                                sink += best[0];
                            }
                        }
                        bestTime = Math.min(bestTime, mx.getCurrentThreadCpuTime() - t0);
                    }
                    System.out.printf(Locale.ROOT, "%-11s %-14s n=%d d=%d k=%d  %.1f ns/row (%s)%n", kern.name(), way, n, d,
                            k, bestTime / (double) n, sink >= 0 ? "" : "-");
                }
            }
        }
    }
}
