package org.watchkeeper.ais.json;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.FieldSink;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.TimeSource;

/**
 * Writes decoded messages as JSON Lines in the style of gpsd's AIS JSON ("AIVDM/AIS JSON" in the
 * gpsd documentation): one UTF-8 object per message, ended by {@code \n}, e.g.
 *
 * <pre>{"class":"AIS","type":1,"repeat":0,"mmsi":"371798000","status":0,"status_text":"Under way using engine","turn":"fastleft","speed":12.3,...}</pre>
 *
 * <p>Object layout, in this order:
 * <ol>
 * <li>{@code "class":"AIS"}, {@code type}, {@code repeat};</li>
 * <li>{@code mmsi} as a JSON <em>string</em> of 9 digits with leading zeros, as the ITU writes an
 *     MMSI ({@code "003669702"} for a coast station). An MMSI is an identifier, not a quantity:
 *     as a number a base station's MMSI would lose its leading zeros and with them the station
 *     kind (ITU-R M.585). A 30-bit value outside 1..999 999 999 is written in full and followed
 *     by {@code "mmsi_valid":false}. gpsd writes a number here; this is a deliberate difference.
 *     Every other MMSI-valued field ({@code dest_mmsi}, {@code mmsi1}..{@code mmsi4},
 *     {@code dest1}/{@code dest2}, {@code mothership_mmsi}) follows the same rule through
 *     {@link FieldSink#mmsiField(String, int)};</li>
 * <li>the message's own fields, in the order of its ITU table, with gpsd's names and scaled
 *     units ({@link AisMessage#writeFields(FieldSink)}). Decimals are written with the number of
 *     fraction digits each field asks for, rounded half away from zero, with trailing zeros
 *     removed ({@code 224.0} is written {@code 224}). "Not available" values, {@code NaN} and
 *     infinities are never written: the key is absent;</li>
 * <li>reception metadata from the framing layer, each key only when it carries information:
 *     {@code time} (ISO-8601 UTC, {@code 2025-05-21T09:00:25Z}, with {@code .SSS} only when the
 *     milliseconds are not zero) and {@code time_source}; {@code source} (e.g. the tag block
 *     {@code s:} station); {@code talker} ({@code AI}, {@code BS}, ...); {@code channel}
 *     ({@code A}, {@code B}, {@code 1}, {@code 2}); {@code own_ship} ({@code true}, VDO sentences
 *     only); {@code "checksum":"unverified"} (only when a lenient reader accepted a sentence
 *     without checksum); {@code length_anomaly} ({@code true} when the payload length differs
 *     from the nominal length of its type); {@code sentences} (only when the message took more
 *     than one sentence).</li>
 * </ol>
 *
 * <p>Strings are escaped per RFC 8259 (quote, backslash, all control characters) and encoded as
 * UTF-8. Output is built in a reusable byte buffer, without intermediate strings, and handed to
 * the stream when the buffer holds about 64 KiB and on {@link #flush()}. Not thread safe.
 */
