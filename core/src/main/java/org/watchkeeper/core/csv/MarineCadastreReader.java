package org.watchkeeper.core.csv;

import static org.watchkeeper.core.csv.CsvFields.decimal;
import static org.watchkeeper.core.csv.CsvFields.get;
import static org.watchkeeper.core.csv.CsvFields.integer;
import static org.watchkeeper.core.csv.CsvFields.text;

import java.io.IOException;
import java.io.Reader;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.watchkeeper.core.observation.Dimensions;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;

/**
 * Reads NOAA / BOEM MarineCadastre AIS CSV ({@code MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,
 * VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass}; columns found
 * by header name). Each row gives a {@link PositionObservation} and, when it carries any identity
 * field, an {@link IdentityObservation}, both with {@link Observation#NO_MESSAGE_TYPE} and the
 * class from {@code TransceiverClass} ({@code A}/{@code B}).
 *
 * <p>Quirks handled: {@code BaseDateTime} is UTC without a zone ({@code 2022-01-03T00:00:00});
 * empty fields are absent; the AIS "not available" codes are kept in the export and become absent
 * here (SOG 102.3, COG 360 and above, heading 511, LAT 91, LON 181); {@code IMO} is written
 * {@code IMO1234567} (0 / {@code IMO0000000} absent); {@code Status} is the Table 45 code;
 * {@code VesselType} the Table 53 code; {@code Length}/{@code Width} are whole-ship metres (0 or
 * empty absent), kept as {@link Dimensions#overall}: length and beam known, the reference point's
 * offsets not available (the export does not give them). Rows with a missing or bad MMSI or time, or
 * unparseable numbers, and rows that are not valid CSV (RFC 4180), longer than 8 192 characters, or
 * with fewer fields than the header (or more that are not empty), are rejected with line, reason
 * ({@link CsvRejectReason}) and detail, never thrown, and give no observation; reading goes on at
 * the next line.
 */
public final class MarineCadastreReader {
    private final String source;

    /** @param source recorded as each observation's source (e.g. the file name) */
    public MarineCadastreReader(String source) {
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
        CsvRecords.read(in, truncated, report, r -> {
            int mmsi = CsvFields.mmsi(r, "MMSI");
            long time = CsvFields.time(r, "BaseDateTime", null).toInstant(ZoneOffset.UTC).toEpochMilli();
            StationClass cls = switch (get(r, "TransceiverClass")) {
                case "A" -> StationClass.A;
                case "B" -> StationClass.B;
                default -> StationClass.UNKNOWN;
            };
            double lat = CsvFields.latitude(r, "LAT");
            double lon = CsvFields.longitude(r, "LON");
            double sog = CsvFields.speedOverGround(r, "SOG");
            double cog = CsvFields.courseOverGround(r, "COG");
            int heading = CsvFields.heading(r, "Heading");
            int status = integer(r, "Status");
            if (status > 15) {
                status = Observation.NOT_AVAILABLE;
            }
            String name = text(r, "VesselName");
            String callSign = text(r, "CallSign");
            int imo = imo(get(r, "IMO"));
            int type = integer(r, "VesselType");
            int length = integer(r, "Length");
            int width = integer(r, "Width");
            double draft = decimal(r, "Draft");
            // every field read before the first observation: a rejected row gives none
            sink.accept(new PositionObservation(time, source, mmsi, Observation.NO_MESSAGE_TYPE, cls, lat, lon,
                    sog, cog, heading, status, false, false));
            report.observation();
            Dimensions dims = length > 0 || width > 0
                    ? Dimensions.overall(length > 0 ? length : Observation.NOT_AVAILABLE,
                            width > 0 ? width : Observation.NOT_AVAILABLE)
                    : null;
            if (name != null || callSign != null || imo > 0 || type > 0 || dims != null || draft > 0) {
                sink.accept(new IdentityObservation(time, source, mmsi, Observation.NO_MESSAGE_TYPE, cls, name,
                        callSign, imo > 0 ? imo : Observation.NOT_AVAILABLE,
                        type > 0 && type <= 255 ? type : Observation.NOT_AVAILABLE, dims,
                        draft > 0 ? draft : Double.NaN, null, null, Observation.NOT_AVAILABLE));
                report.observation();
            }
        });
        return report;
    }

    /** {@code IMO1234567} or {@code 1234567} → the number; empty, zero or garbage → NOT_AVAILABLE. */
    static int imo(String s) {
        String digits = s.startsWith("IMO") ? s.substring(3) : s;
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) {
            return Observation.NOT_AVAILABLE;
        }
        long v = Long.parseLong(digits);
        return v > 0 && v <= 999_999_999 ? (int) v : Observation.NOT_AVAILABLE;
    }
}
