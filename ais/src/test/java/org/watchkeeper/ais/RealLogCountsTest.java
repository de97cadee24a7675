package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.watchkeeper.ais.json.GpsdJsonWriter;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.ais.nmea.Stats;

/**
 * Every AIS log in {@code shared/data/ais} decodes with {@link AisStreamDecoder} default options
 * without an exception, to exactly the pinned counts: input lines, decoded messages, messages per
 * type, distinct source MMSIs and rejected lines per {@link RejectReason}. A few decoded lines are
 * pinned field by field after decoding their payload bits by hand against the ITU-R M.1371-5
 * message tables. Skipped when the shared folder ({@code watchkeeper.shared}) is absent.
 *
 * <h2>Cross-check with gpsd</h2>
 * The per-type counts were compared with gpsd 3.22 {@code gpsdecode -s} (Debian gpsd-clients;
 * {@code -s} prints type 24 parts A and B separately; without it gpsdecode prints a type 24 only
 * once both parts of one MMSI have been seen, e.g. 7 instead of 61 in ais-sample.txt.gz). The two
 * message sequences were aligned per file: gpsdecode never decoded a message that we do not,
 * except in nmea-timestamped.txt (F). Every message only we decode falls in one of these groups:
 * <ul>
 * <li>A: talker {@code =I} ({@code !=IVDM}, {@code !=IVDO}, 1 475 messages in the AMSA feed): the
 *     talker was mangled before the checksum was computed, so the checksum is right and the payload
 *     intact; gpsd's packet lexer only knows fixed talkers and drops these lines.</li>
 * <li>B: channel field {@code 0} (AMSA {@code !ABVDM,1,1,9,0,...}): gpsd rejects "invalid AIS
 *     channel 0x30"; IEC 61162-1 leaves the field to the receiver, we keep it as sent.</li>
 * <li>C: payload length not nominal for its type (satellite reception, flagged
 *     {@code length_anomaly}): gpsd rejects "message type N size is out of range"; we decode the
 *     mandatory fields and ignore extra bits, as for any record.</li>
 * <li>D: a valid sentence right after a truncated line without checksum
 *     ({@code !=IVDM,1,1,,B,13mG0<0P@3}): gpsd's lexer swallows the next line into the bad packet;
 *     we reject only the truncated line ({@code NO_CHECKSUM}).</li>
 * <li>E: the last line of the file has no line terminator: gpsdecode never processes it.</li>
 * <li>F: tag block checksum {@code *00} on every line: we reject {@code BAD_TAG_BLOCK_CHECKSUM}
 *     by default (IEC 61162-450 §7.3); gpsd does not check tag blocks.</li>
 * <li>G: channel {@code C}: gpsd ignores it ("secure AIS"); we keep the channel as sent.</li>
 * <li>H: talkers {@code --}, {@code BY}, {@code SS} (correct checksums): not in gpsd's lexer.</li>
 * </ul>
 * <pre>
 * file                                     ours    gpsdecode  difference
 * amsa-risky/ais.txt.gz                    33 985  32 437     A 1 475, B 62, C 9, D 2
 * amsa-risky/exact-earth-augmented-2.txt    1 123   1 099     C 24
 * amsa-risky/exact-earth-augmented-3.txt    4 279   4 224     C 55
 * amsa-risky/exact-earth-augmented.txt      3 955   3 942     C 13
 * amsa-risky/exact-earth-with-tag-block.txt   200     199     E 1
 * amsa-risky/nmea-timestamped.txt               0      99     F 100, E -1
 * dma-aisabnormal/212123000_drift_1.ais     3 130   3 130
 * dma-aisabnormal/219165000_ssc_1.ais          80      80
 * dma-aisabnormal/538004030_drift_1.ais     5 252   5 252
 * dma-aisabnormal/ais-sample.txt.gz        26 077  26 077
 * dma-aislib/ais250.txt                       235     234     E 1
 * dma-aislib/decode_encode_messages.txt       601     601
 * dma-aislib/replay_dump.txt                   50      50
 * dma-aislib/retry_example.txt                  6       6
 * dma-aislib/small_cb_example.txt              11       8     G 2, H 1
 * dma-aislib/stream_example.txt             4 051   4 018     H 33 (18 "--", 8 BY, 7 SS)
 * signalk/nais300-merrimac.log                536     536
 * signalk/nais400-merrimac.log                668     668
 * </pre>
 * Lines both reject: the {@code NO_CHECKSUM}, {@code BAD_CHECKSUM}, {@code PAYLOAD_TOO_SHORT},
 * {@code UNKNOWN_MESSAGE_TYPE}, fragment and {@code MALFORMED_SENTENCE} lines below (ais250.txt
 * has 8 lines with a literal {@code \r\n} text after the checksum). For the messages both decode,
 * the common JSON fields were compared value by value; all differences are gpsd 3.22 behaviour,
 * not ours: types 25/26 addressed — gpsd reads the data from bit 70, but the M.1371-5 tables put
 * 2 spare bits after the 30-bit destination MMSI (data from bit 72, so gpsd's data is 2 bits
 * longer and its type 26 {@code app_id} shifted); type 26 — gpsd writes {@code radio} 0 and does
 * not mask the last data nibble; scaled {@code turn} — gpsd drops the sign (raw -11 is -5.4°/min,
 * gpsd writes 5) and truncates; type 21 — gpsd leaves out the name extension (bits 272..);
 * type 17 — gpsd rounds lat/lon to 0.1° (raw unit 0.1 minute); inland (DAC 200 FI 10) dimensions
 * — gpsd writes raw decimetres / centimetres, we write metres; EPFD 15 — "internal GNSS" in
 * M.1371-5, unknown to gpsd; plus spelling of {@code *_text} values and not-available values
 * gpsd writes and we leave out.
 *
 * <h2>SOURCES.md counts</h2>
 * SOURCES.md lists lines / msgs / MMSI made with a throwaway counter. Lines agree for every file.
 * Messages and MMSIs agree for ais-sample.txt.gz, the three DMA scenario files,
 * decode_encode_messages.txt, ais250.txt, replay_dump.txt, retry_example.txt,
 * exact-earth-with-tag-block.txt and both signalk logs. The others differ as follows; the counter
 * behaves as if it skipped unknown talkers and channels (like gpsd) and counted every payload
 * with an MMSI whatever its length or type:
 * <pre>
 * file                          SOURCES msgs/MMSI  ours          why
 * stream_example.txt            4 033 / 1 933      4 051 / 1 933 +18 "!--VDM" (MMSI 2655619 also seen with other talkers)
 * small_cb_example.txt              8 / 6             11 / 8     +2 channel C, +1 "!--VDM"
 * ais.txt.gz                   32 455 / 2 249     33 985 / 2 321 +1 475 "=I", +62 channel 0, -6 too short, -1 type 63
 * exact-earth-augmented-3.txt   4 313 / 607        4 279 / 576   -30 too short, -4 type 24 part 2/3
 * exact-earth-augmented-2.txt   1 135 / 221        1 123 / 216   -10 too short, -2 type 24 part 2/3
 * exact-earth-augmented.txt     3 968 / 1 081      3 955 / 1 077 -13 too short (4 more are 8-bit payloads, no MMSI)
 * nmea-timestamped.txt            100 / 85             0 / 0     tag block *00: 100 / 85 with acceptBadTagBlockChecksum
 * </pre>
 */
