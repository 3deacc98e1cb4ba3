package io.cumulo.data;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@link NumberParser} must give exactly what {@link Double#parseDouble} gives, and reject what it should. */
class NumberParserTest {

    private static double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return NumberParser.parse(b, 0, b.length);
    }

    /** Checks bit for bit (so -0.0 and 0.0 differ); collects failures to report several at once. */
    private static void check(String text, List<String> failures) {
        double want = Double.parseDouble(text);
        double got = parse(text);
        if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(got) && failures.size() < 20) {
            failures.add(text + " -> " + got + ", Double.parseDouble says " + want);
        }
    }

    private static void assertNoFailures(List<String> failures) {
        if (!failures.isEmpty()) {
            fail(failures.size() + " mismatches, e.g.\n" + String.join("\n", failures));
        }
    }

    @Test
    void randomDoublesInManyFormatsAreExact() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            // any finite bit pattern (all magnitudes, subnormals included), and "ordinary" values
            double v = Double.longBitsToDouble(rnd.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            double w = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-8, 9));
            for (double x : new double[] {v, w}) {
                String plain = Double.toString(x);
                check(plain, failures);
                check(String.format(Locale.ROOT, "%.17g", x), failures);
                check(String.format(Locale.ROOT, "%." + rnd.nextInt(0, 25) + "e", x), failures);
                check(String.format(Locale.ROOT, "%." + rnd.nextInt(0, 19) + "E", x), failures);
                check(x < 0 ? plain : "+" + plain, failures);
                check(x < 0 ? "-000" + plain.substring(1) : "000" + plain, failures);
            }
            check(Long.toString(rnd.nextLong()), failures);
            check(Long.toString(rnd.nextLong(1L << 53)), failures);
            check(rnd.nextLong(1L << 62) + "e" + rnd.nextInt(-345, 320), failures);
            check(rnd.nextLong(100_000_000_000_000_000L) + "E-" + rnd.nextInt(0, 30), failures);
            check("." + rnd.nextLong(1L << 60), failures);
            check(rnd.nextLong(1L << 40) + ".", failures);
            check("0.000" + rnd.nextLong(1L << 62) + "e-" + rnd.nextInt(290, 330), failures);
        }
        assertNoFailures(failures);
    }

    @Test
    void longDigitStringsAreExact() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int n = rnd.nextInt(20, 45);
            StringBuilder sb = new StringBuilder();
            sb.append((char) ('1' + rnd.nextInt(9)));
            for (int k = 1; k < n; k++) {
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
            String digits = sb.toString();
            int point = rnd.nextInt(0, n + 1);
            String text = digits.substring(0, point) + "." + digits.substring(point);
            check(text, failures);
            check(text + "e" + rnd.nextInt(-330, 300), failures);
            check(digits + "0000000000", failures);
            check("0.0000000000000000000000" + digits, failures);
            // 19 significant digits then zeros: exact without the slow path
            check(digits.substring(0, 19) + "000000000.000", failures);
        }
        assertNoFailures(failures);
    }

    @Test
    void halfwayCasesRoundToEven() {
        // the exact midpoint between two neighbouring doubles rounds to the one with an even mantissa
        SplittableRandom rnd = new SplittableRandom(13);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            double d = Double.longBitsToDouble(rnd.nextLong() >>> 1);
            if (!Double.isFinite(d) || !Double.isFinite(Math.nextUp(d))) {
                continue;
            }
            BigDecimal mid = new BigDecimal(d).add(new BigDecimal(Math.nextUp(d))).divide(BigDecimal.valueOf(2));
            check(mid.toString(), failures);
            // integers between 2^53 and 2^64: midpoints with 16 to 20 digits, decided by the fast paths
            long m = (1L << 52) + rnd.nextLong(1L << 52);
            int shift = rnd.nextInt(1, 12);
            BigDecimal big = new BigDecimal(m).multiply(BigDecimal.valueOf(2).pow(shift))
                    .add(BigDecimal.valueOf(2).pow(shift - 1));
            check(big.toPlainString(), failures);
        }
        check("9007199254740993", failures);   // 2^53 + 1: halfway, rounds down to 2^53
        check("9007199254740995", failures);   // 2^53 + 3: halfway, rounds up to 2^53 + 4
        check("2.2250738585072011e-308", failures);   // the largest subnormal region boundary
        check("2.2250738585072012e-308", failures);
        check("4.9406564584124654e-324", failures);   // the smallest subnormal
        check("2.4703282292062327e-324", failures);   // just below half of it: rounds to 0
        check("2.4703282292062328e-324", failures);   // just above: rounds up to the smallest subnormal
        check("1.7976931348623157e308", failures);
        check("1.7976931348623158e308", failures);    // still rounds to the largest double
        assertNoFailures(failures);
    }

    @Test
    void handWrittenValues() {
        assertEquals(1.5, parse("1.5"));
        assertEquals(0.5, parse(".5"));
        assertEquals(5.0, parse("5."));
        assertEquals(-5.0, parse("-5."));
        assertEquals(42.0, parse("+42"));
        assertEquals(7.0, parse("0007"));
        assertEquals(0.001, parse("000.00100"));
        assertEquals(1500.0, parse("1.5e3"));
        assertEquals(1500.0, parse("1.5E+03"));
        assertEquals(0.015, parse("1.5e-2"));
        assertEquals(1e22, parse("1e22"));
        assertEquals(1e23, parse("1e23"));
        assertEquals(123456789012345680000.0, parse("123456789012345678901"));
        assertEquals(Double.POSITIVE_INFINITY, parse("1e400"));
        assertEquals(Double.NEGATIVE_INFINITY, parse("-1e400"));
        assertEquals(0.0, parse("1e-400"));
        assertEquals(0.0, parse("0e999999999999"));
    }

    @Test
    void negativeZeroKeepsItsSign() {
        for (String s : new String[] {"-0", "-0.0", "-.0", "-0e5", "-0.000E-3", "-00"}) {
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parse(s)), s);
        }
        for (String s : new String[] {"0", "+0", "0.0", "0e10"}) {
            assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(parse(s)), s);
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parse("-1e-400")));
    }

    @Test
    void infinityWords() {
        for (String s : new String[] {"inf", "Inf", "INF", "+inf", "infinity", "Infinity", "+INFINITY"}) {
            assertEquals(Double.POSITIVE_INFINITY, parse(s), s);
        }
        for (String s : new String[] {"-inf", "-Infinity", "-INF"}) {
            assertEquals(Double.NEGATIVE_INFINITY, parse(s), s);
        }
    }

    @Test
    void rejectsWhatIsNotANumber() {
        String[] bad = {"1,5", "abc", "1e", "1e+", "1e-", "--1", "+-1", "0x10", "1.5d", "1.5f", " ", "1 2", " 1", "1 ",
            "", ".", "+", "-", "e5", ".e5", "1.2.3", "1e5.5", "1e5e5", "NaN", "nan", "infinit", "infinityy", ".inf",
            "-.inf", "1inf", "1_000", "١", "½", "1-", "1+1", "1/2", "$5", "5%", "1.5.", "12\""};
        for (String s : bad) {
            assertTrue(Double.isNaN(parse(s)), () -> "'" + s + "' should not be a number, got " + parse(s));
        }
    }

    @Test
    void scanFindsTheNumberAtTheStartOfLongerText() {
        NumberParser p = new NumberParser();
        byte[] b = "1.5,2;12abc;1e,x;1e+5x;-.25;.;;7".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(1.5, p.scan(b, 0, b.length, (byte) '.'));
        assertEquals(3, p.end);
        assertEquals(2.0, p.scan(b, 4, b.length, (byte) '.'));
        assertEquals(5, p.end);
        assertEquals(12.0, p.scan(b, 6, b.length, (byte) '.'));
        assertEquals(8, p.end);
        assertEquals(1.0, p.scan(b, 12, b.length, (byte) '.')); // "1e," : the number is "1"
        assertEquals(13, p.end);
        assertEquals(1e5, p.scan(b, 17, b.length, (byte) '.'));
        assertEquals(21, p.end);
        assertEquals(-0.25, p.scan(b, 23, b.length, (byte) '.'));
        assertEquals(27, p.end);
        assertTrue(Double.isNaN(p.scan(b, 28, b.length, (byte) '.')));
        assertEquals(28, p.end);
        assertEquals(7.0, p.scan(b, 31, b.length, (byte) '.'));
        assertEquals(32, p.end);
        // the scan never reads past its limit
        assertEquals(12.0, p.scan(b, 6, 8, (byte) '.'));
        assertEquals(8, p.end);
        assertEquals(1.0, p.scan(b, 0, 1, (byte) '.'));
    }

    @Test
    void scanWithDecimalComma() {
        NumberParser p = new NumberParser();
        byte[] b = "3,14;-0,5;1.25;2,5e3;12345678901234567,25".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(3.14, p.scan(b, 0, b.length, (byte) ','));
        assertEquals(4, p.end);
        assertEquals(-0.5, p.scan(b, 5, b.length, (byte) ','));
        assertEquals(1.25, p.scan(b, 10, b.length, (byte) ','));
        assertEquals(2500.0, p.scan(b, 15, b.length, (byte) ','));
        assertEquals(Double.parseDouble("12345678901234567.25"), p.scan(b, 21, b.length, (byte) ','));
        // without the decimal comma, ',' ends the number
        assertEquals(3.0, p.scan(b, 0, b.length, (byte) '.'));
        assertEquals(1, p.end);
    }

    @Test
    void swarHelpers() {
        byte[] b = "12345678.9abcdefgh0123456x".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(8, NumberParser.leadingDigits(bb.getLong(0)));
        assertEquals(12345678, NumberParser.digitsValue(bb.getLong(0), 8));
        assertEquals(7, NumberParser.leadingDigits(bb.getLong(1)));
        assertEquals(2345678, NumberParser.digitsValue(bb.getLong(1), 7));
        assertEquals(0, NumberParser.leadingDigits(bb.getLong(8)));
        assertEquals(1, NumberParser.leadingDigits(bb.getLong(9)));
        assertEquals(9, NumberParser.digitsValue(bb.getLong(9), 1));
        assertEquals(7, NumberParser.leadingDigits(bb.getLong(18)));
        assertEquals(123456, NumberParser.digitsValue(bb.getLong(18), 7));
        // bytes just outside '0'..'9' ('/' and ':') and high bytes are not digits
        assertEquals(2, NumberParser.leadingDigits(0x3A2F3A2F3A2F3039L));
        assertEquals(1, NumberParser.leadingDigits(0xFFFFFFFFFFFF2F30L));
        assertEquals(3, NumberParser.leadingDigits(0xFAFAFAFAFA393939L));
    }

    @Test
    void missingTokens() {
        for (String s : new String[] {"", "NA", "na", "N/A", "n/a", "#N/A", "NaN", "nan", "NAN", "?", "null", "NULL",
            "None"}) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            assertTrue(NumberParser.isMissingToken(b, 0, b.length), s);
        }
        for (String s : new String[] {"0", "-", "Na", "NaNs", "none", "missing", "N.A.", "nil", "??"}) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            assertFalse(NumberParser.isMissingToken(b, 0, b.length), s);
        }
    }
}
