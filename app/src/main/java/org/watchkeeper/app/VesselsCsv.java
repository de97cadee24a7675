package org.watchkeeper.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.geo.Coordinates;
import org.watchkeeper.core.observation.Dimensions;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.pipeline.Analysis;
import org.watchkeeper.core.util.PlainJson;

/**
 * {@code vessels.csv}: one row per station of the picture, ordered by MMSI, RFC 4180 (CRLF, quoting
 * where needed), UTF-8: every station heard, also one heard only through messages that carry
 * neither position nor identity (binary, safety, management messages), whose position cells are then
 * empty. A cell is empty when the value was never reported.
 *
 * <p>Columns: {@code mmsi} (9 digits), {@code name}, {@code callsign}, {@code imo},
 * {@code shiptype} (ITU-R M.1371-5 Table 53 code), {@code shiptype_text}, {@code class}
 * ({@link StationClass#id()}: {@code A}, {@code B}, {@code base_station}, {@code aid_to_navigation},
 * {@code sar_aircraft}, from the message types the station itself sent, else from its MMSI; empty when
 * neither tells), {@code flag} (ISO 3166-1
 * alpha-2 of the MMSI's MID) and {@code flag_name}, {@code to_bow}, {@code to_stern},
 * {@code to_port}, {@code to_starboard} (metres from the position reference point as AIS sends them,
 * 0 = not available for that side; empty when only the overall size is known, as from a CSV export's
 * length and width), {@code length}, {@code beam} (metres overall), {@code draught}
 * (metres), {@code destination}, {@code eta} ({@code MM-DDTHH:MMZ}), {@code first_seen},
 * {@code last_seen} (ISO-8601 UTC, the station's last message of any kind), {@code last_lat},
 * {@code last_lon} (degrees, position of record) and {@code last_position_time} (ISO-8601 UTC, the
 * time of that position: earlier than {@code last_seen} when static or other messages came after it),
 * {@code positions} (accepted fixes), {@code segments} (track segments), {@code messages} (messages
 * heard from the station, each reception counted; a CSV row counts as one).
 */
final class VesselsCsv {
    static final String[] HEADER = {"mmsi", "name", "callsign", "imo", "shiptype", "shiptype_text", "class", "flag",
        "flag_name", "to_bow", "to_stern", "to_port", "to_starboard", "length", "beam", "draught", "destination", "eta",
        "first_seen", "last_seen", "last_lat", "last_lon", "last_position_time", "positions", "segments", "messages"};

    private VesselsCsv() {
    }

    /** Writes every vessel of the analysis' picture; returns the number of rows. */
    static int write(Analysis analysis, OutputStream out) throws IOException {
        List<VesselSnapshot> vessels = new ArrayList<>(analysis.picture().vessels());
        vessels.sort(Comparator.comparingInt(VesselSnapshot::mmsi));
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER).get();
        try (CSVPrinter p = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), format)) {
            for (VesselSnapshot v : vessels) {
                Analysis.Tally t = analysis.tally(v.mmsi());
                Dimensions d = v.dimensions();
                p.printRecord(Mmsi.format(v.mmsi()), v.name(), v.callSign(), opt(v.imo()), opt(v.shipType()),
                        v.shipTypeName(), v.stationClass().idOrNull(),
                        v.flag() == null ? null : v.flag().iso2(), v.flag() == null ? null : v.flag().name(),
                        offset(d, Dimensions::toBow), offset(d, Dimensions::toStern),
                        offset(d, Dimensions::toPort), offset(d, Dimensions::toStarboard),
                        d == null ? null : opt(d.length()), d == null ? null : opt(d.beam()),
                        Double.isNaN(v.draught()) ? null : PlainJson.number(v.draught()), v.destination(),
                        v.eta() == null ? null : v.eta().toString(),
                        Instant.ofEpochMilli(v.firstSeen()), Instant.ofEpochMilli(v.lastSeen()),
                        // plain decimals: Double.toString writes a longitude within 0.001° of Greenwich as 1.0E-4
                        v.position() == null ? null : PlainJson.number(Coordinates.round6(v.position().latitude())),
                        v.position() == null ? null : PlainJson.number(Coordinates.round6(v.position().longitude())),
                        v.position() == null ? null : Instant.ofEpochMilli(v.position().time()),
                        t == null ? 0 : t.positions(), t == null ? 0 : t.segments(), v.messages());
            }
        }
        return vessels.size();
    }

    /** A side as sent (0 = not available in AIS), or null when there are none or only the overall size is known. */
    private static Integer offset(Dimensions d, java.util.function.ToIntFunction<Dimensions> side) {
        return d == null || !d.hasOffsets() ? null : side.applyAsInt(d);
    }

    private static Integer opt(int v) {
        return v < 0 ? null : v;
    }
}
