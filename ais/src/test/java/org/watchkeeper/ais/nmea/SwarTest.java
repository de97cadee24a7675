package org.watchkeeper.ais.nmea;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time digit reading agrees with reading a character at a time. */
class SwarTest {
    private static final String CHARS = "0123456789,r/ :a\u00b0";

    /** The bytes of {@code s} in a buffer with {@code pad} random bytes on each side. */
    private static byte[] padded(String s, int pad, Random rnd) {
        byte[] b = new byte[s.length() + 2 * pad];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        System.arraycopy(s.getBytes(StandardCharsets.ISO_8859_1), 0, b, pad, s.length());
        return b;
    }

    @Test
    void decimalOfUpToEightDigitsIsTheirValue() {
        Random rnd = new Random(1L);
        for (int trial = 0; trial < 100_000; trial++) {
            int n = 1 + rnd.nextInt(8);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append((char) ('0' + (trial % 7 == 0 ? 9 : rnd.nextInt(10))));
            }
            byte[] b = padded(sb + "xxxxxxxx", 0, rnd);
            long mask = -1L >>> (8 * (8 - n));
            long d = (Swar.word(b, 0) ^ Swar.ZEROS) & mask;
            assertThat(Swar.allDigits(d, mask)).isTrue();
            assertThat(Swar.decimal(d << (8 * (8 - n)))).isEqualTo(Integer.parseInt(sb.toString()));
        }
        assertThat(Swar.decimal(0L)).isZero();
    }

    @Test
    void allDigitsIsFalseWhenAnyByteUnderTheMaskIsNoDigit() {
        Random rnd = new Random(2L);
        for (int trial = 0; trial < 100_000; trial++) {
            byte[] b = new byte[8];
            for (int i = 0; i < 8; i++) {
                b[i] = rnd.nextInt(3) == 0 ? (byte) rnd.nextInt(256) : (byte) ('0' + rnd.nextInt(10));
            }
            long mask = 0;
            boolean ref = true;
            for (int i = 0; i < 8; i++) {
                if (rnd.nextBoolean()) {
                    mask |= 0xFFL << (8 * i);
                    ref &= b[i] >= '0' && b[i] <= '9';
                }
            }
            assertThat(Swar.allDigits((Swar.word(b, 0) ^ Swar.ZEROS) & mask, mask)).isEqualTo(ref);
        }
    }

    @Test
    void indexOfFindsTheFirstMatch() {
        Random rnd = new Random(3L);
        for (int trial = 0; trial < 20_000; trial++) {
            int n = rnd.nextInt(30);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(CHARS.charAt(rnd.nextInt(CHARS.length())));
            }
            byte[] b = padded(sb.toString(), rnd.nextInt(3), rnd);
            int from = rnd.nextInt(b.length + 1);
            int to = from + rnd.nextInt(b.length - from + 1);
            int ref = -1;
            for (int i = from; i < to && ref < 0; i++) {
                if (b[i] == ',') {
                    ref = i;
                }
            }
            assertThat(Swar.indexOf(b, from, to, Swar.COMMAS)).isEqualTo(ref);
        }
    }

    /** The trailer's last field as an epoch, a character at a time (the decoder's earlier reading). */
    private static long refTrailerEpoch(byte[] b, int from, int to) {
        int s = to;
        while (s > from && b[s - 1] != ',') {
            s--;
        }
        int n = to - s;
        if (n < 9 || n > 13) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (int i = s; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (b[i] - '0');
        }
        return LineTimes.trailerMillis(v, n);
    }

    @Test
    void trailerEpochAgreesWithACharacterAtATime() {
        Random rnd = new Random(4L);
        String[] real = {"1328133720012", "1272422678", "d-127,S1378,t024436.00,T36.76385108,r09SCHA1,1272422678",
            "1daasd4218,,1357134222", "", ",", "12345678", "99999999999999"};
        int times = 0;
        for (int trial = 0; trial < 200_000; trial++) {
            String t;
            if (trial < real.length) {
                t = real[trial];
            } else {
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(20);
                for (int i = 0; i < n; i++) {
                    sb.append(rnd.nextInt(8) == 0 ? CHARS.charAt(rnd.nextInt(CHARS.length())) : (char) ('0' + rnd.nextInt(10)));
                }
                t = sb.toString();
            }
            int pad = rnd.nextInt(9);
            byte[] b = padded(t, pad, rnd);
            long ref = refTrailerEpoch(b, pad, pad + t.length());
            assertThat(AisStreamDecoder.trailerEpoch(b, pad, pad + t.length())).as(t).isEqualTo(ref);
            if (ref != Long.MIN_VALUE) {
                times++;
            }
        }
        assertThat(times).isGreaterThan(10_000);
    }
}
