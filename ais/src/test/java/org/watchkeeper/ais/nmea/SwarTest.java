package org.watchkeeper.ais.nmea;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SwarTest {
    private static long word(String eight) {
        return Swar.word(eight.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    @Test
    void leadingDigitsStopsAtTheFirstByteThatIsNoDigit() {
        assertEquals(8, Swar.leadingDigits(word("13842576")));
        assertEquals(3, Swar.leadingDigits(word("138*76\\!")));
        assertEquals(0, Swar.leadingDigits(word(",c:13842")));
        assertEquals(2, Swar.leadingDigits(word("09/:0000"))); // '/' and ':' border the digits
        assertEquals(1, Swar.leadingDigits(word("9\u00b9234567"))); // a byte with the high bit set
        assertEquals(4, Swar.leadingDigits(word("1234\u0000567")));
    }

    @Test
    void digitsValueReadsTheFirstDigitAsTheMostSignificant() {
        assertEquals(13842576L, Swar.digitsValue(word("13842576"), 8));
        assertEquals(138L, Swar.digitsValue(word("138*76\\!"), 3));
        assertEquals(9L, Swar.digitsValue(word("9,000000"), 1));
        assertEquals(0L, Swar.digitsValue(word("00000000"), 8));
        assertEquals(99_999_999L, Swar.digitsValue(word("99999999"), 8));
    }

    @Test
    void agreesWithAByteByByteParseOnRandomWords() {
        Random rnd = new Random(7);
        byte[] b = new byte[8];
        for (int i = 0; i < 100_000; i++) {
            for (int k = 0; k < 8; k++) {
                b[k] = (byte) (rnd.nextInt(10) < 8 ? '0' + rnd.nextInt(10) : rnd.nextInt(256));
            }
            int n = 0;
            long v = 0;
            while (n < 8 && b[n] >= '0' && b[n] <= '9') {
                v = v * 10 + (b[n] - '0');
                n++;
            }
            long w = Swar.word(b, 0);
            assertEquals(n, Swar.leadingDigits(w));
            if (n > 0) {
                assertEquals(v, Swar.digitsValue(w, n));
            }
        }
    }
}
