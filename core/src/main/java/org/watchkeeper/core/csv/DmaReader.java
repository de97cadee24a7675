package org.watchkeeper.core.csv;

import static org.watchkeeper.core.csv.CsvFields.decimal;
import static org.watchkeeper.core.csv.CsvFields.get;
import static org.watchkeeper.core.csv.CsvFields.integer;
import static org.watchkeeper.core.csv.CsvFields.text;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.watchkeeper.ais.Names;
import org.watchkeeper.core.observation.Dimensions;
import org.watchkeeper.core.observation.Eta;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;

/**
 * Reads the Danish Maritime Authority's daily AIS CSV ({@code # Timestamp,Type of mobile,MMSI,
 * Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,IMO,Callsign,Name,Ship type,Cargo type,
 * Width,Length,Type of position fixing device,Draught,Destination,ETA,Data source type,A,B,C,D};
 * columns by header name, the leading {@code # } of the header ignored). Timestamps and ETA are
 * {@code dd/MM/yyyy HH:mm:ss} UTC. Each row gives a position and, when it carries identity, an
 * identity observation ({@link Observation#NO_MESSAGE_TYPE}).
 *
 * <p>Conversions: {@code Type of mobile} "Class A"/"Class B"/"Base Station"/"AtoN"/"SAR Airborne"
 * → class; {@code Navigational status} is text and is mapped back to its Table 45 code ("Unknown
 * value" → absent); {@code Ship type} is a category name ("Cargo", "Tanker", "Fishing", ...) mapped
 * to the first code of that category in Table 53 (Cargo 70, Tanker 80, Fishing 30, ...; "Undefined"
 * → absent); A, B, C, D are the distances to bow, stern, port, starboard; "Unknown" and empty
 * fields are absent. Rows with a missing or bad MMSI or time, unparseable numbers or ETA, and rows
 * that are not valid CSV (RFC 4180), longer than 8 192 characters, or with fewer fields than the
 * header (or more that are not empty), are rejected with line, reason ({@link CsvRejectReason}) and
 * detail, never thrown, and give no observation; reading goes on at the next line.
 */
public final class DmaReader {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", Locale.ROOT);
    private final String source;

    /** @param source recorded as each observation's source (e.g. the file name) */
    public DmaReader(String source) {
        this.source = source;
    }

    /**
     * Reads the whole input (see {@link #read(Reader, Consumer, Supplier, Consumer)}), taken to be whole.
     *
     * @throws IOException only for I/O failures of the reader
     */
    public CsvReport read(Reader in, Consumer<Observation> sink) throws IOException {
        return read(in, sink, () -> null, null);
    }