public final class GpsdJsonWriter implements FieldSink, Flushable {
    private static final int FLUSH_AT = 64 * 1024;
    private static final byte[] CLASS_AIS = ascii("{\"class\":\"AIS\"");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    /** {@code "tag_block"}, {@code "pghp"}, ...: the lower-case {@link TimeSource} name as a JSON string, by ordinal. */
    private static final byte[][] TIME_SOURCES = new byte[TimeSource.values().length][];
    /** One-character strings for ASCII channel characters. */
    private static final String[] CHANNELS = new String[128];

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static {
        for (TimeSource t : TimeSource.values()) {
            TIME_SOURCES[t.ordinal()] = ("\"" + t.name().toLowerCase(java.util.Locale.ROOT) + "\"")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        for (int c = 0; c < CHANNELS.length; c++) {
            CHANNELS[c] = String.valueOf((char) c);
        }
    }

    private final OutputStream out;
    private final ByteText text = new ByteText(FLUSH_AT + 8 * 1024);
    /** Whether the next member of the current object/array is its first (no comma before it). */
    private boolean first;
    private int depth;
    /** Closing bracket of each open nested level, innermost last. */
    private byte[] closers = new byte[8];

    /**
     * @param out receives the UTF-8 JSON lines; not closed by this writer
     */
    public GpsdJsonWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Appends one message without reception metadata.
     *
     * @throws IOException when handing the buffer to the stream fails
     */
    public void write(AisMessage m) throws IOException {
        begin(m);
        end();
    }

    /**
     * Appends one message followed by its reception metadata (see the class description).
     *
     * @throws IOException when handing the buffer to the stream fails
     */
    public void write(ReceivedMessage r) throws IOException {
        begin(r.message());
        if (r.receiveTimeMillis() != Long.MIN_VALUE && r.timeSource() != TimeSource.NONE) {
            key("time");
            text.ascii('"').isoTime(r.receiveTimeMillis()).ascii('"');
            key("time_source");
            text.bytes(TIME_SOURCES[r.timeSource().ordinal()]);
        }
        field("source", r.source());
        field("talker", r.talker());
        if (r.channel() != '\0') {
            key("channel");
            char c = r.channel();
            text.jsonString(c < CHANNELS.length ? CHANNELS[c] : String.valueOf(c));
        }
        if (r.ownShip()) {
            field("own_ship", true);
        }
        if (!r.checksumVerified()) {
            field("checksum", "unverified");
        }
        if (r.lengthAnomaly()) {
            field("length_anomaly", true);
        }
        if (r.sentences() > 1) {
            field("sentences", r.sentences());
        }
        end();
    }

    /**
     * Appends one object with the given header and the fields {@code body} writes: the entry point for
     * writers of structures that are not decoded messages (and for testing nesting and escaping).
     */
    void write(int type, int repeat, int mmsi, java.util.function.Consumer<FieldSink> body) throws IOException {
        header(type, repeat, mmsi);
        body.accept(this);
        closeOpenLevels();
        end();
    }

    private void begin(AisMessage m) {
        header(m.messageType(), m.repeatIndicator(), m.mmsi());
        m.writeFields(this);
        closeOpenLevels();
    }

    private void header(int type, int repeat, int mmsi) {
        depth = 0;
        first = true;
        text.bytes(CLASS_AIS);
        first = false;
        field("type", type);
        field("repeat", repeat);
        key("mmsi");
        text.ascii('"');
        if (mmsi >= 0 && mmsi <= Mmsi.MAX_VALID) {
            text.padded(mmsi, 9);
        } else {
            text.number(mmsi);
        }
        text.ascii('"');
        if (!Mmsi.isValid(mmsi)) {
            field("mmsi_valid", false);
        }
    }

    /** Closes anything a message left open, so that one faulty record cannot break the stream. */
    private void closeOpenLevels() {
        while (depth > 0) {
            closeLevel();
        }
    }

    private void end() throws IOException {
        text.ascii("}\n");
        if (text.len >= FLUSH_AT) {
            drain();
        }
    }

    private void drain() throws IOException {
        text.writeTo(out);
        text.clear();
    }

    /** Hands everything buffered to the stream and flushes the stream. */
    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    // ---- FieldSink -------------------------------------------------------------------------

    /** Writes the comma and, when {@code name} is not null, the quoted key and colon. */
    private static final int KEY_CACHE = 1024;
    private final String[] keyNames = new String[KEY_CACHE];
    private final byte[][] keyBytes = new byte[KEY_CACHE][];

    private void key(String name) {
        if (name == null) {
            if (!first) {
                text.ascii(',');
            }
            first = false;
            return;
        }
        byte[] k = encodedKey(name);
        text.separatorAndBytes(first, k);
        first = false;
    }

    /**
     * The bytes of {@code "name":}, escaped once and then taken from a small open-addressing cache
     * (a few probes, no eviction): field names are a few hundred constants, so every message after
     * the first writes each key with one array copy. A name that finds no free slot is encoded each time.
     */
    private byte[] encodedKey(String name) {
        int h = name.hashCode();
        int i = (h ^ (h >>> 16)) & (KEY_CACHE - 1);
        if (keyNames[i] == name) {
            return keyBytes[i]; // the usual case: a constant name in its home slot
        }
        for (int probe = 0; probe < 8; probe++, i = (i + 1) & (KEY_CACHE - 1)) {
            String cached = keyNames[i];
            if (cached == name) {
                return keyBytes[i];
            }
            if (cached == null) {
                byte[] b = encodeKey(name);
                keyNames[i] = name;
                keyBytes[i] = b;
                return b;
            }
            if (cached.equals(name)) {
                return keyBytes[i];
            }
        }
        return encodeKey(name);
    }

    private static byte[] encodeKey(String name) {
        ByteText t = new ByteText(name.length() + 8);
        t.jsonString(name).ascii(':');
        return java.util.Arrays.copyOf(t.buf, t.len);
    }

    @Override
    public void field(String name, long value) {
        key(name);
        text.number(value);
    }

    @Override
    public void field(String name, double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        key(name);
        text.decimal(value, decimals);
    }

    @Override
    public void field(String name, String value) {
        if (value == null) {
            return;
        }
        key(name);
        text.jsonString(value);
    }

    @Override
    public void field(String name, boolean value) {
        key(name);
        text.bytes(value ? TRUE : FALSE);
    }

    @Override
    public void beginObject(String name) {
        openLevel(name, '{');
    }

    @Override
    public void endObject() {
        closeLevel('}');
    }

    @Override
    public void beginArray(String name) {
        openLevel(name, '[');
    }

    @Override
    public void endArray() {
        closeLevel(']');
    }

    private void openLevel(String name, char open) {
        key(name);
        text.ascii(open);
        if (depth == closers.length) {
            closers = java.util.Arrays.copyOf(closers, depth * 2);
        }
        closers[depth++] = (byte) (open == '{' ? '}' : ']');
        first = true;
    }

    private void closeLevel(char expected) {
        if (depth > 0 && closers[depth - 1] == expected) {
            closeLevel();
        }
    }

    private void closeLevel() {
        text.ascii((char) closers[--depth]);
        first = false;
    }
}
