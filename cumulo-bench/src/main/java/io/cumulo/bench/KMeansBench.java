package io.cumulo.bench;

import io.cumulo.Version;
import io.cumulo.cluster.KMeans;
import io.cumulo.cluster.KMeansModel;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.IntStream;

/**
 * Times Cumulo's k-means fit on the benchmark workloads written by {@code gen_data.py} (see
 * {@code docs/benchmarks.md}), so that its figures can be set beside scikit-learn's from
 * {@code bench_sklearn.py}.
 *
 * <p>Usage: {@code KMeansBench DATA_DIR NAMES REPS THREADS [--warmup=N]}, where {@code NAMES} is a
 * comma-separated list such as {@code kma,kmb,kmc}. For each workload it reads {@code NAME.meta},
 * {@code NAME.f64} and {@code NAME.init.f64} (raw little-endian float64, row-major), runs {@code N} untimed
 * fits (default 2) so the JIT has compiled the hot loops, then {@code REPS} timed fits, and prints one JSON
 * line per timed fit with the same fields as {@code bench_sklearn.py}. Only building the estimator and
 * {@code fit} are timed; reading files and the JVM start are not. The objective is the sum of squared
 * distances of every row to its nearest final centre, computed after the clock stops with the same formula
 * and block size as {@code bench_sklearn.py}'s {@code sse()}, so the two contenders' figures are comparable
 * with each other and with the reference in {@code NAME.ref.txt}.
 */
public final class KMeansBench {
    /** Rows per block in the objective, as in {@code bench_sklearn.py}. */
    private static final int SSE_BLOCK = 65536;

    /** CPU time of the calling thread: with 1 thread, all the fit's work, and steady on a busy machine. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static double lastCpuSeconds;

    private KMeansBench() {
    }

    /** One workload as read from disk: the data, wrapped once, and the given initial centres. */
    private record Workload(String name, Dataset data, double[][] init, int iters) {
    }

    /** {@code float64} or {@code float32} (KMeans's storage parameter). */
    private static String storage = "float64";

