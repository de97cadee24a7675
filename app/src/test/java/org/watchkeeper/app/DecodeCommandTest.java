package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code watchkeeper decode} in-process on the field cases and real logs of the shared folder. */
class DecodeCommandTest {
    private static final Path SHARED = Path.of(System.getProperty("watchkeeper.shared", "../../shared"));
    private static final Path CASES = SHARED.resolve("cases/inputs");

    /** Case B13 (type 1, MMSI 371798000, ROT -127, SOG 12.3, lon -123.395383, lat 48.381633, COG 224.0, heading 215, second 33). */
    static final String B13 = "{\"class\":\"AIS\",\"type\":1,\"repeat\":0,\"mmsi\":\"371798000\",\"status\":0,"
            + "\"status_text\":\"Under way using engine\",\"turn\":\"fastleft\",\"speed\":12.3,\"accuracy\":true,"
            + "\"lon\":-123.395383,\"lat\":48.381633,\"course\":224,\"heading\":215,\"second\":33,\"maneuver\":0,"
            + "\"raim\":false,\"radio\":34017,\"sync_state\":0,\"slot_timeout\":2,\"slot_number\":1249,"
            + "\"talker\":\"AI\",\"channel\":\"A\"}";

    /** Case B10 line 1: type 3 (ITDMA state), MMSI 352004522, SOG 10.5, lon 23.861970, lat 37.617650, COG 106.0, heading 107, second 60; time from the tag block c:. */
    static final String B10_1 = "{\"class\":\"AIS\",\"type\":3,\"repeat\":0,\"mmsi\":\"352004522\",\"status\":0,"
            + "\"status_text\":\"Under way using engine\",\"turn\":0,\"speed\":10.5,\"accuracy\":false,"
            + "\"lon\":23.86197,\"lat\":37.61765,\"course\":106,\"heading\":107,\"second\":60,\"maneuver\":0,"
            + "\"raim\":false,\"radio\":0,\"sync_state\":0,\"slot_increment\":0,\"slots\":0,\"keep\":false,"
            + "\"time\":\"2025-05-21T09:00:25Z\",\"time_source\":\"tag_block\",\"source\":\"blah\",\"talker\":\"AI\",\"channel\":\"A\"}";

    /** Case B10 line 3: type 1, MMSI 240999901, status 8, ROT and heading not available (absent), SOG 0, COG 0, second 25. */
    static final String B10_3 = "{\"class\":\"AIS\",\"type\":1,\"repeat\":0,\"mmsi\":\"240999901\",\"status\":8,"
            + "\"status_text\":\"Under way sailing\",\"speed\":0,\"accuracy\":false,"
            + "\"lon\":23.682275,\"lat\":37.932223,\"course\":0,\"second\":25,\"maneuver\":0,"
            + "\"raim\":false,\"radio\":49430,\"sync_state\":0,\"slot_timeout\":3,\"received_stations\":278,"
            + "\"time\":\"2025-05-21T09:00:25Z\",\"time_source\":\"tag_block\",\"source\":\"blah\",\"talker\":\"AI\",\"channel\":\"A\"}";

    /** Case B01 decoded leniently: type 1, MMSI 001000282, SOG 31.4, lon 29.914463, lat 69.357123, COG 294.9, heading 294, second 12. */
    static final String B01_LENIENT = "{\"class\":\"AIS\",\"type\":1,\"repeat\":0,\"mmsi\":\"001000282\",\"status\":0,"
            + "\"status_text\":\"Under way using engine\",\"turn\":0,\"speed\":31.4,\"accuracy\":false,"
            + "\"lon\":29.914463,\"lat\":69.357123,\"course\":294.9,\"heading\":294,\"second\":12,\"maneuver\":0,"
            + "\"raim\":false,\"radio\":98761,\"sync_state\":0,\"slot_timeout\":6,\"slot_number\":457,"
            + "\"talker\":\"AI\",\"channel\":\"A\",\"checksum\":\"unverified\"}";

    @TempDir
    Path tmp;

