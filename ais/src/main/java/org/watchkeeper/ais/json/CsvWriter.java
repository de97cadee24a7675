package org.watchkeeper.ais.json;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.FieldSink;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.TimeSource;

/**
 * Writes decoded messages as CSV (RFC 4180) with one fixed header, one row per message, so that
 * every AIS message type lands in the same table for spreadsheets and data-frame tools.
 *
 * <p>Columns, in this order ({@link #COLUMNS}): reception metadata {@code time} (ISO-8601 UTC,
 * as in {@link GpsdJsonWriter}), {@code source}, {@code talker}, {@code channel}; then
 * {@code type}, {@code repeat}, {@code mmsi} (9 digits with leading zeros, the value in full when
 * it has more); then the gpsd-named fields analysts use most: position report {@code status},
 * {@code turn}, {@code speed}, {@code accuracy}, {@code lon}, {@code lat}, {@code alt} (metres, a SAR
 * aircraft's, type 9), {@code course}, {@code heading}; the UTC date and time a base station or a
 * UTC/date response gives (types 4 and 11) {@code year}, {@code month}, {@code day}, {@code hour},
 * {@code minute}, and {@code second} (for the position reports, the UTC second of their time stamp);
 * static data {@code imo}, {@code callsign}, {@code shipname},
 * {@code shiptype}, {@code to_bow}, {@code to_stern}, {@code to_port}, {@code to_starboard},
 * {@code epfd}, {@code draught}, {@code destination}, {@code eta}, {@code dte}; aids to
 * navigation {@code aid_type}, {@code name}; binary messages {@code dac}, {@code fi} (the fields of
 * their application, such as an inland ship's ERI type, are left out: see {@link #application}); and last the
 * reception marks of {@link GpsdJsonWriter}: {@code own_ship} ({@code true} for a VDO sentence, the
 * receiver's own ship, {@code false} for VDM), {@code checksum} and {@code tag_block_checksum}
 * ({@code unverified} when a lenient reader kept the message without checking that checksum, else empty).
 * Rows written without reception metadata leave these three empty.
 *
 * <p>Values use the same units and number formatting as the JSON output (knots, degrees,
 * metres; decimals rounded half away from zero, trailing zeros removed); flags are {@code true} /
 * {@code false}. A field the message does not carry, or carries as "not available", leaves its
 * cell empty. Fields not in the header and everything inside nested structures (binary
 * application sub-records, arrays) are ignored; use the JSON output for those.
 *
 * <p>RFC 4180: fields holding a comma, double quote, CR or LF are enclosed in double quotes with
 * inner quotes doubled (6-bit AIS text can hold {@code ,} and {@code "}); records end with CRLF;
 * the header is the first record. Output is UTF-8. Not thread safe.
 */
public final class CsvWriter implements FieldSink, Flushable {
    /** The header, in column order. */
    public static final List<String> COLUMNS = List.of(
            "time", "source", "talker", "channel",
            "type", "repeat", "mmsi",
            "status", "turn", "speed", "accuracy", "lon", "lat", "alt", "course", "heading",
            "year", "month", "day", "hour", "minute", "second",
            "imo", "callsign", "shipname", "shiptype", "to_bow", "to_stern", "to_port", "to_starboard",
            "epfd", "draught", "destination", "eta", "dte",
            "aid_type", "name",
            "dac", "fi",
            "own_ship", "checksum", "tag_block_checksum");

    /**
     * Column by name: open addressing on the name's hash, a power-of-two table at most a third full. The
     * names come as string constants, so a probe usually ends on the first identity comparison.
     */
    private static final String[] INDEX_NAMES = new String[128];
    private static final int[] INDEX_COLUMNS = new int[128];
    private static final int TIME = 0;
    private static final int SOURCE = 1;
    private static final int TALKER = 2;
    private static final int CHANNEL = 3;
    private static final int TYPE = 4;
    private static final int REPEAT = 5;
    private static final int MMSI = 6;
    private static final int OWN_SHIP = COLUMNS.indexOf("own_ship");
    private static final int CHECKSUM = COLUMNS.indexOf("checksum");
    private static final int TAG_BLOCK_CHECKSUM = COLUMNS.indexOf("tag_block_checksum");

    static {
        if (COLUMNS.size() > Long.SIZE) {
            throw new AssertionError("textCells holds one bit per column");
        }
        for (int i = 0; i < COLUMNS.size(); i++) {
            String name = COLUMNS.get(i);
            int k = slot(name);
            while (INDEX_NAMES[k] != null) {
                k = (k + 1) & (INDEX_NAMES.length - 1);
            }
            INDEX_NAMES[k] = name;
            INDEX_COLUMNS[k] = i;
        }
    }

    private static final int FLUSH_AT = 64 * 1024;

    private final OutputStream out;
    private final ByteText row = new ByteText(FLUSH_AT + 8 * 1024);
    private final ByteText[] cells = new ByteText[COLUMNS.size()];
    /**
     * The cells of this row that hold text (bit i: column i), the only ones that may need quoting;
     * numbers, times and flags never hold a comma, quote or line end.
     */
    private long textCells;
    private int depth;

    /**
     * Creates the writer and buffers the header record.
     *
     * @param out receives the UTF-8 CSV; not closed by this writer
     */
    public CsvWriter(OutputStream out) {
        this(out, true);
    }

    /**
     * Creates the writer, buffering the header record only when asked: without it, the rows continue
     * a CSV text that another writer began (e.g. one part of a stream decoded on another thread).
     *
     * @param out receives the UTF-8 CSV; not closed by this writer
     * @param header whether to write the header record first
     */
    public CsvWriter(OutputStream out, boolean header) {
        this.out = Objects.requireNonNull(out, "out");
        for (int i = 0; i < cells.length; i++) {
            cells[i] = new ByteText(32);
            if (!header) {
                continue;
            }
            if (i > 0) {
                row.ascii(',');
            }
            row.ascii(COLUMNS.get(i));
        }
        if (header) {
            row.ascii("\r\n");
        }
    }

