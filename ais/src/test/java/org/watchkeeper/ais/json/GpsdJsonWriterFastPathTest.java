package org.watchkeeper.ais.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.BaseStationReport;
import org.watchkeeper.ais.CommunicationState;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.ais.StandardClassBPositionReport;
import org.watchkeeper.ais.StaticAndVoyageData;
import org.watchkeeper.ais.Units;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.ais.nmea.TimeSource;

/**
 * The JSON writer's paths for types 1-3, 4/11, 5 and 18 (pre-encoded keys, integer digits) write
 * exactly what the records' {@code writeFields} write through the generic
 * {@link org.watchkeeper.ais.FieldSink} path, and the cached reception metadata (date, source, talker, channel) exactly what a fresh
 * encoding gives.
 */
class GpsdJsonWriterFastPathTest {

    private static String write(AisMessage m, boolean fast) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GpsdJsonWriter w = new GpsdJsonWriter(out);
        w.fastPaths = fast;
        w.write(m);
        w.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertSame(AisMessage p) throws IOException {
        String generic = write(p, false);
        assertThat(write(p, true)).as("%s", p).isEqualTo(generic);
    }

    private static PositionReport report(int status, int rot, int speedCode, int lonCode, int latCode, int courseCode,
                                         int headingCode, int second, CommunicationState cs) {
        return new PositionReport(cs instanceof CommunicationState.Itdma ? 3 : 1, 0, 244_123_456, status, rot,
                Units.speedTenths(speedCode), (lonCode & 1) == 0, Units.longitude(lonCode), Units.latitude(latCode),
                Units.courseTenths(courseCode), Units.heading(headingCode), second, second % 3, 0, (latCode & 1) == 0, CommunicationState.rawOf(cs));
    }

    private static final CommunicationState SOTDMA = sotdma(0, 2, 1249);

    private static CommunicationState sotdma(int sync, int timeout, int sub) {
        return new CommunicationState.Sotdma(sync, timeout, sub);
    }

    @Test
    void everyFieldCodeWritesAsTheGenericPathDoes() throws IOException {
        for (int status = -1; status <= 16; status++) {
            assertSame(report(status, 0, 123, 6_000_000, 30_000_000, 2240, 215, 33, SOTDMA));
        }
        for (int rot = -130; rot <= 130; rot++) {
            assertSame(report(0, rot, 123, 6_000_000, 30_000_000, 2240, 215, 33, SOTDMA));
        }
        for (int code = 0; code < 4096; code++) {
            assertSame(report(0, 0, code & 1023, 6_000_000, 30_000_000, code, code & 511, code % 64, SOTDMA));
        }
        for (int timeout = 0; timeout < 8; timeout++) {
            for (int sync = 0; sync < 4; sync++) {
                assertSame(report(0, 0, 1, 1, 1, 1, 1, 1, sotdma(sync, timeout, 0x2A5F)));
            }
        }
        assertSame(report(0, 0, 1, 1, 1, 1, 1, 1, new CommunicationState.Itdma(1, 8191, 7, true)));
        assertSame(report(0, 0, 1, 1, 1, 1, 1, 1, new CommunicationState.Itdma(0, 0, 0, false)));
        assertSame(report(0, 0, 1, 1, 1, 1, 1, 1, null));
        // the "not available" codes of the 28/27-bit position fields, their extremes, and beyond ±180/±90
        for (int code : new int[] {Units.LON_NOT_AVAILABLE, Units.LAT_NOT_AVAILABLE, -(1 << 27), (1 << 27) - 1, 0, 1, -1, 2, -2, 3, -3}) {
            assertSame(report(0, 0, 1, code, code, 1, 1, 1, SOTDMA));
        }
    }

