package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchkeeper.ais.OtherTypesTestSupport.*;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AssignedModeCommandTest {

    /**
     * dma-aislib/stream_example.txt: Belgian base station 002053502 assigns 205127000 a rate of
     * 200 reports per 10 minutes (increment 0, so the offset is a rate); 96 bits.
     */
    @Test
    void decodesRealOneStationCommand() {
        String p = "@01uEOPhqwEP<P00";
        AssignedModeCommand m = (AssignedModeCommand) AisDecoder.decode(p, 0);
        assertThat(m).isEqualTo(new AssignedModeCommand(0, 2053502, 0,
                List.of(new AssignedModeCommand.Assignment(205127000, 200, 0)), 0));
        assertThat(Mmsi.format(m.mmsi())).isEqualTo("002053502");
        assertThat(m.assignments().get(0).reportsPerTenMinutes()).isEqualTo(200);
        assertThat(fields(m)).containsExactly(
                Map.entry("mmsi1", "205127000"), Map.entry("offset1", 200L), Map.entry("increment1", 0L));
        assertReencodes(m, p, 0);
    }

    /** amsa-risky/ais.txt.gz: a 144-bit (two-station) type 16 whose content is noise; read at the table offsets. */
    @Test
    void decodesRealTwoStationCommand() {
        String p = "@Qug8rW>G107PPR14>@8<EDF";
        AssignedModeCommand m = (AssignedModeCommand) AisDecoder.decode(p, 0);
        assertThat(m.repeatIndicator()).isEqualTo(2);
        assertThat(m.mmsi()).isEqualTo(131844330);
        assertThat(m.spare()).isEqualTo(1);
        assertThat(m.assignments()).containsExactly(
                new AssignedModeCommand.Assignment(865534977, 3592, 136),
                new AssignedModeCommand.Assignment(71536672, 3157, 278));
        assertThat(m.assignments().get(0).reportsPerTenMinutes()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(fields(m)).containsKeys("mmsi2", "offset2", "increment2");
        assertReencodes(m, p, 0);
    }

    @Test
    void shortPayloads() {
        AssignedModeCommand one = new AssignedModeCommand(0, 2655135, 0, List.of(new AssignedModeCommand.Assignment(265000001, 1234, 75)), 9);
        BitWriter w = AisDecoder.encode(one);
        assertThat(w.length()).isEqualTo(96);
        assertThat(reDecoded(one)).isEqualTo(one);
        AssignedModeCommand noSpare = AssignedModeCommand.decode(truncated(w, 92));
        assertThat(noSpare.spare2()).isZero();
        assertThat(noSpare.assignments()).isEqualTo(one.assignments());
        assertThatThrownBy(() -> AssignedModeCommand.decode(truncated(w, 91)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
        AssignedModeCommand two = new AssignedModeCommand(0, 2655135, 0, List.of(
                new AssignedModeCommand.Assignment(265000001, 1234, 75), new AssignedModeCommand.Assignment(265000002, 10, 0)), 0);
        BitWriter w2 = AisDecoder.encode(two);
        assertThat(w2.length()).isEqualTo(144);
        assertThat(AssignedModeCommand.decode(truncated(w2, 143)).assignments()).hasSize(1);
    }

    @Test
    void constructorRejectsInconsistentForms() {
        AssignedModeCommand.Assignment a = new AssignedModeCommand.Assignment(1, 2, 3);
        assertThatThrownBy(() -> new AssignedModeCommand(0, 1, 0, List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AssignedModeCommand(0, 1, 0, List.of(a, a, a), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AssignedModeCommand(0, 1, 0, List.of(a, a), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void roundTrip(@ForAll("commands") AssignedModeCommand m) {
        assertThat(reDecoded(m)).isEqualTo(m);
    }

    @Provide
    Arbitrary<AssignedModeCommand> commands() {
        Arbitrary<AssignedModeCommand.Assignment> a = Combinators.combine(mmsis(), bits(12), bits(10)).as(AssignedModeCommand.Assignment::new);
        Arbitrary<AssignedModeCommand> one = Combinators.combine(bits(2), mmsis(), bits(2), a, bits(4))
                .as((r, m, s, x, s2) -> new AssignedModeCommand(r, m, s, List.of(x), s2));
        Arbitrary<AssignedModeCommand> two = Combinators.combine(bits(2), mmsis(), bits(2), a, a)
                .as((r, m, s, x, y) -> new AssignedModeCommand(r, m, s, List.of(x, y), 0));
        return Arbitraries.oneOf(one, two);
    }
}
