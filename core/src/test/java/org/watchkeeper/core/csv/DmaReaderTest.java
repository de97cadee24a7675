package org.watchkeeper.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.Dimensions;
import org.watchkeeper.core.observation.Eta;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;

/** Lines written in the layout of the Danish Maritime Authority's daily AIS CSV. */
class DmaReaderTest {
    static final String HEADER = "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,IMO,Callsign,Name,"
            + "Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,Destination,ETA,Data source type,A,B,C,D\n";

    @Test
    void readsClassAAndBRowsWithTheirQuirks() throws IOException {
        String csv = HEADER
                + "01/11/2023 00:00:01,Class A,219021000,55.466780,11.016700,Under way using engine,0.0,12.3,182.4,183,9321172,OXPR2,SKAGERRAK,Cargo,,25,180,GPS,7.2,AARHUS,02/11/2023 06:30:00,AIS,150,30,12,13\n"
                + "01/11/2023 00:00:02,Class B,211234560,54.321000,10.140000,Unknown value,,,,,Unknown,,,Undefined,,,,Undefined,,,,AIS,,,,\n"
                + "01/11/2023 00:00:03,Class A,219021000,55.465000,11.016600,Restricted manoeuverability,,102.3,360.0,511,,,,,,,,,,,,AIS,,,,\n"
                + "01/11/2023 00:00:04,Class A,,55.0,11.0,Moored,,0,0,0,,,,,,,,,,,,AIS,,,,\n"
                + "31/13/2023 00:00:05,Class A,219021000,55.0,11.0,Moored,,0,0,0,,,,,,,,,,,,AIS,,,,\n";
        List<Observation> out = new ArrayList<>();
        CsvReport r = new DmaReader("aisdk-2023-11-01.csv").read(new StringReader(csv), out::add);
        assertThat(r.rows()).isEqualTo(5);
        assertThat(r.badRows()).isEqualTo(2);
        assertThat(r.problems()).extracting(CsvReport.Problem::line).containsExactly(5L, 6L);
        assertThat(r.problems()).extracting(CsvReport.Problem::reason).containsExactly(CsvRejectReason.BAD_MMSI,
                CsvRejectReason.BAD_TIME);
        assertThat(r.problems().get(1).detail()).isEqualTo("# Timestamp: Text '31/13/2023 00:00:05' could not be parsed:"
                + " Invalid value for MonthOfYear (valid values 1 - 12): 13");

        PositionObservation a = (PositionObservation) out.get(0);
        assertThat(a.time()).isEqualTo(Instant.parse("2023-11-01T00:00:01Z").toEpochMilli());
        assertThat(a.classEvidence()).isEqualTo(StationClass.A);
        assertThat(a.latitude()).isEqualTo(55.46678);
        assertThat(a.speedOverGround()).isEqualTo(12.3);
        assertThat(a.heading()).isEqualTo(183);
        assertThat(a.navigationStatus()).isEqualTo(0);
        IdentityObservation id = (IdentityObservation) out.get(1);
        assertThat(id.name()).isEqualTo("SKAGERRAK");
        assertThat(id.callSign()).isEqualTo("OXPR2");
        assertThat(id.imo()).isEqualTo(9321172);
        assertThat(id.shipType()).isEqualTo(70);
        assertThat(id.dimensions()).isEqualTo(new Dimensions(150, 30, 12, 13));
        assertThat(id.draught()).isEqualTo(7.2);
        assertThat(id.destination()).isEqualTo("AARHUS");
        assertThat(id.eta()).isEqualTo(new Eta(11, 2, 6, 30));

        PositionObservation b = (PositionObservation) out.get(2);
        assertThat(b.classEvidence()).isEqualTo(StationClass.B);
        assertThat(b.navigationStatus()).isEqualTo(Observation.NOT_AVAILABLE);
        assertThat(b.speedOverGround()).isNaN();
        assertThat(out.get(3)).isInstanceOf(PositionObservation.class); // class B row with no identity: no identity observation

        PositionObservation na = (PositionObservation) out.get(3);
        assertThat(na.navigationStatus()).isEqualTo(3);
        assertThat(na.speedOverGround()).isNaN();
        assertThat(na.courseOverGround()).isNaN();
        assertThat(na.heading()).isEqualTo(Observation.NOT_AVAILABLE);
        assertThat(out).hasSize(4);
    }