    /** Positions in 1/10 000 min: every code near zero and near whole degrees, and a stride over the whole 28-bit range. */
    @Test
    void positionsRoundAsDecimalDoes() throws IOException {
        List<Integer> codes = new ArrayList<>();
        for (int c = -20_000; c <= 20_000; c++) {
            codes.add(c);
        }
        for (int deg = -180; deg <= 180; deg += 7) {
            for (int d = -50; d <= 50; d++) {
                codes.add(deg * 600_000 + d);
            }
        }
        for (long c = -(1L << 27); c < (1L << 27); c += 9_973) {
            codes.add((int) c);
        }
        ByteText fast = new ByteText(32);
        ByteText generic = new ByteText(32);
        for (int code : codes) {
            fast.clear();
            generic.clear();
            fast.reserve(16);
            fast.putMicroDegrees(code);
            generic.decimal(code / 600_000.0, 6);
            assertThat(fast.toString()).as("code %d", code).isEqualTo(generic.toString());
        }
        assertThat(codes).hasSizeGreaterThan(60_000);
    }

    /** The unchecked clock and MMSI digit writers give what the padded writer gives. */
    @Test
    void clockAndMmsiDigitsMatchPaddedDigits() {
        ByteText fast = new ByteText(32);
        ByteText slow = new ByteText(32);
        for (int ms = 0; ms < 86_400_000; ms += 997) {
            fast.clear();
            slow.clear();
            fast.reserve(16);
            fast.putClock(ms);
            String iso = slow.isoTime(ms).toString();
            assertThat(fast.toString()).isEqualTo(iso.substring(11));
        }
        for (int v : new int[] {0, 1, 9, 10, 99, 100, 3_669_702, 12_345_678, 99_999_999, 100_000_000, 371_798_000, 999_999_999}) {
            fast.clear();
            slow.clear();
            fast.reserve(16);
            fast.putNineDigits(v);
            assertThat(fast.toString()).isEqualTo(slow.padded(v, 9).toString());
        }
    }

    /** Records built by hand with values that are not the decoder's scaled codes take the generic decimal. */
    @Test
    void valuesOffTheCodeGridAreWrittenAsDecimalsAre() throws IOException {
        double[] odd = {12.345, 0.05, -0.05, -1, -0.0, 1e300, -1e300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, 0.0000005, -0.0000005, 179.9999995, 1e-7, 99_999.9, 100_000.5};
        for (double v : odd) {
            assertSame(new PositionReport(2, 3, 7, 5, 0, v, true, v, v, v, 0, 60, 2, 0, true, SOTDMA.raw()));
        }
        assertThat(write(new PositionReport(1, 0, 7, 0, 0, 12.345, true, 12.345, 0.0000005, Double.POSITIVE_INFINITY,
                0, 60, 0, 0, true, NA), true))
                .contains("\"speed\":12.3,").contains("\"lon\":12.345,").doesNotContain("course");
        // a coordinate beyond any position (radio noise: AMSA's log has a type 1 and type 17s beyond ±180°) is left out
        assertThat(write(new PositionReport(1, 0, 7, 0, 0, 12.3, true, 1e300, -90.5, 10, 0, 60, 0, 0, true, NA), true))
                .doesNotContain("\"lon\"").doesNotContain("\"lat\"").contains("\"course\":10,");
        assertThat(write(new PositionReport(1, 0, 7, 0, 0, 12.3, true, -200.53, 90, 10, 0, 60, 0, 0, true, NA), true))
                .doesNotContain("\"lon\"").contains("\"lat\":90,");
    }

    private static ReceivedMessage received(AisMessage m, long time, String source, String talker, char channel) {
        return new ReceivedMessage(m, time, time == Long.MIN_VALUE ? TimeSource.NONE : TimeSource.TAG_BLOCK, source,
                talker, false, channel, true, 168, false, 1, 1, null, null);
    }

