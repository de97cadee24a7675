package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Shared helpers for the tests of message types 7/13, 10, 12, 14, 15, 16, 17, 20, 22 and 23. */
final class OtherTypesTestSupport {
    private OtherTypesTestSupport() {
    }

    /** The fields a message writes, in order; booleans, longs, strings and rounded doubles as written. */
    static Map<String, Object> fields(AisMessage m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.writeFields(new FieldSink() {
            @Override
            public void field(String name, long value) {
                put(name, value);
            }

            @Override
            public void field(String name, double value, int decimals) {
                if (!Double.isNaN(value)) {
                    put(name, new java.math.BigDecimal(value).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue());
                }
            }

            @Override
            public void field(String name, String value) {
                if (value != null) {
                    put(name, value);
                }
            }

            @Override
            public void field(String name, boolean value) {
                put(name, value);
            }

            @Override
            public void beginObject(String name) {
                throw new AssertionError("unexpected nested object " + name);
            }

            @Override
            public void endObject() {
                throw new AssertionError("unexpected nested object");
            }

            @Override
            public void beginArray(String name) {
                throw new AssertionError("unexpected array " + name);
            }

            @Override
            public void endArray() {
                throw new AssertionError("unexpected array");
            }

            private void put(String name, Object v) {
                assertThat(out).as("field written twice").doesNotContainKey(name);
                out.put(name, v);
            }
        });
        return out;
    }

    /** decode(encode(m)) through the armoured form, as a receiver would see it. */
    @SuppressWarnings("unchecked")
    static <T extends AisMessage> T reDecoded(T m) {
        BitWriter w = AisDecoder.encode(m);
        return (T) AisDecoder.decode(w.armoured(), w.fillBits());
    }

    /** The bits of a reader as a string of 0 and 1. */
    static String bitString(BitReader r) {
        StringBuilder sb = new StringBuilder(r.length());
        for (int i = 0; i < r.length(); i++) {
            sb.append(r.bool(i) ? '1' : '0');
        }
        return sb.toString();
    }

    /** The first {@code n} bits of a writer's content as a reader (a truncated payload). */
    static BitReader truncated(BitWriter w, int n) {
        BitReader full = w.toReader();
        BitWriter t = new BitWriter();
        for (int i = 0; i < n; i++) {
            t.bool(full.bool(i));
        }
        return t.toReader();
    }

    /** Asserts that encoding {@code m} gives exactly the bits of the payload it was decoded from. */
    static void assertReencodes(AisMessage m, String payload, int fillBits) {
        assertThat(bitString(AisDecoder.encode(m).toReader())).isEqualTo(bitString(BitReader.of(payload, fillBits)));
    }

    static Arbitrary<Integer> mmsis() {
        return Arbitraries.integers().between(0, (1 << 30) - 1);
    }

    static Arbitrary<Integer> bits(int width) {
        return Arbitraries.integers().between(0, (1 << width) - 1);
    }

    /** Any 18-bit signed 1/10-minute longitude code as degrees, with "not available" (NaN) mixed in. */
    static Arbitrary<Double> longitudesTenthMinutes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Double.NaN)),
                net.jqwik.api.Tuple.of(9, Arbitraries.integers().between(-(1 << 17), (1 << 17) - 1).map(Units::longitudeTenthMinutes)));
    }

    /** Any 17-bit signed 1/10-minute latitude code as degrees, with "not available" (NaN) mixed in. */
    static Arbitrary<Double> latitudesTenthMinutes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Double.NaN)),
                net.jqwik.api.Tuple.of(9, Arbitraries.integers().between(-(1 << 16), (1 << 16) - 1).map(Units::latitudeTenthMinutes)));
    }

    /** Text that survives a 6-bit round trip: 6-bit characters other than '@', not ending in a space. */
    static Arbitrary<String> sixBitTexts(int maxLength) {
        char[] alphabet = new char[63];
        for (int v = 1; v < 64; v++) {
            alphabet[v - 1] = SixBit.toAscii(v);
        }
        return Arbitraries.strings().withChars(alphabet).ofMaxLength(maxLength).filter(s -> !s.endsWith(" "));
    }
}
