package org.watchkeeper.ais.json;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.BaseStationReport;
import org.watchkeeper.ais.CommunicationState;
import org.watchkeeper.ais.FieldSink;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.ais.Names;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.ais.StandardClassBPositionReport;
import org.watchkeeper.ais.StaticAndVoyageData;
import org.watchkeeper.ais.Units;
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
 *     without checksum); {@code "tag_block_checksum":"unverified"} (only when the tag block's
 *     checksum was wrong and accepted with {@code acceptBadTagBlockChecksum}, or missing and accepted
 *     by a lenient reader); {@code length_anomaly} ({@code true} when the payload length differs
 *     from the nominal length of its type); {@code sentences} (only when the message took more
 *     than one sentence); from a USCG-style receiver trailer after the checksum, {@code slot} (the
 *     receiving TDMA slot, {@code S} field) and {@code signal_dbm} (signal strength, {@code d}
 *     field), each only when present.</li>
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

    private static final byte[] K_TIME = ascii(",\"time\":");
    /** {@code ,"time_source":"tag_block"}, ...: the lower-case {@link TimeSource} name, by ordinal. */
    private static final byte[][] TIME_SOURCES = new byte[TimeSource.values().length][];
    /** {@code ,"channel":"c"} for ASCII channel characters. */
    private static final byte[][] CHANNEL_FIELDS = new byte[128][];

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** {@code s} in the {@linkplain ByteText#padded padded form} that {@link ByteText#put} takes. */
    private static byte[] padKey(String s) {
        return ByteText.padded(ascii(s));
    }

    /** {@code {"class":"AIS","type":T,"repeat":R,"mmsi":"} by {@code type << 2 | repeat}. */
    private static final byte[][] HEADERS = new byte[256][];
    /** {@code ,"status":N,"status_text":"..."} by navigational status 0..15. */
    private static final byte[][] STATUS = new byte[16][];
    /** {@code ,"turn":...} by ROT<sub>AIS</sub> + 128, as {@link Units#writeTurn} writes it (empty for -128). */
    private static final byte[][] TURN = new byte[256][];
    private static final byte[] K_SPEED = padKey(",\"speed\":");
    private static final byte[] K_ACCURACY_TRUE = padKey(",\"accuracy\":true");
    private static final byte[] K_ACCURACY_FALSE = padKey(",\"accuracy\":false");
    private static final byte[] K_LON = padKey(",\"lon\":");
    private static final byte[] K_LAT = padKey(",\"lat\":");
    private static final byte[] K_COURSE = padKey(",\"course\":");
    private static final byte[] K_HEADING = padKey(",\"heading\":");
    private static final byte[] K_SECOND = padKey(",\"second\":");
    private static final byte[] K_MANEUVER = padKey(",\"maneuver\":");
    private static final byte[] K_RAIM_TRUE = padKey(",\"raim\":true");
    private static final byte[] K_RAIM_FALSE = padKey(",\"raim\":false");
    private static final byte[] K_RADIO = padKey(",\"radio\":");
    private static final byte[] K_SYNC_STATE = padKey(",\"sync_state\":");
    private static final byte[] K_SLOT_TIMEOUT = padKey(",\"slot_timeout\":");
    private static final byte[] K_SLOT_OFFSET = padKey(",\"slot_offset\":");
    private static final byte[] K_UTC_HOUR = padKey(",\"utc_hour\":");
    private static final byte[] K_UTC_MINUTE = padKey(",\"utc_minute\":");
    private static final byte[] K_SLOT_NUMBER = padKey(",\"slot_number\":");
    private static final byte[] K_RECEIVED_STATIONS = padKey(",\"received_stations\":");
    private static final byte[] K_SLOT_INCREMENT = padKey(",\"slot_increment\":");
    private static final byte[] K_SLOTS = padKey(",\"slots\":");
    private static final byte[] K_KEEP_TRUE = padKey(",\"keep\":true");
    private static final byte[] K_KEEP_FALSE = padKey(",\"keep\":false");
    private static final byte[] K_YEAR = padKey(",\"year\":");
    private static final byte[] K_MONTH = padKey(",\"month\":");
    private static final byte[] K_DAY = padKey(",\"day\":");
    private static final byte[] K_HOUR = padKey(",\"hour\":");
    private static final byte[] K_MINUTE = padKey(",\"minute\":");
    private static final byte[] K_RESERVED = padKey(",\"reserved\":");
    private static final byte[] K_REGIONAL = padKey(",\"regional\":");
    private static final byte[] K_CS_TRUE = padKey(",\"cs\":true");
    private static final byte[] K_CS_FALSE = padKey(",\"cs\":false");
    private static final byte[] K_DISPLAY_TRUE = padKey(",\"display\":true");
    private static final byte[] K_DISPLAY_FALSE = padKey(",\"display\":false");
    private static final byte[] K_DSC_TRUE = padKey(",\"dsc\":true");
    private static final byte[] K_DSC_FALSE = padKey(",\"dsc\":false");
    private static final byte[] K_BAND_TRUE = padKey(",\"band\":true");
    private static final byte[] K_BAND_FALSE = padKey(",\"band\":false");
    private static final byte[] K_MSG22_TRUE = padKey(",\"msg22\":true");
    private static final byte[] K_MSG22_FALSE = padKey(",\"msg22\":false");
    private static final byte[] K_ASSIGNED_TRUE = padKey(",\"assigned\":true");
    private static final byte[] K_ASSIGNED_FALSE = padKey(",\"assigned\":false");
    private static final byte[] K_AIS_VERSION = padKey(",\"ais_version\":");
    private static final byte[] K_IMO = padKey(",\"imo\":");
    private static final byte[] K_CALLSIGN = padKey(",\"callsign\":");
    private static final byte[] K_SHIPNAME = padKey(",\"shipname\":");
    private static final byte[] K_TO_BOW = padKey(",\"to_bow\":");
    private static final byte[] K_TO_STERN = padKey(",\"to_stern\":");
    private static final byte[] K_TO_PORT = padKey(",\"to_port\":");
    private static final byte[] K_TO_STARBOARD = padKey(",\"to_starboard\":");
    private static final byte[] K_ETA = padKey(",\"eta\":");
    private static final byte[] K_DRAUGHT = padKey(",\"draught\":");
    private static final byte[] K_DESTINATION = padKey(",\"destination\":");
    private static final byte[] K_DTE = padKey(",\"dte\":");
    /** {@code ,"epfd":N,"epfd_text":"..."} by fix type 0..15. */
    private static final byte[][] EPFDS = new byte[16][];
    /** {@code ,"shiptype":N,"shiptype_text":"..."} by ship type 1..255 (index 0 unused: type 0 is not written). */
    private static final byte[][] SHIP_TYPES = new byte[256][];

    static {
        for (int type = 0; type < 64; type++) {
            for (int repeat = 0; repeat < 4; repeat++) {
                HEADERS[type << 2 | repeat] = padKey("{\"class\":\"AIS\",\"type\":" + type + ",\"repeat\":" + repeat + ",\"mmsi\":\"");
            }
        }
        for (int s = 0; s < STATUS.length; s++) {
            ByteText t = new ByteText(96);
            t.ascii(",\"status\":").number(s);
            String name = Names.navigationStatus(s);
            if (name != null) {
                t.ascii(",\"status_text\":").jsonString(name);
            }
            STATUS[s] = ByteText.padded(java.util.Arrays.copyOf(t.buf, t.len));
        }
        for (int e = 0; e < EPFDS.length; e++) {
            ByteText t = new ByteText(96);
            t.ascii(",\"epfd\":").number(e);
            String name = Names.epfd(e);
            if (name != null) {
                t.ascii(",\"epfd_text\":").jsonString(name);
            }
            EPFDS[e] = ByteText.padded(java.util.Arrays.copyOf(t.buf, t.len));
        }
        for (int type = 1; type < SHIP_TYPES.length; type++) {
            ByteText t = new ByteText(128);
            t.ascii(",\"shiptype\":").number(type);
            String name = Names.shipType(type);
            if (name != null) {
                t.ascii(",\"shiptype_text\":").jsonString(name);
            }
            SHIP_TYPES[type] = ByteText.padded(java.util.Arrays.copyOf(t.buf, t.len));
        }
        for (int raw = -128; raw <= 127; raw++) {
            ByteText t = new ByteText(32);
            if (raw == 127) {
                t.ascii(",\"turn\":").jsonString("fastright");
            } else if (raw == -127) {
                t.ascii(",\"turn\":").jsonString("fastleft");
            } else if (raw != -128) {
                t.ascii(",\"turn\":").decimal(Units.rateOfTurn(raw), 1);
            }
            TURN[raw + 128] = ByteText.padded(java.util.Arrays.copyOf(t.buf, t.len));
        }
        for (TimeSource t : TimeSource.values()) {
            TIME_SOURCES[t.ordinal()] = (",\"time_source\":\"" + t.name().toLowerCase(java.util.Locale.ROOT) + "\"")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        for (int c = 0; c < CHANNEL_FIELDS.length; c++) {
            CHANNEL_FIELDS[c] = encodeField("channel", String.valueOf((char) c));
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
            text.bytes(K_TIME);
            time(r.receiveTimeMillis());
            text.bytes(TIME_SOURCES[r.timeSource().ordinal()]);
        }
        String source = r.source();
        if (source != null) {
            text.bytes(metadataField(K_SOURCE, source));
        }
        String talker = r.talker();
        if (talker != null) {
            text.bytes(metadataField(K_TALKER, talker));
        }
        if (r.channel() != '\0') {
            char c = r.channel();
            if (c < CHANNEL_FIELDS.length) {
                text.bytes(CHANNEL_FIELDS[c]);
            } else {
                key("channel");
                text.jsonString(String.valueOf(c));
            }
        }
        if (r.ownShip()) {
            field("own_ship", true);
        }
        if (!r.checksumVerified()) {
            field("checksum", "unverified");
        }
        org.watchkeeper.ais.nmea.TagBlock tag = r.tagBlockWithoutTime();
        if (tag != null && !tag.checksumVerified()) {
            field("tag_block_checksum", "unverified");
        }
        if (r.lengthAnomaly()) {
            field("length_anomaly", true);
        }
        if (r.sentences() > 1) {
            field("sentences", r.sentences());
        }
        if (r.trailer() != null) {
            int slot = r.trailerSlot();
            if (slot >= 0) {
                field("slot", slot);
            }
            int signal = r.trailerSignalDbm();
            if (signal != Integer.MIN_VALUE) {
                field("signal_dbm", signal);
            }
        }
        end();
    }

    private static final int K_SOURCE = 0;
    private static final int K_TALKER = 1;
    private static final String[] METADATA_KEYS = {"source", "talker"};
    private static final int METADATA_CACHE = 256;
    /**
     * {@code ,"source":"value"} and {@code ,"talker":"value"} bytes of recent values, direct-mapped
     * by key and hash (a feed has a few stations and talkers, whose strings the decoder shares).
     */
    private final String[] metadataValues = new String[2 * METADATA_CACHE];
    private final byte[][] metadataBytes = new byte[2 * METADATA_CACHE][];

    private byte[] metadataField(int key, String value) {
        int h = value.hashCode();
        int i = key * METADATA_CACHE + ((h ^ (h >>> 16)) & (METADATA_CACHE - 1));
        String cached = metadataValues[i];
        if (cached != value && (cached == null || !cached.equals(value))) {
            metadataBytes[i] = encodeField(METADATA_KEYS[key], value);
            metadataValues[i] = value;
        }
        return metadataBytes[i];
    }
    /** Days since 1970-01-01 of the last time written, and its {@code "yyyy-MM-ddT} (quote included, padded form). */
    private long lastDay = Long.MIN_VALUE;
    private byte[] lastDayBytes;

    /** {@code ,"name":"value"} with {@code value} escaped, as {@link #field(String, String)} writes it after another field. */
    private static byte[] encodeField(String name, String value) {
        ByteText t = new ByteText(name.length() + value.length() + 8);
        t.ascii(',').jsonString(name).ascii(':').jsonString(value);
        return java.util.Arrays.copyOf(t.buf, t.len);
    }

    /** The quoted ISO-8601 time ({@link ByteText#isoTime(long)}), the date part taken from the previous message's when the day is the same. */
    private void time(long epochMillis) {
        long day = Math.floorDiv(epochMillis, 86_400_000L);
        if (day != lastDay) {
            ByteText t = new ByteText(32);
            t.ascii('"').isoTime(day * 86_400_000L);
            if (t.len != 21) { // not "yyyy-MM-ddT00:00:00Z: a year outside 0..9999
                text.ascii('"').isoTime(epochMillis).ascii('"');
                return;
            }
            lastDayBytes = ByteText.padded(java.util.Arrays.copyOf(t.buf, 12));
            lastDay = day;
        }
        text.reserve(32);
        text.put(lastDayBytes);
        text.putClock((int) (epochMillis - lastDay * 86_400_000L));
        text.ascii('"');
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
        if (!fastPaths) {
            m.writeFields(this);
            closeOpenLevels();
        } else if (m instanceof PositionReport p) {
            writePositionReport(p);
        } else if (m instanceof BaseStationReport r) {
            writeBaseStationReport(r);
        } else if (m instanceof StaticAndVoyageData r) {
            writeStaticAndVoyageData(r);
        } else if (m instanceof StandardClassBPositionReport r) {
            writeClassBPositionReport(r);
        } else {
            m.writeFields(this);
            closeOpenLevels();
        }
    }

    private void header(int type, int repeat, int mmsi) {
        depth = 0;
        first = false;
        if (type >= 0 && type < 64 && repeat >= 0 && repeat < 4) {
            text.reserve(64);
            text.put(HEADERS[type << 2 | repeat]);
        } else {
            text.bytes(CLASS_AIS);
            field("type", type);
            field("repeat", repeat);
            key("mmsi");
            text.ascii('"');
        }
        if (mmsi >= 0 && mmsi <= Mmsi.MAX_VALID) {
            text.reserve(16);
            text.putNineDigits(mmsi);
        } else {
            text.number(mmsi);
        }
        text.ascii('"');
        if (!Mmsi.isValid(mmsi)) {
            field("mmsi_valid", false);
        }
    }

    // ---- types 1-3 -----------------------------------------------------------------------------

    /**
     * Whether the most common message types take their own writers ({@link #writePositionReport} and
     * the type 4/11, 5 and 18 ones below); false writes them through their
     * {@link AisMessage#writeFields(FieldSink)} like every other message (tests compare the two).
     */
    boolean fastPaths = true;

    /**
     * Writes what {@link PositionReport#writeFields(FieldSink)} writes through this sink, byte for
     * byte, with one capacity check, pre-encoded keys and integer digits: types 1-3 are most of the
     * traffic. Values that are not exactly the decoder's scaled codes (a record built by hand) take
     * {@link ByteText#decimal(double, int)} as the generic path does.
     */
    private void writePositionReport(PositionReport p) {
        ByteText t = text;
        t.reserve(512);
        int status = p.navigationStatus();
        if (status >= 0 && status < STATUS.length) {
            t.put(STATUS[status]);
        } else {
            field("status", status);
            field("status_text", Names.navigationStatus(status));
        }
        int rot = p.rateOfTurnRaw();
        if (rot >= -128 && rot <= 127) {
            t.put(TURN[rot + 128]);
        } else {
            Units.writeTurn(this, rot);
        }
        t.reserve(400);
        tenthsField(K_SPEED, p.speedOverGround());
        t.put(p.positionAccuracy() ? K_ACCURACY_TRUE : K_ACCURACY_FALSE);
        positionFields(p.longitude(), p.latitude());
        tenthsField(K_COURSE, p.courseOverGround());
        if (p.trueHeading() != AisMessage.NOT_AVAILABLE) {
            t.put(K_HEADING);
            number(p.trueHeading());
        }
        t.put(K_SECOND);
        number(p.timeStamp());
        t.put(K_MANEUVER);
        number(p.specialManoeuvre());
        t.put(p.raim() ? K_RAIM_TRUE : K_RAIM_FALSE);
        int radio = p.radio();
        if (radio >= 0) {
            communicationState(radio, radio, p.messageType() == 3);
        }
    }

    /**
     * {@code radio} and the sub-fields of the 19-bit communication state {@code raw} (Table 18 SOTDMA,
     * Table 20 ITDMA), as {@link CommunicationState#writeFields} writes them after {@code field("radio", radio)}.
     */
    private void communicationState(int radio, int raw, boolean itdma) {
        ByteText t = text;
        t.reserve(160);
        t.put(K_RADIO);
        number(radio);
        t.put(K_SYNC_STATE);
        number((raw >>> 17) & 3);
        if (itdma) {
            t.put(K_SLOT_INCREMENT);
            number((raw >>> 4) & 0x1fff);
            t.put(K_SLOTS);
            number((raw >>> 1) & 7);
            t.put((raw & 1) != 0 ? K_KEEP_TRUE : K_KEEP_FALSE);
            return;
        }
        int timeout = (raw >>> 14) & 7;
        int sub = raw & 0x3fff;
        t.put(K_SLOT_TIMEOUT);
        number(timeout);
        switch (timeout) {
            case 0 -> t.put(K_SLOT_OFFSET);
            case 1 -> {
                t.put(K_UTC_HOUR);
                number((sub >>> 9) & 0x1f);
                t.put(K_UTC_MINUTE);
                number((sub >>> 2) & 0x7f);
                return;
            }
            case 2, 4, 6 -> t.put(K_SLOT_NUMBER);
            default -> t.put(K_RECEIVED_STATIONS);
        }
        number(sub);
    }

    // ---- types 4, 11, 18 and 5 -----------------------------------------------------------------

    /** What {@link BaseStationReport#writeFields(FieldSink)} writes, as {@link #writePositionReport} does for types 1-3. */
    private void writeBaseStationReport(BaseStationReport r) {
        ByteText t = text;
        t.reserve(512);
        unlessNotAvailable(K_YEAR, r.year());
        unlessNotAvailable(K_MONTH, r.month());
        unlessNotAvailable(K_DAY, r.day());
        unlessNotAvailable(K_HOUR, r.hour());
        unlessNotAvailable(K_MINUTE, r.minute());
        unlessNotAvailable(K_SECOND, r.second());
        t.put(r.positionAccuracy() ? K_ACCURACY_TRUE : K_ACCURACY_FALSE);
        positionFields(r.longitude(), r.latitude());
        epfd(r.epfd());
        t.put(r.raim() ? K_RAIM_TRUE : K_RAIM_FALSE);
        int radio = r.radio();
        if (radio >= 0) {
            communicationState(radio, radio, false);
        }
    }

    /** What {@link StandardClassBPositionReport#writeFields(FieldSink)} writes, as {@link #writePositionReport} does for types 1-3. */
    private void writeClassBPositionReport(StandardClassBPositionReport r) {
        ByteText t = text;
        t.reserve(512);
        t.put(K_RESERVED);
        number(r.reserved());
        tenthsField(K_SPEED, r.speedOverGround());
        t.put(r.positionAccuracy() ? K_ACCURACY_TRUE : K_ACCURACY_FALSE);
        positionFields(r.longitude(), r.latitude());
        tenthsField(K_COURSE, r.courseOverGround());
        unlessNotAvailable(K_HEADING, r.trueHeading());
        t.put(K_SECOND);
        number(r.timeStamp());
        t.put(K_REGIONAL);
        number(r.regional());
        t.put(r.carrierSense() ? K_CS_TRUE : K_CS_FALSE);
        t.put(r.display() ? K_DISPLAY_TRUE : K_DISPLAY_FALSE);
        t.put(r.dsc() ? K_DSC_TRUE : K_DSC_FALSE);
        t.put(r.band() ? K_BAND_TRUE : K_BAND_FALSE);
        t.put(r.message22() ? K_MSG22_TRUE : K_MSG22_FALSE);
        t.put(r.assignedMode() ? K_ASSIGNED_TRUE : K_ASSIGNED_FALSE);
        t.put(r.raim() ? K_RAIM_TRUE : K_RAIM_FALSE);
        int radio = r.radio();
        if (radio >= 0) {
            communicationState(radio, radio & ~CommunicationState.ITDMA_SELECTOR, (radio & CommunicationState.ITDMA_SELECTOR) != 0);
        }
    }

    /** What {@link StaticAndVoyageData#writeFields(FieldSink)} writes, as {@link #writePositionReport} does for types 1-3. */
    private void writeStaticAndVoyageData(StaticAndVoyageData r) {
        ByteText t = text;
        t.reserve(512);
        t.put(K_AIS_VERSION);
        number(r.aisVersion());
        unlessNotAvailable(K_IMO, r.imoNumber());
        textField(K_CALLSIGN, r.callSign());
        textField(K_SHIPNAME, r.shipName());
        t.reserve(256);
        int shipType = r.shipType();
        if (shipType > 0 && shipType < SHIP_TYPES.length) {
            t.put(SHIP_TYPES[shipType]);
        } else if (shipType != 0) {
            field("shiptype", shipType);
            field("shiptype_text", Names.shipType(shipType));
        }
        t.reserve(256);
        t.put(K_TO_BOW);
        number(r.toBow());
        t.put(K_TO_STERN);
        number(r.toStern());
        t.put(K_TO_PORT);
        number(r.toPort());
        t.put(K_TO_STARBOARD);
        number(r.toStarboard());
        epfd(r.epfd());
        String eta = r.etaText();
        if (eta != null) {
            t.put(K_ETA);
            t.jsonString(eta);
        }
        t.reserve(256);
        tenthsField(K_DRAUGHT, r.draught());
        textField(K_DESTINATION, r.destination());
        t.reserve(32);
        t.put(K_DTE);
        number(r.dte());
    }

    /** {@code key} (with its comma) and {@code v} unless it is {@link AisMessage#NOT_AVAILABLE}; room reserved. */
    private void unlessNotAvailable(byte[] key, int v) {
        if (v != AisMessage.NOT_AVAILABLE) {
            text.put(key);
            number(v);
        }
    }

    /** {@code epfd} and {@code epfd_text} as the generic path writes them; room reserved. */
    private void epfd(int epfd) {
        if (epfd >= 0 && epfd < EPFDS.length) {
            text.put(EPFDS[epfd]);
        } else {
            field("epfd", epfd);
            field("epfd_text", Names.epfd(epfd));
        }
    }

    /** {@code key} (with its comma) and a JSON string, nothing for an empty text (as the records pass null for it). */
    private void textField(byte[] key, String value) {
        if (!value.isEmpty()) {
            text.reserve(key.length);
            text.put(key);
            text.jsonString(value);
        }
    }

    /** A non-negative int without a capacity check (room reserved), any other value in full. */
    private void number(int v) {
        if (v >= 0) {
            text.putUnsigned(v);
        } else {
            text.number(v);
        }
    }

    /** {@code key} (with its comma) and a value in tenths (speed, course), skipped when NaN. */
    private void tenthsField(byte[] key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return;
        }
        text.put(key);
        long tenths = (long) Math.rint(v * 10.0); // a candidate, verified: exact tenths give back v
        if (tenths >= 0 && tenths < 100_000 && tenths / 10.0 == v) {
            text.putTenths((int) tenths);
        } else {
            text.decimal(v, 1);
            text.reserve(400);
        }
    }

    /**
     * What {@link FieldSink#position} writes after a previous field (a coordinate left out when
     * {@link Units#isLongitude} or {@link Units#isLatitude} says it is none), with pre-encoded keys
     * and integer digits, for the fast paths.
     */
    private void positionFields(double lon, double lat) {
        if (Units.isLongitude(lon)) {
            positionField(K_LON, lon);
        }
        if (Units.isLatitude(lat)) {
            positionField(K_LAT, lat);
        }
    }

    /** {@code key} (with its comma) and degrees to 6 decimals. */
    private void positionField(byte[] key, double v) {
        text.put(key);
        long code = (long) Math.rint(v * 600_000.0); // a candidate, verified as for tenths
        if (Math.abs(code) < 200_000_000L && code / 600_000.0 == v) {
            text.putMicroDegrees((int) code);
        } else {
            text.decimal(v, 6);
            text.reserve(400);
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
