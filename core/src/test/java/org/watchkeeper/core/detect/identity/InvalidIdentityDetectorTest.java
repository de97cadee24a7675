package org.watchkeeper.core.detect.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.watchkeeper.core.detect.identity.AisScript.min;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;

class InvalidIdentityDetectorTest {

    @Test
    void imoCheckDigit() {
        // IMO Resolution A.1117(30) example: 9074729 (sum 139, check digit 9)
        assertThat(ImoNumber.checkDigit(9074729)).isEqualTo(9);
        assertThat(ImoNumber.isValid(9074729)).isTrue();
        assertThat(ImoNumber.isValid(9074728)).isFalse();
        // 1·7+2·6+3·5+4·4+5·3+6·2 = 77 → 7
        assertThat(ImoNumber.isValid(1234567)).isTrue();
        assertThat(ImoNumber.isValid(1234568)).isFalse();
        assertThat(ImoNumber.isValid(907472)).isFalse();
        assertThat(ImoNumber.isValid(19074729)).isFalse();
    }

    @Test
    void eachProblemOncePerVesselWithTheFirstObservationShowingIt() {
        AisScript s = new AisScript();
        // 235000001 (UK): bad IMO check digit in every type 5, empty name, then a position
        s.staticData(min(0), 235_000_001, 9074728, "MABC1", "");
        s.position(min(1), 235_000_001, 51.0, 1.5);
        s.staticData(min(6), 235_000_001, 9074728, "MABC1", "");
        // 200000001: MID 200 is not allocated; 199000001 is no M.585 pattern (ship MMSIs start with 2..7)
        s.position(min(2), 200_000_001, 51.1, 1.6);
        s.position(min(3), 200_000_001, 51.1, 1.61);
        s.position(min(3), 199_000_001, 51.15, 1.65);
        // 1 000 000 001: ten digits in the 30-bit field
        s.position(min(2), 1_000_000_001, 51.2, 1.7);
        // a coast-station MMSI sending a Class A position report; a ship MMSI sending a base station report
        s.position(min(4), 2_320_001, 51.3, 1.8);
        s.baseStation(min(4), 232_000_009, 51.4, 1.9);
        // a name with no letter
        s.staticData(min(5), 232_000_010, 9074729, "MXYZ", "1234");
        s.position(min(7), 232_000_010, 51.5, 2.0);
        // look-alikes: a good ship, a real base station, a SAR aircraft, an AtoN-free craft of a parent ship
        s.staticData(min(5), 232_000_011, 9074729, "GBXX", "EVER GIVEN");
        s.position(min(5), 232_000_011, 51.6, 2.1);
        s.baseStation(min(5), 2_320_002, 51.7, 2.2);
        s.sarAircraft(min(5), 111_232_001, 51.8, 2.3, 120, 90);
        s.position(min(5), 982_320_001, 51.9, 2.4);
        List<Observation> obs = s.accepted();
        obs.sort(java.util.Comparator.comparingLong(Observation::time));
        List<Event> events = AisScript.run(obs, InvalidIdentityDetector.withDefaults());
        assertThat(events).extracting(e -> e.vessels().get(0), e -> e.attributes().get("reason"), Event::start)
                .containsExactlyInAnyOrder(
                        tuple(235_000_001, "imo_bad_check_digit", min(0)),
                        tuple(235_000_001, "name_empty", min(0)),
                        tuple(200_000_001, "mid_not_allocated", min(2)),
                        tuple(199_000_001, "mmsi_invalid_pattern", min(3)),
                        tuple(1_000_000_001, "mmsi_not_nine_digits", min(2)),
                        tuple(2_320_001, "station_kind_mismatch", min(4)),
                        tuple(232_000_009, "station_kind_mismatch", min(4)),
                        tuple(232_000_010, "name_garbage", min(5)));
        Event imo = events.stream().filter(e -> "imo_bad_check_digit".equals(e.attributes().get("reason"))).findFirst().orElseThrow();
        assertThat(imo.attributes()).containsEntry("value", "9074728").containsEntry("message_type", 5)
                .containsEntry("detail", "check digit 9 expected, 8 sent");
        assertThat(imo.latitude()).isNaN(); // no position seen before the type 5
        assertThat(imo.end()).isEqualTo(imo.start());
        assertThat(imo.parameters()).containsOnlyKeys("checks");
        assertThat((List<Object>) imo.parameters().get("checks")).hasSize(IdentityProblem.values().length)
                .contains("imo_bad_check_digit", "station_kind_mismatch");
        Event mid = events.stream().filter(e -> e.vessels().get(0) == 200_000_001).findFirst().orElseThrow();
        assertThat(mid.latitude()).isEqualTo(51.1);
        assertThat(mid.evidence()).hasSize(1);
        assertThat(mid.attributes()).containsEntry("value", "200").containsEntry("mmsi", "200000001");
        Event base = events.stream().filter(e -> e.vessels().get(0) == 232_000_009).findFirst().orElseThrow();
        assertThat((String) base.attributes().get("detail")).contains("base stations");
        // two problems of one vessel at one instant have distinct ids
        assertThat(events.stream().map(Event::id).distinct().count()).isEqualTo(events.size());
    }