    /** The date part cached across messages, and source, talker and channel bytes reused, give what fresh encoding gives. */
    @Test
    void cachedMetadataMatchesFreshEncoding() throws IOException {
        PositionReport p = report(0, 0, 123, 6_000_000, 30_000_000, 2240, 215, 33, SOTDMA);
        String body = write(p, true);
        body = body.substring(0, body.length() - 2); // without "}\n"
        long[] times = {1_716_282_025_000L, 1_716_282_025_120L, 1_716_282_025_999L, 1_716_249_599_999L, 1_716_249_600_000L,
            0, -1, -86_400_000L, 951_782_400_000L, 4_102_444_800_000L, 253_402_300_799_999L, 253_402_300_800_000L,
            -62_167_219_200_001L, Long.MIN_VALUE, 1_716_282_025_000L};
        String[] sources = {"station\"1", "2573155", "2573155", null, "é\\x", "2573155", "b\u0001"};
        String[] talkers = {"AI", "AI", "BS", null, "AB"};
        char[] channels = {'A', 'B', '\0', '1', '\u00e9', '"', 'A'};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GpsdJsonWriter w = new GpsdJsonWriter(out);
        List<String> expected = new ArrayList<>();
        int n = 0;
        for (long t : times) {
            for (int k = 0; k < 3; k++, n++) {
                String s = sources[n % sources.length];
                String tk = talkers[n % talkers.length];
                char ch = channels[n % channels.length];
                w.write(received(p, t, s, tk, ch));
                StringBuilder e = new StringBuilder(body);
                if (t != Long.MIN_VALUE) {
                    ByteText iso = new ByteText(40);
                    iso.isoTime(t);
                    if (t >= 0 && t < 253_402_300_800_000L) {
                        String instant = Instant.ofEpochMilli(t).toString(); // an independent formatter for 0000..9999
                        assertThat(iso.toString()).isEqualTo(instant);
                    }
                    e.append(",\"time\":\"").append(iso).append("\",\"time_source\":\"tag_block\"");
                }
                if (s != null) {
                    e.append(",\"source\":").append(new ByteText(16).jsonString(s));
                }
                if (tk != null) {
                    e.append(",\"talker\":").append(new ByteText(16).jsonString(tk));
                }
                if (ch != '\0') {
                    e.append(",\"channel\":").append(new ByteText(16).jsonString(String.valueOf(ch)));
                }
                expected.add(e.append('}').toString());
            }
        }
        w.flush();
        assertThat(out.toString(StandardCharsets.UTF_8).split("\n")).containsExactlyElementsOf(expected);
    }

    private static final int NA = AisMessage.NOT_AVAILABLE;

    @Test
    void baseStationReportFieldsWriteAsTheGenericPathDoes() throws IOException {
        int[] dateValues = {NA, 0, 1, 9, 10, 12, 23, 59, 60, 9999, 16383};
        for (int v : dateValues) {
            for (int epfd = -1; epfd <= 16; epfd++) {
                for (int type : new int[] {4, 11}) {
                    assertSame(new BaseStationReport(type, epfd & 3, 2_191_000 + epfd, v, v, v, v, v, v, (epfd & 1) == 0,
                            Units.longitude(epfd * 1_000_003 - 3), Units.latitude(-epfd * 700_001), epfd, false, 0,
                            (epfd & 2) == 0, epfd < 0 ? NA : new CommunicationState.Sotdma(epfd & 3, epfd & 7, 0x1234 + epfd).raw()));
                }
            }
        }
        assertSame(new BaseStationReport(4, 0, 2_191_000, 2025, 5, 21, 9, 0, 25, true, Double.NaN, 91.0, 7, true, 0, true, NA));
        assertThat(write(new BaseStationReport(4, 0, 2_191_000, 2025, 5, 21, 9, NA, 25, true, 12.5, 55.75, 1, false, 0, false,
                new CommunicationState.Sotdma(0, 3, 17).raw()), true)).isEqualTo(
                "{\"class\":\"AIS\",\"type\":4,\"repeat\":0,\"mmsi\":\"002191000\",\"year\":2025,\"month\":5,\"day\":21,"
                        + "\"hour\":9,\"second\":25,\"accuracy\":true,\"lon\":12.5,\"lat\":55.75,\"epfd\":1,\"epfd_text\":\"GPS\","
                        + "\"raim\":false,\"radio\":49169,\"sync_state\":0,\"slot_timeout\":3,\"received_stations\":17}\n");
    }