    /**
     * Appends one row without reception metadata.
     *
     * @throws IOException when handing the buffer to the stream fails
     */
    public void write(AisMessage m) throws IOException {
        begin(m);
        end();
    }

    /**
     * Appends one row with the reception metadata columns filled.
     *
     * @throws IOException when handing the buffer to the stream fails
     */
    public void write(ReceivedMessage r) throws IOException {
        begin(r.message());
        if (r.receiveTimeMillis() != Long.MIN_VALUE && r.timeSource() != TimeSource.NONE) {
            cells[TIME].isoTime(r.receiveTimeMillis());
        }
        if (r.source() != null) {
            cells[SOURCE].text(r.source());
            textCells |= 1L << SOURCE;
        }
        if (r.talker() != null) {
            cells[TALKER].text(r.talker());
            textCells |= 1L << TALKER;
        }
        if (r.channel() != '\0' && !Character.isSurrogate(r.channel())) {
            cells[CHANNEL].utf8(r.channel());
            textCells |= 1L << CHANNEL;
        }
        cells[OWN_SHIP].ascii(r.ownShip() ? "true" : "false");
        if (!r.checksumVerified()) {
            cells[CHECKSUM].ascii("unverified");
        }
        org.watchkeeper.ais.nmea.TagBlock tag = r.tagBlockWithoutTime();
        if (tag != null && !tag.checksumVerified()) {
            cells[TAG_BLOCK_CHECKSUM].ascii("unverified");
        }
        end();
    }

    /** Appends one row with the given header and the fields {@code body} writes (for non-message structures and tests). */
    void write(int type, int repeat, int mmsi, java.util.function.Consumer<FieldSink> body) throws IOException {
        header(type, repeat, mmsi);
        body.accept(this);
        end();
    }

    private void begin(AisMessage m) {
        header(m.messageType(), m.repeatIndicator(), m.mmsi());
        m.writeFields(this);
    }

    private void header(int type, int repeat, int mmsi) {
        for (ByteText c : cells) {
            c.clear();
        }
        textCells = 0;
        depth = 0;
        cells[TYPE].number(type);
        cells[REPEAT].number(repeat);
        if (mmsi >= 0 && mmsi <= org.watchkeeper.ais.Mmsi.MAX_VALID) {
            cells[MMSI].padded(mmsi, 9);
        } else {
            cells[MMSI].number(mmsi);
        }
    }

    private void end() throws IOException {
        // room for the whole record at once: every cell quoted with each byte doubled at the worst, a
        // comma after each, CRLF
        int need = 2;
        for (ByteText c : cells) {
            need += 2 * c.len + 3;
        }
        row.ensure(need);
        byte[] b = row.buf;
        int n = row.len;
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b[n++] = ',';
            }
            ByteText c = cells[i];
            int l = c.len;
            if (l == 0) {
                continue;
            }
            if ((textCells & (1L << i)) != 0) { // text may need quoting: ByteText.csvField decides
                row.len = n;
                row.csvField(c);
                n = row.len;
            } else {
                System.arraycopy(c.buf, 0, b, n, l);
                n += l;
            }
        }
        b[n++] = '\r';
        b[n++] = '\n';
        row.len = n;
        if (n >= FLUSH_AT) {
            drain();
        }
    }

    private void drain() throws IOException {
        row.writeTo(out);
        row.clear();
    }

    /** Hands everything buffered to the stream and flushes the stream. */
    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** The column of a top-level field in the header, its cell cleared; -1 when the field is not a column. */
    private int column(String name) {
        if (depth > 0 || name == null) {
            return -1;
        }
        int i = -1;
        for (int k = slot(name); ; k = (k + 1) & (INDEX_NAMES.length - 1)) {
            String n = INDEX_NAMES[k];
            if (n == null) {
                break;
            }
            if (n == name || n.equals(name)) {
                i = INDEX_COLUMNS[k];
                break;
            }
        }
        if (i <= MMSI || i >= OWN_SHIP) {
            return -1; // not a column, or one the writer fills itself
        }
        cells[i].clear();
        return i;
    }

    private static int slot(String name) {
        int h = name.hashCode();
        return (h ^ (h >>> 16)) & (INDEX_NAMES.length - 1);
    }

    @Override
    public void field(String name, long value) {
        int i = column(name);
        if (i >= 0) {
            cells[i].number(value);
        }
    }

    @Override
    public void field(String name, double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        int i = column(name);
        if (i >= 0) {
            cells[i].decimal(value, decimals);
        }
    }

    @Override
    public void field(String name, String value) {
        if (value == null) {
            return;
        }
        int i = column(name);
        if (i >= 0) {
            cells[i].text(value);
            textCells |= 1L << i;
        }
    }

    @Override
    public void field(String name, boolean value) {
        int i = column(name);
        if (i >= 0) {
            cells[i].ascii(value ? "true" : "false");
        }
    }

    /** Leaves the application's fields out: their names would fill columns that mean something else here. */
    @Override
    public void application(org.watchkeeper.ais.binary.BinaryApplication application) {
        // left out, as documented in the class comment
    }

    @Override
    public void beginObject(String name) {
        depth++;
    }

    @Override
    public void endObject() {
        depth = Math.max(0, depth - 1);
    }

    @Override
    public void beginArray(String name) {
        depth++;
    }

    @Override
    public void endArray() {
        depth = Math.max(0, depth - 1);
    }
}
