package org.watchkeeper.ais.json;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.RoundingMode;
import java.nio.ByteOrder;

/**
 * A growable, reusable byte buffer with the text primitives the output writers need: integers,
 * fixed-point decimals, ISO-8601 UTC times, JSON strings and RFC 4180 CSV fields, all encoded to
 * UTF-8 directly into the buffer without intermediate strings. Not thread safe.
 */
final class ByteText {
    private static final long[] POW10 = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L
    };
    /** Largest scaled magnitude handled by the fast path (well inside the 2^53 exact range of double). */
    private static final double FAST_LIMIT = 1e15;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    byte[] buf;
    int len;

    ByteText(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    void clear() {
        len = 0;
    }

    /**
     * Bytes kept free beyond every capacity check: {@link #put} stores whole 8-byte words and may
     * write up to 7 bytes past the end of what it appends (overwritten by what follows).
     */
    private static final int SLACK = 8;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    void ensure(int extra) {
        if (len + extra + SLACK > buf.length) {
            byte[] n = new byte[Math.max(buf.length * 2, len + extra + SLACK)];
            System.arraycopy(buf, 0, n, 0, len);
            buf = n;
        }
    }

    ByteText ascii(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    /** Appends a string known to be ASCII (names, constants). */
    ByteText ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    ByteText bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    ByteText bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /**
     * Appends a comma unless {@code first}, then {@code b}, with room for a number after it
     * ensured by the same single capacity check.
     */
    void separatorAndBytes(boolean first, byte[] b) {
        int n = b.length;
        ensure(n + 48);
        if (!first) {
            buf[len++] = ',';
        }
        System.arraycopy(b, 0, buf, len, n);
        len += n;
    }

    /** "00" .. "99": two digits per table look-up. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** 10^1 .. 10^18: a long of n digits is below {@code TENS[n]}. */
    private static final long[] TENS = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L,
        10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L
    };

    /** Number of decimal digits of {@code v} (1..19, {@code v >= 0}). */
    private static int digits(long v) {
        int n = 1;
        while (n < 19 && v >= TENS[n]) {
            n++;
        }
        return n;
    }

    /** Writes the {@code n} low decimal digits of {@code v >= 0} ending just before {@code end}, two at a time. */
    private void digitsBackwards(long v, int end, int n) {
        int i = end;
        while (v >= Integer.MAX_VALUE && n > 0) {
            int r = (int) (v % 100);
            v /= 100;
            if (n >= 2) {
                buf[--i] = DIGIT_PAIRS[2 * r + 1];
                buf[--i] = DIGIT_PAIRS[2 * r];
                n -= 2;
            } else {
                buf[--i] = DIGIT_PAIRS[2 * r + 1];
                n--;
            }
        }
        int w = (int) v;
        while (n >= 2) {
            int q = w / 100;
            int r = w - q * 100;
            w = q;
            buf[--i] = DIGIT_PAIRS[2 * r + 1];
            buf[--i] = DIGIT_PAIRS[2 * r];
            n -= 2;
        }
        if (n == 1) {
            buf[--i] = (byte) ('0' + w % 10);
        }
    }

    /** Appends a decimal integer. */
    ByteText number(long v) {
        if (v == Long.MIN_VALUE) {
            return ascii("-9223372036854775808");
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        if (v < 10) {
            buf[len++] = (byte) ('0' + v);
            return this;
        }
        int n = digits(v);
        digitsBackwards(v, len + n, n);
        len += n;
        return this;
    }

    /** Makes room for {@code extra} more bytes: the unchecked appenders below rely on it. */
    void reserve(int extra) {
        ensure(extra);
    }

    /**
     * The padded form of {@code b} (at most 255 bytes) that {@link #put} takes: its bytes, zeros up
     * to a multiple of 8 bytes, then one byte holding {@code b.length}.
     */
    static byte[] padded(byte[] b) {
        if (b.length > 255) {
            throw new IllegalArgumentException("longer than 255 bytes: " + b.length);
        }
        int words = (b.length + 7) >>> 3;
        byte[] p = new byte[8 * words + 1];
        System.arraycopy(b, 0, p, 0, b.length);
        p[8 * words] = (byte) b.length;
        return p;
    }

    /**
     * Appends the bytes of {@code p}, in the {@link #padded padded form}, 8 at a time, without a
     * capacity check (the caller {@link #reserve reserved} room for them).
     */
    void put(byte[] p) {
        int n = p.length - 1;
        int at = len;
        byte[] b = buf;
        for (int i = 0; i < n; i += 8) {
            LONGS.set(b, at + i, (long) LONGS.get(p, i));
        }
        len = at + (p[n] & 0xff);
    }

    /** Appends {@code v >= 0} in decimal without a capacity check (at most 10 bytes). */
    void putUnsigned(int v) {
        if (v < 10) {
            buf[len++] = (byte) ('0' + v);
            return;
        }
        if (v < 100) {
            buf[len++] = DIGIT_PAIRS[2 * v];
            buf[len++] = DIGIT_PAIRS[2 * v + 1];
            return;
        }
        int n = v < 1_000 ? 3 : v < 10_000 ? 4 : v < 100_000 ? 5 : v < 1_000_000 ? 6 : digits(v);
        intDigits(v, n);
    }

    /** The {@code n} low decimal digits of {@code v >= 0}, two per step in int arithmetic; no capacity check. */
    private void intDigits(int v, int n) {
        int i = len + n;
        len = i;
        while (n >= 2) {
            int q = v / 100;
            int r = v - q * 100;
            v = q;
            buf[--i] = DIGIT_PAIRS[2 * r + 1];
            buf[--i] = DIGIT_PAIRS[2 * r];
            n -= 2;
        }
        if (n == 1) {
            buf[--i] = (byte) ('0' + v % 10);
        }
    }

    /**
     * Appends the time of day {@code HH:mm:ss}, {@code .SSS} when the milliseconds are not zero, and
     * {@code Z}, as {@link #isoTime(long)} ends. {@code msOfDay} 0..86 399 999; no capacity check.
     */
    void putClock(int msOfDay) {
        int s = msOfDay / 1000;
        int ms = msOfDay - s * 1000;
        int m = s / 60;
        pair(m / 60);
        buf[len++] = ':';
        pair(m % 60);
        buf[len++] = ':';
        pair(s - m * 60);
        if (ms != 0) {
            buf[len++] = '.';
            buf[len++] = (byte) ('0' + ms / 100);
            pair(ms % 100);
        }
        buf[len++] = 'Z';
    }

    /** Two digits of {@code 0 <= v < 100}; no capacity check. */
    private void pair(int v) {
        buf[len++] = DIGIT_PAIRS[2 * v];
        buf[len++] = DIGIT_PAIRS[2 * v + 1];
    }

    /** Nine digits of {@code 0 <= v < 10^9}, zero padded (an MMSI); no capacity check. */
    void putNineDigits(int v) {
        int hi = v / 100_000_000;
        int lo = v - hi * 100_000_000;
        buf[len++] = (byte) ('0' + hi);
        int a = lo / 10_000;
        int b = lo - a * 10_000;
        pair(a / 100);
        pair(a % 100);
        pair(b / 100);
        pair(b % 100);
    }

    /**
     * Appends {@code tenths / 10} ({@code tenths >= 0}) with one fraction digit, the fraction left out
     * when it is 0: what {@link #decimal(double, int) decimal(tenths / 10.0, 1)} writes. No capacity check.
     */
    void putTenths(int tenths) {
        int whole = tenths / 10;
        int f = tenths - whole * 10;
        putUnsigned(whole);
        if (f != 0) {
            buf[len++] = '.';
            buf[len++] = (byte) ('0' + f);
        }
    }

    /**
     * Appends {@code code / 600 000} (a position in 1/10 000 min) rounded half
     * away from zero to 6 fraction digits, trailing zeros left out, {@code 0} for a value that rounds
     * to zero: what {@link #decimal(double, int) decimal(code / 600_000.0, 6)} writes. The exact
     * value code·5/3 millionths has the fraction 0, 1/3 or 2/3, never a tie, so integer rounding
     * gives the digits the double does. No capacity check (at most 12 bytes).
     */
    void putMicroDegrees(int code) {
        long units = ((long) Math.abs(code) * 10 + 3) / 6;
        if (units == 0) {
            buf[len++] = '0';
            return;
        }
        if (code < 0) {
            buf[len++] = '-';
        }
        int whole = (int) (units / 1_000_000);
        int frac = (int) (units - whole * 1_000_000L);
        putUnsigned(whole);
        if (frac != 0) {
            int digits = 6;
            while (frac % 10 == 0) {
                frac /= 10;
                digits--;
            }
            buf[len++] = '.';
            intDigits(frac, digits);
        }
    }

    /** Appends {@code v} with exactly {@code width} digits, zero padded ({@code v >= 0}). */
    ByteText padded(long v, int width) {
        ensure(width);
        digitsBackwards(v, len + width, width);
        len += width;
        return this;
    }

    /**
     * Appends a finite {@code v} rounded half away from zero to {@code decimals} fraction digits
     * (0..15), with trailing fraction zeros and a trailing point removed; a value that rounds to
     * zero is written {@code 0} (never {@code -0}). The rounding is decided on the exact binary
     * value of {@code v}, as {@link BigDecimal} would.
     *
     * @return false (nothing appended) if {@code v} is NaN or infinite
     */
    boolean decimal(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return false;
        }
        int d = Math.max(0, Math.min(decimals, POW10.length - 1));
        long p = POW10[d];
        double scaled = Math.abs(v) * p;
        long units;
        if (scaled < FAST_LIMIT) {
            double fl = Math.floor(scaled);
            double frac = scaled - fl;
            if (frac == 0.5) {
                // The product may have been rounded onto the tie: decide on the exact value.
                units = new BigDecimal(Math.abs(v)).setScale(d, RoundingMode.HALF_UP).unscaledValue().longValue();
            } else {
                units = (long) fl + (frac > 0.5 ? 1 : 0);
            }
        } else {
            BigDecimal r = new BigDecimal(v).setScale(d, RoundingMode.HALF_UP).stripTrailingZeros();
            ascii(r.signum() == 0 ? "0" : r.toPlainString());
            return true;
        }
        if (units == 0) {
            ascii('0');
            return true;
        }
        ensure(d + 20); // sign, up to 16 integer digits, point and fraction: one capacity check
        if (v < 0) {
            buf[len++] = '-';
        }
        long whole = units / p;
        long frac = units - whole * p;
        if (whole < 10) {
            buf[len++] = (byte) ('0' + whole);
        } else {
            int n = digits(whole);
            digitsBackwards(whole, len + n, n);
            len += n;
        }
        if (frac != 0) {
            int digits = d;
            if (frac < Integer.MAX_VALUE) {
                int f = (int) frac; // int division by the constant 10 is a multiply
                while (f % 10 == 0) {
                    f /= 10;
                    digits--;
                }
                frac = f;
            } else {
                while (frac % 10 == 0) {
                    frac /= 10;
                    digits--;
                }
            }
            buf[len++] = '.';
            digitsBackwards(frac, len + digits, digits);
            len += digits;
        }
        return true;
    }

    /**
     * Appends an ISO-8601 UTC time {@code yyyy-MM-ddTHH:mm:ssZ}, with {@code .SSS} before the Z only
     * when the milliseconds are not zero. Years outside 0..9999 are written with as many digits as
     * they need (and a minus sign before year 0).
     */
    ByteText isoTime(long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long msOfDay = Math.floorMod(epochMillis, 86_400_000L);
        // Civil date from days since 1970-01-01 (proleptic Gregorian, 400-year eras).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year >= 0 && year <= 9999) {
            padded(year, 4);
        } else {
            number(year);
        }
        ascii('-').padded(month, 2).ascii('-').padded(day, 2).ascii('T');
        long s = msOfDay / 1000;
        padded(s / 3600, 2).ascii(':').padded(s / 60 % 60, 2).ascii(':').padded(s % 60, 2);
        long ms = msOfDay % 1000;
        if (ms != 0) {
            ascii('.').padded(ms, 3);
        }
        return ascii('Z');
    }

    /** Appends {@code s} as a JSON string literal (RFC 8259): quotes, escapes, UTF-8. */
    ByteText jsonString(CharSequence s) {
        int n = s.length();
        ensure(n + 2);
        buf[len++] = '"';
        // room for the quotes and one byte per remaining char is ensured whenever the plain loop runs
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                buf[len++] = (byte) c;
                continue;
            }
            if (c == '"' || c == '\\') {
                ensure(2);
                buf[len++] = '\\';
                buf[len++] = (byte) c;
            } else if (c < 0x20) {
                switch (c) {
                    case '\n' -> ascii('\\').ascii('n');
                    case '\r' -> ascii('\\').ascii('r');
                    case '\t' -> ascii('\\').ascii('t');
                    case '\b' -> ascii('\\').ascii('b');
                    case '\f' -> ascii('\\').ascii('f');
                    default -> unicodeEscape(c);
                }
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    utf8(Character.toCodePoint(c, s.charAt(++i)));
                } else {
                    unicodeEscape(c); // a lone surrogate cannot be encoded in UTF-8; JSON allows the escape
                }
            } else {
                utf8(c);
            }
            ensure(n - i + 1);
        }
        buf[len++] = '"';
        return this;
    }

    private void unicodeEscape(char c) {
        ensure(6);
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[(c >>> 12) & 0xf];
        buf[len++] = HEX[(c >>> 8) & 0xf];
        buf[len++] = HEX[(c >>> 4) & 0xf];
        buf[len++] = HEX[c & 0xf];
    }

    /** Appends one code point (not a surrogate) as UTF-8. */
    ByteText utf8(int cp) {
        ensure(4);
        if (cp < 0x80) {
            buf[len++] = (byte) cp;
        } else if (cp < 0x800) {
            buf[len++] = (byte) (0xc0 | (cp >>> 6));
            buf[len++] = (byte) (0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            buf[len++] = (byte) (0xe0 | (cp >>> 12));
            buf[len++] = (byte) (0x80 | ((cp >>> 6) & 0x3f));
            buf[len++] = (byte) (0x80 | (cp & 0x3f));
        } else {
            buf[len++] = (byte) (0xf0 | (cp >>> 18));
            buf[len++] = (byte) (0x80 | ((cp >>> 12) & 0x3f));
            buf[len++] = (byte) (0x80 | ((cp >>> 6) & 0x3f));
            buf[len++] = (byte) (0x80 | (cp & 0x3f));
        }
        return this;
    }

    /** Appends {@code s} as UTF-8 with no escaping (lone surrogates become {@code ?}). */
    ByteText text(CharSequence s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ensure(1);
                buf[len++] = (byte) c;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                utf8(Character.toCodePoint(c, s.charAt(++i)));
            } else if (Character.isSurrogate(c)) {
                ascii('?');
            } else {
                utf8(c);
            }
        }
        return this;
    }

    /**
     * Appends the content of {@code src} as one RFC 4180 field: unchanged when it holds no comma,
     * quote, CR or LF, otherwise enclosed in quotes with inner quotes doubled.
     */
    void csvField(ByteText src) {
        boolean quote = false;
        for (int i = 0; i < src.len; i++) {
            byte b = src.buf[i];
            if (b == ',' || b == '"' || b == '\r' || b == '\n') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            bytes(src.buf, 0, src.len);
            return;
        }
        ascii('"');
        for (int i = 0; i < src.len; i++) {
            byte b = src.buf[i];
            if (b == '"') {
                ascii('"');
            }
            ensure(1);
            buf[len++] = b;
        }
        ascii('"');
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8);
    }
}
