package org.watchkeeper.core.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.Dimensions;
import org.watchkeeper.core.observation.Eta;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;

class VesselPictureTest {
    static final long T0 = 1_700_000_000_000L;
    static final int NA = Observation.NOT_AVAILABLE;

    static IdentityObservation identity(long t, int mmsi, int type, String name, String callSign, int imo, int shipType) {
        return new IdentityObservation(t, "rTEST", mmsi, type, StationClass.ofMessageType(type), name, callSign, imo, shipType,
                null, Double.NaN, null, null, NA);
    }

    @Test
    void caseB34StaticPartABeforeAnyPositionIsClassB() {
        VesselPicture picture = new VesselPicture();
        int mmsi = 265_999_901;
        picture.accept(identity(T0, mmsi, 24, "VESSEL SEVEN", null, NA, NA));
        VesselSnapshot v = picture.get(mmsi);
        assertThat(v.name()).isEqualTo("VESSEL SEVEN");
        assertThat(v.stationClass()).isEqualTo(StationClass.B);
        assertThat(v.position()).isNull();
        picture.accept(new PositionObservation(T0 + 30_000, "rTEST", mmsi, 18, StationClass.B, 59.3, 18.1, 5.5, 45.0, NA, NA, false, false));
        v = picture.get(mmsi);
        assertThat(v.stationClass()).isEqualTo(StationClass.B);
        assertThat(v.name()).isEqualTo("VESSEL SEVEN");
        assertThat(v.position().latitude()).isEqualTo(59.3);
        assertThat(v.position().longitude()).isEqualTo(18.1);
        assertThat(v.position().speedOverGround()).isEqualTo(5.5);
        assertThat(v.position().heading()).isEqualTo(NA);
        assertThat(v.flag().iso2()).isEqualTo("SE");
        assertThat(v.identityChanges()).isEmpty();
    }

    @Test
    void caseB32PositionOfRecordStaysAtTheTypeOneFixAndClassStaysA() {
        VesselPicture picture = new VesselPicture();
        int mmsi = 512_345_678;
        picture.accept(new PositionObservation(T0, "rTEST", mmsi, 1, StationClass.A, -37.654120, 176.182530, 0, 0, 0, 5, true, false));
        picture.accept(new PositionObservation(T0 + 60_000, "rTEST", mmsi, 27, StationClass.UNKNOWN, -37.653333, 176.181667, 0, 0, NA, 5, false, true));
        VesselSnapshot v = picture.get(mmsi);
        assertThat(v.position().latitude()).isEqualTo(-37.654120);
        assertThat(v.position().longitude()).isEqualTo(176.182530);
        assertThat(v.stationClass()).isEqualTo(StationClass.A);
        assertThat(v.lastSeen()).isEqualTo(T0 + 60_000);
        picture.accept(new PositionObservation(T0 + 180_000, "rTEST", mmsi, 1, StationClass.A, -37.654120, 176.182530, 0, 0, 0, 5, true, false));
        v = picture.get(mmsi);
        assertThat(v.position().time()).isEqualTo(T0 + 180_000);
        assertThat(v.derivedSpeedKnots()).isZero();
        assertThat(v.navigationStatusName()).isEqualTo("Moored");
        assertThat(v.flag().iso2()).isEqualTo("NZ");
    }

