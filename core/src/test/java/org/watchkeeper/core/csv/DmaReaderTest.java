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
