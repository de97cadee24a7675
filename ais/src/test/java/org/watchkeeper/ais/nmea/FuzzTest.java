package org.watchkeeper.ais.nmea;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.watchkeeper.ais.json.GpsdJsonWriter;

/**
 * Robustness: arbitrary bytes and mutated real sentences never make the decoder throw, and every
 * line ends up counted exactly once (as message part, other sentence, blank, tag-block-only or a
 * rejection with a reason).
 */
class FuzzTest {
    /** Real sentences covering the framing features (from the shared case inputs and data files). */
    private static final String[] POOL = {
        "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A",
        "!BSVDM,1,1,,A,13oOBn00000NIB@SoTEcDDHN0<0H,0*38",
        "!AIVDO,1,1,,,11auciwP00GRV:4CBpK8N?wF2000,0*51",
        "!AIVDM,1,1,,A,100u3FP04r28t0<WcshcQI<H0H79,0",
        "!AIVDM,2,1,0,A,539p4OT00000@7W3K@08ThiLE8@E:0000000001S0h9135Pl?0R0C@UDQp00,0*68",
        "!AIVDM,2,2,0,A,00000000000,2*24",
        "!AIVDM,2,2,9,,8888888880,2*54",
        "\\s:blah,c:1747818025*38\\!AIVDM,1,1,,A,35?dabP01a1e>ktEQVGT93Gp0000,0*51",
        "\\s:blah,c:1747818025*38\\!AAVDM,0,1,,B,16UK7Fi0?w4tQF0l4Q@>401v1PS;,0*0F",
        "\\g:1-2-3985,s:rEV02,c:1334337317*2D\\!AIVDM,2,1,9,B,58KvN<42ACikUKW77F1H4hF0<PTp622222222216`0`cF5BF0RT13H0T,0*70",
        "\\g:2-2-3985*5A\\!AIVDM,2,2,9,B,PFRC88888888880,2*29",
        "\\si:AISD*3F\\",
        "\\1G2:0125,c:1354719387*0D\\!AIVDM,2,1,4,A,539LiHP2;42`@pE<000<tq@V1<TpL4000000001?1SV@@73R0J0TQCAD,0*1E",
        "\\2G2:0125*7B\\!AIVDM,2,2,4,A,R0EQCP000000000,2*45",
        "$PGHP,1,2013,3,18,9,19,9,499,219,,2190048,1,28*23",
        "$PGHP,1,2013,3,18,9,19,10,624,219,,2190048,1,47*16",
        "$PGHP,1,2012,2,1,20,19,5,651,316,2,316000002,1AIS_S,22*4B,1328133720089",
        "$PGHP,1,2012,2,1,20,19,11,720,316,2,316000002,1AIS_S,6D*0B,1328133720098",
        "!BSVDM,1,1,,B,14VliT002O0q2DBP:dAu7JRD0<0s,0*28",
        "!AIVDM,1,1,,B,15?t00002Sctd0aial1<Wb@>0@4W,0*18,1328182324635",
        "!AIVDM,1,1,1,A,A;wUJKU>io;WlWuwH`W1PpnuN<isf;5iHtOM1S6q?vsvNrNGOqLcr5mfD6t,2*51,d-127,S1378,t024436.00,T36.76385108,r09SCHA1,1272422678",
        "!=IVDM,1,1,,A,18JSmJ001D8FqSClKd51JAD20D0W,0*2E",
        "$GPRMC,114702.00,A,3255.2470,S,15146.8590,E,0.0,0.0,270112,,,A*6F",
        "$PSTT,30C,A,1,00,009*26",
        "!AIVDM,1,1,,A,137b0v00270B2K<MI`7pgG2l08@K4cG>`<,0*29",
        " !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A ",
        "",
    };
    private static final byte[] SPECIAL = "!$\\*,:-0123456789ABCDEFabcdefGVDMOIS \t\r\n@`w".getBytes(StandardCharsets.ISO_8859_1);

    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<Byte> b = Arbitraries.oneOf(Arbitraries.of(box(SPECIAL)), Arbitraries.bytes());
        return b.list().ofMaxSize(600).map(l -> {
            byte[] a = new byte[l.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = l.get(i);
            }
            return a;
        });
    }

    private static Byte[] box(byte[] a) {
        Byte[] r = new Byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i];
        }
        return r;
    }

    @Provide
    Arbitrary<byte[]> mutatedStreams() {
        Arbitrary<String> line = Combinators.combine(Arbitraries.of(POOL), Arbitraries.integers().between(0, 4), Arbitraries.longs())
                .as((l, n, seed) -> mutate(l, n, new Random(seed)));
        return Combinators.combine(line.list().ofMinSize(1).ofMaxSize(40), Arbitraries.longs()).as((lines, seed) -> {
            Random r = new Random(seed);
            StringBuilder sb = new StringBuilder();
            for (String s : lines) {
                sb.append(s).append(switch (r.nextInt(4)) {
                    case 0 -> "\r\n";
                    case 1 -> "\r";
                    default -> "\n";
                });
            }
            if (r.nextBoolean()) {
                sb.setLength(Math.max(0, sb.length() - r.nextInt(3))); // maybe no final terminator
            }
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        });
    }

    /** Applies {@code n} random edits: flip, insert, delete, truncate, duplicate a field. */
    static String mutate(String line, int n, Random r) {
        StringBuilder s = new StringBuilder(line);
        for (int i = 0; i < n; i++) {
            int len = s.length();
            int op = r.nextInt(5);
            int pos = len == 0 ? 0 : r.nextInt(len);
            char c = (char) (SPECIAL[r.nextInt(SPECIAL.length)] & 0xff);
            if (r.nextInt(4) == 0) {
                c = (char) r.nextInt(256);
            }
            switch (op) {
                case 0 -> {
                    if (len > 0) {
                        s.setCharAt(pos, c);
                    }
                }
                case 1 -> s.insert(pos, c);
                case 2 -> {
                    if (len > 0) {
                        s.deleteCharAt(pos);
                    }
                }
                case 3 -> s.setLength(pos);
                default -> {
                    int a = s.indexOf(",", pos);
                    if (a >= 0) {
                        int b = s.indexOf(",", a + 1);
                        if (b > a) {
                            s.insert(b, s.substring(a, b));
                        }
                    }
                }
            }
        }
        return s.toString();
    }

    static void check(byte[] text, int chunk, Options o) {
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(o, Nmea.collector(out));
        for (int i = 0; i < text.length; i += chunk) {
            d.feed(text, i, Math.min(chunk, text.length - i));
            assertThat(d.stats().accountedLines()).isEqualTo(d.stats().lines());
        }
        d.finish();
        Stats s = d.stats();
        long lines = RealFilesTest.countLines(text);
        assertThat(s.lines()).isEqualTo(lines);
        assertThat(s.accountedLines()).isEqualTo(lines);
        assertThat(s.pendingFragmentLines()).isZero();
        List<Rejection> rejections = Nmea.rejections(out);
        List<ReceivedMessage> messages = Nmea.messages(out);
        assertThat((long) rejections.size()).isEqualTo(s.rejectedLines());
        assertThat((long) messages.size()).isEqualTo(s.messages());
        assertThat(rejections).allSatisfy(r -> {
            assertThat(r.reason()).isNotNull();
            assertThat(r.lineNumber()).isBetween(1L, lines);
            assertThat(r.line().length()).isLessThanOrEqualTo(o.maxLineLength());
        });
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.sentences()).isBetween(1, 9);
            assertThat(m.message().messageType()).isBetween(1, 27);
        });
    }

    /**
     * Every output of a decoder fed {@code text} in chunks of {@code chunk} bytes, as text: a
     * rejection's record, a message's JSON with the metadata the JSON leaves out.
     */
    static List<String> outputs(byte[] text, int chunk, Options o) {
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(o, Nmea.collector(out));
        for (int i = 0; i < text.length; i += chunk) {
            d.feed(text, i, Math.min(chunk, text.length - i));
        }
        d.finish();
        List<String> texts = new ArrayList<>();
        for (Object x : out) {
            if (x instanceof ReceivedMessage m) {
                java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
                try {
                    GpsdJsonWriter w = new GpsdJsonWriter(json);
                    w.write(m);
                    w.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                texts.add(json.toString(StandardCharsets.ISO_8859_1) + " " + m.lineNumber() + " " + m.sentences() + " "
                        + m.timeSource() + " " + m.checksumVerified() + " " + m.tagBlock() + " " + m.trailer());
            } else {
                texts.add(x.toString());
            }
        }
        Stats st = d.stats();
        texts.add(st.summary() + " " + st.otherSentences() + " " + st.rejections() + " " + st.lengthAnomalies()
                + " " + st.firstReceiveTimeMillis() + " " + st.lastReceiveTimeMillis());
        return texts;
    }

    private static Options options(int variant) {
        Options o = Options.DEFAULT;
        if ((variant & 1) != 0) {
            o = o.withLenientChecksum(true).withAcceptBadTagBlockChecksum(true);
        }
        if ((variant & 2) != 0) {
            o = o.withMaxLineLength(64).withMaxPendingGroups(2).withMaxFragmentAgeLines(3);
        }
        return o;
    }

    /**
     * A buffer holding whole lines takes the one-pass scan of each line; one byte per feed takes
     * the general path (line end first, then the line). Both give the same messages, rejections
     * and counters.
     */
    @Property(tries = 1000)
    void wholeBufferAndByteByByteFeedsAgree(@ForAll("mutatedStreams") byte[] text,
                                            @ForAll @IntRange(min = 0, max = 3) int variant) {
        Options o = options(variant);
        assertThat(outputs(text, text.length + 1, o)).isEqualTo(outputs(text, 1, o));
    }

    @Property(tries = 1000)
    void arbitraryBytesNeverThrowAndEveryLineIsCounted(@ForAll("noise") byte[] text,
                                                        @ForAll @IntRange(min = 1, max = 700) int chunk,
                                                        @ForAll @IntRange(min = 0, max = 3) int variant) {
        check(text, chunk, options(variant));
    }

    @Property(tries = 1500)
    void mutatedRealSentencesNeverThrowAndEveryLineIsCounted(@ForAll("mutatedStreams") byte[] text,
                                                              @ForAll @IntRange(min = 1, max = 5000) int chunk,
                                                              @ForAll @IntRange(min = 0, max = 3) int variant) {
        check(text, chunk, options(variant));
    }
}
