package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The kept int form of the communication state (gpsd's {@code radio}) against the decoded records (Tables 18, 20, 48, 49). */
class CommunicationStateTest {

    @Test
    void everySelectedValueDecodesAndComesBackUnchanged() {
        for (int radio = 0; radio < 1 << 20; radio++) {
            CommunicationState cs = CommunicationState.ofSelected(radio);
            assertThat(cs instanceof CommunicationState.Itdma).isEqualTo(radio >= 1 << 19);
            assertThat(cs.raw()).isEqualTo(radio & 0x7ffff);
            assertThat(CommunicationState.selected(cs)).isEqualTo(radio);
        }
    }

    @Test
    void subFieldsSitWhereTheTablesPutThem() {
        // SOTDMA: sync 2, slot time-out 1, sub message UTC 13:45 (hour bits 13..9, minute bits 8..2)
        int sotdma = (2 << 17) | (1 << 14) | (13 << 9) | (45 << 2);
        CommunicationState.Sotdma s = (CommunicationState.Sotdma) CommunicationState.of(sotdma, false);
        assertThat(s).isEqualTo(new CommunicationState.Sotdma(2, 1, (13 << 9) | (45 << 2)));
        assertThat(s.utcHour()).isEqualTo(13);
        assertThat(s.utcMinute()).isEqualTo(45);
        // ITDMA: sync 3, slot increment 8191, 5 slots, keep flag set
        int itdma = (3 << 17) | (8191 << 4) | (5 << 1) | 1;
        assertThat(CommunicationState.of(itdma, true)).isEqualTo(new CommunicationState.Itdma(3, 8191, 5, true));
        assertThat(CommunicationState.ofSelected(itdma | CommunicationState.ITDMA_SELECTOR))
                .isEqualTo(new CommunicationState.Itdma(3, 8191, 5, true));
    }

    @Test
    void notAvailableIsNullBothWays() {
        assertThat(CommunicationState.of(AisMessage.NOT_AVAILABLE, false)).isNull();
        assertThat(CommunicationState.ofSelected(AisMessage.NOT_AVAILABLE)).isNull();
        assertThat(CommunicationState.selected(null)).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(CommunicationState.rawOf(null)).isEqualTo(AisMessage.NOT_AVAILABLE);
    }

    @Test
    void recordsKeepTheStateAsSentAndDecodeItOnAccess() {
        // type 3 (ITDMA) and type 18 with selector 1, from the same 19 bits
        int raw = (1 << 17) | (691 << 4) | (7 << 1);
        PositionReport p3 = new PositionReport(3, 0, 244_000_001, 0, 0, 1.0, false, 4.5, 52.0, 90.0, 90, 10, 0, 0, false, raw);
        assertThat(p3.communicationState()).isEqualTo(new CommunicationState.Itdma(1, 691, 7, false));
        PositionReport p1 = new PositionReport(1, 0, 244_000_001, 0, 0, 1.0, false, 4.5, 52.0, 90.0, 90, 10, 0, 0, false, raw);
        assertThat(p1.communicationState()).isEqualTo(CommunicationState.Sotdma.fromRaw(raw));
        StandardClassBPositionReport b = new StandardClassBPositionReport(18, 0, 244_000_002, 0, 1.0, false, 4.5, 52.0,
                90.0, 90, 10, 0, true, false, true, true, true, false, false, CommunicationState.ITDMA_SELECTOR | raw);
        assertThat(b.communicationState()).isEqualTo(new CommunicationState.Itdma(1, 691, 7, false));
        assertThat(AisDecoder.decode(AisDecoder.encode(b).toReader())).isEqualTo(b);
    }
}
