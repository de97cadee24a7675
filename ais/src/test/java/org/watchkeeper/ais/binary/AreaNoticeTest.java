package org.watchkeeper.ais.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.AisDecoder;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.AddressedBinaryMessage;
import org.watchkeeper.ais.BinaryBroadcastMessage;
import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.RecordingSink;

/**
 * Area notice (DAC 1, FI 22/23). No real area notice occurs in the shared logs, so the payload is
 * built here field by field from the widths of IMO SN.1/Circ.289 (not with {@link AreaNotice#encode}).
 */
class AreaNoticeTest {

    /** Type 8 header, DAC 1, FI 22, notice header: linkage 17, "Caution Area: Divers down" (10), 07-04 12:30, 90 min. */
    private static BitWriter header() {
        return new BitWriter().unsigned(6, 8).unsigned(2, 0).unsigned(30, 366123456).unsigned(2, 0)
                .unsigned(10, 1).unsigned(6, 22)
                .unsigned(10, 17).unsigned(7, 10).unsigned(4, 7).unsigned(5, 4).unsigned(5, 12).unsigned(6, 30)
                .unsigned(18, 90);
    }

    static org.watchkeeper.ais.BitReader reader(org.watchkeeper.ais.BinaryData d) {
        BitWriter w = new BitWriter();
        d.writeTo(w);
        return w.toReader();
    }

    @Test
    void circle_polygon_and_text() {
        BitWriter w = header();
        // circle: scale 1 (10 m), lon -70.5° = -4 230 000 (1/1000 min), lat 42.25° = 2 535 000, precision 3, radius 50 -> 500 m
        w.unsigned(3, 0).unsigned(2, 1).signed(25, -4_230_000).signed(24, 2_535_000).unsigned(3, 3).unsigned(12, 50).unsigned(18, 0);
        // polygon: scale 2 (100 m), points (bearing code 90 -> 45.0°, 12 -> 1200 m), (181 -> 90.5°, 3 -> 300 m), two unused
        w.unsigned(3, 4).unsigned(2, 2).unsigned(10, 90).unsigned(10, 12).unsigned(10, 181).unsigned(10, 3)
                .unsigned(20, 0).unsigned(20, 0).unsigned(2, 0);
        // text: "KEEP CLEAR" padded with @ to 14 characters
        w.unsigned(3, 5).text(14, "KEEP CLEAR");
        w.unsigned(2, 0); // byte-alignment bits after the last sub-area

        BinaryBroadcastMessage m = (BinaryBroadcastMessage) AisDecoder.decode(w.toReader());
        AreaNotice n = (AreaNotice) m.application();
        assertThat(n).isNotNull();
        assertThat(n.linkageId()).isEqualTo(17);
        assertThat(n.noticeType()).isEqualTo(10);
        assertThat(n.noticeTypeText()).isEqualTo("Caution Area: Divers down");
        assertThat(n.month()).isEqualTo(7);
        assertThat(n.day()).isEqualTo(4);
        assertThat(n.hour()).isEqualTo(12);
        assertThat(n.minute()).isEqualTo(30);
        assertThat(n.duration()).isEqualTo(90);
        assertThat(n.subAreas()).hasSize(3);

        SubArea.Circle c = (SubArea.Circle) n.subAreas().get(0);
        assertThat(c.scaleFactor()).isEqualTo(1);
        assertThat(c.longitude()).isEqualTo(-70.5);
        assertThat(c.latitude()).isEqualTo(42.25);
        assertThat(c.precision()).isEqualTo(3);
        assertThat(c.radius()).isEqualTo(500);

        SubArea.Polygon p = (SubArea.Polygon) n.subAreas().get(1);
        assertThat(p.usedPoints()).containsExactly(new SubArea.Point(45.0, 1200), new SubArea.Point(90.5, 300));
        assertThat(p.points()).hasSize(4);

        assertThat(n.subAreas().get(2)).isEqualTo(new SubArea.Text("KEEP CLEAR"));

        // the notice re-encodes to the same bits, less the alignment bits
        assertThat(BinaryApplications.encode(n).bitLength()).isEqualTo(m.data().bitLength() - 2);
        assertThat(BinaryApplications.decode(1, 22, reader(BinaryApplications.encode(n)), 0)).isEqualTo(n);

        RecordingSink s = new RecordingSink();
        m.writeFields(s);
        assertThat(s.fields).containsEntry("notice_type", "10").containsEntry("duration", "90")
                .containsEntry("subareas.[0].shape", "0").containsEntry("subareas.[0].radius", "500")
                .containsEntry("subareas.[0].lon", "-70.500000")
                .containsEntry("subareas.[1].points.[1].bearing", "90.5")
                .containsEntry("subareas.[1].points.[1].distance", "300")
                .doesNotContainKey("subareas.[1].points.[2].distance")
                .containsEntry("subareas.[2].text", "KEEP CLEAR");
    }

