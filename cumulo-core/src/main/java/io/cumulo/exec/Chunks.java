package io.cumulo.exec;

/**
 * A fixed split of {@code n} rows into contiguous chunks. The split depends only on {@code n} (and the
 * limits given), never on the thread count: that is what makes parallel results reproducible.
 */
public final class Chunks {
    private final int n;
    private final int count;
    private final int size;

    private Chunks(int n, int count) {
        this.n = n;
        this.count = count;
        this.size = count == 0 ? 0 : (n + count - 1) / count;
    }

    /**
     * @param n         number of rows
     * @param minRows   smallest chunk worth a task of its own
     * @param maxChunks most chunks wanted (bounds per-chunk buffers)
     */
    public static Chunks of(int n, int minRows, int maxChunks) {
        if (n == 0) {
            return new Chunks(0, 0);
        }
        int count = Math.max(1, Math.min(maxChunks, n / Math.max(1, minRows)));
        // recompute so that no chunk is empty
        int size = (n + count - 1) / count;
        count = (n + size - 1) / size;
        return new Chunks(n, count);
    }

    public int count() {
        return count;
    }

    public int start(int chunk) {
        return chunk * size;
    }

    public int end(int chunk) {
        return Math.min(n, (chunk + 1) * size);
    }
}
