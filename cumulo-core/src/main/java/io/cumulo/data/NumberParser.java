package io.cumulo.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses decimal numbers straight from bytes, without making a String per cell. Accepts
 * {@code [+-]digits[.digits][(e|E)[+-]digits]} (either side of the point may be empty, not both) and the
 * words inf/infinity (any case, signed). Results are exactly what {@link Double#parseDouble} gives:
 * mantissas up to 2^53 with a small exponent take Clinger's fast path (one correctly rounded multiplication
 * or division of two exact doubles); other mantissas of up to 19 digits take the Eisel-Lemire algorithm
 * (a 64 x 128-bit product with a truncated power of five, which either decides the rounding or says it
 * cannot); everything else (more than 19 digits, or the rare undecided case) goes to
 * {@code Double.parseDouble}.
 *
 * <p>An instance scans a number at the start of a longer text ({@link #scan}) and remembers where it ended,
 * which lets the CSV reader parse a cell and find its end in one pass. Instances are not thread-safe.
 */
final class NumberParser {
    private static final double[] POW10 = new double[23];
    private static final int MIN_POW5 = -342;
    private static final int MAX_POW5 = 308;
    /** 5^q for q in [-342, 308], truncated to 128 bits with the top bit set: {hi, lo} pairs. */
    private static final long[] POW5_128 = new long[2 * (MAX_POW5 - MIN_POW5 + 1)];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        BigInteger two127 = BigInteger.ONE.shiftLeft(127);
        BigInteger mask64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int q = MIN_POW5; q <= MAX_POW5; q++) {
            BigInteger c;
            if (q < 0) {
                BigInteger pow5 = BigInteger.valueOf(5).pow(-q);
                int z = pow5.bitLength(); // smallest z with 2^z >= 5^-q (5^-q is never a power of two)
                if (q >= -27) {
                    c = BigInteger.ONE.shiftLeft(z + 127).divide(pow5).add(BigInteger.ONE);
                } else {
                    c = BigInteger.ONE.shiftLeft(2 * z + 128).divide(pow5).add(BigInteger.ONE);
                    while (c.compareTo(two128) >= 0) {
                        c = c.shiftRight(1);
                    }
                }
            } else {
                c = BigInteger.valueOf(5).pow(q);
                while (c.compareTo(two127) < 0) {
                    c = c.shiftLeft(1);
                }
                while (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(1);
                }
            }
            int i = 2 * (q - MIN_POW5);
            POW5_128[i] = c.shiftRight(64).longValue();
            POW5_128[i + 1] = c.and(mask64).longValue();
        }
    }

    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long[] POW10_LONG = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** Where the number found by the last {@link #scan} ended (exclusive). */
    int end;

    /** The value of {@code b[start, end)}, or NaN when the text is not a number. */
    static double parse(byte[] b, int start, int end) {
        NumberParser p = new NumberParser();
        double v = p.scan(b, start, end, (byte) '.');
        if (p.end == end && p.end > start) {
            return v;
        }
        return infinityWord(b, start, end);
    }

    /**
     * Scans the longest number at {@code b[start, limit)} (digits only; not the inf words) and returns its
     * value, setting {@link #end}; returns NaN with {@code end == start} when there is none.
     * {@code altPoint} is a second decimal-point character (',' for decimal commas; '.' for none).
     */
    double scan(byte[] b, int start, int limit, byte altPoint) {
        int i = start;
        boolean negative = false;
        if (i < limit && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        // all digits go into the mantissa (it wraps beyond 19 digits; such numbers are redone below)
        long mantissa = 0;
        int intStart = i;
        while (i + 8 <= limit) {
            long w = (long) LITTLE_ENDIAN_LONG.get(b, i);
            int k = leadingDigits(w);
            if (k > 0) {
                mantissa = mantissa * POW10_LONG[k] + digitsValue(w, k);
                i += k;
            }
            if (k < 8) {
                break;
            }
        }
        int d;
        if (i + 8 > limit) {
            while (i < limit && (d = b[i] - '0') >= 0 && d <= 9) {
                mantissa = mantissa * 10 + d;
                i++;
            }
        }
        int digits = i - intStart;
        int exp10 = 0;
        int pointAt = -1;
        if (i < limit && (b[i] == '.' || b[i] == altPoint)) {
            int fracStart = i + 1;
            int j = fracStart;
            while (j + 8 <= limit) {
                long w = (long) LITTLE_ENDIAN_LONG.get(b, j);
                int k = leadingDigits(w);
                if (k > 0) {
                    mantissa = mantissa * POW10_LONG[k] + digitsValue(w, k);
                    j += k;
                }
                if (k < 8) {
                    break;
                }
            }
            if (j + 8 > limit) {
                while (j < limit && (d = b[j] - '0') >= 0 && d <= 9) {
                    mantissa = mantissa * 10 + d;
                    j++;
                }
            }
            if (digits > 0 || j > fracStart) {
                pointAt = i; // "5." and ".5" are numbers; a lone "." is not
                exp10 = fracStart - j;
                digits += j - fracStart;
                i = j;
            }
        }
        if (digits == 0) {
            end = start;
            return Double.NaN;
        }
        if (i < limit && (b[i] == 'e' || b[i] == 'E')) {
            int j = i + 1;
            boolean expNegative = false;
            if (j < limit && (b[j] == '+' || b[j] == '-')) {
                expNegative = b[j] == '-';
                j++;
            }
            if (j < limit && b[j] >= '0' && b[j] <= '9') {
                int e = 0;
                while (j < limit && b[j] >= '0' && b[j] <= '9') {
                    if (e < 100_000) {
                        e = e * 10 + (b[j] - '0');
                    }
                    j++;
                }
                exp10 += expNegative ? -e : e;
                i = j;
            }
            // else "1e" or "1e+": the number is "1" and the caller sees what follows
        }
        end = i;
        if (digits > 19) {
            return longNumber(b, start, i, pointAt, negative, altPoint);
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        return toDouble(mantissa, exp10, negative, b, start, i, altPoint);
    }

    /** {@code mantissa * 10^exp10}, exactly rounded; the text {@code b[start, end)} serves the slow path. */
    private static double toDouble(long mantissa, int exp10, boolean negative, byte[] b, int start, int end,
                                   byte altPoint) {
        if (mantissa > 0 && mantissa <= (1L << 53) && exp10 >= -22 && exp10 <= 22) {
            double v = mantissa;
            v = exp10 < 0 ? v / POW10[-exp10] : v * POW10[exp10];
            return negative ? -v : v;
        }
        double v = eiselLemire(mantissa, exp10, negative);
        return Double.isNaN(v) ? slow(b, start, end, altPoint) : v;
    }

    /**
     * A number with more than 19 digits in all: leading zeros do not count, and digits past the 19th only
     * matter when they are not zeros (then the slow path decides).
     */
    private static double longNumber(byte[] b, int start, int end, int pointAt, boolean negative, byte altPoint) {
        long mantissa = 0;
        int digits = 0;
        int exp10 = 0;
        boolean truncated = false;
        boolean afterPoint = false;
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (i == pointAt) {
                afterPoint = true;
                continue;
            }
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c < '0' || c > '9') {
                continue; // the sign
            }
            int d = c - '0';
            if (digits < 19) {
                mantissa = mantissa * 10 + d;
                if (mantissa != 0) {
                    digits++;
                }
                if (afterPoint) {
                    exp10--;
                }
            } else {
                if (!afterPoint) {
                    exp10++;
                }
                truncated |= d != 0;
            }
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (truncated) {
            return slow(b, start, end, altPoint);
        }
        int e = 0;
        for (int i = start; i < end; i++) {
            if (b[i] == 'e' || b[i] == 'E') {
                double exponentOnly = slow(b, i + 1, end, altPoint); // an integer of at most a few digits
                e = (int) Math.max(-100_000, Math.min(100_000, exponentOnly));
                break;
            }
        }
        return toDouble(mantissa, exp10 + e, negative, b, start, end, altPoint);
    }

    /** How many of the 8 bytes in {@code w} (first byte lowest) are digits before the first non-digit. */
    static int leadingDigits(long w) {
        // a byte c is a digit when its high nibble is 3 and that of c + 6 is 3 too; carries and borrows only
        // reach later bytes, so the first non-digit is found correctly
        long t = ((w & 0xF0F0F0F0F0F0F0F0L) ^ 0x3030303030303030L)
                | (((w + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) ^ 0x3030303030303030L);
        return Long.numberOfTrailingZeros(t) >>> 3;
    }

    /** The value of the first {@code k} (1 to 8) bytes of {@code w}, all digits, first byte most significant. */
    static long digitsValue(long w, int k) {
        long v = (w - 0x3030303030303030L) << (64 - 8 * k); // the digits move to the top, zeros come in below
        v = v * 10 + (v >>> 8);
        return (((v & 0x000000FF000000FFL) * 0x000F424000000064L)
                + (((v >>> 16) & 0x000000FF000000FFL) * 0x0000271000000001L)) >>> 32;
    }

    private static double slow(byte[] b, int start, int end, byte altPoint) {
        String text = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        return Double.parseDouble(altPoint != '.' ? text.replace((char) altPoint, '.') : text);
    }

    /**
     * The double nearest to {@code w * 10^q} (w an unsigned, non-zero 64-bit integer), or NaN in the rare
     * cases where a 128-bit approximation of the power of five cannot decide the rounding. After
     * D. Lemire, "Number parsing at a gigabyte per second" (2021), and the fast_float library.
     */
    static double eiselLemire(long w, int q, boolean negative) {
        if (q < MIN_POW5) {
            return negative ? -0.0 : 0.0;
        }
        if (q > MAX_POW5) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        int idx = 2 * (q - MIN_POW5);
        long pHi = POW5_128[idx];
        long hi = unsignedMultiplyHigh(w, pHi);
        long lo = w * pHi;
        if ((hi & 0x1FF) == 0x1FF) {
            // the low bits might be wrong: add the product with the next 64 bits of the power of five
            long secondHi = unsignedMultiplyHigh(w, POW5_128[idx + 1]);
            long newLo = lo + secondHi;
            if (Long.compareUnsigned(secondHi, newLo) > 0) {
                hi++;
            }
            lo = newLo;
        }
        if (lo == -1L && (q < -27 || q > 55)) {
            return Double.NaN; // cannot decide cheaply: let the caller use the slow, exact path
        }
        int upperBit = (int) (hi >>> 63);
        long mantissa = hi >>> (upperBit + 9);
        int power2 = ((217706 * q) >> 16) + 63 + upperBit - lz + 1023;
        if (power2 <= 0) {
            // subnormal
            if (-power2 + 1 >= 64) {
                return negative ? -0.0 : 0.0;
            }
            mantissa >>>= -power2 + 1;
            mantissa += mantissa & 1;
            mantissa >>>= 1;
            power2 = mantissa < (1L << 52) ? 0 : 1;
            return assemble(mantissa, power2, negative);
        }
        if (Long.compareUnsigned(lo, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1
                && (mantissa << (upperBit + 9)) == hi) {
            // exactly halfway between two doubles: round to even (down), not up
            mantissa &= ~1L;
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (2L << 52)) {
            mantissa = 1L << 52;
            power2++;
        }
        if (power2 >= 0x7FF) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return assemble(mantissa, power2, negative);
    }

    private static double assemble(long mantissa, int power2, boolean negative) {
        long bits = (mantissa & ((1L << 52) - 1)) | ((long) power2 << 52);
        if (negative) {
            bits |= 1L << 63;
        }
        return Double.longBitsToDouble(bits);
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** ±Infinity for the words inf and infinity (any case, optionally signed), else NaN. */
    private static double infinityWord(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        int len = end - i;
        if (len == 3 || len == 8) {
            String word = new String(b, i, len, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
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
