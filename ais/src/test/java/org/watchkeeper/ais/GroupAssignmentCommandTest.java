package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchkeeper.ais.OtherTypesTestSupport.*;

import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class GroupAssignmentCommandTest {

    /**
     * dma-aislib/stream_example.txt: French coast station 002268120 commands inland-waterway
     * stations (station type 6) in the Dover Strait box 1.826667..2.63 E, 50.681667..51.07 N to
     * the next shorter reporting interval.
     */
    @Test
    void decodesRealCommand() {
        String p = "G02:Kn01R`sn@291njF00000900";
        GroupAssignmentCommand m = (GroupAssignmentCommand) AisDecoder.decode(p, 2);
        assertThat(m).isEqualTo(new GroupAssignmentCommand(0, 2268120, 0,
                1578 / 600.0, 30642 / 600.0, 1096 / 600.0, 30409 / 600.0, 6, 0, 0, 0, 9, 0, 0));
        assertThat(Mmsi.format(m.mmsi())).isEqualTo("002268120");
        assertThat(fields(m)).containsExactly(
                Map.entry("ne_lon", 2.63), Map.entry("ne_lat", 51.07), Map.entry("sw_lon", 1.826667), Map.entry("sw_lat", 50.681667),
                Map.entry("station_type", 6L), Map.entry("ship_type", 0L), Map.entry("txrx", 0L),
                Map.entry("interval", 9L), Map.entry("interval_text", "Next shorter reporting interval"), Map.entry("quiet", 0L));
        assertReencodes(m, p, 2);
    }

    @Test
    void writesShipTypeNameAndNotAvailableCorners() {
        GroupAssignmentCommand m = new GroupAssignmentCommand(0, 2190047, 0, Double.NaN, Double.NaN, 12.0, 55.5,
                2, 52, 0, 1, 5, 3, 0);
        Map<String, Object> f = fields(reDecoded(m));
        assertThat(f).doesNotContainKeys("ne_lon", "ne_lat");
        assertThat(f).containsEntry("sw_lon", 12.0).containsEntry("ship_type", 52L).containsEntry("ship_type_text", "Tug")
                .containsEntry("interval_text", "30 s").containsEntry("quiet", 3L);
        BitReader r = AisDecoder.encode(m).toReader();
        assertThat(r.signed(40, 18)).isEqualTo(108600);
        assertThat(r.signed(58, 17)).isEqualTo(54600);
    }

    @Test
    void shortPayloads() {
        GroupAssignmentCommand m = new GroupAssignmentCommand(1, 2655135, 0, 11.0, 56.0, 10.0, 55.0, 0, 0, 0, 2, 10, 15, 5);
        BitWriter w = AisDecoder.encode(m);
        assertThat(w.length()).isEqualTo(160);
        GroupAssignmentCommand noSpare = GroupAssignmentCommand.decode(truncated(w, 154));
        assertThat(noSpare.spare3()).isZero();
        assertThat(noSpare.quietTime()).isEqualTo(15);
        assertThatThrownBy(() -> GroupAssignmentCommand.decode(truncated(w, 153)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
    }

    @Test
    void intervalNames() {
        assertThat(Names.reportingInterval(0)).isEqualTo("As given by the autonomous mode");
        assertThat(Names.reportingInterval(1)).isEqualTo("10 min");
        assertThat(Names.reportingInterval(8)).isEqualTo("5 s");
        assertThat(Names.reportingInterval(10)).isEqualTo("Next longer reporting interval");
        assertThat(Names.reportingInterval(11)).isEqualTo("Reserved");
        assertThat(Names.reportingInterval(15)).isEqualTo("Reserved");
        assertThat(Names.reportingInterval(16)).isNull();
        assertThat(Names.reportingInterval(-1)).isNull();
    }

    @Property
    void roundTrip(@ForAll("commands") GroupAssignmentCommand m) {
        assertThat(reDecoded(m)).isEqualTo(m);
    }

    @Provide
    Arbitrary<GroupAssignmentCommand> commands() {
        Arbitrary<double[]> corners = Combinators.combine(longitudesTenthMinutes(), latitudesTenthMinutes(),
                longitudesTenthMinutes(), latitudesTenthMinutes()).as((a, b, c, d) -> new double[] {a, b, c, d});
        Arbitrary<int[]> header = Combinators.combine(bits(2), mmsis(), bits(2)).as((a, b, c) -> new int[] {a, b, c});
        Arbitrary<int[]> tail = Combinators.combine(bits(4), bits(8), bits(22), bits(2), bits(4), bits(4), bits(6))
                .as((a, b, c, d, e, f, g) -> new int[] {a, b, c, d, e, f, g});
        return Combinators.combine(header, corners, tail).as((h, c, t) -> new GroupAssignmentCommand(h[0], h[1], h[2],
                c[0], c[1], c[2], c[3], t[0], t[1], t[2], t[3], t[4], t[5], t[6]));
    }
}
