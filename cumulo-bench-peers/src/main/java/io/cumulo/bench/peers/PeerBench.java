package io.cumulo.bench.peers;

import io.cumulo.bench.KMeansBench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Times other JVM libraries' k-means on the benchmark workloads, with the same protocol and the same JSON-line
 * output as {@link KMeansBench} (Cumulo) and {@code bench_sklearn.py} (scikit-learn): same data, same initial
 * centres where the library can take them, 20 Lloyd iterations, fit time only (after warm-up fits in the same
 * JVM), objective = sum of squared distances to the nearest final centre, computed after the clock stops with
 * {@link KMeansBench#sse}.
 *
 * <p>Usage: {@code PeerBench DATA_DIR NAMES REPS THREADS --peer=ID [--warmup=N]}; {@code --list} prints the
 * peer ids; {@code --spark-jvm-options} prints the JVM options Spark's own launcher adds.
 */
public final class PeerBench {
    private PeerBench() {
    }

    /** One workload as read from disk. {@code x} is n × d row-major; {@code init} the k × d initial centres. */
    public record Workload(String name, int n, int d, int k, int iters, double[] x, double[][] init) {
        /** A fresh row-per-array copy of the data, for libraries that take {@code double[][]}. */
        double[][] rows() {
            double[][] r = new double[n][];
            for (int i = 0; i < n; i++) {
                r[i] = new double[d];
                System.arraycopy(x, i * d, r[i], 0, d);
            }
            return r;
        }

        /** A deep copy of the initial centres (libraries may update them in place). */
        double[][] initCopy() {
            double[][] c = new double[k][];
            for (int j = 0; j < k; j++) {
                c[j] = init[j].clone();
            }
            return c;
        }
    }

    static Map<String, Peer> peers() {
        Map<String, Peer> m = new LinkedHashMap<>();
        for (Peer p : ElkiPeer.all()) {
            m.put(p.id(), p);
        }
        for (Peer p : SmilePeer.all()) {
            m.put(p.id(), p);
        }
        for (Peer p : TribuoPeer.all()) {
            m.put(p.id(), p);
        }
        for (Peer p : WekaPeer.all()) {
            m.put(p.id(), p);
        }
        for (Peer p : CommonsMathPeer.all()) {
            m.put(p.id(), p);
        }
        for (Peer p : SparkPeer.all()) {
            m.put(p.id(), p);
        }
        return m;
    }

    public static void main(String[] args) throws Exception {
        List<String> pos = new ArrayList<>();
        int warmup = 2;
        String peerId = null;
        for (String a : args) {
            if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring("--warmup=".length()));
            } else if (a.startsWith("--peer=")) {
                peerId = a.substring("--peer=".length());
            } else if (a.equals("--list")) {
                for (Peer p : peers().values()) {
                    System.out.println(p.id() + "\t" + p.library() + " " + p.variant()
                            + (p.sameStart() ? "" : "\t(own initialisation)"));
                }
                return;
            } else if (a.equals("--spark-jvm-options")) {
                System.out.println(SparkPeer.launcherJvmOptions());
                return;
            } else if (a.equals("-h") || a.equals("--help")) {
                usage(0);
            } else {
                pos.add(a);
            }
        }
        if (pos.size() != 4 || peerId == null) {
            usage(2);
        }
        Peer peer = peers().get(peerId);
        if (peer == null) {
            System.err.println("PeerBench: unknown peer '" + peerId + "'; known: " + String.join(" ", peers().keySet()));
            System.exit(2);
        }
        Path dir = Path.of(pos.get(0));
        String[] names = pos.get(1).split(",");
        int reps = Integer.parseInt(pos.get(2));
        int threads = Integer.parseInt(pos.get(3));
        for (String name : names) {
            Workload wl = load(dir, name.trim());
            Object prepared = peer.prepare(wl, threads);
            try {
                for (int i = 0; i < warmup; i++) {
                    peer.fit(prepared, wl, threads);
                }
                for (int rep = 0; rep < reps; rep++) {
                    System.gc(); // start every timed fit with a clean heap, as far as the JVM allows
                    long t0 = System.nanoTime();
                    Object model = peer.fit(prepared, wl, threads);
                    long t1 = System.nanoTime();
                    Peer.Result r = peer.result(model, wl);
                    double objective = KMeansBench.sse(wl.x(), wl.n(), wl.d(), r.centres(), r.k());
                    System.out.println(json(peer, wl, rep, (t1 - t0) / 1e9, r, objective, threads));
                    System.out.flush();
                }
            } finally {
                peer.close(prepared);
            }
        }
        System.exit(0); // some libraries leave non-daemon threads behind
    }

    private static void usage(int status) {
        (status == 0 ? System.out : System.err).println(
                "usage: PeerBench DATA_DIR NAMES REPS THREADS --peer=ID [--warmup=N]\n"
                        + "       PeerBench --list | --spark-jvm-options\n"
                        + "  NAMES  comma-separated workloads (kma,kmb,kmc), read from DATA_DIR/NAME.{meta,f64,init.f64}\n"
                        + "  prints one JSON line per timed fit, as KMeansBench does");
        System.exit(status);
    }

    static Workload load(Path dir, String name) throws IOException {
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
        double[] x = KMeansBench.readF64(dir.resolve(name + ".f64"), (long) n * d);
        double[] c = KMeansBench.readF64(dir.resolve(name + ".init.f64"), (long) k * d);
        double[][] init = new double[k][d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(c, j * d, init[j], 0, d);
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IOException(name + ": non-finite value in the data");
            }
        }
        return new Workload(name, n, d, k, iters, x, init);
    }

    private static int intProp(Properties p, String key, Path file) throws IOException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IOException(file + ": no '" + key + "=' line");
        }
        return Integer.parseInt(v.trim());
    }

    private static String json(Peer peer, Workload wl, int rep, double seconds, Peer.Result r, double objective,
                               int requestedThreads) {
        int threads = peer.threads(requestedThreads);
        StringBuilder s = new StringBuilder(512);
        s.append('{');
        field(s, "contender", peer.library() + " " + peer.variant() + " (" + threads
                + (threads == 1 ? " thread)" : " threads)"));
        field(s, "library", peer.library());
        field(s, "variant", peer.variant());
        field(s, "peer", peer.id());
        field(s, "runtime", "java " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.vendor") + ")");
        s.append("\"jdk\": ").append(Runtime.version().feature()).append(", ");
        field(s, "workload", wl.name());
        s.append("\"rep\": ").append(rep).append(", ");
        s.append("\"seconds\": ").append(seconds).append(", ");
        long rss = KMeansBench.peakRssMb();
        if (rss >= 0) {
            s.append("\"peak_rss_mb\": ").append(rss).append(", ");
        }
        s.append("\"threads\": ").append(threads).append(", ");
        s.append("\"same_start\": ").append(peer.sameStart()).append(", ");
        s.append("\"iterations\": ").append(r.iterations()).append(", ");
        String detail = peer.config(wl, requestedThreads) + (r.note() == null || r.note().isEmpty() ? "" : "; " + r.note());
        field(s, "detail", detail);
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

    /** Flattens k centres of length d. */
    static double[] flat(double[][] c) {
        int d = c[0].length;
        double[] out = new double[c.length * d];
        for (int j = 0; j < c.length; j++) {
            System.arraycopy(c[j], 0, out, j * d, d);
        }
        return out;
    }
}