    public static void main(String[] args) throws IOException {
        List<String> pos = new ArrayList<>();
        int warmup = 2;
        String algorithm = "auto";
        for (String a : args) {
            if (a.startsWith("--storage=")) {
                storage = a.substring("--storage=".length());
                continue;
            }
            if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring("--warmup=".length()));
            } else if (a.startsWith("--algorithm=")) {
                algorithm = a.substring("--algorithm=".length());
            } else if (a.equals("-h") || a.equals("--help")) {
                usage(0);
            } else {
                pos.add(a);
            }
        }
        if (pos.size() != 4) {
            usage(2);
        }
        Path dir = Path.of(pos.get(0));
        String[] names = pos.get(1).split(",");
        int reps = Integer.parseInt(pos.get(2));
        int threads = Integer.parseInt(pos.get(3));
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(threads);
        for (String name : names) {
            Workload wl = load(dir, name.trim());
            for (int i = 0; i < warmup; i++) {
                fit(wl, ctx, algorithm);
            }
            for (int rep = 0; rep < reps; rep++) {
                System.gc(); // start every timed fit with a clean heap, as far as the JVM allows
                long c0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                KMeansModel m = fit(wl, ctx, algorithm);
                long t1 = System.nanoTime();
                lastCpuSeconds = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
                double objective = sse(wl.data().rawValues(), wl.data().rows(), wl.data().cols(),
                        m.centresFlat(), m.numClusters());
                System.out.println(json(wl, rep, (t1 - t0) / 1e9, m, objective, threads));
                System.out.flush();
            }
        }
    }

    private static void usage(int status) {
        (status == 0 ? System.out : System.err).println(
                "usage: KMeansBench DATA_DIR NAMES REPS THREADS [--warmup=N] [--algorithm=auto|lloyd|elkan|hamerly]\n"
                        + "       [--storage=float64|float32]\n"
                        + "  NAMES  comma-separated workloads (kma,kmb,kmc), read from DATA_DIR/NAME.{meta,f64,init.f64}\n"
                        + "  prints one JSON line per timed fit");
        System.exit(status);
    }

    /** The timed part: build the estimator from the given centres and fit, with tol 0 so only strict convergence stops early. */
    private static KMeansModel fit(Workload wl, ExecutionContext ctx, String algorithm) {
        return KMeans.builder().initialCentres(wl.init()).maxIter(wl.iters()).tol(0).algorithm(algorithm)
                .storage(storage).build()
                .fit(wl.data(), ctx);
    }

    private static Workload load(Path dir, String name) throws IOException {
        Properties meta = new Properties();
        Path metaFile = dir.resolve(name + ".meta");
        try (Reader r = Files.newBufferedReader(metaFile)) {
            meta.load(r);
        } catch (NoSuchFileException e) {
            throw new IOException(metaFile + ": no such file; generate the workloads first (bench/kmeans.sh does)", e);
        }
        int n = intProp(meta, "n", metaFile);
        int d = intProp(meta, "d", metaFile);
        int k = intProp(meta, "k", metaFile);
        int iters = intProp(meta, "iters", metaFile);
        double[] x = readF64(dir.resolve(name + ".f64"), (long) n * d);
        double[] c = readF64(dir.resolve(name + ".init.f64"), (long) k * d);
        double[][] init = new double[k][d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(c, j * d, init[j], 0, d);
        }
        Dataset data = Dataset.wrap(x, n, d, Dataset.defaultNames(d), name);
        return new Workload(name, data, init, iters);
    }

    private static int intProp(Properties p, String key, Path file) throws IOException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IOException(file + ": no '" + key + "=' line");
        }
        return Integer.parseInt(v.trim());
    }

    /** Reads exactly {@code count} little-endian doubles; the file must hold exactly that many. */
    public static double[] readF64(Path file, long count) throws IOException {
        if (count > Integer.MAX_VALUE - 8) {
            throw new IOException(file + ": " + count + " values do not fit in one Java array");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != count * Double.BYTES) {
                throw new IOException(file + ": " + ch.size() + " bytes, expected " + count * Double.BYTES
                        + " (" + count + " float64 values)");
            }
            double[] out = new double[(int) count];
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 23).order(ByteOrder.LITTLE_ENDIAN);
            int filled = 0;
            while (filled < out.length) {
                buf.clear();
                int want = (int) Math.min(buf.capacity(), (long) (out.length - filled) * Double.BYTES);
                buf.limit(want);
                while (buf.hasRemaining()) {
                    if (ch.read(buf) < 0) {
                        throw new IOException(file + ": ended early");
                    }
                }
                buf.flip();
                int m = want / Double.BYTES;
                buf.asDoubleBuffer().get(out, filled, m);
                filled += m;
            }
            return out;
        }
    }

    /**
     * {@code Σ_i min_j max(0, ‖x_i‖² − 2·x_i·c_j + ‖c_j‖²)}: the same formula as {@code bench_sklearn.py}'s
     * {@code sse()}, summed per block of rows and then over blocks in order. Blocks run in parallel; each
     * block's sum is compensated so the result does not depend on the block size more than rounding allows.
     */
    public static double sse(double[] x, int n, int d, double[] c, int k) {
        double[] cc = new double[k];
        for (int j = 0; j < k; j++) {
            cc[j] = dot(c, j * d, c, j * d, d);
        }
        int blocks = (n + SSE_BLOCK - 1) / SSE_BLOCK;
        double[] part = new double[blocks];
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * SSE_BLOCK;
            int to = Math.min(n, from + SSE_BLOCK);
            double sum = 0;
            double comp = 0;
            for (int i = from; i < to; i++) {
                double xx = dot(x, i * d, x, i * d, d);
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double v = Math.max(xx - 2.0 * dot(x, i * d, c, j * d, d) + cc[j], 0.0);
                    if (v < best) {
                        best = v;
                    }
                }
                double t = sum + best; // Neumaier summation
                comp += Math.abs(sum) >= Math.abs(best) ? (sum - t) + best : (best - t) + sum;
                sum = t;
            }
            part[b] = sum + comp;
        });
        double total = 0;
        for (double p : part) {
            total += p;
        }
        return total;
    }

    private static double dot(double[] a, int ao, double[] b, int bo, int len) {
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
        }
        if (i < len) {
            s0 += a[ao + i] * b[bo + i];
        }
        return s0 + s1;
    }

    /** Peak resident set size in MiB (VmHWM), or -1 where /proc is not available. */
    public static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(f[0]) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String json(Workload wl, int rep, double seconds, KMeansModel m, double objective, int threads) {
        StringBuilder s = new StringBuilder(256);
        s.append('{');
        field(s, "contender", "cumulo");
        field(s, "version", Version.get());
        field(s, "runtime", "java " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.vendor") + ")");
        s.append("\"jdk\": ").append(Runtime.version().feature()).append(", ");
        field(s, "workload", wl.name());
        s.append("\"rep\": ").append(rep).append(", ");
        s.append("\"seconds\": ").append(seconds).append(", ");
        long rss = peakRssMb();
        if (rss >= 0) {
            s.append("\"peak_rss_mb\": ").append(rss).append(", ");
        }
        s.append("\"threads\": ").append(threads).append(", ");
        s.append("\"iterations\": ").append(m.iterations()).append(", ");
        s.append("\"caller_cpu_seconds\": ").append(lastCpuSeconds).append(", ");
        field(s, "detail", String.format(Locale.ROOT, "inertia=%.10e converged=%s kernels=%s", m.inertia(),
                m.converged(), VectorKernels.get().name()));
        s.append("\"objective\": ").append(objective);
        s.append('}');
        return s.toString();
    }

    private static void field(StringBuilder s, String key, String value) {
        s.append('"').append(key).append("\": \"");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\') {
                s.append('\\').append(ch);
            } else if (ch < 0x20) {
                s.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                s.append(ch);
            }
        }
        s.append("\", ");
    }
}
