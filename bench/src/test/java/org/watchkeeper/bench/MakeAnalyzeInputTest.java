package org.watchkeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.ExtendedClassBPositionReport;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.ais.StandardClassBPositionReport;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;

/**
 * Runs bench/analyze/MakeAnalyzeInput.java on the real DMA sample (3 copies, 3 fleets) with the
 * per-fleet position offset and without it, decodes both outputs with the project's decoder and
 * compares them message by message: fleet 1 must lie 3 000 m north, fleet 2 3 000 m south of the
 * same reports in the unshifted input, everything else unchanged, every checksum valid.
 */
class MakeAnalyzeInputTest {
    private static final Path SAMPLE = Path.of(System.getProperty("watchkeeper.shared", "../../shared"),
            "data/ais/dma-aisabnormal/ais-sample.txt.gz");
    private static final Path PROGRAM = Path.of("analyze/MakeAnalyzeInput.java");

    private record Decoded(List<ReceivedMessage> messages, List<Rejection> rejections) {
    }

    @Test
    void movesEachFleetsShipPositionsByItsOffsetAndNothingElse(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(SAMPLE), "shared DMA sample not found at " + SAMPLE + ", skipped");
        assumeTrue(Files.isRegularFile(PROGRAM), "run from the bench module directory");
        Decoded old = decode(make(dir.resolve("old.nmea"), "0"));
        Decoded fair = decode(make(dir.resolve("fair.nmea"), "3000"));

        assertThat(fair.messages()).hasSameSizeAs(old.messages());
        assertThat(fair.rejections()).hasSameSizeAs(old.rejections());
        int n = old.messages().size();
        assertThat(n % 3).isZero();
        assertThat(n / 3).isGreaterThan(20_000);
        assertThat(fair.messages()).allMatch(ReceivedMessage::checksumVerified);

        double dLat = 3000 / 111_320.0;
        int[] moved = new int[3];
        int unchanged = 0;
        for (int i = 0; i < n; i++) {
            int fleet = i / (n / 3);
            AisMessage a = old.messages().get(i).message();
            AisMessage b = fair.messages().get(i).message();
            assertThat(b.mmsi()).isEqualTo(a.mmsi());
            assertThat(fair.messages().get(i).receiveTimeMillis()).isEqualTo(old.messages().get(i).receiveTimeMillis());
            double[] pa = position(a);
            double[] pb = position(b);
            boolean ship = a.mmsi() >= 201_000_000 && a.mmsi() <= 775_999_999;
            if (fleet == 0 || pa == null || !ship || Double.isNaN(pa[0]) || Double.isNaN(pa[1])) {
                assertThat(b).isEqualTo(a);
                unchanged++;
                continue;
            }
            double sign = fleet == 1 ? 1 : -1;
            assertThat(pb[0]).as("longitude of %s", b).isCloseTo(pa[0], within(1e-9));
            assertThat(pb[1]).as("latitude of %s", b).isCloseTo(pa[1] + sign * dLat, within(1.0 / 600_000));
            // 111 320 m per degree of latitude against 111 195 m on the mean sphere: 2 996.7 m
            assertThat(metres(pa, pb)).isCloseTo(3000, within(5.0));
            assertThat(withoutPosition(b)).isEqualTo(withoutPosition(a));
            moved[fleet]++;
        }
        // every ship position report of copies 1 and 2 moved, the same reports in both
        assertThat(moved[1]).isGreaterThan(10_000).isEqualTo(moved[2]);
        assertThat(unchanged).isEqualTo(n - 2 * moved[1]);
    }

    private static Path make(Path out, String offsetM) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), PROGRAM.toString(), SAMPLE.toString(), out.toString(), "3", "3",
                offsetM).redirectErrorStream(true).redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile())
                .start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out.resolveSibling(out.getFileName() + ".log"))).isZero();
        return out;
    }

    private static Decoded decode(Path file) throws IOException {
        List<ReceivedMessage> messages = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (Object o : AisStreamDecoder.decodeAll(Files.readString(file, StandardCharsets.ISO_8859_1), Options.DEFAULT)) {
            if (o instanceof ReceivedMessage m) {
                messages.add(m);
            } else {
                rejections.add((Rejection) o);
            }
        }
        return new Decoded(messages, rejections);
    }

    /** {longitude, latitude} in degrees of a type 1-3, 18 or 19 report; null for any other message. */
    private static double[] position(AisMessage m) {
        if (m instanceof PositionReport p) {
            return new double[] {p.longitude(), p.latitude()};
        } else if (m instanceof StandardClassBPositionReport p) {
            return new double[] {p.longitude(), p.latitude()};
        } else if (m instanceof ExtendedClassBPositionReport p) {
            return new double[] {p.longitude(), p.latitude()};
        }
        return null;
    }

    /** The report's components as text with longitude and latitude left out (every other field). */
    private static String withoutPosition(AisMessage m) {
        String text = m.toString().replaceAll("longitude=[^,]+, latitude=[^,]+, ", "");
        assertThat(text).doesNotContain("longitude=").doesNotContain("latitude=");
        return text;
    }

    private static double metres(double[] a, double[] b) {
        double r = 6_371_008.8;
        double dPhi = Math.toRadians(b[1] - a[1]);
        double dLambda = Math.toRadians(b[0] - a[0]);
        double h = Math.pow(Math.sin(dPhi / 2), 2)
                + Math.cos(Math.toRadians(a[1])) * Math.cos(Math.toRadians(b[1])) * Math.pow(Math.sin(dLambda / 2), 2);
        return 2 * r * Math.asin(Math.sqrt(h));
    }
}
