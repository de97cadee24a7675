package org.watchkeeper.core.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.AisDecoder;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.BitWriter;

/**
 * Every message type that carries neither position nor identity gives one {@link HeardObservation}
 * of its sender: the station was heard. Types only base stations send (16, 17, 20, 22, 23) say so.
 */
class HeardObservationTest {
    static final long T = 1_276_256_788_929L; // 2010-06-11T11:46:28.929Z

    /** A message of {@code type} from {@code mmsi}: its header, the rest of 160 bits zero (every layout takes that). */
    static AisMessage message(int type, int mmsi) {
        BitWriter w = new BitWriter().unsigned(6, type).unsigned(2, 0).unsigned(30, mmsi);
        for (int i = 38; i < 160; i++) {
            w.unsigned(1, 0);
        }
        return AisDecoder.decode(w.toReader());
    }

    @Test
    void everyMessageWithoutPositionOrIdentityTellsItsStationWasHeard() {
        ObservationMapper mapper = new ObservationMapper();
        for (int type : new int[] {6, 7, 8, 10, 12, 13, 14, 15, 16, 17, 20, 22, 23, 25, 26}) {
            AisMessage m = message(type, 2_275_115);
            assertThat(m.messageType()).isEqualTo(type);
            List<Observation> out = mapper.map(m, T, "AI");
            assertThat(out).as("type %d", type).hasSize(1);
            assertThat(out.get(0)).isEqualTo(new HeardObservation(T, "AI", 2_275_115, type,
                    type == 16 || type == 17 || type == 20 || type == 22 || type == 23
                            ? StationClass.BASE_STATION : StationClass.UNKNOWN));
        }
    }

    @Test
    void onlyBaseStationsSendAssignmentGnssAndLinkManagementMessages() {
        for (int type = 0; type < 64; type++) {
            boolean base = type == 4 || type == 16 || type == 17 || type == 20 || type == 22 || type == 23;
            assertThat(StationClass.ofMessageType(type) == StationClass.BASE_STATION).as("type %d", type).isEqualTo(base);
        }
    }
}