    @Test
    void identityIsMergedAndChangesAreRecorded() {
        VesselPicture picture = new VesselPicture();
        int mmsi = 366_032_000;
        // Type 5 of case B16.
        picture.accept(new IdentityObservation(T0, "a", mmsi, 5, StationClass.A, "CHEMICAL PIONEER", "KAFO", 6806444, 81,
                new Dimensions(169, 40, 14, 14), 10.4, "PROVIDENCE", Eta.of(3, 24, 14, 0), NA));
        // A later message without destination or draught leaves them alone.
        picture.accept(identity(T0 + 1000, mmsi, 5, "CHEMICAL PIONEER", "KAFO", 6806444, 81));
        VesselSnapshot v = picture.get(mmsi);
        assertThat(v.stationClass()).isEqualTo(StationClass.A);
        assertThat(v.flag().iso2()).isEqualTo("US");
        assertThat(v.shipTypeName()).isEqualTo("Tanker, hazardous category A");
        assertThat(v.dimensions().length()).isEqualTo(209);
        assertThat(v.dimensions().beam()).isEqualTo(28);
        assertThat(v.draught()).isCloseTo(10.4, within(1e-9));
        assertThat(v.destination()).isEqualTo("PROVIDENCE");
        assertThat(v.eta().toString()).isEqualTo("03-24T14:00Z");
        assertThat(v.identityChanges()).isEmpty();
        // Renamed, new call sign and IMO, and it starts sending Class B reports.
        picture.accept(identity(T0 + 86_400_000L, mmsi, 5, "PIONEER", "WXYZ", 9999999, 81));
        picture.accept(new PositionObservation(T0 + 86_500_000L, "a", mmsi, 18, StationClass.B, 41.8, -71.4, 0, 0, NA, NA, false, false));
        v = picture.get(mmsi);
        assertThat(v.name()).isEqualTo("PIONEER");
        assertThat(v.identityChanges()).extracting(IdentityChange::field).containsExactly("name", "callsign", "imo", "class");
        assertThat(v.identityChanges().get(0)).isEqualTo(new IdentityChange(T0 + 86_400_000L, "name", "CHEMICAL PIONEER", "PIONEER"));
        assertThat(v.identityChanges().get(3).newValue()).isEqualTo("B");
        assertThat(v.stationClass()).isEqualTo(StationClass.B);
    }

    /**
     * A CSV's overall size (no reference point) and AIS offsets for one vessel: the offsets win whichever
     * comes first; a later overall size replaces an earlier one.
     */
    @Test
    void aisOffsetsWinOverAnOverallSize() {
        VesselPicture picture = new VesselPicture();
        int mmsi = 366_032_000;
        picture.accept(sized(T0, mmsi, NA, Dimensions.overall(210, 28)));
        assertThat(picture.get(mmsi).dimensions()).isEqualTo(Dimensions.overall(210, 28));
        picture.accept(sized(T0 + 1000, mmsi, NA, Dimensions.overall(209, 28)));
        assertThat(picture.get(mmsi).dimensions()).isEqualTo(Dimensions.overall(209, 28));
        picture.accept(sized(T0 + 2000, mmsi, 5, new Dimensions(169, 40, 14, 14)));
        picture.accept(sized(T0 + 3000, mmsi, NA, Dimensions.overall(211, 30)));
        VesselSnapshot v = picture.get(mmsi);
        assertThat(v.dimensions()).isEqualTo(new Dimensions(169, 40, 14, 14));
        assertThat(v.dimensions().hasOffsets()).isTrue();
        assertThat(v.dimensions().length()).isEqualTo(209);
        // the other order: offsets first, then the CSV
        int other = 366_032_001;
        picture.accept(sized(T0, other, 24, new Dimensions(12, 3, 2, 2)));
        picture.accept(sized(T0 + 1000, other, NA, Dimensions.overall(16, 5)));
        assertThat(picture.get(other).dimensions()).isEqualTo(new Dimensions(12, 3, 2, 2));
        // newer offsets replace older ones
        picture.accept(sized(T0 + 2000, other, 24, new Dimensions(11, 4, 2, 3)));
        assertThat(picture.get(other).dimensions()).isEqualTo(new Dimensions(11, 4, 2, 3));
    }

    private static IdentityObservation sized(long t, int mmsi, int type, Dimensions d) {
        return new IdentityObservation(t, "a", mmsi, type == NA ? Observation.NO_MESSAGE_TYPE : type, StationClass.A, null,
                null, NA, NA, d, Double.NaN, null, null, NA);
    }

