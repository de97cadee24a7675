package org.watchkeeper.ais;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;

/** Shared helpers for the message-record tests: raw-code generators, a map field sink, shared-data access. */
final class TypesTestSupport {
    private TypesTestSupport() {
    }

    // ---- generators of raw codes within field widths ----

    /** Unsigned value of {@code width} bits (1..31). */
    static int bits(Random r, int width) {
        return r.nextInt(1 << width);
    }

    /** Two's-complement value of {@code width} bits. */
    static int signedBits(Random r, int width) {
        return r.nextInt(1 << width) - (1 << (width - 1));
    }

    /** The "not available" code one time in four, otherwise any value of the width (which may also be the code). */
    static int orCode(Random r, int width, int code) {
        return r.nextInt(4) == 0 ? code : bits(r, width);
    }

    /** Signed variant of {@link #orCode(Random, int, int)}. */
    static int orSignedCode(Random r, int width, int code) {
        return r.nextInt(4) == 0 ? code : signedBits(r, width);
    }

    /**
     * Text of 0..maxChars 6-bit characters as decoding yields it: no {@code @} (code 0 ends a field)
     * and no trailing spaces.
     */
    static String text(Random r, int maxChars) {
        int n = r.nextInt(maxChars + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(SixBit.toAscii(1 + r.nextInt(63)));
        }
        return sb.toString().stripTrailing();
    }

    /** A 19-bit SOTDMA state as kept in the records. */
    static int sotdma(Random r) {
        return bits(r, 19);
    }

    /** Selector and SOTDMA or ITDMA state (20 bits, as kept in the records), or (one time in eight) not available. */
    static int selectedState(Random r) {
        int k = r.nextInt(8);
        if (k == 0) {
            return AisMessage.NOT_AVAILABLE;
        }
        return CommunicationState.selected(k % 2 == 0 ? CommunicationState.Itdma.fromRaw(bits(r, 19))
                : CommunicationState.Sotdma.fromRaw(bits(r, 19)));
    }

    // ---- encoding / payload helpers ----

    /** Encodes and decodes again through the armoured form, as a receiver would see it. */
    static AisMessage roundTrip(AisMessage m) {
        BitWriter w = AisDecoder.encode(m);
        return AisDecoder.decode(w.armoured(), w.fillBits());
    }

    /** Asserts {@code decode(encode(m)).equals(m)}. */
    static void assertRoundTrip(AisMessage m) {
        assertEquals(m, roundTrip(m));
    }

    /** The first {@code n} bits of an armoured payload, as a new reader. */
    static BitReader prefix(String payload, int fill, int n) {
        BitReader full = BitReader.of(payload, fill);
        return new BitWriter().bytes(full.bytes(0, n), n).toReader();
    }

    /** The bits of a payload as a '0'/'1' string (for comparing re-encodings with the original). */
    static String bitString(BitReader b) {
        StringBuilder sb = new StringBuilder(b.length());
        for (int i = 0; i < b.length(); i++) {
            sb.append(b.bool(i) ? '1' : '0');
        }
        return sb.toString();
    }

    // ---- field output ----

    /** A {@link FieldSink} that keeps top-level fields by name (nested structures are not used here). */
    static final class MapSink implements FieldSink {
        final Map<String, Object> fields = new LinkedHashMap<>();

        @Override
        public void field(String name, long value) {
            fields.put(name, value);
        }

        @Override
        public void field(String name, double value, int decimals) {
            if (!Double.isNaN(value)) {
                fields.put(name, value);
            }
        }

        @Override
        public void field(String name, String value) {
            if (value != null) {
                fields.put(name, value);
            }
        }

        @Override
        public void field(String name, boolean value) {
            fields.put(name, value);
        }

        @Override
        public void beginObject(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void endObject() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void beginArray(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void endArray() {
            throw new UnsupportedOperationException();
        }
    }

    static Map<String, Object> fields(AisMessage m) {
        MapSink s = new MapSink();
        m.writeFields(s);
        return s.fields;
    }

    // ---- shared real data ----

    /** A single-sentence payload found in a shared data file. */
    record Found(String payload, int fill, String line) {
        AisMessage decode() {
            return AisDecoder.decode(payload, fill);
        }
    }

    /** The shared data folder; skips the test when it is absent. */
    static Path shared() {
        String p = System.getProperty("watchkeeper.shared");
        Assumptions.assumeTrue(p != null && Files.isDirectory(Path.of(p)),
                "shared data folder (system property watchkeeper.shared) not available: " + p);
        return Path.of(p);
    }

    /** A file under the shared folder; skips the test when it is absent. */
    static Path sharedFile(String relative) {
        Path f = shared().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(f), "shared data file not available: " + f);
        return f;
    }

    /** All single-sentence VDM/VDO payloads in a shared file (any talker, with or without tag block; {@code .gz} read unzipped). */
    static List<Found> singleSentences(String relative) throws IOException {
        List<Found> out = new ArrayList<>();
        Path file = sharedFile(relative);
        List<String> lines;
        if (relative.endsWith(".gz")) {
            try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
                lines = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().toList();
            }
        } else {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        }
        for (String line : lines) {
            int s = line.indexOf('!');
            if (s < 0) {
                continue;
            }
            int star = line.indexOf('*', s);
            if (star < 0) {
                continue;
            }
            String[] f = line.substring(s, star).split(",", -1);
            if (f.length != 7 || !f[0].endsWith("VDM") && !f[0].endsWith("VDO") || !"1".equals(f[1]) || !"1".equals(f[2])
                    || f[5].isEmpty() || f[6].length() != 1 || !Character.isDigit(f[6].charAt(0))) {
                continue;
            }
            out.add(new Found(f[5], f[6].charAt(0) - '0', line));
        }
        return out;
    }

    /** The first single-sentence payload of a shared file that starts with {@code payloadPrefix}; fails if none. */
    static Found find(String relative, String payloadPrefix) throws IOException {
        for (Found f : singleSentences(relative)) {
            if (f.payload().startsWith(payloadPrefix)) {
                return f;
            }
        }
        throw new AssertionError("no payload starting " + payloadPrefix + " in " + relative);
    }
}
