package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The reader's eight-characters-per-step unpacking gives, for every payload length and position in
 * its buffer and whatever follows the payload there, the bits of a symbol-by-symbol reference.
 */
class BitReaderTest {
    private static final String ARMOUR = "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw";

    /** Bit {@code k} of the payload by the ITU layout: symbol k / 6, most significant bit first. */
    private static int refBit(byte[] buf, int off, int k) {
        int v = SixBit.value(buf[off + k / 6]);
        return (v >>> (5 - k % 6)) & 1;
    }

    @Test
    void everyLengthAndFollowingBytesUnpackAsSymbolBySymbol() {
        Random rnd = new Random(20261130L);
        BitReader r = new BitReader();
        byte[] after = ",0*5C\r\n!AIVDMx\u00ff\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int len = 0; len <= 200; len++) {
            for (int trial = 0; trial < 12; trial++) {
                int off = rnd.nextInt(9);
                int tail = trial % 4 == 0 ? 0 : rnd.nextInt(after.length + 1); // 0: payload ends the buffer
                byte[] buf = new byte[off + len + tail];
                for (int i = 0; i < off; i++) {
                    buf[i] = (byte) rnd.nextInt(256);
                }
                for (int i = 0; i < len; i++) {
                    buf[off + i] = (byte) ARMOUR.charAt(rnd.nextInt(64));
                }
                System.arraycopy(after, 0, buf, off + len, tail);
                int fill = len == 0 ? 0 : rnd.nextInt(6);
                r.reset(buf, off, len, fill);
                int bits = Math.max(0, len * 6 - fill);
                assertThat(r.length()).isEqualTo(bits);
                for (int k = 0; k < bits; k++) {
                    assertThat(r.unsignedLong(k, 1)).as("len %d off %d tail %d bit %d", len, off, tail, k)
                            .isEqualTo(refBit(buf, off, k));
                }
                // bits past the payload read as zero, also through a field that starts inside it
                assertThat(r.unsignedLong(bits, 30)).isZero();
                if (bits >= 4) {
                    assertThat(r.unsignedLong(bits - 4, 20) & 0xFFFF).isZero();
                }
                StringBuilder text = new StringBuilder();
                for (int c = 0; c < 20 && (c + 1) * 6 <= bits; c++) {
                    int v = (int) r.unsignedLong(6 * c, 6);
                    if (v == 0) {
                        break;
                    }
                    text.append(SixBit.toAscii(v));
                }
                assertThat(r.text(0, 20)).isEqualTo(text.toString().stripTrailing());
            }
        }
    }

    @Test
    void anIllegalCharacterIsFoundAtEveryPositionButNotAfterThePayload() {
        BitReader r = new BitReader();
        for (int len = 1; len <= 40; len++) {
            for (int bad = 0; bad < len + 8; bad++) {
                byte[] buf = new byte[len + 10];
                java.util.Arrays.fill(buf, (byte) 'w');
                buf[bad] = (byte) (bad % 2 == 0 ? 'X' : '\u0085');
                if (bad < len) {
                    int at = bad;
                    assertThatThrownBy(() -> r.reset(buf, 0, buf.length - 10, 0))
                            .isInstanceOf(AisDecodeException.class)
                            .hasMessageContaining("at " + at)
                            .extracting(e -> ((AisDecodeException) e).reason())
                            .isEqualTo(RejectReason.ILLEGAL_PAYLOAD_CHARACTER);
                    // the same payload ending its buffer (its last characters cannot be read as a word)
                    byte[] alone = java.util.Arrays.copyOf(buf, len);
                    assertThatThrownBy(() -> r.reset(alone, 0, alone.length, 0))
                            .isInstanceOf(AisDecodeException.class)
                            .hasMessageContaining("at " + at);
                } else {
                    r.reset(buf, 0, len, 0);
                    assertThat(r.length()).isEqualTo(6 * len);
                    assertThat(r.unsignedLong(0, 6)).isEqualTo(63);
                }
            }
        }
    }

    @Test
    void theIllegalCharacterMessageNamesTheReasonOnce() {
        // B07: '!' is not a 6-bit armour character; the errors file's detail column is this message
        byte[] buf = "3815;`100!PhmnPPwL=3OmUd0Dg:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new BitReader().reset(buf, 0, buf.length, 0))
                .isInstanceOf(AisDecodeException.class)
                .hasMessage("illegal payload character: '!' at 9");
    }

    /** {@link BitReader#text} as a character-at-a-time reference: stops at the payload's end and at '@', trims spaces. */
    private static String refText(byte[] payload, int fill, int start, int chars) {
        int bits = payload.length * 6 - fill;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < chars && start + 6 * (i + 1) <= bits; i++) {
            int c = 0;
            for (int k = 0; k < 6; k++) {
                c = c << 1 | refBit(payload, 0, start + 6 * i + k);
            }
            if (c == 0) {
                break;
            }
            sb.append(SixBit.toAscii(c));
        }
        int n = sb.length();
        while (n > 0 && sb.charAt(n - 1) == ' ') {
            n--;
        }
        return sb.substring(0, n);
    }

    /**
     * Text fields of every width up to 30 characters at every start, read from random payloads with
     * spaces, '@' and the whole 6-bit alphabet, on one reader (so through its cache of recent texts,
     * which the repeated payloads hit), equal the reference.
     */
    @Test
    void textFieldsEqualACharacterByCharacterReading() {
        Random rnd = new Random(20261207L);
        BitReader r = new BitReader();
        byte[][] payloads = new byte[40][];
        for (int p = 0; p < payloads.length; p++) {
            byte[] b = new byte[1 + rnd.nextInt(90)];
            for (int i = 0; i < b.length; i++) {
                int pick = rnd.nextInt(10);
                b[i] = (byte) ARMOUR.charAt(pick == 0 ? 0 : pick == 1 ? 32 : rnd.nextInt(64)); // '@', ' ' or any
            }
            payloads[p] = b;
        }
        int checked = 0;
        for (int round = 0; round < 3; round++) {
            for (byte[] b : payloads) {
                int fill = rnd.nextInt(6);
                r.reset(b, 0, b.length, fill);
                for (int chars = 0; chars <= 30; chars++) {
                    for (int start = 0; start <= b.length * 6; start += 1 + rnd.nextInt(7)) {
                        assertThat(r.text(start, chars)).as("start %d, %d chars", start, chars)
                                .isEqualTo(refText(b, fill, start, chars));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(50_000);
    }

    /** The same codes give the same text object back; other codes, or the same codes as a longer field, do not. */
    @Test
    void repeatedTextIsTheSameObjectAndDifferentTextIsNot() {
        BitReader r = new BitWriter().unsigned(36, 5).text(7, "HMS").unsigned(30, 0).toReader();
        String a = r.text(36, 7);
        assertThat(a).isEqualTo("HMS");
        assertThat(r.text(36, 7)).isSameAs(a);
        assertThat(r.text(36, 8)).isEqualTo("HMS").isNotSameAs(a);
        BitReader same = new BitWriter().unsigned(36, 5).text(7, "HMS").unsigned(30, 0).toReader();
        assertThat(same.text(36, 7)).isEqualTo(a); // another reader: its own texts
        BitReader other = new BitWriter().unsigned(36, 5).text(7, "HMT").unsigned(30, 0).toReader();
        assertThat(other.text(36, 7)).isEqualTo("HMT");
        BitReader shorter = new BitWriter().unsigned(36, 5).text(7, "HMS").toReader(); // the field ends the payload
        assertThat(shorter.text(36, 7)).isEqualTo("HMS");
        assertThat(shorter.text(36, 20)).isEqualTo("HMS"); // cut at the payload's end
    }

    /** {@link SixBit#validArmour} agrees with {@link SixBit#value} on every byte, at every length and offset. */
    @Test
    void validArmourAgreesWithEachCharactersValue() {
        Random rnd = new Random(7L);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ARMOUR.charAt(rnd.nextInt(64));
            }
            if (b.length > 0 && rnd.nextBoolean()) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256); // maybe not armour
            }
            int off = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
            int len = rnd.nextInt(b.length - off + 1);
            boolean ref = true;
            for (int i = off; i < off + len; i++) {
                ref &= SixBit.value(b[i]) >= 0;
            }
            assertThat(SixBit.validArmour(b, off, len)).isEqualTo(ref);
        }
    }
}