    @Test
    void namesAndKinds() {
        assertThat(InvalidIdentityDetector.isGarbage("EVER GIVEN")).isFalse();
        assertThat(InvalidIdentityDetector.isGarbage("12345")).isTrue();
        assertThat(InvalidIdentityDetector.isGarbage("AB@CD")).isTrue();
        assertThat(InvalidIdentityDetector.isGarbage("---")).isTrue();
        assertThat(InvalidIdentityDetector.expectedKinds(1, org.watchkeeper.ais.Mmsi.Kind.AIS_SART)).isNull();
        assertThat(InvalidIdentityDetector.expectedKinds(11, org.watchkeeper.ais.Mmsi.Kind.SHIP)).isNull();
        assertThat(InvalidIdentityDetector.expectedKinds(21, org.watchkeeper.ais.Mmsi.Kind.SHIP)).isNotNull();
        assertThat(InvalidIdentityDetector.expectedKinds(9, org.watchkeeper.ais.Mmsi.Kind.SHIP)).isNotNull();
    }

    @Test
    void sameEventsFromChunkedNmea() {
        AisScript s = new AisScript();
        for (int m = 0; m < 30; m++) {
            s.staticData(min(m), 235_000_001 + (m % 3), m % 2 == 0 ? 9074728 : 1234567, "MABC1", m % 5 == 0 ? "" : "SHIP");
            s.position(min(m + 0.2), 200_000_000 + m % 4, 51.0, 1.5 + m * 0.001);
        }
        List<Event> whole = AisScript.run(s.accepted(), InvalidIdentityDetector.withDefaults());
        // bad IMO (even m) and empty name (m = 0, 5, 10) reach each of the three vessels; four MMSIs with MID 200
        assertThat(whole).hasSize(3 + 3 + 4);
        assertThat(AisScript.runChunked(s.text(), 50, 7, InvalidIdentityDetector.withDefaults())).isEqualTo(whole);
    }

    /**
     * 1 073 741 823 (all 30 bits set: never entered) is a filler, not a claimed IMO number; other
     * values outside seven digits are still reported (936 532 400 is IMO 9365324 with two zeros
     * appended, as on exactEarth's feed).
     */
    @Test
    void theAllOnesFillerIsNotABadImoNumber() {
        List<Observation> in = new java.util.ArrayList<>();
        int[] values = {1_073_741_823, 936_532_400, 999_999};
        for (int i = 0; i < values.length; i++) {
            in.add(new IdentityObservation(AisScript.T0 + i, "csv", 232_000_030 + i, 5,
                    org.watchkeeper.core.observation.StationClass.A, "NAME", null, values[i], -1, null, Double.NaN,
                    null, null, -1));
        }
        List<Event> e = AisScript.run(in, InvalidIdentityDetector.withDefaults());
        assertThat(e).extracting(x -> x.attributes().get("value")).containsExactly("936532400", "999999");
    }

    @Test
    void identityObservationFromCsvWithImoOfSixDigits() {
        IdentityObservation id = new IdentityObservation(AisScript.T0, "csv", 232_000_020, 0,
                org.watchkeeper.core.observation.StationClass.UNKNOWN, "NAME", null, 123456, -1, null, Double.NaN, null,
                null, -1);
        List<Event> e = AisScript.run(List.of(id), InvalidIdentityDetector.withDefaults());
        assertThat(e).extracting(x -> x.attributes().get("reason")).containsExactly("imo_not_seven_digits");
    }
}