class RealLogCountsTest {

    /** Expected counts of one file; {@code types} and {@code rejected} as {@code key=count} pairs in ascending order. */
    record Expected(String file, long lines, long messages, String types, int mmsis, String rejected) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static Expected row(String file, long lines, long messages, String types, int mmsis, String rejected) {
        return new Expected(file, lines, messages, types, mmsis, rejected);
    }

    static final List<Expected> EXPECTED = List.of(
            row("amsa-risky/ais.txt.gz", 44687, 33985,
                    "1=19337 3=3717 4=5237 5=1778 6=36 7=1 9=44 10=13 11=15 12=1 13=1 14=2 15=4 16=3 17=116 18=2745"
                            + " 20=262 21=312 22=1 23=2 24=357 25=1", 2321,
                    "NO_CHECKSUM=87 BAD_CHECKSUM=13 PAYLOAD_TOO_SHORT=23 UNKNOWN_MESSAGE_TYPE=1 INCOMPLETE_MESSAGE=4"),
            row("amsa-risky/exact-earth-augmented-2.txt", 2138, 1123,
                    "1=616 3=96 5=198 6=10 7=5 8=17 10=5 12=5 13=3 14=2 15=5 16=10 17=5 18=85 20=6 21=9 22=2 23=5"
                            + " 24=30 25=5 26=3 27=1", 216,
                    "PAYLOAD_TOO_SHORT=10 UNKNOWN_MESSAGE_TYPE=2"),
            row("amsa-risky/exact-earth-augmented-3.txt", 7672, 4279,
                    "1=2453 3=372 4=27 5=1122 6=17 7=13 8=43 9=1 10=17 12=10 13=9 14=8 15=5 16=16 17=21 18=43 20=20"
                            + " 21=18 22=11 23=14 24=20 25=11 26=7 27=1", 576,
                    "PAYLOAD_TOO_SHORT=30 UNKNOWN_MESSAGE_TYPE=4 ORPHAN_FRAGMENT=4"),
            row("amsa-risky/exact-earth-augmented.txt", 7160, 3955,
                    "1=2686 3=230 4=35 5=912 6=5 7=3 8=7 10=4 11=2 12=1 13=2 14=5 15=11 16=7 17=1 18=12 20=6 21=14"
                            + " 22=2 23=2 24=2 25=4 26=1 27=1", 1077,
                    "PAYLOAD_TOO_SHORT=17"),
            row("amsa-risky/exact-earth-with-tag-block.txt", 221, 200, "1=163 3=15 5=21 11=1", 121, ""),
            row("amsa-risky/nmea-timestamped.txt", 100, 0, "", 0, "BAD_TAG_BLOCK_CHECKSUM=100"),
            row("dma-aisabnormal/212123000_drift_1.ais", 10018, 3130, "1=1741 3=822 5=562 11=5", 1, ""),
            row("dma-aisabnormal/219165000_ssc_1.ais", 249, 80, "1=33 3=26 5=9 10=12", 1, ""),
            row("dma-aisabnormal/538004030_drift_1.ais", 16104, 5252, "1=4975 3=54 5=223", 1, ""),
            row("dma-aisabnormal/ais-sample.txt.gz", 80246, 26077, "1=20044 3=4151 4=1234 5=69 18=493 21=25 24=61", 1508, ""),
            row("dma-aislib/ais250.txt", 243, 235, "1=162 3=13 4=19 8=1 18=23 21=3 24=14", 167, "MALFORMED_SENTENCE=8"),
            row("dma-aislib/decode_encode_messages.txt", 646, 601, "1=282 3=35 4=71 5=15 8=30 18=103 20=37 24=28", 50, ""),
            row("dma-aislib/replay_dump.txt", 108, 50, "1=43 3=1 4=2 5=1 18=1 24=2", 34, ""),
            row("dma-aislib/retry_example.txt", 11, 6, "1=3 5=2 8=1", 6, "ORPHAN_FRAGMENT=1 INCOMPLETE_MESSAGE=1"),
            row("dma-aislib/small_cb_example.txt", 27, 11, "1=5 5=4 8=1 20=1", 8, "ORPHAN_FRAGMENT=1"),
            row("dma-aislib/stream_example.txt", 8551, 4051,
                    "1=2511 2=7 3=369 4=129 5=424 6=37 7=9 8=63 9=1 15=66 16=23 17=5 18=101 20=191 21=37 23=4 24=74",
                    1933, ""),
            row("signalk/nais300-merrimac.log", 579, 536, "1=339 3=37 5=13 8=13 18=133 20=1", 52, ""),
            row("signalk/nais400-merrimac.log", 765, 668, "1=492 3=50 4=12 5=35 8=21 15=9 18=13 20=5 21=26 24=5", 155, ""));