    /** The result of one in-process run. */
    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1);
        }
    }

    static Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = Main.execute(new ByteArrayInputStream(stdin), out, new PrintWriter(err, true), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    /** Through the full command line with every subcommand, as {@code watchkeeper help decode} sees it. */
    static Run runFull(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new ByteArrayInputStream(new byte[0]), out, new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void decodeOnItsOwnHasTheSameUsageMessagesAndExitCodesAsUnderTheFullCommandLine() {
        for (String[] args : List.of(new String[] {"decode", "--help"}, new String[] {"decode", "--version"},
                new String[] {"decode", "--bogus"}, new String[] {"decode", "--format", "xml"})) {
            Run alone = run(args);
            Run full = runFull(args);
            assertThat(alone).as(String.join(" ", args)).isEqualTo(full);
        }
        Run help = run("decode", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: watchkeeper decode [-hV] [--accept-bad-tag-block-checksum]");
        Run bogus = run("decode", "--bogus");
        assertThat(bogus.exit()).isEqualTo(2);
        // the message and where the help is, not the whole option list after it
        assertThat(bogus.err()).isEqualTo("watchkeeper decode: Unknown option: '--bogus'\nTry 'watchkeeper decode --help' for the options.\n");
        // a number option given a word: in the user's words, not Java's type name
        Run threads = run("decode", "--threads", "two");
        assertThat(threads.exit()).isEqualTo(2);
        assertThat(threads.err()).isEqualTo("watchkeeper decode: Invalid value for option '--threads': 'two' is not a whole number\n"
                + "Try 'watchkeeper decode --help' for the options.\n");
    }

    static Run run(String... args) {
        return run(new byte[0], args);
    }

    static Path caseFile(String id) {
        Path p = CASES.resolve(id + ".nmea");
        assumeTrue(Files.isRegularFile(p), "shared cases folder not found (" + p + "); set -Dwatchkeeper.shared");
        return p;
    }

    @Test
    void decodesCaseB13ToTheExactJsonLine() {
        Run r = run("decode", "--quiet", caseFile("B13").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(B13 + "\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void tagBlockTimeAndSourceAreWrittenAndTheBadLineGoesToTheErrorsFile() throws IOException {
        Path b10 = caseFile("B10");
        Path errors = tmp.resolve("errors.tsv");
        Run r = run("decode", "--errors", errors.toString(), b10.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).containsExactly(B10_1, B10_3);
        List<String> tsv = Files.readAllLines(errors, StandardCharsets.UTF_8);
        assertThat(tsv).hasSize(2);
        assertThat(tsv.get(0)).isEqualTo("file\tline\treason\tdetail\ttext");
        String[] cols = tsv.get(1).split("\t", -1);
        assertThat(cols).hasSize(5);
        assertThat(cols[0]).isEqualTo(b10.toString());
        assertThat(cols[1]).isEqualTo("2");
        assertThat(cols[2]).isEqualTo("bad_fragment_header");
        assertThat(cols[4]).isEqualTo("\\\\s:blah,c:1747818025*38\\\\!AAVDM,0,1,,B,16UK7Fi0?w4tQF0l4Q@>401v1PS;,0*0F");
        // summary on stderr
        // the rejected VDM line is a rejected line, not a sentence too: 2 + 1 = 3 lines
        assertThat(r.err()).contains("decoded 2 messages from 3 lines (1 input)")
                .contains("sentences:      2 in messages (2 VDM, 0 VDO); 0 length anomalies\n")
                .contains("by type:        1: 1, 3: 1")
                .contains("rejected lines: 1 (bad fragment count/number: 1)")
                .contains("time span:      2025-05-21T09:00:25Z .. 2025-05-21T09:00:25Z");
    }

    @Test
    void missingChecksumIsRejectedUnlessLenient() throws IOException {
        Path b01 = caseFile("B01");
        Path errors = tmp.resolve("b01.tsv");
        Run strict = run("decode", "--errors", errors.toString(), b01.toString());
        assertThat(strict.exit()).isZero();
        assertThat(strict.out()).isEmpty();
        assertThat(strict.err()).contains("rejected lines: 1 (no checksum: 1)");
        assertThat(Files.readAllLines(errors).get(1))
                .startsWith(b01 + "\t1\tno_checksum\t")
                .endsWith("\t!AIVDM,1,1,,A,100u3FP04r28t0<WcshcQI<H0H79,0");

        Run lenient = run("decode", "--lenient", "--quiet", b01.toString());
        assertThat(lenient.exit()).isZero();
        assertThat(lenient.out()).isEqualTo(B01_LENIENT + "\n");
    }

    @Test
    void gzipIsDetectedFromTheContentNotTheName() throws IOException {
        Path gz = tmp.resolve("looks-plain.nmea");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(caseFile("B13")));
        }
        Run r = run("decode", "--quiet", gz.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(B13 + "\n");
    }

    @Test
    void anInputThatGivesNoMessageIsSaidWhatItIsAlsoWithQuiet() throws IOException {
        Path csv = tmp.resolve("export.csv");
        Files.writeString(csv, "MMSI,BaseDateTime,LAT,LON,SOG,COG\n366940480,2022-01-03T00:00:00,29.9,-90.0,0.0,0.0\n");
        Run r = run("decode", "--quiet", csv.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("watchkeeper decode: " + csv + ": no AIS message in 2 lines (2 rejected): it is a"
                + " MarineCadastre CSV export, which analyze reads (--errors FILE lists each rejected line with its reason)\n");
        // an image whose bytes happen to hold a line that starts as a sentence
        Path png = tmp.resolve("chart.png");
        Files.write(png, "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\n!AIVDM,\u0001\u0002\n".getBytes(StandardCharsets.ISO_8859_1));
        Path errors = tmp.resolve("errors.txt");
        assertThat(run("decode", "--quiet", "--errors", errors.toString(), png.toString()).err())
                .isEqualTo("watchkeeper decode: " + png + ": no AIS message in 5 lines (5 rejected): it is a PNG image\n");
        // standard input cannot be read again: the question only
        assertThat(run("{\"class\":\"AIS\"}\n".getBytes(StandardCharsets.UTF_8), "decode", "--quiet").err())
                .isEqualTo("watchkeeper decode: stdin: no AIS message in 1 line (1 rejected): not an AIS log? (--errors FILE"
                        + " lists each rejected line with its reason)\n");
        Path empty = Files.createFile(tmp.resolve("empty.nmea"));
        Run none = run("decode", "--quiet", empty.toString());
        assertThat(none.exit()).isZero();
        assertThat(none.err()).isEqualTo("watchkeeper decode: " + empty + ": no AIS message: the input is empty\n");
        // a log with messages says nothing of the kind
        assertThat(run("decode", "--quiet", caseFile("B13").toString()).err()).isEmpty();
    }

    /**
     * A zipped log is decoded as the log itself, from a file or standard input, folders passed over; a zip of
     * several files is refused (a file before anything is decoded, standard input when the second file comes).
     */
    @Test
    void aZipArchiveOfOneLogIsReadAsTheLog() throws IOException {
        byte[] b13 = Files.readAllBytes(caseFile("B13"));
        Path zip = tmp.resolve("log.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("day/"));
            z.putNextEntry(new java.util.zip.ZipEntry("day/b13.nmea"));
            z.write(b13);
        }
        Run zipped = run("decode", "--quiet", zip.toString());
        assertThat(zipped.exit()).as(zipped.err()).isZero();
        assertThat(zipped.err()).isEmpty();
        assertThat(zipped.out()).isEqualTo(B13 + "\n");
        assertThat(run(Files.readAllBytes(zip), "decode", "--quiet").out()).isEqualTo(B13 + "\n");

        Path two = tmp.resolve("logs.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(two))) {
            z.putNextEntry(new java.util.zip.ZipEntry("b13.nmea"));
            z.write(b13);
            z.putNextEntry(new java.util.zip.ZipEntry("b10.nmea"));
            z.write(Files.readAllBytes(caseFile("B10")));
        }
        String several = "unzip it and name its files as inputs of their own (read back to back they would be one input out of time order)";
        Run refused = run("decode", "--quiet", two.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo("watchkeeper decode: cannot read " + two + ": is a zip archive of 2 files (b13.nmea, b10.nmea): "
                + several + "\n");
        Run stdin = run(Files.readAllBytes(two), "decode", "--quiet");
        assertThat(stdin.exit()).isEqualTo(1);
        assertThat(stdin.err()).contains("the zip archive holds more than one file (b13.nmea, then b10.nmea): " + several);
    }

    /**
     * A tarred log, plain or gzipped ({@code .tar.gz}), is decoded as the log itself, from a file or standard
     * input, folders passed over, as a zip of one file is: nothing said, exit 0. (It was read as text: the tar
     * header ran into the log's first line, which was lost with it as a "line too long", and the padding was a
     * second rejected line.) A tar of several files is refused as a zip of several is: a file before anything is
     * decoded, standard input when the second file comes, after the first one's messages are written.
     */
    @Test
    void aTarArchiveOfOneLogIsReadAsTheLog() throws IOException {
        byte[] b13 = Files.readAllBytes(caseFile("B13"));
        java.util.Map<String, byte[]> one = new java.util.LinkedHashMap<>();
        one.put("day/", new byte[0]);
        one.put("day/b13.nmea", b13);
        byte[] tar = Tars.tar(one);
        Path plain = Files.write(tmp.resolve("log.tar"), tar);
        Path gz = Files.write(tmp.resolve("log.tar.gz"), Tars.gzip(tar));
        for (Path f : List.of(plain, gz)) {
            Run r = run("decode", f.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).as(f.toString()).isEqualTo(B13 + "\n");
            assertThat(r.err()).contains("decoded 1 message from 1 line (1 input)").contains("rejected lines: 0");
            Run stdin = run(Files.readAllBytes(f), "decode", "--quiet");
            assertThat(stdin.exit()).as(stdin.err()).isZero();
            assertThat(stdin.err()).isEmpty();
            assertThat(stdin.out()).isEqualTo(B13 + "\n");
        }

        java.util.Map<String, byte[]> several = new java.util.LinkedHashMap<>();
        several.put("b13.nmea", b13);
        several.put("b10.nmea", Files.readAllBytes(caseFile("B10")));
        byte[] two = Tars.tar(several);
        String unpack = "unpack it (tar -xf) and name its files as inputs of their own (read back to back they would be one input"
                + " out of time order)";
        for (Path f : List.of(Files.write(tmp.resolve("logs.tar"), two), Files.write(tmp.resolve("logs.tgz"), Tars.gzip(two)))) {
            Run refused = run("decode", "--quiet", f.toString());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).isEqualTo("watchkeeper decode: cannot read " + f + ": is a tar archive of 2 files (b13.nmea,"
                    + " b10.nmea): " + unpack + "\n");
        }
        Run stdin = run(two, "decode", "--quiet");
        assertThat(stdin.exit()).isEqualTo(1);
        assertThat(stdin.out()).isEqualTo(B13 + "\n");
        assertThat(stdin.err()).isEqualTo("watchkeeper decode: I/O error on input -: the tar archive holds more than one file"
                + " (b13.nmea, then b10.nmea): " + unpack + ": its 1 line read before the error is decoded, the rest of the input"
                + " is not read\n");
    }

    /**
     * An I/O error on an input part-way (here a zip of two files on standard input, which ends at the second
     * file) loses nothing decoded before it: the first file's message is on stdout, the summary counts it, the
     * error is named after it, exit 1. (It used to exit 1 with nothing on stdout and no summary.)
     */
    @Test
    void anInputErrorPartWayWritesWhatCameBeforeItThenTheSummaryThenTheError() throws IOException {
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("b13.nmea"));
            z.write(Files.readAllBytes(caseFile("B13")));
            z.putNextEntry(new java.util.zip.ZipEntry("b10.nmea"));
            z.write(Files.readAllBytes(caseFile("B10")));
        }
        for (String threads : List.of("1", "2")) {
            Run r = run(zip.toByteArray(), "decode", "--threads", threads, "-");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).isEqualTo(B13 + "\n");
            String[] err = r.err().split("\n");
            assertThat(err[0]).startsWith("decoded 1 message from 1 line (1 input) in ");
            assertThat(err[err.length - 1]).isEqualTo("watchkeeper decode: I/O error on input -: the zip archive holds more than"
                    + " one file (b13.nmea, then b10.nmea): unzip it and name its files as inputs of their own (read back to back"
                    + " they would be one input out of time order): its 1 line read before the error is decoded, the rest of"
                    + " the input is not read");
            // CSV too: the header and the row before the error
            Run csv = run(zip.toByteArray(), "decode", "--quiet", "--format", "csv");
            assertThat(csv.exit()).isEqualTo(1);
            assertThat(csv.lines()).hasSize(2);
            assertThat(csv.lines().get(1)).contains("371798000");
        }
        // the inputs after the failed one are decoded too, as after a gzip cut short
        Path zipFile = Files.write(tmp.resolve("cut.zip"), Arrays.copyOf(zip.toByteArray(), zip.size() - 40));
        for (String threads : List.of("1", "2")) {
            Run after = run("decode", "--quiet", "--threads", threads, zipFile.toString(), caseFile("B13").toString());
            assertThat(after.exit()).isEqualTo(1);
            assertThat(after.out()).isEqualTo(B13 + "\n" + B13 + "\n");
            assertThat(after.err()).startsWith("watchkeeper decode: I/O error on input " + zipFile + ": ");
        }
    }

    /**
     * AMSA's terrestrial log: its positions cover 6 min 25 s (11:47:02 to 11:53:27.5), but four messages without a
     * position (types 14, 25, 12, 23) take their times from satellite $PGHP lines, the earliest (type 14,
     * 09:58:26.036) 6 515.964 s before the first position, and stretch the time span to 115 min 1 s: the summary
     * gives the positions' span under it, and how many messages lie outside it and how far, on one thread or two.
     * Two type 24 messages 1 and 2 s before the first position are within the 1 min margin. DMA's stream_example
     * gets no such line (its summary as the README quotes it).
     */
    @Test
    void theSummaryGivesThePositionsSpanWhenMessagesWithoutAPositionStretchTheTimeSpan() throws IOException {
        Path amsa = SHARED.resolve("data/ais/amsa-risky/ais.txt.gz");
        assumeTrue(Files.isRegularFile(amsa), "shared data not found: " + amsa);
        for (String threads : List.of("1", "2")) {
            Run r = run("decode", "--threads", threads, amsa.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).contains("  time span:      2012-01-27T09:58:26.036Z .. 2012-01-27T11:53:27.500Z (115 min 1 s)\n"
                    + "                  positions span 2012-01-27T11:47:02Z .. 2012-01-27T11:53:27.500Z (6 min 25 s); 4 messages"
                    + " without a position carry times up to 1 h 48 min before it\n");
        }
        Path dma = SHARED.resolve("data/ais/dma-aislib/stream_example.txt");
        assumeTrue(Files.isRegularFile(dma), "shared data not found: " + dma);
        String err = run("decode", dma.toString()).err();
        assertThat(err).endsWith("  time span:      2010-06-11T11:46:10Z .. 2010-06-11T11:46:38.873Z (28.9 s)\n");
    }

    @Test
    void readsStdinWithDashOrWithoutFiles() throws IOException {
        byte[] in = Files.readAllBytes(caseFile("B13"));
        assertThat(run(in, "decode", "--quiet", "-").out()).isEqualTo(B13 + "\n");
        assertThat(run(in, "decode", "--quiet").out()).isEqualTo(B13 + "\n");
        assertThat(run(in, "decode").err()).startsWith("decoded 1 message from 1 line (1 input) in ");
    }

    @Test
    void severalFilesGoToOneOutputFile() throws IOException {
        Path out = tmp.resolve("out.jsonl");
        Run r = run("decode", "-o", out.toString(), caseFile("B13").toString(), caseFile("B10").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactly(B13, B10_1, B10_3);
        assertThat(r.err()).contains("decoded 3 messages from 4 lines (2 inputs)");
    }

    @Test
    void csvHasTheFixedHeaderAndOneRowPerMessage() {
        Run r = run("decode", "--quiet", "--format", "csv", caseFile("B10").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("time,source,talker,channel,type,repeat,mmsi,status,turn,speed,accuracy,lon,lat,alt,course,"
                + "heading,year,month,day,hour,minute,second,imo,callsign,shipname,shiptype,to_bow,to_stern,to_port,to_starboard,epfd,draught,"
                + "destination,eta,dte,aid_type,name,dac,fi,own_ship,checksum,tag_block_checksum\r\n"
                + "2025-05-21T09:00:25Z,blah,AI,A,3,0,352004522,0,0,10.5,false,23.86197,37.61765,,106,107,,,,,,60,,,,,,,,,,,,,,,,,,false,,\r\n"
                + "2025-05-21T09:00:25Z,blah,AI,A,1,0,240999901,8,,0,false,23.682275,37.932223,,0,,,,,,,25,,,,,,,,,,,,,,,,,,false,,\r\n");
    }

    @Test
    void badLinesStillExitZero() {
        Run r = run("decode", "--quiet", caseFile("B07").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).hasSize(1);
        assertThat(r.lines().get(0)).startsWith("{\"class\":\"AIS\",\"type\":3,\"repeat\":0,\"mmsi\":\"338075797\",")
                .contains("\"lon\":-76.33215,\"lat\":38.978977,\"course\":239,\"heading\":239,\"second\":60,");
    }

    @Test
    void missingFileIsAnIoErrorWithExitOneAndNoOutput() {
        Path missing = tmp.resolve("no-such.nmea");
        Run r = run("decode", caseFile("B13").toString(), missing.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("watchkeeper decode: cannot read " + missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void directoryAsInputIsAnIoError() {
        Run r = run("decode", tmp.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("is a directory");
    }

    @Test
    void unwritableOutputIsAnIoError() {
        Path out = tmp.resolve("missing-dir/out.jsonl");
        Run r = run("decode", "-o", out.toString(), caseFile("B13").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("watchkeeper decode: I/O error on output " + out + ": ");
    }

    private static OutputStream failing(String message) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(message);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException(message);
            }
        };
    }

    @Test
    void failingStdoutIsAnIoErrorOnTheOutput() {
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new ByteArrayInputStream(new byte[0]), failing("No space left on device"), new PrintWriter(err, true))
                .execute("decode", "--quiet", caseFile("B13").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("watchkeeper decode: I/O error on output (stdout): No space left on device");
    }

    /** {@code decode big.log | head}: the reader leaving early is not an error. */
    @Test
    void stdoutClosedByItsReaderEndsQuietly() {
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new ByteArrayInputStream(new byte[0]), failing("Broken pipe"), new PrintWriter(err, true))
                .execute("decode", "--quiet", caseFile("B13").toString());
        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
    }

    /**
     * A shipborne receiver's SignalK log: no tag blocks or $PGHP, but $GPRMC sentences (line 520:
     * 16:33:18 UTC on 18 June 2012) among the AIS. The messages after the first GNSS time carry it
     * ({@code receive_clock}), those before none; same on one and on several decoding threads (a
     * gzipped copy too), as analyze reads it.
     */
    @Test
    void gnssSentencesGiveTheReceiveTime() throws IOException {
        Path file = SHARED.resolve("data/ais/signalk/nais300-merrimac.log");
        assumeTrue(Files.isRegularFile(file), "shared data not found: " + file);
        Run r = run("decode", "--threads", "1", file.toString());
        assertThat(r.exit()).isZero();
        List<String> lines = r.lines();
        assertThat(lines).hasSize(536);
        List<String> timed = lines.stream().filter(l -> l.contains("\"time_source\":\"receive_clock\"")).toList();
        assertThat(timed).hasSize(39);
        assertThat(lines.stream().filter(l -> l.contains("\"time\":")).count()).isEqualTo(39);
        assertThat(timed.get(0)).contains("\"mmsi\":\"244090796\"").contains("\"time\":\"2012-06-18T16:33:18Z\"");
        assertThat(r.err()).contains("time span:      2012-06-18T16:33:18Z .. 2012-06-18T16:33:27Z (9.0 s)");
        Path gz = tmp.resolve("merrimac.log.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(file));
        }
        assertThat(run("decode", "--threads", "3", gz.toString()).out()).isEqualTo(r.out());
    }

    /**
     * A shipborne receiver's log whose first GNSS time comes after the first 64 KiB: 1 600 untimed
     * reports, {@code $GPRMC} at 12:00:00 on 18 June 2012, 50 reports, {@code $GPZDA} at
     * 12:01:30.25, 50 more. The first 1 600 have no time, the next 50 the RMC's, the last 50 the
     * ZDA's (receive_clock), as analyze times them; the same on one thread and on two, with chunks
     * of 1 MiB (the log is one chunk) and of 4 KiB (chunks before the RMC's are decoded in parallel,
     * the rest on one decoder through the clock), gzipped too. (decode used to look for GNSS
     * sentences in the first 64 KiB only and wrote no time for any of these messages.)
     */
    @Test
    void aLogWhoseFirstGnssTimeComesLateIsTimedByItOnAnyNumberOfThreads() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 1600; i++) {
            log.append(NmeaLines.report(219_000_000 + i, 55.0, 11.0));
        }
        int rmcAt = log.length();
        log.append(NmeaLines.sentence("$", "GPRMC,120000.00,A,5500.000,N,01100.000,E,0.0,0.0,180612,,,A"));
        for (int i = 0; i < 50; i++) {
            log.append(NmeaLines.report(219_100_000 + i, 55.0, 11.0));
        }
        log.append(NmeaLines.sentence("$", "GPZDA,120130.25,18,06,2012,00,00"));
        for (int i = 0; i < 50; i++) {
            log.append(NmeaLines.report(219_200_000 + i, 55.0, 11.0));
        }
        assertThat(rmcAt).as("bytes before the first GNSS sentence").isGreaterThan(1 << 16);
        Path file = tmp.resolve("late-gnss.nmea");
        Files.writeString(file, log, StandardCharsets.US_ASCII);
        Path gz = tmp.resolve("late-gnss.nmea.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(file));
        }

        Run one = run("decode", "--threads", "1", file.toString());
        assertThat(one.exit()).as(one.err()).isZero();
        List<String> lines = one.lines();
        assertThat(lines).hasSize(1700);
        java.util.regex.Pattern mmsi = java.util.regex.Pattern.compile("\"mmsi\":\"(\\d+)\"");
        java.util.regex.Pattern time = java.util.regex.Pattern.compile("\"time\":\"([^\"]+)\"");
        long rmc = java.time.Instant.parse("2012-06-18T12:00:00Z").toEpochMilli();
        long zda = java.time.Instant.parse("2012-06-18T12:01:30.250Z").toEpochMilli();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            java.util.regex.Matcher m = mmsi.matcher(l);
            assertThat(m.find()).as(l).isTrue();
            int id = Integer.parseInt(m.group(1));
            assertThat(id).as("line %d", i + 1).isEqualTo(i < 1600 ? 219_000_000 + i : i < 1650 ? 219_100_000 + i - 1600 : 219_200_000 + i - 1650);
            java.util.regex.Matcher t = time.matcher(l);
            if (i < 1600) {
                assertThat(t.find()).as("line %d has no time: %s", i + 1, l).isFalse();
            } else {
                assertThat(t.find()).as("line %d has a time: %s", i + 1, l).isTrue();
                assertThat(java.time.Instant.parse(t.group(1)).toEpochMilli()).as("line %d", i + 1).isEqualTo(i < 1650 ? rmc : zda);
                assertThat(l).contains("\"time_source\":\"receive_clock\"");
            }
        }
        assertThat(one.err()).contains("time span:      2012-06-18T12:00:00Z .. 2012-06-18T12:01:30.250Z");
        for (String[] options : List.of(new String[] {"--threads", "2"}, new String[] {"--threads", "2", "--chunk-bytes", "4096"},
                new String[] {"--threads", "3", "--chunk-bytes", "4096", "--format-thread"}, new String[] {"--threads", "1", "--no-format-thread"})) {
            for (Path input : List.of(file, gz)) {
                List<String> args = new java.util.ArrayList<>(List.of("decode"));
                args.addAll(List.of(options));
                args.add(input.toString());
                Run r = run(args.toArray(String[]::new));
                assertThat(r.exit()).as(r.err()).isZero();
                assertThat(r.out()).as(String.join(" ", args)).isEqualTo(one.out());
                assertThat(r.err().replaceFirst(" in [0-9.]+ s\\R", "\n").replace(input.toString(), "FILE"))
                        .as(String.join(" ", args))
                        .isEqualTo(one.err().replaceFirst(" in [0-9.]+ s\\R", "\n").replace(file.toString(), "FILE"));
            }
        }
    }



    @Test
    void realDmaStreamDecodesEveryMessageToOneLine() throws IOException {
        Path file = SHARED.resolve("data/ais/dma-aislib/stream_example.txt");
        assumeTrue(Files.isRegularFile(file), "shared data not found: " + file);
        Path errors = tmp.resolve("stream.tsv");
        Run r = run("decode", "--errors", errors.toString(), file.toString());
        assertThat(r.exit()).isZero();
        List<String> lines = r.lines();
        // the summary's message count is the number of JSON lines written
        assertThat(r.err()).contains("decoded " + lines.size() + " messages from 8551 lines (1 input)");
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{\"class\":\"AIS\",\"type\":").endsWith("}"));
        // every rejected line is in the errors file, after its header
        long rejected = Files.readAllLines(errors).size() - 1;
        assertThat(r.err()).contains("rejected lines: " + rejected);
        // line 6 of the file, a type 3 report received 2010-06-11 11:46:12.451 UTC (the $PGHP line before it):
        // MMSI 258902000, SOG 11.0, lon 14.730163, lat 55.3168, COG 57.8, heading 60, second 11
        assertThat(lines).filteredOn(l -> l.contains("\"mmsi\":\"258902000\"")).first().asString()
                .startsWith("{\"class\":\"AIS\",\"type\":3,\"repeat\":0,\"mmsi\":\"258902000\",\"status\":0,")
                .contains("\"turn\":0,\"speed\":11,\"accuracy\":false,\"lon\":14.730163,\"lat\":55.3168,\"course\":57.8,\"heading\":60,\"second\":11,")
                .contains("\"time\":\"2010-06-11T11:46:12.451Z\",\"time_source\":\"pghp\"");
    }

    /** {@code -} names standard output for {@code -o} and {@code --errors}, as it names standard input for an input. */
    @Test
    void aDashWritesToStandardOutput() throws IOException {
        byte[] in = ("!AIVDM,1,1,,A,15M67FC000G?ufbE`FepT@3n00Sa,0*5F\r\n"
                + "!AIVDM,1,1,,A,15M67FC000G?ufbE`FepT@3n00Sa,0*5D\r\n").getBytes(StandardCharsets.US_ASCII);
        Path messages = tmp.resolve("messages.json");
        Run r = run(in, "decode", "--quiet", "-o", messages.toString(), "--errors", "-");
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(0)).isEqualTo("file\tline\treason\tdetail\ttext");
        assertThat(r.lines().get(1)).startsWith("-\t2\tbad_checksum\t");
        assertThat(Files.readAllLines(messages)).hasSize(1).allMatch(l -> l.contains("\"mmsi\":\"366053209\""));
        assertThat(Files.exists(Path.of("-"))).isFalse();
        // -o - is standard output, as no -o
        assertThat(run(in, "decode", "--quiet", "-o", "-").lines()).hasSize(1);
        // both on standard output would mix them
        Run both = run(in, "decode", "--errors", "-");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).startsWith("watchkeeper decode: --errors - writes the rejected lines to standard output, where the messages go"
                + " too: give the messages a file with -o FILE\n");
    }

    /** An output that is also an input would be emptied before it is read: refused, the input left whole. */
    @Test
    void anOutputThatIsAnInputIsRefused() throws IOException {
        Path log = tmp.resolve("in.nmea");
        Files.writeString(log, "!AIVDM,1,1,,A,15M67FC000G?ufbE`FepT@3n00Sa,0*5F\r\n");
        long size = Files.size(log);
        Run o = run("decode", log.toString(), "-o", tmp.resolve(".").resolve("in.nmea").toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).startsWith("watchkeeper decode: -o " + tmp.resolve(".").resolve("in.nmea")
                + " is also an input: writing it would destroy it before it is read\n");
        Run e = run("decode", log.toString(), "--errors", log.toString());
        assertThat(e.exit()).isEqualTo(2);
        assertThat(e.err()).startsWith("watchkeeper decode: --errors " + log + " is also an input");
        assertThat(Files.size(log)).isEqualTo(size);
        Path same = tmp.resolve("same.out");
        Run both = run("decode", log.toString(), "-o", same.toString(), "--errors", same.toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).startsWith("watchkeeper decode: -o and --errors name the same file, " + same
                + ": the messages and the rejected lines need a file each\n");
        assertThat(Files.exists(same)).isFalse();
    }

    @Test
    void placeholderTagBlockChecksumsAreKeptOnlyWhenAsked() {
        // AMSA's tag blocks carry *00 instead of their checksum: \c:1420030798*00\!ABVDM,...
        Path file = SHARED.resolve("data/ais/amsa-risky/nmea-timestamped.txt");
        assumeTrue(Files.isRegularFile(file), "shared data not found: " + file);
        Run strict = run("decode", file.toString());
        assertThat(strict.exit()).isZero();
        assertThat(strict.out()).isEmpty();
        assertThat(strict.err()).contains("rejected lines: 100 (tag block checksum mismatch: 100)\n                  100 lines"
                + " with a tag block checksum mismatch (some feeds write *00 there): --accept-bad-tag-block-checksum keeps them,"
                + " their tag block marked unverified\n");
        Run lenient = run("decode", "--quiet", "--accept-bad-tag-block-checksum", file.toString());
        assertThat(lenient.exit()).isZero();
        // first line: \c:1420030798*00\!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22 (type 1, MMSI 503503000)
        assertThat(lenient.lines().get(0)).startsWith("{\"class\":\"AIS\",\"type\":1,\"repeat\":0,\"mmsi\":\"503503000\",")
                .endsWith("\"time\":\"2014-12-31T12:59:58Z\",\"time_source\":\"tag_block\",\"talker\":\"AB\",\"channel\":\"B\","
                        + "\"tag_block_checksum\":\"unverified\"}");
        assertThat(lenient.lines()).hasSize(100).allMatch(l -> l.endsWith(",\"tag_block_checksum\":\"unverified\"}"));
    }

    /**
     * A line whose tag block checksum is wrong (here a feed's {@code *00}, and the checksum of the line
     * before) is rejected, and the summary says under the rejected lines how many and which option keeps
     * them; kept with it, their messages are marked, the rest are not.
     */
    @Test
    void wrongTagBlockChecksumsAreCountedWithTheOptionThatKeepsThem() throws IOException {
        // exactEarth's line 3 of exact-earth-with-tag-block.txt, whose tag block s:rEV02,c:1334337317 has checksum 58
        String sentence = "!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj`26B0<02,0*5F";
        Path in = tmp.resolve("tag-block-checksums.nmea");
        Files.writeString(in, "\\s:rEV02,c:1334337317*58\\" + sentence + "\n"
                + "\\s:rEV02,c:1334337318*00\\" + sentence + "\n"
                + "\\s:rEV02,c:1334337319*58\\" + sentence + "\n", StandardCharsets.US_ASCII);
        Path errors = tmp.resolve("tag-block-checksums.tsv");
        Run strict = run("decode", "--errors", errors.toString(), in.toString());
        assertThat(strict.exit()).isZero();
        assertThat(strict.lines()).hasSize(1);
        assertThat(strict.lines().get(0)).contains("\"mmsi\":\"636091763\"", "\"time\":\"2012-04-13T17:15:17Z\"")
                .doesNotContain("unverified");
        assertThat(strict.err()).contains("  rejected lines: 2 (tag block checksum mismatch: 2)\n"
                + "                  2 lines with a tag block checksum mismatch (some feeds write *00 there):"
                + " --accept-bad-tag-block-checksum keeps them, their tag block marked unverified\n  other lines:");
        assertThat(Files.readAllLines(errors)).containsExactly("file\tline\treason\tdetail\ttext",
                in + "\t2\tbad_tag_block_checksum\t*00 given, 57 computed\t\\\\s:rEV02,c:1334337318*00\\\\" + sentence,
                in + "\t3\tbad_tag_block_checksum\t*58 given, 56 computed\t\\\\s:rEV02,c:1334337319*58\\\\" + sentence);

        Run kept = run("decode", "--accept-bad-tag-block-checksum", in.toString());
        assertThat(kept.exit()).isZero();
        // what the option kept is counted under the rejected lines
        assertThat(kept.err()).contains("  rejected lines: 0\n  kept unverified: 2 messages with an unverified tag block checksum"
                + " (kept by --accept-bad-tag-block-checksum)\n").doesNotContain("keeps them");
        assertThat(kept.lines()).hasSize(3);
        assertThat(kept.lines().get(0)).isEqualTo(strict.lines().get(0));
        assertThat(kept.lines().get(1)).contains("\"time\":\"2012-04-13T17:15:18Z\"")
                .endsWith("\"source\":\"rEV02\",\"talker\":\"AI\",\"channel\":\"B\",\"tag_block_checksum\":\"unverified\"}");
        assertThat(kept.lines().get(2)).contains("\"time\":\"2012-04-13T17:15:19Z\"")
                .endsWith(",\"tag_block_checksum\":\"unverified\"}");

        // one such line among good ones: the count and the pronoun follow
        Files.writeString(in, "\\s:rEV02,c:1334337317*58\\" + sentence + "\n"
                + "\\s:rEV02,c:1334337318*00\\" + sentence + "\n", StandardCharsets.US_ASCII);
        assertThat(run("decode", in.toString()).err()).contains("\n                  1 line with a tag block checksum mismatch"
                + " (some feeds write *00 there): --accept-bad-tag-block-checksum keeps it, its tag block marked unverified\n");

        // and a sentence without a checksum kept by --lenient beside it: both counted, each with its option
        Files.writeString(in, "\\s:rEV02,c:1334337318*00\\" + sentence + "\n"
                + sentence.substring(0, sentence.indexOf('*')) + "\n", StandardCharsets.US_ASCII);
        Run both = run("decode", "--lenient", "--accept-bad-tag-block-checksum", in.toString());
        assertThat(both.lines()).hasSize(2);
        assertThat(both.lines().get(1)).contains("\"checksum\":\"unverified\"");
        assertThat(both.err()).contains("\n  kept unverified: 1 message with an unverified tag block checksum,"
                + " 1 without a checksum (kept by --lenient, --accept-bad-tag-block-checksum)\n");
        assertThat(run("decode", "--lenient", in.toString()).err()).contains("\n  kept unverified: 1 message without a checksum"
                + " (kept by --lenient)\n");
        // a tag block without a checksum is kept by --lenient too, and counted as unverified, not as wrong
        Files.writeString(in, "\\s:rEV02,c:1334337318\\" + sentence + "\n", StandardCharsets.US_ASCII);
        Run noTagChecksum = run("decode", "--lenient", in.toString());
        assertThat(noTagChecksum.lines()).hasSize(1);
        assertThat(noTagChecksum.err()).contains("\n  kept unverified: 1 message with an unverified tag block checksum"
                + " (kept by --lenient)\n");
    }

    @Test
    void versionAndHelp() {
        Run v = run("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("watchkeeper 0.");
        Run h = run("decode", "--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).contains("--format=FORMAT", "--errors=FILE", "--lenient", "--quiet", "-o, --output=FILE", "json, csv");
        Run badFormat = run("decode", "--format", "xml", "x.nmea");
        assertThat(badFormat.exit()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format", "xml");
        Run none = run();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("Missing command", "decode");
    }
    /**
     * A gzip log cut short (the DMA sample's first 300 000 bytes): every message inflated before the
     * cut is written, 9 381, on one thread or two, as gunzip's text decodes to (a buffered read that
     * met the cut threw away up to 64 KiB of lines before, and the inputs after it were not read);
     * then the cut is an I/O error, exit code 1, after the summary.
     */
    @Test
    void aGzipLogCutShortIsDecodedUpToTheCutThenReported() throws IOException {
        Path sample = SHARED.resolve("data/ais/dma-aisabnormal/ais-sample.txt.gz");
        Path next = SHARED.resolve("data/ais/dma-aisabnormal/219165000_ssc_1.ais");
        assumeTrue(Files.isRegularFile(sample), "shared data not found: " + sample);
        Path cut = tmp.resolve("cut.txt.gz");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(sample), 300_000));
        for (String threads : List.of("1", "2")) {
            Run r = run("decode", "--threads", threads, cut.toString(), next.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.lines()).hasSize(9_381 + 80);
            assertThat(r.err()).contains("decoded 9461 messages from 29077 lines (2 inputs)", "watchkeeper decode: I/O error on input " + cut
                    + ": Unexpected end of ZLIB input stream: the file is cut short; its 28828 lines before the cut"
                    + " (the last one cut) are decoded");
        }
        Path head = tmp.resolve("head.gz");
        Files.write(head, Arrays.copyOf(Files.readAllBytes(sample), 2));
        Run r = run("decode", head.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("watchkeeper decode: I/O error on input " + head + ": the gzip header is cut short: the file is cut"
                + " short before its first line, or is not a gzip file: nothing in it is decoded");
    }

    /**
     * A gzip log corrupt in its middle (40 bytes of the DMA drift log's compressed stream altered):
     * the lines inflated before the trailer's check failed are decoded, on one thread or two, and the
     * input after it too; then the damage is an I/O error naming the input, exit code 1, after the
     * summary. Before, decoding stopped at the check and the inputs after it were not read.
     */
    @Test
    void aCorruptGzipLogIsDecodedUpToTheDamageThenReported() throws IOException {
        Path log = SHARED.resolve("data/ais/dma-aisabnormal/212123000_drift_1.ais");
        Path next = SHARED.resolve("data/ais/dma-aisabnormal/219165000_ssc_1.ais");
        assumeTrue(Files.isRegularFile(log), "shared data not found: " + log);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(Files.readAllBytes(log));
        }
        byte[] g = b.toByteArray();
        for (int i = g.length / 2; i < g.length / 2 + 40; i++) {
            g[i] ^= 0x5a;
        }
        Path bad = tmp.resolve("corrupt.ais.gz");
        Files.write(bad, g);
        for (String threads : List.of("1", "2")) {
            Run r = run("decode", "--threads", threads, bad.toString(), next.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).containsPattern("watchkeeper decode: I/O error on input " + java.util.regex.Pattern.quote(bad.toString())
                    + ": corrupt gzip data \\(Corrupt GZIP trailer\\): its \\d+ lines inflated before the damage was found are"
                    + " decoded, the rest of the file is not read");
            // the next input's 80 messages are the last lines written
            assertThat(r.lines().size()).isGreaterThan(1_000 + 80);
            assertThat(r.lines().get(r.lines().size() - 1)).contains("\"mmsi\":\"219165000\"");
        }
    }

    @Test
    void theOtherSentencesOfADamagedFileAreCountedWithoutNamingEveryAddress() {
        // a damaged file gives lines with an address of their own each: 14 addresses, 12 named
        StringBuilder in = new StringBuilder("$AAAAA,1\n$AAAAA,2\n$AAAAA,3\n$BBBBB,1\n$BBBBB,2\n");
        for (char c = 'C'; c <= 'N'; c++) {
            in.append('$').append(String.valueOf(c).repeat(5)).append(",1\n");
        }
        Run r = run(in.toString().getBytes(StandardCharsets.US_ASCII), "decode");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("  other lines:    17 sentences (AAAAA: 3, BBBBB: 2, CCCCC: 1, DDDDD: 1, EEEEE: 1,"
                + " FFFFF: 1, GGGGG: 1, HHHHH: 1, IIIII: 1, JJJJJ: 1, KKKKK: 1, LLLLL: 1, others: 2 (2 addresses)),"
                + " 0 tag-block-only, 0 blank\n");
        // up to 12 addresses, every one in name order
        Run few = run("$PSTT,1\n$GPRMC,1\n$PGHP,1\n$PGHP,2\n".getBytes(StandardCharsets.US_ASCII), "decode");
        assertThat(few.err()).contains("  other lines:    4 sentences (GPRMC: 1, PGHP: 2, PSTT: 1), 0 tag-block-only, 0 blank\n");
    }
}
