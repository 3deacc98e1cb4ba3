package io.cumulo.estimator;

/**
 * One headline figure of a fitted model ({@link Model#keyFigures()}).
 *
 * @param key   its key in {@link Model#summary()} and in {@code --json}
 * @param label a short label ("inertia", "loss", "fuzzy PC")
 * @param value the value
 * @param note  what it means, in a few words, or empty
 */
public record KeyFigure(String key, String label, double value, String note) {
    public KeyFigure {
        note = note == null ? "" : note;
    }
}