    @Test
    void rectangle_sector_and_not_available_time() {
        BitWriter w = new BitWriter().unsigned(6, 8).unsigned(2, 0).unsigned(30, 1).unsigned(2, 0)
                .unsigned(10, 1).unsigned(6, 22)
                .unsigned(10, 1023).unsigned(7, 35).unsigned(4, 0).unsigned(5, 0).unsigned(5, 24).unsigned(6, 60)
                .unsigned(18, AreaNotice.DURATION_UNDEFINED);
        // rectangle: scale 3 (km), position not available (181°, 91°), 4 km east, 2 km north, 30°
        w.unsigned(3, 1).unsigned(2, 3).signed(25, 181 * 60_000).signed(24, 91 * 60_000).unsigned(3, 4)
                .unsigned(8, 4).unsigned(8, 2).unsigned(9, 30).unsigned(5, 0);
        // sector: scale 0, 10.0°E 55.5°N, radius 2000 m, 300°..60°
        w.unsigned(3, 2).unsigned(2, 0).signed(25, 600_000).signed(24, 3_330_000).unsigned(3, 2)
                .unsigned(12, 2000).unsigned(9, 300).unsigned(9, 60);
        AreaNotice n = (AreaNotice) ((BinaryBroadcastMessage) AisDecoder.decode(w.toReader())).application();
        assertThat(n.noticeTypeText()).isEqualTo("Restricted Area: Entry prohibited");
        assertThat(n.month()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(n.day()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(n.hour()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(n.minute()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(n.duration()).isEqualTo(262_143);
        SubArea.Rectangle r = (SubArea.Rectangle) n.subAreas().get(0);
        assertThat(r.longitude()).isNaN();
        assertThat(r.latitude()).isNaN();
        assertThat(r.east()).isEqualTo(4000);
        assertThat(r.north()).isEqualTo(2000);
        assertThat(r.orientation()).isEqualTo(30);
        assertThat(n.subAreas().get(1)).isEqualTo(new SubArea.Sector(0, 10.0, 55.5, 2, 2000, 300, 60));
    }

    @Test
    void reserved_shape_or_no_sub_area_leaves_data_raw() {
        BitWriter w = header();
        w.unsigned(3, 6).unsigned(84, 0); // shape 6 is reserved
        BinaryBroadcastMessage m = (BinaryBroadcastMessage) AisDecoder.decode(w.toReader());
        assertThat(m.application()).isNull();
        assertThat(m.data().bitLength()).isEqualTo(55 + 87);

        BitWriter none = header();
        none.unsigned(86, 0); // one bit short of a sub-area
        assertThat(((BinaryBroadcastMessage) AisDecoder.decode(none.toReader())).application()).isNull();
    }

    @Test
    void addressed_area_notice_is_fi_23_in_message_6() {
        AreaNotice n = new AreaNotice(5, 84, 12, 31, 23, 59, 60,
                List.of(new SubArea.Circle(0, 4.5, 51.9, 4, 0, 0)));
        AddressedBinaryMessage m = AddressedBinaryMessage.of(0, 244000000, 1, 244123456, false, 1, 23, n);
        AddressedBinaryMessage back = (AddressedBinaryMessage) AisDecoder.decode(AisDecoder.encode(m).toReader());
        assertThat(back).isEqualTo(m);
        assertThat(back.application()).isEqualTo(n);
        // FI 22 is broadcast only: not decoded from a message 6
        AddressedBinaryMessage fi22 = new AddressedBinaryMessage(0, 1, 0, 2, false, 0, 1, 22, m.data(), null);
        assertThat(((AddressedBinaryMessage) AisDecoder.decode(AisDecoder.encode(fi22).toReader())).application()).isNull();
    }
}
