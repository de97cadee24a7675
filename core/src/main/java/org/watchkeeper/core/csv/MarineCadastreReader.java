package org.watchkeeper.core.csv;

import static org.watchkeeper.core.csv.CsvFields.decimal;
import static org.watchkeeper.core.csv.CsvFields.get;
import static org.watchkeeper.core.csv.CsvFields.integer;
import static org.watchkeeper.core.csv.CsvFields.text;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
 * {@code VesselType} the Table 53 code; {@code Length}/{@code Width} are whole-ship metres, kept as
 * {@code Dimensions(length, 0, width, 0)} so that {@code length()} and {@code beam()} are right
 * while the reference-point offsets are unknown. Rows with a missing or bad MMSI or time, or
 * unparseable numbers, are counted as bad with line and reason, never thrown.
 */
public final class MarineCadastreReader {
    private final String source;

    /** @param source recorded as each observation's source (e.g. the file name) */
    public MarineCadastreReader(String source) {
        this.source = source;
    }

    /**
     * Reads the whole input.
     *
     * @throws IOException only for I/O failures of the reader
     */
    public CsvReport read(Reader in, Consumer<Observation> sink) throws IOException {
        CsvReport report = new CsvReport();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            for (CSVRecord r : parser) {
                report.row();
                long line = parser.getCurrentLineNumber();
                try {
                    String mmsiText = get(r, "MMSI");
                    if (mmsiText.isEmpty()) {
                        report.bad(line, "MMSI missing", CsvFields.raw(r));
                        continue;
                    }
                    long mmsiLong = Long.parseLong(mmsiText);
                    if (mmsiLong <= 0 || mmsiLong >= (1L << 30)) {
                        report.bad(line, "MMSI out of range: " + mmsiText, CsvFields.raw(r));
                        continue;
                    }
                    int mmsi = (int) mmsiLong;
                    long time = LocalDateTime.parse(get(r, "BaseDateTime")).toInstant(ZoneOffset.UTC).toEpochMilli();
                    StationClass cls = switch (get(r, "TransceiverClass")) {
                        case "A" -> StationClass.A;
                        case "B" -> StationClass.B;
                        default -> StationClass.UNKNOWN;
                    };
                    double lat = decimal(r, "LAT");
                    double lon = decimal(r, "LON");
                    if (lat == 91 || Math.abs(lat) > 90) {
                        lat = Double.NaN;
                    }
                    if (lon == 181 || Math.abs(lon) > 180) {
                        lon = Double.NaN;
                    }
                    double sog = decimal(r, "SOG");
                    if (sog >= 102.3 || sog < 0) {
                        sog = Double.NaN;
                    }
                    double cog = decimal(r, "COG");
                    if (cog >= 360 || cog < 0) {
                        cog = Double.NaN;
                    }
                    int heading = integer(r, "Heading");
                    if (heading < 0 || heading > 359) {
                        heading = Observation.NOT_AVAILABLE;
                    }
                    int status = integer(r, "Status");
                    if (status > 15) {
                        status = Observation.NOT_AVAILABLE;
                    }
                    sink.accept(new PositionObservation(time, source, mmsi, Observation.NO_MESSAGE_TYPE, cls, lat, lon,
                            sog, cog, heading, status, false, false));
                    report.observation();
                    String name = text(r, "VesselName");
                    String callSign = text(r, "CallSign");
                    int imo = imo(get(r, "IMO"));
                    int type = integer(r, "VesselType");
                    int length = integer(r, "Length");
                    int width = integer(r, "Width");
                    double draft = decimal(r, "Draft");
                    Dimensions dims = length > 0 || width > 0 ? new Dimensions(Math.max(0, length), 0, Math.max(0, width), 0) : null;
                    if (name != null || callSign != null || imo > 0 || type > 0 || dims != null || draft > 0) {
                        sink.accept(new IdentityObservation(time, source, mmsi, Observation.NO_MESSAGE_TYPE, cls, name,
                                callSign, imo > 0 ? imo : Observation.NOT_AVAILABLE,
                                type > 0 && type <= 255 ? type : Observation.NOT_AVAILABLE, dims,
                                draft > 0 ? draft : Double.NaN, null, null, Observation.NOT_AVAILABLE));
                        report.observation();
                    }
                } catch (NumberFormatException | DateTimeParseException e) {
                    report.bad(line, e.getMessage(), CsvFields.raw(r));
                }
            }
        }
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
