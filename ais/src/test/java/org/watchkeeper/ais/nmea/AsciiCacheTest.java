package org.watchkeeper.ais.nmea;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The string cache gives the bytes' text for every length and position, sharing recurring values. */
class AsciiCacheTest {

    @Test
    void everyLengthAndOffsetGivesTheBytesText() {
        byte[] b = "r09SCHA1,r003669945,s:2573345,\u0000\u0000AB,AIx,AIxx,ABCDEFGHIJKLMNOP".getBytes(StandardCharsets.ISO_8859_1);
        AsciiCache c = new AsciiCache(4); // tiny: values collide and replace each other
        for (int round = 0; round < 3; round++) {
            for (int off = 0; off < b.length; off++) {
                for (int len = 0; off + len <= b.length && len <= 17; len++) {
                    assertThat(c.get(b, off, len)).isEqualTo(new String(b, off, len, StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    @Test
    void aRecurringValueIsTheSameString() {
        byte[] a = "xxr09SCHA1,1272422678xxxxxxxx".getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = "r09SCHA1,1272422679xxxxxxxx".getBytes(StandardCharsets.ISO_8859_1);
        AsciiCache c = new AsciiCache(256);
        String first = c.get(a, 2, 8);
        assertThat(first).isEqualTo("r09SCHA1");
        assertThat(c.get(b, 0, 8)).isSameAs(first);
        // shorter value with the same first bytes is a different string
        assertThat(c.get(b, 0, 7)).isEqualTo("r09SCHA");
        assertThat(c.get(a, 2, 8)).isSameAs(first);
        // a long value, and a value that ends the buffer
        assertThat(c.get(a, 2, 19)).isEqualTo("r09SCHA1,1272422678");
        assertThat(c.get(b, b.length - 3, 3)).isEqualTo("xxx");
    }
}