    /**
     * Lines whose payload bits were decoded by hand (bit offset/width per the record's ITU table)
     * and compared with our JSON, which is pinned here in full. {@code line} is the 1-based line of
     * the (first) sentence.
     */
    record HandChecked(String file, long line, String json) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    static final List<HandChecked> HAND_CHECKED = List.of(
            // !AIVDM,1,1,,A,25@fFb0u@S0AMh4MGjJe3rPV0@<0,0*61 (type 2, 168 bits): status 38/4 = 0; ROT 42/8
            // signed = -11 -> -(11/4.733)^2 = -5.40 deg/min; SOG 50/10 = 35; lon 61/28 = 2289154 / 600000;
            // lat 89/27 = 30798442 / 600000; COG 116/12 = 3343; heading 336; second 19; SOTDMA 149/19:
            // sync 0, timeout 4, sub-message 768 = slot number. Time from the $PGHP line before it.
            new HandChecked("dma-aislib/stream_example.txt", 2866,
                    "{\"class\":\"AIS\",\"type\":2,\"repeat\":0,\"mmsi\":\"353081000\",\"status\":0,"
                            + "\"status_text\":\"Under way using engine\",\"turn\":-5.4,\"speed\":3.5,\"accuracy\":false,"
                            + "\"lon\":3.815257,\"lat\":51.330737,\"course\":334.3,\"heading\":336,\"second\":19,"
                            + "\"maneuver\":0,\"raim\":false,\"radio\":66304,\"sync_state\":0,\"slot_timeout\":4,"
                            + "\"slot_number\":768,\"time\":\"2010-06-11T11:46:20.741Z\",\"time_source\":\"pghp\","
                            + "\"talker\":\"AI\",\"channel\":\"A\"}"),
            // !BSVDM,2,1,3,A,58IIrt025jfSUKW;;:0l4E9<f18E<tiE@F22220P3iVUO6oS0>4kmE28,0*70 + 2,2 fill 2 (type 5,
            // 424 bits): IMO 40/30 = 8768232; callsign 70/42 "9V9222"; name 112/120 "MAERSK RESOLUTE";
            // ship type 232/8 = 32; A/B/C/D 240/9, 249/9, 258/6, 264/6 = 30/102/37/31; EPFD 270/4 = 1;
            // ETA month/day/hour/minute 274/4, 278/5, 283/5, 288/6 = 11/15/3/0; draught 294/8 = 56;
            // destination 302/120 "SOUTH ARNE FIELD"; DTE 422/1 = 0.
            new HandChecked("dma-aislib/retry_example.txt", 1,
                    "{\"class\":\"AIS\",\"type\":5,\"repeat\":0,\"mmsi\":\"563510000\",\"ais_version\":0,"
                            + "\"imo\":8768232,\"callsign\":\"9V9222\",\"shipname\":\"MAERSK RESOLUTE\",\"shiptype\":32,"
                            + "\"shiptype_text\":\"Towing: length exceeds 200 m or breadth exceeds 25 m\",\"to_bow\":30,"
                            + "\"to_stern\":102,\"to_port\":37,\"to_starboard\":31,\"epfd\":1,\"epfd_text\":\"GPS\","
                            + "\"eta\":\"11-15T03:00Z\",\"draught\":5.6,\"destination\":\"SOUTH ARNE FIELD\",\"dte\":0,"
                            + "\"talker\":\"BS\",\"channel\":\"A\",\"sentences\":2}"),
            // !BSVDM,1,1,,A,402R3bQunn;ss0s>KfPOeUQ0080:,0*09 (type 4, base station 002655146): year 38/14 =
            // 2013, month 11, day 12, 11:59:59; lon 79/28 = 7762807 / 600000; lat 107/27 = 34074006 / 600000;
            // EPFD 134/4 = 1; SOTDMA sync 0, timeout 2, slot number 10. Receive time from $PGHP.
            new HandChecked("dma-aisabnormal/ais-sample.txt.gz", 96,
                    "{\"class\":\"AIS\",\"type\":4,\"repeat\":0,\"mmsi\":\"002655146\",\"year\":2013,\"month\":11,"
                            + "\"day\":12,\"hour\":11,\"minute\":59,\"second\":59,\"accuracy\":false,\"lon\":12.938012,"
                            + "\"lat\":56.79001,\"epfd\":1,\"epfd_text\":\"GPS\",\"raim\":false,\"radio\":32778,"
                            + "\"sync_state\":0,\"slot_timeout\":2,\"slot_number\":10,\"time\":\"2013-11-12T12:00:00.307Z\","
                            + "\"time_source\":\"pghp\",\"talker\":\"BS\",\"channel\":\"A\"}"),
            // !AIVDM,1,1,,A,B3`ho>P0086<qt7VmfK<kwb5oP06,0*06 (type 18): SOG 46/10 = 0; accuracy 1; lon 57/28 =
            // 3251448 / 600000; lat 85/27 = 31905510 / 600000; COG 112/12 = 3276; heading 124/9 = 511 (not
            // available, absent); second 20; flags 141..147 = 1,0,1,1,1,0,1; selector 148 = 1 (ITDMA):
            // sync 3, slot increment 0, slots 3, keep 0.
            new HandChecked("signalk/nais300-merrimac.log", 105,
                    "{\"class\":\"AIS\",\"type\":18,\"repeat\":0,\"mmsi\":\"244070202\",\"reserved\":0,\"speed\":0,"
                            + "\"accuracy\":true,\"lon\":5.41908,\"lat\":53.17585,\"course\":327.6,\"second\":20,"
                            + "\"regional\":0,\"cs\":true,\"display\":false,\"dsc\":true,\"band\":true,\"msg22\":true,"
                            + "\"assigned\":false,\"raim\":true,\"radio\":917510,\"sync_state\":3,\"slot_increment\":0,"
                            + "\"slots\":3,\"keep\":false,\"talker\":\"AI\",\"channel\":\"A\"}"),
            // !ABVDM,1,1,4,A,E>lskw<2W:90W1RP000000000005KM4OnUE<820@@@PP0SQEhhDm31H43lU0,0*35 (type 21, 360
            // bits): aid type 38/5 = 24; name 43/120 "ENTRANCE" + name extension 272/88 "NEWCASTLE PORT";
            // lon 164/28 = 91083039 / 600000; lat 192/27 signed = -19748255 / 600000; A/B/C/D = 2/2/2/2;
            // EPFD 1; second 1; off-position 0; AtoN status 0; RAIM 0; virtual 0; assigned 1.
            new HandChecked("amsa-risky/ais.txt.gz", 6917,
                    "{\"class\":\"AIS\",\"type\":21,\"repeat\":0,\"mmsi\":\"995030012\",\"aid_type\":24,"
                            + "\"aid_type_text\":\"Port hand mark\",\"name\":\"ENTRANCENEWCASTLE PORT\",\"accuracy\":false,"
                            + "\"lon\":151.805065,\"lat\":-32.913758,\"to_bow\":2,\"to_stern\":2,\"to_port\":2,"
                            + "\"to_starboard\":2,\"epfd\":1,\"epfd_text\":\"GPS\",\"second\":1,\"off_position\":false,"
                            + "\"regional\":0,\"raim\":false,\"virtual_aid\":false,\"assigned\":true,\"talker\":\"AB\","
                            + "\"channel\":\"A\"}"),
            // !AIVDM,1,1,,A,I2H07T`7JA;@PnVHrkqBcB:b00Rr,0*32,... (type 25, 168 bits): addressed 38/1 = 1,
            // structured 39/1 = 0; destination 40/30 = 31081652 (coast station, "031081652"); spare 70/2 = 0;
            // data 72..167 = 96 bits 836998eb3e52ad22aa0008ba (gpsdecode: 98 bits from bit 70).
            new HandChecked("amsa-risky/exact-earth-augmented-3.txt", 7480,
                    "{\"class\":\"AIS\",\"type\":25,\"repeat\":0,\"mmsi\":\"159385490\",\"addressed\":true,"
                            + "\"structured\":false,\"dest_mmsi\":\"031081652\",\"data\":\"96:836998eb3e52ad22aa0008ba\","
                            + "\"time\":\"2012-02-02T10:30:13.785Z\",\"time_source\":\"pghp\",\"talker\":\"AI\","
                            + "\"channel\":\"A\"}"));

