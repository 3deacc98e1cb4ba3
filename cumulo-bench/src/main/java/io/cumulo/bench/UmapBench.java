package io.cumulo.bench;

import io.cumulo.Version;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.manifold.UMAP;
import io.cumulo.manifold.UMAPModel;
import io.cumulo.metrics.Trustworthiness;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Times {@link UMAP} (defaults: 15 neighbours, min-dist 0.1, spectral start, 500 epochs at n = 10,000) on the
 * MNIST test split (10,000 × 784, pixels scaled to [0, 1]) read from the IDX files of
 * {@code ../shared/datasets/mnist}. The clock covers the fit only (no JVM start, no file reading). After each
 * run it prints one JSON line: seconds, threads, kernels, and the leave-one-out 10-NN accuracy of the digit
 * labels in the embedding (a quick check that the classes came out apart).
 *
 * <p>Usage: {@code UmapBench MNIST_DIR REPS THREADS [SEED [NEIGHBORS]]}, NEIGHBORS being the {@code neighbors}
 * parameter (auto, exact, nn-descent; default auto, which is exact here).
 */
public final class UmapBench {
    private UmapBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: UmapBench MNIST_DIR REPS THREADS [SEED [NEIGHBORS]]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int reps = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        String search = args.length > 4 ? args[4] : "auto";
        double[] x = images(dir.resolve("t10k-images-idx3-ubyte.gz"));
        int[] labels = labels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        int n = labels.length;
        int d = x.length / n;
        List<String> names = new ArrayList<>();
        for (int l = 0; l < d; l++) {
            names.add("p" + l);
        }
        Dataset data = Dataset.wrap(x, n, d, names, "mnist-t10k");
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(threads);
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            UMAPModel m = UMAP.builder().seed(seed).neighbors(search).build().fit(data, ctx);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double acc = knnAccuracy(m.embeddingValues(), n, labels, 10);
            // after the timed fit: how well the map keeps each image's 10 nearest neighbours
            double trust = Trustworthiness.score(x, d, m.embeddingValues(), m.numComponents(), n, 10, ctx);
            System.out.println(String.format(Locale.ROOT,
                    "{\"bench\": \"umap-mnist-t10k\", \"n\": %d, \"d\": %d, \"seconds\": %.3f, \"threads\": %d, "
                            + "\"kernels\": \"%s\", \"neighbor_search\": \"%s\", \"epochs\": %d, \"knn10_accuracy\": %.4f, "
                            + "\"trustworthiness\": %.4f, \"java\": \"%s\", \"cumulo\": \"%s\"}",
                    n, d, seconds, threads, VectorKernels.get().name(), m.neighborSearch(), m.epochs(), acc, trust,
                    System.getProperty("java.version"), Version.get()));
        }
    }

    private static double knnAccuracy(double[] y, int n, int[] labels, int k) {
        int correct = 0;
        double[] bestD = new double[k];
        int[] bestI = new int[k];
        for (int i = 0; i < n; i++) {
            Arrays.fill(bestD, Double.POSITIVE_INFINITY);
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double dx = y[2 * i] - y[2 * j];
                double dy = y[2 * i + 1] - y[2 * j + 1];
                double s = dx * dx + dy * dy;
                if (s < bestD[k - 1]) {
                    int p = k - 1;
                    while (p > 0 && bestD[p - 1] > s) {
                        bestD[p] = bestD[p - 1];
                        bestI[p] = bestI[p - 1];
                        p--;
                    }
                    bestD[p] = s;
                    bestI[p] = j;
                }
            }
            int[] votes = new int[10];
            for (int p = 0; p < k; p++) {
                votes[labels[bestI[p]]]++;
            }
            int best = 0;
            for (int c = 1; c < 10; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            if (best == labels[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)));
    }

    /** IDX3: magic 0x803, count, rows, cols (big-endian ints), then unsigned bytes; scaled to [0, 1]. */
    private static double[] images(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            if (in.readInt() != 0x803) {
                throw new IOException(file + ": not an IDX3 image file");
            }
            int count = in.readInt();
            int size = in.readInt() * in.readInt();
            byte[] raw = new byte[count * size];
            in.readFully(raw);
            double[] x = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                x[i] = (raw[i] & 0xff) / 255.0;
            }
            return x;
        }
    }

    private static int[] labels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            if (in.readInt() != 0x801) {
                throw new IOException(file + ": not an IDX1 label file");
            }
            int count = in.readInt();
            int[] y = new int[count];
            for (int i = 0; i < count; i++) {
                y[i] = in.readUnsignedByte();
            }
            return y;
        }
    }
}
