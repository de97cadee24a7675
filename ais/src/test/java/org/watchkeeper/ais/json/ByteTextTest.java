package org.watchkeeper.ais.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class ByteTextTest {
    private static String dec(double v, int d) {
        ByteText t = new ByteText(4);
        assertThat(t.decimal(v, d)).isTrue();
        return t.toString();
    }

    @Test
    void decimalsAreRoundedAndTrimmed() {
        assertThat(dec(12.3, 1)).isEqualTo("12.3");
        assertThat(dec(224.0, 1)).isEqualTo("224");
        assertThat(dec(-123.39538333333333, 6)).isEqualTo("-123.395383");
        assertThat(dec(48.38163333333333, 6)).isEqualTo("48.381633");
        assertThat(dec(99.96, 1)).isEqualTo("100");
        assertThat(dec(0.5, 6)).isEqualTo("0.5");
        assertThat(dec(0.000001, 6)).isEqualTo("0.000001");
        assertThat(dec(-0.01, 6)).isEqualTo("-0.01");
        assertThat(dec(7, 0)).isEqualTo("7");
    }

    @Test
    void tiesAreDecidedOnTheExactValueHalfAwayFromZero() {
        assertThat(dec(2.5, 0)).isEqualTo("3");
        assertThat(dec(-2.5, 0)).isEqualTo("-3");
        assertThat(dec(0.125, 2)).isEqualTo("0.13"); // exactly representable tie
        // 0.15 is stored as 0.1499999999999999944..., although 0.15 * 10 rounds to 1.5 in double
        assertThat(dec(0.15, 1)).isEqualTo("0.1");
        assertThat(dec(1.005, 2)).isEqualTo("1"); // 1.00499999999999989...
    }

    @Test
    void zeroIsNeverNegative() {
        assertThat(dec(-0.0, 1)).isEqualTo("0");
        assertThat(dec(-0.00000001, 6)).isEqualTo("0");
    }

    @Test
    void nonFiniteValuesAreNotWritten() {
        ByteText t = new ByteText(4);
        assertThat(t.decimal(Double.NaN, 1)).isFalse();
        assertThat(t.decimal(Double.POSITIVE_INFINITY, 1)).isFalse();
        assertThat(t.decimal(Double.NEGATIVE_INFINITY, 1)).isFalse();
        assertThat(t.len).isZero();
    }

    @Test
    void hugeValuesUseTheExactPath() {
        assertThat(dec(1e20, 2)).isEqualTo("100000000000000000000");
        assertThat(dec(-1.5e16, 1)).isEqualTo("-15000000000000000");
    }

    @Property(tries = 2000)
    void decimalMatchesBigDecimalHalfUp(@ForAll @DoubleRange(min = -1e6, max = 1e6) double v,
                                        @ForAll @IntRange(min = 0, max = 9) int d) {
        BigDecimal expected = new BigDecimal(v).setScale(d, RoundingMode.HALF_UP).stripTrailingZeros();
        String s = expected.signum() == 0 ? "0" : expected.toPlainString();
        assertThat(dec(v, d)).isEqualTo(s);
    }

    @Property(tries = 1000)
    void numberMatchesLongToString(@ForAll long v) {
        assertThat(new ByteText(1).number(v).toString()).isEqualTo(Long.toString(v));
    }

    @Property(tries = 1000)
    void smallNumbersMatchLongToString(@ForAll @LongRange(min = -100_000_000_000L, max = 100_000_000_000L) long v) {
        assertThat(new ByteText(1).number(v).toString()).isEqualTo(Long.toString(v));
    }

    @Property(tries = 1000)
    void paddedWritesExactlyWidthDigits(@ForAll @LongRange(min = 0, max = 999_999_999_999L) long v,
                                        @ForAll @IntRange(min = 12, max = 18) int width) {
        String expected = String.format("%0" + width + "d", v);
        ByteText t = new ByteText(1);
        t.ascii('x').padded(v, width);
        assertThat(t.toString()).isEqualTo("x" + expected);
    }

    @Test
    void paddedKeepsLeadingZerosOfShortValues() {
        assertThat(new ByteText(1).padded(3669702, 9).toString()).isEqualTo("003669702");
        assertThat(new ByteText(1).padded(0, 2).toString()).isEqualTo("00");
        assertThat(new ByteText(1).padded(7, 3).toString()).isEqualTo("007");
    }

    @Test
    void jsonStringKeepsEscapesAndNonAsciiInsideTheBuffer() {
        ByteText t = new ByteText(1);
        t.jsonString("a\"b\\c\u0001\n\u00e9\u20ac" + "x".repeat(40));
        assertThat(t.toString()).isEqualTo("\"a\\\"b\\\\c\\u0001\\n\u00e9\u20ac" + "x".repeat(40) + "\"");
    }

    @Test
    void isoTimeShowsMillisOnlyWhenNotZero() {
        assertThat(new ByteText(1).isoTime(1747818025000L).toString()).isEqualTo("2025-05-21T09:00:25Z");
        assertThat(new ByteText(1).isoTime(1328133720087L).toString()).isEqualTo("2012-02-01T22:02:00.087Z");
        assertThat(new ByteText(1).isoTime(-1L).toString()).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThat(new ByteText(1).isoTime(0L).toString()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(new ByteText(1).isoTime(951782400000L).toString()).isEqualTo("2000-02-29T00:00:00Z");
    }

    @Property(tries = 2000)
    void isoTimeMatchesJavaTime(@ForAll @LongRange(min = -62_135_596_800_000L, max = 253_402_300_799_999L) long ms) {
        // java.time prints millis as .SSS when non-zero and nothing otherwise, like the writer
        assertThat(new ByteText(1).isoTime(ms).toString()).isEqualTo(Instant.ofEpochMilli(ms).toString());
    }

    @Test
    void jsonStringEscapesEverythingRfc8259Requires() {
        String s = "a\"b\\c/\n\r\t\b\f\u0000\u001f\u007fé€😀";
        String json = new ByteText(1).jsonString(s).toString();
        assertThat(json).isEqualTo("\"a\\\"b\\\\c/\\n\\r\\t\\b\\f\\u0000\\u001f\u007fé€😀\"");
        assertThat(MiniJson.parse(json)).isEqualTo(s);
    }

    @Test
    void loneSurrogatesAreEscapedNotMangled() {
        String s = "x\ud800y\udc00";
        String json = new ByteText(1).jsonString(s).toString();
        assertThat(json).isEqualTo("\"x\\ud800y\\udc00\"");
        assertThat(MiniJson.parse(json)).isEqualTo(s);
    }

    @Property(tries = 500)
    void anyStringRoundTripsThroughJson(@ForAll String s) {
        assertThat(MiniJson.parse(new ByteText(1).jsonString(s).toString())).isEqualTo(s);
    }

    @Test
    void csvFieldsAreQuotedOnlyWhenNeeded() {
        ByteText row = new ByteText(1);
        row.csvField(new ByteText(1).text("PLAIN NAME"));
        row.ascii('|');
        row.csvField(new ByteText(1).text("A,B"));
        row.ascii('|');
        row.csvField(new ByteText(1).text("SAY \"HI\""));
        row.ascii('|');
        row.csvField(new ByteText(1).text("two\r\nlines"));
        assertThat(row.toString()).isEqualTo("PLAIN NAME|\"A,B\"|\"SAY \"\"HI\"\"\"|\"two\r\nlines\"");
    }
}
