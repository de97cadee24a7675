package org.watchkeeper.ais.nmea;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.CommunicationState;
import org.watchkeeper.ais.PositionReport;

/** Test helpers: building sentences with correct checksums, running a decoder, finding shared data. */
final class Nmea {
    private Nmea() {
    }

    static String checksum(String body) {
        int x = 0;
        for (int i = 0; i < body.length(); i++) {
            x ^= body.charAt(i);
        }
        return String.format("%02X", x);
    }

    /** {@code !body*hh}. */
    static String bang(String body) {
        return "!" + body + "*" + checksum(body);
    }

    /** {@code \body*hh\}. */
    static String tag(String body) {
        return "\\" + body + "*" + checksum(body) + "\\";
    }

    /** An armoured type 1 payload (168 bits) for a vessel. */
    static String type1(int mmsi, double lon, double lat) {
        PositionReport r = new PositionReport(1, 0, mmsi, 0, 0, 10.5, true, lon, lat, 123.4, 120, 30, 0, 0, false,
                new CommunicationState.Sotdma(0, 3, 17).raw());
        BitWriter w = new BitWriter();
        r.encode(w);
        assertThat(w.length()).isEqualTo(168);
        return w.armoured();
    }

    /** The sentences of a payload split into {@code n} fragments. */
    static List<String> fragments(String talkerFormatter, String payload, int n, String seq, String channel, int fill) {
        List<String> out = new ArrayList<>();
        int per = payload.length() / n;
        for (int i = 0; i < n; i++) {
            String part = payload.substring(i * per, i == n - 1 ? payload.length() : (i + 1) * per);
            out.add(bang(talkerFormatter + "," + n + "," + (i + 1) + "," + seq + "," + channel + "," + part + ","
                    + (i == n - 1 ? fill : 0)));
        }
        return out;
    }

    static List<Object> run(Options o, String... lines) {
        return AisStreamDecoder.decodeAll(String.join("\n", lines) + "\n", o);
    }

    static List<Object> run(String... lines) {
        return run(Options.DEFAULT, lines);
    }

    static List<ReceivedMessage> messages(List<Object> out) {
        return out.stream().filter(ReceivedMessage.class::isInstance).map(ReceivedMessage.class::cast).toList();
    }

    static List<Rejection> rejections(List<Object> out) {
        return out.stream().filter(Rejection.class::isInstance).map(Rejection.class::cast).toList();
    }

    static PositionReport position(Object o) {
        assertThat(o).isInstanceOf(ReceivedMessage.class);
        return (PositionReport) ((ReceivedMessage) o).message();
    }

    /** The shared data folder, or a skipped test when it is absent. */
    static Path shared() {
        String p = System.getProperty("watchkeeper.shared");
        Assumptions.assumeTrue(p != null && Files.isDirectory(Path.of(p)),
                "shared data folder (system property watchkeeper.shared) not present: " + p);
        return Path.of(p);
    }

    static byte[] caseInput(String id) throws IOException {
        Path f = shared().resolve("cases/inputs/" + id + ".nmea");
        Assumptions.assumeTrue(Files.isRegularFile(f), "case input not present: " + f);
        return Files.readAllBytes(f);
    }

    /** Output of a decoder fed the bytes in one call. */
    static List<Object> feed(Options o, byte[] bytes) {
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(o, collector(out));
        d.feed(bytes, 0, bytes.length);
        d.finish();
        assertThat(d.stats().accountedLines()).isEqualTo(d.stats().lines());
        return out;
    }

    static AisListener collector(List<Object> out) {
        return new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                out.add(m);
            }

            @Override
            public void rejected(Rejection r) {
                out.add(r);
            }
        };
    }
}