    @Test
    void classBPositionReportFieldsWriteAsTheGenericPathDoes() throws IOException {
        for (int code = 0; code < 4096; code += 7) {
            boolean[] f = new boolean[8];
            for (int k = 0; k < 8; k++) {
                f[k] = (code >>> k & 1) != 0;
            }
            CommunicationState cs = switch (code % 3) {
                case 0 -> new CommunicationState.Sotdma(code & 3, code % 8, code & 0x3fff);
                case 1 -> new CommunicationState.Itdma(code & 3, code & 0x1fff, code % 8, f[3]);
                default -> null;
            };
            assertSame(new StandardClassBPositionReport(18, 0, 367_000_000 + code, code & 255, Units.speedTenths(code & 1023),
                    f[0], Units.longitude(code * 12_345 - 108_600_000), Units.latitude(54_600_000 - code * 6_789),
                    Units.courseTenths(code), Units.heading(code & 511), code % 64, code % 4, f[1], f[2], f[3], f[4], f[5],
                    f[6], f[7], CommunicationState.selected(cs)));
        }
        assertSame(new StandardClassBPositionReport(18, 3, 0, -1, Double.NaN, true, Double.POSITIVE_INFINITY, -90.1,
                1.23456, -7, -1, -2, true, true, true, true, true, true, true,
                CommunicationState.selected(new CommunicationState.Itdma(3, 8191, 7, true))));
    }

    @Test
    void staticAndVoyageDataFieldsWriteAsTheGenericPathDoes() throws IOException {
        String[] texts = {"", "A", "PCFB", "EVER GIVEN", "QUOTE\"BACK\\SLASH", "ROTTERDAM>HAMBURG <", "@#$%&'()*+,-./:;=?"};
        for (int type = -1; type <= 257; type++) {
            String t = texts[Math.floorMod(type, texts.length)];
            int v = type % 5 == 0 ? NA : type;
            assertSame(new StaticAndVoyageData(5, type & 3, 211_000_000 + type, type & 3, type % 7 == 0 ? NA : 9_000_000 + type,
                    t, texts[Math.floorMod(type + 1, texts.length)], type, type & 511, type * 3 & 511, type & 63, type * 5 & 63,
                    type % 17, v == NA ? NA : type % 13, v == NA ? NA : type % 32, type % 3 == 0 ? NA : type % 24,
                    type % 4 == 0 ? NA : type % 60, Units.draught(type & 255), texts[Math.floorMod(type + 2, texts.length)],
                    type & 1, 0));
        }
        assertSame(new StaticAndVoyageData(5, 0, 1, 0, NA, "", "", 0, 0, 0, 0, 0, 0, NA, NA, NA, NA, Double.NaN, "", 1, 0));
        assertSame(new StaticAndVoyageData(5, 0, 1, 0, 1, "\u00e9\n", "x\u2603", 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 12.34, "\t", 1, 0));
    }

    /** Every message of the real logs, with its metadata: the fast paths write the generic path's bytes. */
    @Test
    void realLogsWriteTheSameBytes() throws IOException {
        String shared = System.getProperty("watchkeeper.shared", "../shared");
        Path dir = Path.of(shared).resolve("data/ais");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no real AIS logs at " + dir);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        ByteArrayOutputStream fastOut = new ByteArrayOutputStream();
        ByteArrayOutputStream genericOut = new ByteArrayOutputStream();
        GpsdJsonWriter fast = new GpsdJsonWriter(fastOut);
        GpsdJsonWriter generic = new GpsdJsonWriter(genericOut);
        generic.fastPaths = false;
        int[] positions = new int[4];
        AisListener both = new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                try {
                    fast.write(m);
                    generic.write(m);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                if (m.message() instanceof PositionReport) {
                    positions[0]++;
                } else if (m.message() instanceof BaseStationReport) {
                    positions[1]++;
                } else if (m.message() instanceof StaticAndVoyageData) {
                    positions[2]++;
                } else if (m.message() instanceof StandardClassBPositionReport) {
                    positions[3]++;
                }
            }

            @Override
            public void rejected(Rejection r) {
            }
        };
        for (Path f : files) {
            AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, both);
            try (InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
                d.consume(in);
            }
            d.finish();
        }
        fast.flush();
        generic.flush();
        assertThat(positions[0]).isGreaterThan(50_000);
        assertThat(positions[1]).as("types 4/11").isGreaterThan(5_000);
        assertThat(positions[2]).as("type 5").isGreaterThan(3_000);
        assertThat(positions[3]).as("type 18").isGreaterThan(3_000);
        assertThat(fastOut.size()).isEqualTo(genericOut.size());
        assertThat(fastOut.toByteArray()).isEqualTo(genericOut.toByteArray());
    }
}