    /**
     * The class must not depend on arrival order. A satellite feed delivers out of event-time order,
     * and exactEarth's augmented feed relays a type 5 (Class A evidence) for New Zealand Class B
     * units (the tug MANUKAU, 512003184, sends five type 18 and two type 24 on 1 February 2012
     * and gets one relayed type 5 in a {@code !BSVDM} sentence).
     */
    @Test
    void classRestsOnPositionReportsAndTheNewestEvidenceInAnyArrivalOrder() {
        int mmsi = 512_003_184;
        IdentityObservation relayed = identity(T0 + 60_000, mmsi, 5, "AUGMENTED", null, NA, NA);
        PositionObservation classB1 = new PositionObservation(T0, "sat", mmsi, 18, StationClass.B, -36.8, 174.8, 6, 90, NA, NA, false, false);
        PositionObservation classB2 = new PositionObservation(T0 + 120_000, "sat", mmsi, 18, StationClass.B, -36.8, 174.81, 6, 90, NA, NA, false, false);
        List<List<Observation>> orders = List.of(List.of(classB1, relayed, classB2), List.of(classB2, classB1, relayed),
                List.of(relayed, classB2, classB1), List.of(classB1, classB2, relayed));
        for (List<Observation> order : orders) {
            VesselPicture picture = new VesselPicture();
            order.forEach(picture::accept);
            assertThat(picture.get(mmsi).stationClass()).as("order %s", order).isEqualTo(StationClass.B);
        }
        // Among position reports the newest by event time wins, whichever arrived last.
        int other = 636_012_345;
        PositionObservation a = new PositionObservation(T0, "r", other, 1, StationClass.A, 5, 5, 10, 90, NA, 0, true, false);
        PositionObservation b = new PositionObservation(T0 + 60_000, "r", other, 18, StationClass.B, 5, 5.01, 10, 90, NA, NA, false, false);
        VesselPicture inOrder = new VesselPicture();
        inOrder.accept(a);
        inOrder.accept(b);
        VesselPicture reversed = new VesselPicture();
        reversed.accept(b);
        reversed.accept(a);
        assertThat(inOrder.get(other).stationClass()).isEqualTo(StationClass.B);
        assertThat(reversed.get(other).stationClass()).isEqualTo(StationClass.B);
        assertThat(inOrder.get(other).identityChanges()).extracting(IdentityChange::newValue).containsExactly("B");
        assertThat(reversed.get(other).identityChanges()).isEmpty();
    }

    @Test
    void typeTwentySevenAloneSaysNothingAboutClass() {
        VesselPicture picture = new VesselPicture();
        picture.accept(new PositionObservation(T0, "sat", 636_012_345, 27, StationClass.UNKNOWN, 5, 5, 10, 90, NA, 0, false, true));
        assertThat(picture.get(636_012_345).stationClass()).isEqualTo(StationClass.UNKNOWN);
        assertThat(picture.get(636_012_345).flag().iso2()).isEqualTo("LR");
    }

    /**
     * Where no message tells the class, the MMSI does: a coast station's 00MIDxxxx is a base station, a
     * 99MIDxxxx an aid to navigation, a 111MIDxxx a SAR aircraft; a ship's MMSI says neither A nor B.
     * A message that tells wins over the MMSI, without an identity change (the class was not told
     * before), and a later message's evidence changes it as usual.
     */
    @Test
    void whereNoMessageTellsTheClassTheMmsiDoes() {
        VesselPicture picture = new VesselPicture();
        for (int mmsi : new int[] {2_194_005, 992_191_515, 111_219_501, 219_021_000}) {
            picture.accept(new PositionObservation(T0, "sat", mmsi, 27, StationClass.UNKNOWN, 56.3, 4.3, 0, 0, NA, NA, false, true));
        }
        assertThat(picture.get(2_194_005).stationClass()).isEqualTo(StationClass.BASE_STATION);
        assertThat(picture.get(992_191_515).stationClass()).isEqualTo(StationClass.AID_TO_NAVIGATION);
        assertThat(picture.get(111_219_501).stationClass()).isEqualTo(StationClass.SAR_AIRCRAFT);
        assertThat(picture.get(219_021_000).stationClass()).isEqualTo(StationClass.UNKNOWN);
        // a tender's type 1 under an aid-to-navigation MMSI: the message tells, A
        picture.accept(new PositionObservation(T0 + 10_000, "r", 992_191_515, 1, StationClass.A, 56.3, 4.3, 0, 0, NA, 0, false, false));
        assertThat(picture.get(992_191_515).stationClass()).isEqualTo(StationClass.A);
        assertThat(picture.get(992_191_515).identityChanges()).isEmpty();
    }

    @Test
    void boundedNumberOfVessels() {
        VesselPicture picture = new VesselPicture(new org.watchkeeper.core.track.Tracker(), 100);
        for (int i = 0; i < 250; i++) {
            picture.accept(identity(T0 + i, 200_000_000 + i, 5, "V" + i, null, NA, NA));
        }
        assertThat(picture.size()).isEqualTo(100);
        assertThat(picture.get(200_000_000)).isNull();
        assertThat(picture.get(200_000_249).name()).isEqualTo("V249");
    }
}