    /**
     * Reads the whole input. A malformed row is rejected alone, with its line, and the rows after it
     * are read (where a quote opened on one line is not closed validly on the lines after it, only
     * that line is rejected).
     *
     * @param truncated asked at the end of the input: why it ended early (a gzip file cut short), or
     *                  null when it is whole; the last row, cut by that end, is then rejected
     * @param rejected given each rejected row as it is found (every one), or null
     * @throws IOException only for I/O failures of the reader
     */
    public CsvReport read(Reader in, Consumer<Observation> sink, Supplier<String> truncated,
                          Consumer<CsvReport.Problem> rejected) throws IOException {
        CsvReport report = new CsvReport(rejected);
        String[] timeColumn = {"# Timestamp"};
        CsvRecords.read(in, truncated, report, new CsvRecords.RowHandler() {
            @Override
            public void header(List<String> names) {
                names.stream().filter(h -> h.replace("#", "").strip().equals("Timestamp")).findFirst()
                        .ifPresent(h -> timeColumn[0] = h);
            }

            @Override
            public void row(CsvRecords.Row r) {
                int mmsi = CsvFields.mmsi(r, "MMSI");
                long time = CsvFields.time(r, timeColumn[0], TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
                StationClass cls = mobileClass(get(r, "Type of mobile"));
                double lat = CsvFields.latitude(r, "Latitude");
                double lon = CsvFields.longitude(r, "Longitude");
                double sog = CsvFields.speedOverGround(r, "SOG");
                double cog = CsvFields.courseOverGround(r, "COG");
                int heading = CsvFields.heading(r, "Heading");
                String name = known(text(r, "Name"));
                String callSign = known(text(r, "Callsign"));
                int imo = integerOrUnknown(r, "IMO");
                int type = shipTypeCode(get(r, "Ship type"));
                int a = integerOrUnknown(r, "A");
                int b = integerOrUnknown(r, "B");
                int c = integerOrUnknown(r, "C");
                int d = integerOrUnknown(r, "D");
                Dimensions dims = a >= 0 && b >= 0 && c >= 0 && d >= 0 ? new Dimensions(a, b, c, d) : null;
                if (dims != null && dims.isEmpty()) {
                    dims = null;
                }
                double draught = decimalOrUnknown(r, "Draught");
                String destination = known(text(r, "Destination"));
                Eta eta = null;
                String etaText = get(r, "ETA");
                if (!etaText.isEmpty()) {
                    LocalDateTime e;
                    try {
                        e = LocalDateTime.parse(etaText, TIME);
                    } catch (DateTimeParseException x) {
                        throw new CsvRecords.Rejected(CsvRejectReason.BAD_FIELD, "ETA: " + x.getMessage());
                    }
                    eta = Eta.of(e.getMonthValue(), e.getDayOfMonth(), e.getHour(), e.getMinute());
                }
                // every field read before the first observation: a rejected row gives none
                sink.accept(new PositionObservation(time, source, mmsi, Observation.NO_MESSAGE_TYPE, cls, lat, lon,
                        sog, cog, heading, navigationStatus(get(r, "Navigational status")), false, false));
                report.observation();
                if (name != null || callSign != null || imo > 0 || type > 0 || dims != null || draught > 0
                        || destination != null || eta != null) {
                    sink.accept(new IdentityObservation(time, source, mmsi, Observation.NO_MESSAGE_TYPE, cls, name, callSign,
                            imo > 0 ? imo : Observation.NOT_AVAILABLE, type, dims, draught > 0 ? draught : Double.NaN,
                            destination, eta, Observation.NOT_AVAILABLE));
                    report.observation();
                }
            }
        });
        return report;
    }

    private static String known(String s) {
        return s == null || s.equalsIgnoreCase("Unknown") ? null : s;
    }

    private static int integerOrUnknown(CsvRecords.Row r, String column) {
        String s = get(r, column);
        return s.isEmpty() || s.equalsIgnoreCase("Unknown") ? Observation.NOT_AVAILABLE : integer(r, column);
    }

    private static double decimalOrUnknown(CsvRecords.Row r, String column) {
        String s = get(r, column);
        return s.isEmpty() || s.equalsIgnoreCase("Unknown") ? Double.NaN : decimal(r, column);
    }

    static StationClass mobileClass(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "class a":
                return StationClass.A;
            case "class b":
                return StationClass.B;
            case "base station":
                return StationClass.BASE_STATION;
            case "aton":
                return StationClass.AID_TO_NAVIGATION;
            case "sar airborne":
                return StationClass.SAR_AIRCRAFT;
            default:
                return StationClass.UNKNOWN;
        }
    }

    /** Table 45 code of a status name (case and the DMA's "manoeuverability" spelling tolerated); NOT_AVAILABLE otherwise. */
    static int navigationStatus(String s) {
        String key = norm(s);
        if (key.isEmpty()) {
            return Observation.NOT_AVAILABLE;
        }
        for (int code = 0; code <= 14; code++) {
            String n = norm(Names.navigationStatus(code));
            if (n.equals(key) || (n.length() >= 12 && key.length() >= 12 && n.substring(0, 12).equals(key.substring(0, 12)))) {
                return code;
            }
        }
        return Observation.NOT_AVAILABLE;
    }

    private static String norm(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    /** First Table 53 code of a DMA ship type category; NOT_AVAILABLE for "Undefined", empty or unknown names. */
    static int shipTypeCode(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "wig": return 20;
            case "fishing": return 30;
            case "towing": return 31;
            case "towing long/wide": return 32;
            case "dredging": return 33;
            case "diving": return 34;
            case "military": return 35;
            case "sailing": return 36;
            case "pleasure": return 37;
            case "hsc": return 40;
            case "pilot": return 50;
            case "sar": return 51;
            case "tug": return 52;
            case "port tender": return 53;
            case "anti-pollution": return 54;
            case "law enforcement": return 55;
            case "medical": return 58;
            case "not party to conflict": return 59;
            case "passenger": return 60;
            case "cargo": return 70;
            case "tanker": return 80;
            case "other": return 90;
            default: return Observation.NOT_AVAILABLE;
        }
    }
}
