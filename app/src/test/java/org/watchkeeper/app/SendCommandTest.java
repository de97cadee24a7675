package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code watchkeeper send}: a log's lines to a TCP or UDP listener, paced, with clear errors. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SendCommandTest {
    /** DMA receivers, one vessel drifting: 10 018 lines, 3 130 messages (as analyze counts them), each timed by a $PGHP. */
    static final String LOG = "ais/dma-aisabnormal/212123000_drift_1.ais";

    /** The file's non-blank lines, as send sends them (without line ends). */
    static List<String> lines(byte[] content) {
        List<String> out = new ArrayList<>();
        for (String l : new String(content, StandardCharsets.ISO_8859_1).split("\r\n|\r|\n")) {
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    /** A TCP listener on a free loopback port that reads one connection to its end. */
    static final class TcpSink implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        final CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        TcpSink() throws IOException {
        }

        String uri() {
            return "tcp://127.0.0.1:" + server.getLocalPort();
        }

        byte[] get() throws Exception {
            return received.get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void tcpListenerReceivesEveryLineOfARealLogAsItIsEndingInCrLf() throws Exception {
        Path log = Cli.data(LOG);
        byte[] file = Files.readAllBytes(log);
        List<String> want = lines(file);
        assertThat(want).hasSize(10_018);
        try (TcpSink sink = new TcpSink()) {
            Cli.Run r = Cli.run("send", "--to", sink.uri(), log.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            byte[] got = sink.get();
            String text = new String(got, StandardCharsets.ISO_8859_1);
            // the file's LF line ends become CR LF, nothing else changes
            assertThat(got.length).isEqualTo(file.length + 10_018);
            assertThat(text).isEqualTo(String.join("\r\n", want) + "\r\n");
            assertThat(r.err().lines().toList()).hasSize(1);
            assertThat(r.err()).startsWith("sent 10018 lines (" + got.length + " bytes) to " + sink.uri() + " in ")
                    .contains(" lines/s");
        }
    }

    @Test
    void gzipAndStandardInputAreReadAsDecodeReadsThem(@TempDir Path tmp) throws Exception {
        Path log = Cli.data(LOG);
        byte[] file = Files.readAllBytes(log);
        Path gz = tmp.resolve("log.ais.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(file);
        }
        try (TcpSink sink = new TcpSink()) {
            Cli.Run r = Cli.run("send", "--quiet", "--to", sink.uri(), gz.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(lines(sink.get())).isEqualTo(lines(file));
        }
        try (TcpSink sink = new TcpSink()) {
            Cli.Run r = Cli.runWithStdin(Files.readAllBytes(gz), "send", "--to", sink.uri(), "-");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(lines(sink.get())).isEqualTo(lines(file));
        }
    }

    @Test
    void aGzipFileCutShortHasItsWholeLinesSentAndExitsOneNamingIt(@TempDir Path tmp) throws Exception {
        Path log = Cli.data(LOG);
        byte[] file = Files.readAllBytes(log);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(file);
        }
        Path cut = tmp.resolve("cut.ais.gz");
        Files.write(cut, Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
        List<String> want = lines(file);
        try (TcpSink sink = new TcpSink()) {
            Cli.Run r = Cli.run("send", "--to", sink.uri(), cut.toString(), log.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            List<String> got = lines(sink.get());
            // the whole lines before the cut, then the second input whole; the cut line is not sent
            int before = got.size() - want.size();
            assertThat(before).isBetween(1000, want.size() - 1);
            assertThat(got.subList(0, before)).isEqualTo(want.subList(0, before));
            assertThat(got.subList(before, got.size())).isEqualTo(want);
            assertThat(r.err()).startsWith("sent " + got.size() + " lines")
                    .contains("watchkeeper send: I/O error on input " + cut + ": ")
                    .contains("the file is cut short; its " + before + " whole lines before the cut were sent, not the cut one");
        }
    }

    /**
     * An input whose reading fails part-way (a zip of two logs on standard input ends at the second): its lines read
     * before the error are sent, then the inputs after it, then the summary and the error naming the input and how
     * many of its lines were sent; exit 1. It used to stop at the error with the lines read still waiting in the
     * batch, never sent, and no summary.
     */
    @Test
    void anInputFailingPartWayHasItsLinesBeforeTheErrorSentAndTheRestOfTheInputs(@TempDir Path tmp) throws Exception {
        String first = NmeaLines.report(211000001, 54.0, 10.0) + NmeaLines.report(211000002, 54.1, 10.1)
                + NmeaLines.report(211000003, 54.2, 10.2);
        String second = NmeaLines.report(211000004, 54.3, 10.3);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("first.nmea"));
            z.write(first.getBytes(StandardCharsets.US_ASCII));
            z.putNextEntry(new java.util.zip.ZipEntry("second.nmea"));
            z.write(second.getBytes(StandardCharsets.US_ASCII));
        }
        Path after = Files.writeString(tmp.resolve("after.nmea"), NmeaLines.report(211000009, 55.0, 11.0));
        try (TcpSink sink = new TcpSink()) {
            Cli.Run r = Cli.runWithStdin(zip.toByteArray(), "send", "--to", sink.uri(), "-", after.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            byte[] got = sink.get();
            String expected = first + Files.readString(after);
            assertThat(new String(got, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
            List<String> err = r.err().lines().toList();
            assertThat(err).hasSize(2);
            assertThat(err.get(0)).startsWith("sent 4 lines (" + got.length + " bytes) to " + sink.uri() + " in ");
            assertThat(err.get(1)).isEqualTo("watchkeeper send: I/O error on input -: the zip archive holds more than one file"
                    + " (first.nmea, then second.nmea): " + Inputs.UNZIP_SEVERAL + ": its 3 lines read before the error were sent,"
                    + " the rest of the input is not read");
        }
    }

    @Test
    void udpListenerReceivesEveryLineOnceInOrderNoDatagramOverTheLimit() throws Exception {
        Path log = Cli.data(LOG);
        List<String> want = lines(Files.readAllBytes(log));
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(3000);
            CompletableFuture<List<byte[]>> received = CompletableFuture.supplyAsync(() -> receive(socket, want.size()));
            // UDP has no flow control: a rate the test's reader surely keeps up with
            Cli.Run r = Cli.run("send", "--to", "udp://127.0.0.1:" + socket.getLocalPort(), "--rate", "40000", log.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            List<byte[]> datagrams = received.get(60, TimeUnit.SECONDS);
            StringBuilder all = new StringBuilder();
            for (byte[] d : datagrams) {
                assertThat(d.length).isLessThanOrEqualTo(1400);
                String s = new String(d, StandardCharsets.ISO_8859_1);
                assertThat(s).endsWith("\r\n"); // no line is split between datagrams
                all.append(s);
            }
            assertThat(lines(all.toString().getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(want);
            assertThat(r.err()).startsWith("sent 10018 lines (" + all.length() + " bytes, " + datagrams.size() + " datagrams) to udp://");
        }
    }

    @Test
    void udpDatagramsHoldWholeLinesUpToTheLimitAndALongerLineGoesAlone(@TempDir Path tmp) throws Exception {
        // 98-byte lines: 100 bytes with CR LF, 14 to a 1 400-byte datagram
        List<String> want = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            want.add(String.format("!AIVDM,%091d", i));
        }
        want.add("x".repeat(2000));
        want.add("!AIVDM,last");
        Path f = tmp.resolve("lines.nmea");
        Files.writeString(f, String.join("\n", want)); // no line end after the last line
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(3000);
            CompletableFuture<List<byte[]>> received = CompletableFuture.supplyAsync(() -> receive(socket, want.size()));
            Cli.Run r = Cli.run("send", "--to", "udp://127.0.0.1:" + socket.getLocalPort(), f.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            List<byte[]> d = received.get(30, TimeUnit.SECONDS);
            assertThat(d).extracting(b -> b.length).containsExactly(1400, 1400, 200, 2002, 13);
            StringBuilder all = new StringBuilder();
            d.forEach(b -> all.append(new String(b, StandardCharsets.ISO_8859_1)));
            assertThat(all.toString()).isEqualTo(String.join("\r\n", want) + "\r\n");
            assertThat(r.err()).contains("(" + all.length() + " bytes, 5 datagrams)");
        }
    }

    /** Datagrams until they hold {@code lines} lines, or none comes for the socket's timeout. */
    private static List<byte[]> receive(DatagramSocket socket, int lines) {
        List<byte[]> out = new ArrayList<>();
        byte[] buf = new byte[65_536];
        int n = 0;
        try {
            while (n < lines) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] d = Arrays.copyOf(p.getData(), p.getLength());
                out.add(d);
                n += lines(d).size();
            }
        } catch (SocketTimeoutException e) {
            // what came is what the test sees
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** The time of a {@code $PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,...} line, epoch ms. */
    private static long pghp(String line) {
        String[] f = line.split(",");
        return LocalDateTime.of(Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                Integer.parseInt(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]) * 1_000_000).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void speedSchedulesEachMessageByTheLogsOwnTimeDividedByTheFactor() throws Exception {
        List<String> log = lines(Files.readAllBytes(Cli.data(LOG)));
        for (double speed : new double[] {1, 60, 1000}) {
            ReplayPacer pacer = ReplayPacer.bySpeed(speed);
            long pghp = Long.MIN_VALUE;
            long messageTime = Long.MIN_VALUE;
            long first = Long.MIN_VALUE;
            int timed = 0;
            long last = 0;
            for (String line : log) {
                byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
                long due = pacer.due(b, 0, b.length);
                if (line.startsWith("$PGHP")) {
                    pghp = pghp(line);
                }
                String[] f = line.split(",");
                boolean fragment = line.startsWith("!") && f[0].endsWith("VDM");
                if (fragment && f[2].equals("1")) {
                    messageTime = pghp; // the $PGHP before a message's first sentence times it
                }
                if (fragment && f[1].equals(f[2])) { // the sentence completing a message
                    if (first == Long.MIN_VALUE) {
                        first = messageTime;
                    }
                    assertThat(due).as("line %s", line).isEqualTo((long) ((messageTime - first) * 1e6 / speed));
                    timed++;
                    last = due;
                } else {
                    assertThat(due).as("line %s", line).isEqualTo(ReplayPacer.NOW);
                }
            }
            assertThat(timed).isEqualTo(3130); // every message analyze counts
            // 2014-10-02T16:30:03.887Z to 2014-10-03T06:59:53.142Z
            assertThat(last).isEqualTo((long) ((pghp("$PGHP,1,2014,10,3,6,59,53,142") - pghp("$PGHP,1,2014,10,2,16,30,3,887")) * 1e6 / speed));
        }
    }

    @Test
    void aRestartStartsTheScheduleAgainAndARateIsEvenlySpaced() throws Exception {
        List<String> all = lines(Files.readAllBytes(Cli.data(LOG)));
        List<String> log = all.subList(0, 30);
        ReplayPacer pacer = ReplayPacer.bySpeed(10);
        List<Long> pass1 = new ArrayList<>();
        List<Long> pass2 = new ArrayList<>();
        List<Long> later = new ArrayList<>();
        for (List<Long> pass : List.of(pass1, pass2)) {
            for (String l : log) {
                byte[] b = l.getBytes(StandardCharsets.ISO_8859_1);
                pass.add(pacer.due(b, 0, b.length));
            }
            pacer.restart();
        }
        assertThat(pass2).isEqualTo(pass1);
        // the next file (here a later part of the log) starts at once too: its first message is the new origin
        for (String l : all.subList(3000, 3030)) {
            byte[] b = l.getBytes(StandardCharsets.ISO_8859_1);
            later.add(pacer.due(b, 0, b.length));
        }
        assertThat(later.stream().filter(d -> d != ReplayPacer.NOW).findFirst()).contains(0L);
        assertThat(later.stream().filter(d -> d != ReplayPacer.NOW).skip(1).findFirst().orElseThrow()).isPositive();
        // "!AIVDM ... 16:30:03.887", then 16:30:04.137: 250 ms of the log, 25 ms at 10x
        assertThat(pass1.subList(0, 6)).containsExactly(ReplayPacer.NOW, ReplayPacer.NOW, 0L, ReplayPacer.NOW, ReplayPacer.NOW, 25_000_000L);

        ReplayPacer rate = ReplayPacer.byRate(400);
        for (int i = 0; i < 1000; i++) {
            byte[] b = log.get(i % log.size()).getBytes(StandardCharsets.ISO_8859_1);
            assertThat(rate.due(b, 0, b.length)).isEqualTo(i * 2_500_000L);
            if (i == 500) {
                rate.restart(); // a rate goes on across files and passes
            }
        }
    }

    @Test
    void pacedSendWaitsAtLeastAsTheScheduleSays(@TempDir Path tmp) throws Exception {
        // 20 s of log time at 20x: at least 1 s (only a lower bound: waiting is never shorter)
        Path f = tmp.resolve("timed.nmea");
        Files.writeString(f, "\\c:1400000000*5C\\!AIVDM,1,1,,B,13:BuN001=15mQFOjcOBG1p800SK,0*7B\n"
                + "\\c:1400000010*5D\\!AIVDM,1,1,,B,13:BuN001=15mQFOjcOBG1p800SK,0*7B\n"
                + "\\c:1400000020*5E\\!AIVDM,1,1,,B,13:BuN001=15mQFOjcOBG1p800SK,0*7B\n");
        try (TcpSink sink = new TcpSink()) {
            long t0 = System.nanoTime();
            Cli.Run r = Cli.run("send", "--to", sink.uri(), "--speed", "20", f.toString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(lines(sink.get())).hasSize(3);
            assertThat(ms).isGreaterThanOrEqualTo(990);
        }
    }

    /** --speed on a log whose lines carry no time has nothing to pace by: said once a file, not passed over in silence. */
    @Test
    void speedOnALogWithoutTimesSaysOnceThatItWasSentUnpaced(@TempDir Path tmp) throws Exception {
        String line = "!AIVDM,1,1,,B,13:BuN001=15mQFOjcOBG1p800SK,0*7B";
        Path f = tmp.resolve("untimed.nmea");
        Files.writeString(f, line + "\n" + line + "\n" + line + "\n");
        String said = "watchkeeper send: --speed 10: " + f + " has no receive times (tag block c:, $PGHP, a trailing epoch"
                + " or GNSS sentences), so it was sent unpaced";
        try (TcpSink sink = new TcpSink()) {
            Cli.Run r = Cli.run("send", "--to", sink.uri(), "--speed", "10", "--loop", "--max-lines", "7", f.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(lines(sink.get())).hasSize(7);
            assertThat(r.err().lines().filter(l -> l.contains("unpaced")).toList()).containsExactly(said);
            assertThat(r.err().lines().toList().get(1)).startsWith("sent 7 lines (");
        }
        // a timed log, or a rate, paces: nothing to say
        Path timed = tmp.resolve("timed.nmea");
        Files.writeString(timed, "\\c:1400000000*5C\\" + line + "\n\\c:1400000001*5D\\" + line + "\n");
        try (TcpSink sink = new TcpSink()) {
            Cli.Run r = Cli.run("send", "--to", sink.uri(), "--speed", "100", timed.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).doesNotContain("unpaced");
        }
        try (TcpSink sink = new TcpSink()) {
            Cli.Run r = Cli.run("send", "--to", sink.uri(), "--rate", "1000", f.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).doesNotContain("unpaced");
        }
    }

    /** The summary counts in the number each takes, and a quick send's time in ms rather than "0.0 s". */
    @Test
    void theSummaryOfOneLineIsSingularAndAQuickSendIsTimedInMilliseconds(@TempDir Path tmp) throws Exception {
        String line = "!AIVDM,1,1,,B,13:BuN001=15mQFOjcOBG1p800SK,0*7B";
        Path f = tmp.resolve("one.nmea");
        Files.writeString(f, line + "\n");
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(3000);
            CompletableFuture<List<byte[]>> received = CompletableFuture.supplyAsync(() -> receive(socket, 1));
            Cli.Run r = Cli.run("send", "--to", "udp://127.0.0.1:" + socket.getLocalPort(), f.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(received.get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(r.err()).matches("sent 1 line \\(" + (line.length() + 2) + " bytes, 1 datagram\\) to udp://127\\.0\\.0\\.1:"
                    + socket.getLocalPort() + " in [0-9]{1,3} ms: [0-9]+ lines/s\\R");
        }
        assertThat(SendCommand.duration(0.0004)).isEqualTo("0 ms");
        assertThat(SendCommand.duration(0.0123)).isEqualTo("12 ms");
        assertThat(SendCommand.duration(0.9994)).isEqualTo("999 ms");
        assertThat(SendCommand.duration(0.9996)).isEqualTo("1.0 s");
        assertThat(SendCommand.duration(12.34)).isEqualTo("12.3 s");
    }

    @Test
    void refusedConnectionIsOneLineNamingHostAndPortExitOne() throws Exception {
        Path log = Cli.data(LOG);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } // closed: nothing listens there now
        Cli.Run r = Cli.run("send", "--to", "tcp://127.0.0.1:" + port, log.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper send: cannot connect to 127.0.0.1:" + port
                + ": connection refused (nothing listens on that port)" + System.lineSeparator());
    }

    @Test
    void unknownHostIsOneLineExitOne() throws Exception {
        Path log = Cli.data(LOG);
        Cli.Run r = Cli.run("send", "--to", "tcp://no-such-host.invalid:5631", log.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper send: cannot connect to no-such-host.invalid:5631: unknown host"
                + System.lineSeparator());
    }

    @Test
    void aPeerThatClosesMidRunEndsItWithOneLineAndTheCountSent() throws Exception {
        Path log = Cli.data(LOG);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().readNBytes(100_000);
                    s.setSoLinger(true, 0); // reset: what is still in flight is refused
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // looped: it would go on for ever, were the peer not to close
            Cli.Run r = Cli.run("send", "--to", "tcp://127.0.0.1:" + server.getLocalPort(), "--loop", log.toString());
            peer.get(30, TimeUnit.SECONDS);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().lines().toList()).hasSize(1);
            assertThat(r.err()).matches("watchkeeper send: tcp://127\\.0\\.0\\.1:" + server.getLocalPort()
                    + ": the peer closed the connection \\(.+\\); [0-9]+ lines \\([0-9]+ bytes\\) were sent\\R");
        }
    }

    @Test
    void loopSendsTheFilesAgainUpToMaxLines() throws Exception {
        Path log = Cli.data(LOG);
        List<String> want = lines(Files.readAllBytes(log));
        try (TcpSink sink = new TcpSink()) {
            Cli.Run r = Cli.run("send", "--to", sink.uri(), "--loop", "--max-lines", "25000", log.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            List<String> got = lines(sink.get());
            assertThat(got).hasSize(25_000);
            assertThat(got.subList(0, 10_018)).isEqualTo(want);
            assertThat(got.subList(10_018, 20_036)).isEqualTo(want);
            assertThat(got.subList(20_036, 25_000)).isEqualTo(want.subList(0, 4964));
        }
    }

    /**
     * A CSV export (which analyze reads) is no log for a listener: refused with exit 1, saying what it is,
     * before the connection is made, also when a log comes before it on the command line.
     */
    @Test
    void aCsvExportIsRefusedBeforeAnythingIsSent() throws Exception {
        Path csv = Cli.data("ais-csv/marinecadastre-20220103/AISdata.csv.gz");
        Path log = Cli.data(LOG);
        try (TcpSink sink = new TcpSink()) {
            Cli.Run r = Cli.run("send", "--to", sink.uri(), log.toString(), csv.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("watchkeeper send: " + csv + " is a MarineCadastre CSV export; send sends NMEA 0183 AIS"
                    + " sentences: use watchkeeper analyze " + csv + " for it (nothing was sent)" + System.lineSeparator());
            Thread.sleep(200);
            assertThat(sink.received.isDone()).as("no connection was made").isFalse();
        }
    }

    /**
     * Standard input is judged when its turn comes: the log before it is sent whole, then the run stops at
     * JSON with exit 1, saying how it begins and how much went.
     */
    @Test
    void standardInputThatIsNoLogStopsTheRunThere(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("a.nmea");
        Files.writeString(f, "!AIVDM,1,1,,A,13:BuN001=15mQFOjcOBG1p800SK,0*7B\n");
        byte[] json = "{\"class\":\"AIS\",\"type\":1,\"mmsi\":219000000}\n{\"class\":\"AIS\",\"type\":1,\"mmsi\":219000001}\n"
                .getBytes(StandardCharsets.US_ASCII);
        try (TcpSink sink = new TcpSink()) {
            Cli.Run r = Cli.runWithStdin(json, "send", "--to", sink.uri(), f.toString(), "-");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("watchkeeper send: standard input holds no NMEA 0183 sentence in its first 2 lines (it begins"
                    + " '{\"class\":\"AIS\",\"type\":1,\"mmsi\":219000000}'); send sends NMEA 0183 AIS sentences (nothing of it was"
                    + " sent; 1 line (49 bytes) of the inputs before it was)" + System.lineSeparator());
            assertThat(lines(sink.get())).containsExactly("!AIVDM,1,1,,A,13:BuN001=15mQFOjcOBG1p800SK,0*7B");
        }
    }

    @Test
    void usageErrorsExitTwoAndAMissingFileOne(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("a.nmea");
        Files.writeString(f, "!AIVDM,1,1,,A,13:BuN001=15mQFOjcOBG1p800SK,0*7B\n");
        String to = "tcp://127.0.0.1:1";
        for (String[] args : new String[][] {
            {"send", f.toString()},
            {"send", "--to", "http://localhost:80", f.toString()},
            {"send", "--to", "tcp://localhost", f.toString()},
            {"send", "--to", "udp://localhost:70000", f.toString()},
            {"send", "--to", to},
            {"send", "--to", to, "--speed", "2", "--rate", "10", f.toString()},
            {"send", "--to", to, "--speed", "0", f.toString()},
            {"send", "--to", to, "--rate", "-5", f.toString()},
            {"send", "--to", to, "--loop", "-"},
            {"send", "--to", to, "--datagram-bytes", "70000", f.toString()},
        }) {
            Cli.Run r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("watchkeeper send: ");
        }
        Cli.Run r = Cli.run("send", "--to", to, tmp.resolve("missing.nmea").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper send: cannot read " + tmp.resolve("missing.nmea") + ": no such file"
                + System.lineSeparator());
    }

    @Test
    void theCommandListAndItsHelpShowIt() {
        Cli.Run help = Cli.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("  send ");
        Cli.Run own = Cli.run("send", "--help");
        assertThat(own.exit()).isZero();
        assertThat(own.out()).contains("--to=URI", "--speed=FACTOR", "--rate=LINES_PER_S", "--loop", "CR LF");
    }

    @Test
    void targetsParseLikeTheServersSourceAddresses() {
        assertThat(SendCommand.target("tcp://localhost:5631")).isEqualTo(new SendCommand.Target(false, "localhost", 5631));
        assertThat(SendCommand.target("udp://10.0.0.5:10110")).isEqualTo(new SendCommand.Target(true, "10.0.0.5", 10110));
        SendCommand.Target v6 = SendCommand.target("tcp://[::1]:4001");
        assertThat(v6).isEqualTo(new SendCommand.Target(false, "::1", 4001));
        assertThat(v6.uri()).isEqualTo("tcp://[::1]:4001");
        assertThat(new InetSocketAddress(v6.host(), v6.port()).isUnresolved()).isFalse();
    }
}
