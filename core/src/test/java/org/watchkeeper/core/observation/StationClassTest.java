package org.watchkeeper.core.observation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names every output gives a class, and what an MMSI alone tells of it (ITU-R M.585-9). */
class StationClassTest {
    @Test
    void eachClassHasOneNameEverywhere() {
        assertThat(StationClass.values()).extracting(StationClass::id)
                .containsExactly("unknown", "A", "B", "base_station", "aid_to_navigation", "sar_aircraft");
        assertThat(StationClass.UNKNOWN.idOrNull()).isNull();
        assertThat(StationClass.BASE_STATION.idOrNull()).isEqualTo("base_station");
        for (StationClass c : StationClass.values()) {
            assertThat(StationClass.ofId(c.id())).isEqualTo(c);
        }
        assertThat(StationClass.ofId("C")).isNull();
    }

    @Test
    void theMmsiTellsBaseStationsAidsToNavigationAndSarAircraftButNotAFromB() {
        assertThat(StationClass.ofMmsi(2_194_005)).isEqualTo(StationClass.BASE_STATION); // 002194005, Denmark
        assertThat(StationClass.ofMmsi(2_275_115)).isEqualTo(StationClass.BASE_STATION); // 002275115, France
        assertThat(StationClass.ofMmsi(992_191_515)).isEqualTo(StationClass.AID_TO_NAVIGATION);
        assertThat(StationClass.ofMmsi(111_232_511)).isEqualTo(StationClass.SAR_AIRCRAFT);
        assertThat(StationClass.ofMmsi(205_464_990)).isEqualTo(StationClass.UNKNOWN); // a Belgian ship
        assertThat(StationClass.ofMmsi(982_191_001)).isEqualTo(StationClass.UNKNOWN); // a parent ship's craft
        assertThat(StationClass.ofMmsi(970_123_456)).isEqualTo(StationClass.UNKNOWN); // an AIS-SART
        assertThat(StationClass.ofMmsi(0)).isEqualTo(StationClass.UNKNOWN);
    }
}
