package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchkeeper.ais.OtherTypesTestSupport.bitString;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every single-sentence message of types 7, 10, 12, 13, 14, 15, 16, 17, 20, 22 and 23 in the shared
 * real AIS logs either decodes or is rejected with an {@link AisDecodeException}, and every decoded
 * message encodes back to the bits it was decoded from (over the length both have).
 */
class OtherTypesSharedDataTest {
    private static final Set<Integer> TYPES = Set.of(7, 10, 12, 13, 14, 15, 16, 17, 20, 22, 23);

    @Test
    void realLogsDecodeAndReencode() throws IOException {
        String shared = System.getProperty("watchkeeper.shared");
        Path dir = shared == null ? null : Paths.get(shared, "data", "ais");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "shared AIS logs not found (system property watchkeeper.shared=" + shared + "); skipping");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        Map<Integer, Integer> decoded = new TreeMap<>();
        Map<RejectReason, Integer> rejected = new TreeMap<>();
        for (Path f : files) {
            try (InputStream raw = Files.newInputStream(f);
                 InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
                String line;
                while ((line = r.readLine()) != null) {
                    int bang = line.indexOf('!');
                    if (bang < 0) {
                        continue;
                    }
                    String[] f7 = line.substring(bang).split(",", -1);
                    if (f7.length < 7 || !(f7[0].endsWith("VDM") || f7[0].endsWith("VDO")) || !f7[1].equals("1")
                            || f7[5].isEmpty() || f7[6].isEmpty() || !Character.isDigit(f7[6].charAt(0))) {
                        continue;
                    }
                    String payload = f7[5];
                    int fill = f7[6].charAt(0) - '0';
                    int type = SixBit.value((byte) payload.charAt(0));
                    if (!TYPES.contains(type)) {
                        continue;
                    }
                    AisMessage m;
                    try {
                        m = AisDecoder.decode(payload, fill);
                    } catch (AisDecodeException e) {
                        rejected.merge(e.reason(), 1, Integer::sum);
                        continue;
                    }
                    assertThat(m.messageType()).as(line).isEqualTo(type);
                    String original = bitString(BitReader.of(payload, fill));
                    String again = bitString(AisDecoder.encode(m).toReader());
                    int n = Math.min(original.length(), again.length());
                    assertThat(again.substring(0, n)).as("re-encoding of %s (%s)", line, f).isEqualTo(original.substring(0, n));
                    decoded.merge(type, 1, Integer::sum);
                }
            }
        }
        // types known to be present in the shared logs (dma-aislib, amsa-risky, signalk)
        assertThat(decoded).containsKeys(7, 10, 12, 13, 14, 15, 16, 17, 20, 22, 23);
        assertThat(decoded.get(20)).isGreaterThan(400);
        System.out.println("types 7..23 decoded per type: " + decoded + "; rejected: " + rejected);
    }
}
