package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.core.csv.MarineCadastreReader;
import org.watchkeeper.core.observation.Dimensions;
import org.watchkeeper.core.observation.Eta;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.picture.VesselPicture;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.sharing.DataClass;
import org.watchkeeper.core.sharing.SharingPolicy;
import org.watchkeeper.store.DuckDbHistoryStore;
import org.watchkeeper.store.HistoryStore;
import org.watchkeeper.store.VesselRow;

/**
 * A vessel's size in the API's vessel object, the store and the vessel export: AIS distances from the
 * reference point with their length and beam, or a CSV export's overall size as length and beam alone;
 * the stored vessel gives what the live one gives.
 */
class VesselSizeTest {
    static final String HEADER = "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
            + "Length,Width,Draft,Cargo,TransceiverClass\n";
    /** Rows of the MarineCadastre export of 3 January 2022 (WHITEFISH BAY; CAZADOR, without a width). */
    static final String ROWS = HEADER
            + "316023341,\"2022-01-03T00:00:06\",46.92346,-85.46457,13.7,291,289,\"WHITEFISH BAY\",\"IMO9639880\",\"CFN6287\",70,0,225,23,14.8,70,\"A\"\n"
            + "338148873,\"2022-01-03T00:00:00\",33.60716,-117.91483,0,280,511,\"CAZADOR\",\"\",\"\",37,,14,,,,\"B\"\n";
    static final List<String> SIZE = List.of("to_bow", "to_stern", "to_port", "to_starboard", "length", "beam");

    @TempDir
    Path dir;

    private static VesselPicture picture() throws IOException {
        VesselPicture picture = new VesselPicture();
        new MarineCadastreReader("t").read(new StringReader(ROWS), picture::accept);
        // type 5 of field case B16 (CHEMICAL PIONEER): 169 + 40 m by 14 + 14 m
        picture.accept(new IdentityObservation(Instant.parse("2022-01-03T00:00:00Z").toEpochMilli(), "a", 366_032_000, 5,
                StationClass.A, "CHEMICAL PIONEER", "KAFO", 6806444, 81, new Dimensions(169, 40, 14, 14), 10.4,
                "PROVIDENCE", Eta.of(3, 24, 14, 0), Observation.NOT_AVAILABLE));
        return picture;
    }

    private static String size(ObjectNode o) {
        StringBuilder b = new StringBuilder();
        for (String f : SIZE) {
            if (o.has(f)) {
                b.append(b.isEmpty() ? "" : " ").append(f).append('=').append(o.get(f).asInt());
            }
        }
        return b.toString();
    }

    @Test
    void liveAndStoredVesselsGiveTheSameSize() throws IOException {
        VesselPicture picture = picture();
        VesselSnapshot whitefish = picture.get(316023341);
        VesselSnapshot cazador = picture.get(338148873);
        VesselSnapshot pioneer = picture.get(366_032_000);
        assertThat(size(Api.vessel(whitefish))).isEqualTo("length=225 beam=23");
        assertThat(size(Api.vessel(cazador))).isEqualTo("length=14");
        assertThat(size(Api.vessel(pioneer)))
                .isEqualTo("to_bow=169 to_stern=40 to_port=14 to_starboard=14 length=209 beam=28");

        try (HistoryStore store = DuckDbHistoryStore.open(dir)) {
            store.upsertVessels(List.of(Rows.vessel(whitefish, 1), Rows.vessel(cazador, 1), Rows.vessel(pioneer, 0)));
            VesselRow w = store.vessel(316023341).orElseThrow();
            assertThat(List.of(w.toBow(), w.toStern(), w.toPort(), w.toStarboard(), w.length(), w.beam()))
                    .containsExactly(0, 0, 0, 0, 225, 23);
            for (VesselSnapshot v : List.of(whitefish, cazador, pioneer)) {
                assertThat(size(Api.vessel(store.vessel(v.mmsi()).orElseThrow()))).as(v.name()).isEqualTo(size(Api.vessel(v)));
            }
        }
    }

    private static List<String> tail(String line) {
        List<String> f = List.of(line.split(",", -1));
        return f.subList(f.size() - 8, f.size());
    }

    @Test
    void theVesselExportHasLengthAndBeamAndTheyAreIdentity() throws IOException {
        VesselPicture picture = picture();
        String csv = Exports.csv(List.of(Api.vessel(picture.get(316023341)), Api.vessel(picture.get(366_032_000))),
                Exports.VESSEL_FIELDS);
        String[] lines = csv.split("\r\n");
        // the last columns, after those that may hold a quoted comma (shiptype_text)
        assertThat(tail(lines[0])).containsExactly("to_bow", "to_stern", "to_port", "to_starboard", "length", "beam",
                "first_seen", "last_seen");
        assertThat(tail(lines[1]).subList(0, 6)).containsExactly("", "", "", "", "225", "23");
        assertThat(tail(lines[2]).subList(0, 6)).containsExactly("169", "40", "14", "14", "209", "28");

        // a partner shown positions only sees no size of any kind
        SharingPolicy positionsOnly = new SharingPolicy(Set.of(DataClass.POSITIONS), List.of(), Duration.ZERO);
        ObjectNode shown = Sharing.vessel(Api.vessel(picture.get(316023341)), positionsOnly, Instant.now());
        assertThat(shown.has("lat")).isTrue();
        assertThat(size(shown)).isEmpty();
        assertThat(shown.has("name")).isFalse();
    }
}