    /** One decoded file: the counters, the distinct MMSIs and the hand-checked messages (by line). */
    record Run(Stats stats, int mmsis, Map<Long, ReceivedMessage> wanted) {
    }

    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    static Path aisDir() {
        String shared = System.getProperty("watchkeeper.shared");
        Assumptions.assumeTrue(shared != null, "system property watchkeeper.shared not set: shared AIS logs not available");
        Path dir = Path.of(shared, "data", "ais");
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared AIS logs not found at " + dir);
        return dir;
    }

    static Run run(String file) {
        return RUNS.computeIfAbsent(file, f -> decode(aisDir().resolve(f), f));
    }

    private static Run decode(Path p, String file) {
        Set<Long> lines = HAND_CHECKED.stream().filter(h -> h.file().equals(file)).map(HandChecked::line).collect(Collectors.toSet());
        Set<Integer> mmsis = new HashSet<>();
        Map<Long, ReceivedMessage> wanted = new TreeMap<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                mmsis.add(m.message().mmsi());
                if (lines.contains(m.lineNumber())) {
                    wanted.put(m.lineNumber(), m);
                }
            }

            @Override
            public void rejected(Rejection r) {
            }
        });
        try (InputStream raw = Files.newInputStream(p);
             InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            d.consume(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + p, e);
        }
        return new Run(d.stats(), mmsis.size(), wanted);
    }

    static Expected actual(String file, Run r) {
        Stats s = r.stats();
        StringBuilder types = new StringBuilder();
        for (int t = 0; t < 64; t++) {
            if (s.messages(t) != 0) {
                types.append(types.length() == 0 ? "" : " ").append(t).append('=').append(s.messages(t));
            }
        }
        String rejected = s.rejections().entrySet().stream()
                .map(e -> e.getKey().name() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return new Expected(file, s.lines(), s.messages(), types.toString(), r.mmsis(), rejected);
    }

    static Stream<Expected> expected() {
        return EXPECTED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expected")
    void decodesToThePinnedCounts(Expected e) {
        Path f = aisDir().resolve(e.file());
        Assumptions.assumeTrue(Files.isRegularFile(f), "shared AIS log missing: " + f);
        Run r = run(e.file());
        Expected a = actual(e.file(), r);
        assertThat(a.lines()).as("lines").isEqualTo(e.lines());
        assertThat(a.messages()).as("messages").isEqualTo(e.messages());
        assertThat(a.types()).as("messages per type").isEqualTo(e.types());
        assertThat(a.mmsis()).as("distinct source MMSIs").isEqualTo(e.mmsis());
        assertThat(a.rejected()).as("rejected lines per reason").isEqualTo(e.rejected());
        // and the counters add up: every line is accounted for once, nothing left pending
        assertThat(r.stats().accountedLines()).isEqualTo(e.lines());
        assertThat(r.stats().pendingFragmentLines()).isZero();
    }

    /** The table above covers the whole folder, so a new log cannot go unchecked. */
    @Test
    void everyLogInTheFolderHasPinnedCounts() throws IOException {
        Path dir = aisDir();
        List<String> present;
        try (Stream<Path> s = Files.walk(dir)) {
            present = s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        assertThat(present).containsExactlyElementsOf(EXPECTED.stream().map(Expected::file).sorted().toList());
    }

    static Stream<HandChecked> handChecked() {
        return HAND_CHECKED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handChecked")
    void handCheckedLineDecodesToTheseExactFields(HandChecked h) throws IOException {
        Path f = aisDir().resolve(h.file());
        Assumptions.assumeTrue(Files.isRegularFile(f), "shared AIS log missing: " + f);
        ReceivedMessage m = run(h.file()).wanted().get(h.line());
        assertThat(m).as("message starting on line " + h.line()).isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GpsdJsonWriter w = new GpsdJsonWriter(out);
        w.write(m);
        w.flush();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(h.json() + "\n");
    }

    /** The record values behind three of the hand-checked lines, in raw units. */
    @Test
    void handCheckedRawValues() {
        PositionReport p = (PositionReport) message("dma-aislib/stream_example.txt", 2866);
        assertThat(p.rateOfTurnRaw()).isEqualTo(-11);
        assertThat(p.longitude()).isEqualTo(2289154 / 600000.0);
        assertThat(p.latitude()).isEqualTo(30798442 / 600000.0);

        AidToNavigationReport a = (AidToNavigationReport) message("amsa-risky/ais.txt.gz", 6917);
        assertThat(a.name()).isEqualTo("ENTRANCE");
        assertThat(a.nameExtension()).isEqualTo("NEWCASTLE PORT");
        assertThat(a.latitude()).isEqualTo(-19748255 / 600000.0);

        SingleSlotBinaryMessage b = (SingleSlotBinaryMessage) message("amsa-risky/exact-earth-augmented-3.txt", 7480);
        assertThat(b.destinationMmsi()).isEqualTo(31081652);
        assertThat(b.spare()).isZero();
        assertThat(b.data().toString()).isEqualTo("96:836998eb3e52ad22aa0008ba");
    }

    private static AisMessage message(String file, long line) {
        Assumptions.assumeTrue(Files.isRegularFile(aisDir().resolve(file)), "shared AIS log missing: " + file);
        ReceivedMessage m = run(file).wanted().get(line);
        assertThat(m).as(file + ":" + line).isNotNull();
        return m.message();
    }

    /** SOURCES.md counts 100 messages / 85 MMSIs in nmea-timestamped.txt: so do we once the *00 tag block checksums are accepted. */
    @Test
    void placeholderTagBlockChecksumsAcceptedGiveTheSourcesCounts() throws IOException {
        Path f = aisDir().resolve("amsa-risky/nmea-timestamped.txt");
        Assumptions.assumeTrue(Files.isRegularFile(f), "shared AIS log missing: " + f);
        Set<Integer> mmsis = new HashSet<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT.withAcceptBadTagBlockChecksum(true), new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                mmsis.add(m.message().mmsi());
            }

            @Override
            public void rejected(Rejection r) {
            }
        });
        try (InputStream in = Files.newInputStream(f)) {
            d.consume(in);
        }
        assertThat(d.stats().messages()).isEqualTo(100);
        assertThat(d.stats().messages(1)).isEqualTo(75);
        assertThat(d.stats().messages(3)).isEqualTo(25);
        assertThat(mmsis).hasSize(85);
        assertThat(d.stats().rejectedLines()).isZero();
    }
}
