package io.cumulo.data;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers straight from bytes, without making a String per cell. Accepts
 * {@code [+-]digits[.digits][(e|E)[+-]digits]} (either side of the point may be empty, not both) and the
 * words inf/infinity (any case, signed). Results are exactly what {@link Double#parseDouble} gives: numbers
 * with at most 15 significant digits and a small exponent take Clinger's fast path (one correctly rounded
 * multiplication or division of two exact doubles); everything else goes to {@code Double.parseDouble}.
 */
final class NumberParser {
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private NumberParser() {
    }

    /** The value of {@code b[start, end)}, or NaN when the text is not a number. */
    static double parse(byte[] b, int start, int end) {
        int i = start;
        if (i >= end) {
            return Double.NaN;
        }
        boolean negative = false;
        if (b[i] == '+' || b[i] == '-') {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exp10 = 0;
        boolean sawDigit = false;
        boolean inexact = false;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            sawDigit = true;
            int d = b[i] - '0';
            if (mantissa == 0 && d == 0) {
                // leading zero: no significance
            } else if (digits < 19) {
                mantissa = mantissa * 10 + d;
                digits++;
            } else {
                exp10++;
                inexact = true;
            }
            i++;
        }
        if (i < end && b[i] == '.') {
            i++;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                sawDigit = true;
                int d = b[i] - '0';
                if (mantissa == 0 && d == 0) {
                    exp10--;
                } else if (digits < 19) {
                    mantissa = mantissa * 10 + d;
                    digits++;
                    exp10--;
                } else {
                    inexact = true;
                }
                i++;
            }
        }
        if (!sawDigit) {
            return infinityOrNaN(b, start, end, i, negative);
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                expNegative = b[i] == '-';
                i++;
            }
            if (i >= end || b[i] < '0' || b[i] > '9') {
                return Double.NaN;
            }
            int e = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                if (e < 100_000) {
                    e = e * 10 + (b[i] - '0');
                }
                i++;
            }
            exp10 += expNegative ? -e : e;
        }
        if (i != end) {
            return Double.NaN;
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (!inexact && digits <= 15 && exp10 >= -22 && exp10 <= 22) {
            double v = mantissa;
            v = exp10 < 0 ? v / POW10[-exp10] : v * POW10[exp10];
            return negative ? -v : v;
        }
        return Double.parseDouble(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
    }

    private static double infinityOrNaN(byte[] b, int start, int end, int afterSign, boolean negative) {
        int len = end - afterSign;
        if (len == 3 || len == 8) {
            String word = new String(b, afterSign, len, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
            if (word.equals("inf") || word.equals("infinity")) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
        }
        return Double.NaN;
    }

    /** Whether the cell is one of the usual spellings of a missing value. */
    static boolean isMissingToken(byte[] b, int start, int end) {
        int len = end - start;
        if (len == 0) {
            return true;
        }
        if (len > 4) {
            return false;
        }
        String s = new String(b, start, len, StandardCharsets.ISO_8859_1);
        switch (s) {
            case "NA":
            case "na":
            case "N/A":
            case "n/a":
            case "#N/A":
            case "NaN":
            case "nan":
            case "NAN":
            case "?":
            case "null":
            case "NULL":
            case "None":
                return true;
            default:
                return false;
        }
    }
}
