package io.cumulo.data;

import java.util.Locale;

/** What to do with missing feature values (empty cells, NA, NaN, ?). */
public enum MissingPolicy {
    /** Stop with an error naming the first missing cell (the default). */
    ERROR,
    /** Leave out every row with a missing feature value. */
    DROP,
    /** Replace missing values by the mean of the column's present values. */
    MEAN;

    public static MissingPolicy parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "error": return ERROR;
            case "drop": return DROP;
            case "mean": return MEAN;
            default:
                throw new io.cumulo.CumuloException("--missing: expected error, drop or mean, got '" + s + "'");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
