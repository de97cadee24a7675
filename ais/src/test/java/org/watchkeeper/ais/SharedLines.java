package org.watchkeeper.ais;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;

/** Finds real sentences in the shared data folder (tests skip when it is absent). */
public final class SharedLines {
    private SharedLines() {
    }

    /** The shared data file {@code relative} (under {@code data/ais}); skips the test when missing. */
    public static Path file(String relative) {
        String shared = System.getProperty("watchkeeper.shared");
        Assumptions.assumeTrue(shared != null, "system property watchkeeper.shared not set: shared data not available");
        Path p = Path.of(shared, "data", "ais", relative);
        Assumptions.assumeTrue(Files.isReadable(p), "shared data file not found: " + p);
        return p;
    }

    /**
     * The payload (armoured, all fragments joined) and fill bits of the message whose first
     * sentence is the first line of {@code relative} containing {@code firstPayload}; continuation
     * fragments are taken from the following lines.
     */
    public static BitReader payload(String relative, String firstPayload) {
        List<String> lines = read(file(relative));
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length >= 7 && f[0].endsWith("VDM") && f[5].equals(firstPayload)) {
                int count = Integer.parseInt(f[1]);
                StringBuilder sb = new StringBuilder(f[5]);
                String fill = f[6];
                for (int k = 1; k < count; k++) {
                    String[] g = lines.get(i + k).split(",");
                    sb.append(g[5]);
                    fill = g[6];
                }
                return BitReader.of(sb.toString(), fill.charAt(0) - '0');
            }
        }
        throw new AssertionError("payload " + firstPayload + " not found in " + relative);
    }

    private static List<String> read(Path p) {
        try (InputStream raw = Files.newInputStream(p);
             InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
            List<String> out = new ArrayList<>();
            for (String s; (s = r.readLine()) != null; ) {
                int bang = s.indexOf('!');
                out.add(bang >= 0 ? s.substring(bang) : s);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + p, e);
        }
    }
}
