package io.cumulo.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Manual benchmark of {@link CsvDatasetReader} on a large file (not part of the test suite; run through
 * {@code tools/bench/csv_read_bench.sh}). Writes a CSV of random doubles unless it exists, reads it, checks a
 * sample of cells against {@link Double#parseDouble}, and prints seconds, MB/s and the heap used at its
 * highest, so one can see that the text is streamed rather than held.
 *
 * <p>Usage: {@code CsvReadBenchmark FILE ROWS COLS MODE} where MODE is {@code mixed} (1 to 17 significant
 * digits, mostly short, as real exports look) or {@code full} (every value printed by Double.toString, 16-17
 * digits: the parser's worst case).
 */
public final class CsvReadBenchmark {
    private CsvReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        int cols = Integer.parseInt(args[2]);
        String mode = args.length > 3 ? args[3] : "mixed";
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            write(file, rows, cols, mode);
            System.out.printf(Locale.ROOT, "wrote %s (%d bytes) in %.1f s%n", file, Files.size(file),
                    (System.nanoTime() - t0) / 1e9);
        }
        long bytes = Files.size(file);
        HeapSampler sampler = new HeapSampler();
        Thread t = new Thread(sampler, "heap-sampler");
        t.setDaemon(true);
        t.start();
        long t0 = System.nanoTime();
        Dataset ds = CsvDatasetReader.read(file, ReadOptions.defaults());
        double secs = (System.nanoTime() - t0) / 1e9;
        sampler.stop = true;
        t.join();
        long poolPeaks = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                poolPeaks += p.getPeakUsage().getUsed();
            }
        }
        long matrix = (long) ds.rows() * ds.cols() * 8;
        System.out.printf(Locale.ROOT, "read %d x %d from %.1f MB in %.2f s: %.0f MB/s%n", ds.rows(), ds.cols(),
                bytes / 1e6, secs, bytes / 1e6 / secs);
        System.out.printf(Locale.ROOT, "matrix %.0f MB; heap used at most %.0f MB (sampled every 5 ms); "
                        + "sum of heap pool peaks %.0f MB; max heap %.0f MB%n", matrix / 1e6, sampler.max / 1e6,
                poolPeaks / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        verify(file, ds);
    }

    /** Checks the first 1000 rows, cell by cell, against Double.parseDouble. */
    private static void verify(Path file, Dataset ds) throws IOException {
        try (var lines = Files.lines(file)) {
            var it = lines.iterator();
            it.next();
            for (int r = 0; r < Math.min(1000, ds.rows()); r++) {
                String[] cells = it.next().split(",");
                for (int c = 0; c < cells.length; c++) {
                    double want = Double.parseDouble(cells[c]);
                    if (Double.doubleToLongBits(want) != Double.doubleToLongBits(ds.get(r, c))) {
                        throw new AssertionError("row " + r + " col " + c + ": " + cells[c] + " read as " + ds.get(r, c));
                    }
                }
            }
        }
        System.out.println("first 1000 rows match Double.parseDouble exactly");
    }

    private static void write(Path file, int rows, int cols, String mode) throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        boolean full = mode.equals("full");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            StringBuilder sb = new StringBuilder(4096);
            for (int c = 0; c < cols; c++) {
                sb.append(c == 0 ? "" : ",").append("f").append(c);
            }
            sb.append('\n');
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (c > 0) {
                        sb.append(',');
                    }
                    if (full || rnd.nextInt(8) == 0) {
                        // full precision: 16-17 significant digits, sometimes with an exponent
                        double v = rnd.nextDouble() * Math.pow(10, rnd.nextInt(-6, 7)) * (rnd.nextBoolean() ? 1 : -1);
                        sb.append(v);
                    } else {
                        // 1-7 significant digits, 0-4 decimals: what most exported data look like
                        int digits = rnd.nextInt(1, 8);
                        long m = rnd.nextLong((long) Math.pow(10, digits));
                        int decimals = rnd.nextInt(0, 5);
                        appendFixed(sb, rnd.nextInt(4) == 0 ? -m : m, decimals);
                    }
                }
                sb.append('\n');
                if (sb.length() > 3000) {
                    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
                    sb.setLength(0);
                }
            }
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** m / 10^decimals written in fixed notation, e.g. (-1234, 2) as -12.34 and (5, 3) as 0.005. */
    static void appendFixed(StringBuilder sb, long m, int decimals) {
        if (m < 0) {
            sb.append('-');
            m = -m;
        }
        String digits = Long.toString(m);
        if (decimals == 0) {
            sb.append(digits);
            return;
        }
        if (digits.length() <= decimals) {
            sb.append("0.");
            for (int i = digits.length(); i < decimals; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            sb.append(digits, 0, digits.length() - decimals).append('.').append(digits, digits.length() - decimals,
                    digits.length());
        }
    }

    private static final class HeapSampler implements Runnable {
        volatile boolean stop;
        volatile long max;

        @Override
        public void run() {
            Runtime rt = Runtime.getRuntime();
            while (!stop) {
                max = Math.max(max, rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