    /**
     * A DMA row keeps no AIS message type; its {@code Type of mobile} tells a vessel's position from a
     * base station's, an aid to navigation's or a SAR aircraft's, as the message type would. A ship
     * lying still 13 h in rows of this layout is a stop for the anchorage finder.
     */
    @Test
    void typeOfMobileTellsAVesselsPositionFromAFixedStationsOrAnAircrafts() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        csv.append("01/11/2023 00:00:00,Base Station,002190047,55.7,12.6,Unknown value,,,,,,,,,,,,,,,,AIS,,,,\n");
        csv.append("01/11/2023 00:00:00,AtoN,992191001,55.6,12.7,Unknown value,,,,,,,,,,,,,,,,AIS,,,,\n");
        csv.append("01/11/2023 00:00:00,SAR Airborne,111219501,55.5,12.8,Unknown value,,120,90,,,,,,,,,,,,,AIS,,,,\n");
        csv.append("01/11/2023 00:00:00,Undefined,219000777,55.4,12.9,Unknown value,,0,0,,,,,,,,,,,,,AIS,,,,\n");
        for (int m = 0; m <= 13 * 60; m += 10) {
            csv.append(String.format("01/11/2023 %02d:%02d:00,Class A,219021000,55.466780,11.0167%02d,At anchor,,0.1,0,183,"
                    + ",,,,,,,,,,,AIS,,,,%n", m / 60, m % 60, m % 7));
        }
        List<Observation> out = new ArrayList<>();
        new DmaReader("aisdk.csv").read(new StringReader(csv.toString()), out::add);
        List<PositionObservation> p = out.stream().filter(o -> o instanceof PositionObservation).map(o -> (PositionObservation) o).toList();
        assertThat(p).hasSize(4 + 79);
        assertThat(p).extracting(PositionObservation::vesselReport).startsWith(false, false, false, true, true);
        assertThat(p).extracting(PositionObservation::fixedStationReport).startsWith(true, true, false, false, false);
        assertThat(p).extracting(PositionObservation::aircraftReport).startsWith(false, false, true, false, false);
        assertThat(p).allSatisfy(o -> assertThat(o.messageType()).isEqualTo(Observation.NO_MESSAGE_TYPE));

        org.watchkeeper.core.ref.port.AnchorageFinder finder = new org.watchkeeper.core.ref.port.AnchorageFinder(
                org.watchkeeper.core.ref.port.AnchorageFinder.Config.defaults().with(12 * 3_600_000L, 1));
        org.watchkeeper.core.pipeline.Analysis analysis = new org.watchkeeper.core.pipeline.Analysis(
                org.watchkeeper.core.track.TrackerConfig.defaults(), List.of(finder));
        out.forEach(analysis::accept);
        analysis.finish();
        // the ship's 79 rows; the base station, the aid, the aircraft and the row of MMSI 219000777
        // (no class, a ship's MMSI, one fix) are not a stop
        assertThat(finder.totals().fixes()).isEqualTo(80);
        assertThat(finder.totals().stops()).isEqualTo(1);
        assertThat(finder.anchorages()).singleElement().satisfies(a -> {
            assertThat(a.vessels()).isEqualTo(1);
            assertThat(a.stationaryMillis()).isEqualTo(13 * 3_600_000L);
            assertThat(a.firstMillis()).isEqualTo(Instant.parse("2023-11-01T00:00:00Z").toEpochMilli());
        });
    }

    @Test
    void categoryNamesMapToTableCodes() {
        assertThat(DmaReader.shipTypeCode("Tanker")).isEqualTo(80);
        assertThat(DmaReader.shipTypeCode("Fishing")).isEqualTo(30);
        assertThat(DmaReader.shipTypeCode("Undefined")).isEqualTo(Observation.NOT_AVAILABLE);
        assertThat(DmaReader.navigationStatus("At anchor")).isEqualTo(1);
        assertThat(DmaReader.navigationStatus("Engaged in fishing")).isEqualTo(7);
        assertThat(DmaReader.mobileClass("Base Station")).isEqualTo(StationClass.BASE_STATION);
    }
}
