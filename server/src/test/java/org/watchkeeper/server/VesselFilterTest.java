package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.ref.VesselCriteria;
import org.watchkeeper.core.sharing.DataClass;
import org.watchkeeper.core.sharing.SharingPolicy;

class VesselFilterTest {
    @Test
    void shipTypesAreCodesRangesAndLists() {
        BitSet t = VesselFilter.shipTypes("30, 80-89,255");
        assertThat(t.cardinality()).isEqualTo(12);
        assertThat(t.get(30)).isTrue();
        assertThat(t.get(80)).isTrue();
        assertThat(t.get(89)).isTrue();
        assertThat(t.get(90)).isFalse();
        assertThat(t.get(255)).isTrue();
        assertThat(VesselFilter.shipTypes("0-255").cardinality()).isEqualTo(256);
        assertThat(VesselFilter.shipTypes(null)).isNull();
        assertThatThrownBy(() -> VesselFilter.shipTypes("80-")).isInstanceOf(Api.BadRequest.class)
                .hasMessageStartingWith("shiptype must be an integer code");
        assertThatThrownBy(() -> VesselFilter.shipTypes("89-80")).hasMessage("shiptype range 89-80 ends below its start");
        assertThatThrownBy(() -> VesselFilter.shipTypes("99999999999999999999")).hasMessage("shiptype must be in 0..255: 99999999999999999999");
        assertThatThrownBy(() -> VesselFilter.shipTypes("1,".repeat(65))).hasMessage("shiptype lists more than 64 values");
        // a range of two dashes is malformed, not a range to -89
        assertThatThrownBy(() -> VesselFilter.shipTypes("80--89")).isInstanceOf(Api.BadRequest.class)
                .hasMessage("shiptype must be an integer code (ITU-R M.1371-5 Table 53), a range such as 80-89, or a"
                        + " comma-separated list of them: 80--89");
        assertThatThrownBy(() -> VesselFilter.shipTypes("")).isInstanceOf(Api.BadRequest.class)
                .hasMessage("shiptype is empty; give ITU-R M.1371-5 ship and cargo type codes such as 30, or ranges such as"
                        + " 80-89, or leave shiptype out");
    }

    @Test
    void aVesselIsTestedAsTheCallerSeesIt() {
        VesselFilter tankers = new VesselFilter(new VesselCriteria(VesselFilter.shipTypes("80-89"), null, null));
        VesselFilter marshall = new VesselFilter(new VesselCriteria(null, Set.of("MH"), Set.of("A")));
        ObjectNode v = Rows.JSON.createObjectNode().put("mmsi", "538004030").put("shiptype", 80).put("flag", "MH")
                .put("class", "A").put("lat", 57.6).put("lon", 11.8).put("last_seen", "2014-09-28T18:29:54.899Z");
        assertThat(tankers.test(v.deepCopy())).isTrue();
        assertThat(marshall.test(v.deepCopy())).isTrue();
        assertThat(new VesselFilter(new VesselCriteria(VesselFilter.shipTypes("70-79"), null, null)).test(v.deepCopy())).isFalse();
        assertThat(new VesselFilter(new VesselCriteria(VesselFilter.shipTypes("80"), Set.of("DK"), null)).test(v.deepCopy())).isFalse();
        // a partner shown positions but no identities: the ship type is withheld, so no ship type matches it;
        // the flag (from the MMSI) and the class still do
        SharingPolicy positionsOnly = new SharingPolicy(Set.of(DataClass.POSITIONS, DataClass.EVENTS), List.of(), Duration.ZERO);
        ObjectNode seen = Sharing.vessel(v.deepCopy(), positionsOnly, Instant.parse("2014-09-29T00:00:00Z"));
        assertThat(seen.has("shiptype")).isFalse();
        assertThat(tankers.test(seen)).isFalse();
        assertThat(marshall.test(seen)).isTrue();
        assertThat(tankers.test((ObjectNode) null)).isFalse();
        // the fields themselves, as /api/vessels tests the live picture's vessels
        assertThat(tankers.test(80, "MH", "A")).isTrue();
        assertThat(tankers.test(-1, "MH", "A")).isFalse();
        assertThat(marshall.test(-1, null, "A")).isFalse();
    }
}
