package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.binary.InlandShipStaticVoyageData;
import org.watchkeeper.ais.binary.MeteorologicalHydrographicData;

/** Messages 6, 8, 25 and 26 from field cases and real logs; values checked against ITU-R M.1371-5 Tables 62, 64, 84, 85. */
class BinaryMessagesTest {

    private static BitReader reencode(AisMessage m) {
        return AisDecoder.encode(m).toReader();
    }

    private static void assertSameBits(BitReader original, AisMessage m) {
        BitReader again = reencode(m);
        assertThat(BinaryData.readToEnd(again, 0)).isEqualTo(BinaryData.readToEnd(original, 0));
    }

    @Test
    void b24_type8_unknown_application_keeps_data_raw() {
        BitReader b = BitReader.of("84QjLb1Kf9pf<SwKAO4t2km7Hk:d=m2hq;rPtVJosMCFfTkrNkcf", 0);
        BinaryBroadcastMessage m = (BinaryBroadcastMessage) AisDecoder.decode(b);
        assertThat(m.messageType()).isEqualTo(8);
        assertThat(m.mmsi()).isEqualTo(303865000);
        assertThat(m.dac()).isEqualTo(366);
        assertThat(m.fi()).isEqualTo(56);
        assertThat(m.data().bitLength()).isEqualTo(256);
        assertThat(m.data().hex()).startsWith("9e2e323f").endsWith("3aee").hasSize(64);
        assertThat(m.application()).isNull();
        assertSameBits(b, m);

        RecordingSink s = new RecordingSink();
        m.writeFields(s);
        assertThat(s.fields).containsEntry("dac", "366").containsEntry("fi", "56");
        assertThat(s.fields.get("data")).startsWith("256:9e2e323f").endsWith("3aee");
    }

    @Test
    void b24_type6_base_station_unknown_application() {
        BitReader b = BitReader.of("602E3U0rFKsn<P<j07", 4);
        AddressedBinaryMessage m = (AddressedBinaryMessage) AisDecoder.decode(b);
        assertThat(m.messageType()).isEqualTo(6);
        assertThat(Mmsi.format(m.mmsi())).isEqualTo("002442132");
        assertThat(m.sequenceNumber()).isZero();
        assertThat(m.destinationMmsi()).isEqualTo(244740029);
        assertThat(m.retransmit()).isTrue();
        assertThat(m.dac()).isEqualTo(200);
        assertThat(m.fi()).isEqualTo(3);
        assertThat(m.data()).isEqualTo(new BinaryData(new byte[] {0x32, 0x00}, 16));
        assertThat(m.application()).isNull();
        assertSameBits(b, m);

        RecordingSink s = new RecordingSink();
        m.writeFields(s);
        assertThat(s.fields).containsEntry("seqno", "0").containsEntry("dest_mmsi", "244740029")
                .containsEntry("retransmit", "true").containsEntry("data", "16:3200");
    }

    @Test
    void b26_inland_static_voyage_data() {
        BitReader b = BitReader.of("83:;LW@j2d=>>NNNNAb@gRw@4I00", 0);
        BinaryBroadcastMessage m = (BinaryBroadcastMessage) AisDecoder.decode(b);
        assertThat(m.dac()).isEqualTo(200);
        assertThat(m.fi()).isEqualTo(10);
        InlandShipStaticVoyageData d = (InlandShipStaticVoyageData) m.application();
        assertThat(d.eni()).isEqualTo("04899999");
        assertThat(d.length()).isEqualTo(85.0);
        assertThat(d.beam()).isEqualTo(9.5);
        assertThat(d.eriType()).isEqualTo(1530);
        assertThat(d.eriTypeText()).isEqualTo("Tanker, maritime");
        assertThat(d.hazardousCargo()).isZero();
        assertThat(d.hazardousCargoText()).isEqualTo("0 blue cones/lights");
        assertThat(d.draught()).isEqualTo(1.40);
        assertThat(d.loadStatus()).isEqualTo(2);
        assertThat(d.speedQualityHigh()).isFalse();
        assertThat(d.courseQualityHigh()).isFalse();
        assertThat(d.headingQualityHigh()).isFalse();
        assertThat(d.spare()).isZero();
        assertSameBits(b, m);

        RecordingSink s = new RecordingSink();
        m.writeFields(s);
        assertThat(s.fields).containsEntry("vin", "04899999").containsEntry("length", "85.0")
                .containsEntry("beam", "9.5").containsEntry("shiptype", "1530").containsEntry("hazard", "0")
                .containsEntry("draught", "1.40").containsEntry("loaded", "2").containsEntry("speed_q", "false");
    }

    /** Real DAC 1 FI 31 broadcast from a Danish base station (DMA AisLib retry_example.txt, two fragments). */
    @Test
    void real_meteorological_hydrographic_data() {
        BitReader b = SharedLines.payload("dma-aislib/retry_example.txt",
                "802R5Ph0GhFSUqbi6g;egwvlFR06EuOwiOl?wnSwe7wwwwwwsAwwnSom");
        assertThat(b.length()).isEqualTo(360);
        BinaryBroadcastMessage m = (BinaryBroadcastMessage) AisDecoder.decode(b);
        assertThat(m.mmsi()).isEqualTo(2655619);
        assertThat(m.dac()).isEqualTo(1);
        assertThat(m.fi()).isEqualTo(31);
        MeteorologicalHydrographicData d = (MeteorologicalHydrographicData) m.application();
        assertThat(d).isNotNull();
        // lon code 739119 (1/1000 min) = 12.31865°E, lat code 3498549 = 58.30915°N (Swedish west coast)
        assertThat(d.longitude()).isEqualTo(739119 / 60000.0);
        assertThat(d.latitude()).isEqualTo(3498549 / 60000.0);
        assertThat(d.positionAccuracy()).isTrue();
        assertThat(d.day()).isEqualTo(25);
        assertThat(d.hour()).isEqualTo(14);
        assertThat(d.minute()).isEqualTo(54);
        // only visibility is reported: "greater than" 1.1 NM
        assertThat(d.visibilityGreaterThan()).isTrue();
        assertThat(d.visibility()).isEqualTo(1.1);
        // every other field carries its not-available code
        assertThat(d.windSpeed()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.windGust()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.windDirection()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.windGustDirection()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.airTemperature()).isNaN();
        assertThat(d.relativeHumidity()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.dewPoint()).isNaN();
        assertThat(d.airPressure()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.airPressureTendency()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.waterLevel()).isNaN();
        assertThat(d.waterLevelTrend()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.surfaceCurrentSpeed()).isNaN();
        assertThat(d.surfaceCurrentDirection()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.currentSpeed2()).isNaN();
        assertThat(d.currentDepth2()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.currentSpeed3()).isNaN();
        assertThat(d.currentDirection3()).as("reserved code 511 kept as sent").isEqualTo(511);
        assertThat(d.waveHeight()).isNaN();
        assertThat(d.wavePeriod()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.swellHeight()).isNaN();
        assertThat(d.swellPeriod()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.swellDirection()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.seaState()).as("reserved code 15 kept as sent").isEqualTo(15);
        assertThat(d.waterTemperature()).isNaN();
        assertThat(d.precipitationType()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.salinity()).isNaN();
        assertThat(d.ice()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(d.spare()).isEqualTo(1021);
        assertSameBits(b, m);
        // the application alone re-encodes to the 304 data bits sent
        assertThat(org.watchkeeper.ais.binary.BinaryApplications.encode(d)).isEqualTo(m.data());

        RecordingSink s = new RecordingSink();
        m.writeFields(s);
        assertThat(s.fields).containsEntry("lon", "12.318650").containsEntry("lat", "58.309150")
                .containsEntry("day", "25").containsEntry("visgreater", "true").containsEntry("visibility", "1.1")
                .doesNotContainKeys("wspeed", "airtemp", "pressure", "waterlevel", "cspeed", "salinity", "ice");
    }

    /** Real inland messages (DMA AisLib stream_example.txt, DMA ais250.txt, Signal K nais400 log). */
    @Test
    void real_inland_static_voyage_data() {
        InlandShipStaticVoyageData a = inland("dma-aislib/stream_example.txt", "83aEQw@j2d<dtttM=B9Q3gbh00P0", 244670973);
        assertThat(a.eni()).isEqualTo("02333145");
        assertThat(a.length()).isEqualTo(110.0);
        assertThat(a.beam()).isEqualTo(13.5);
        assertThat(a.eriType()).isEqualTo(8022);
        assertThat(a.eriTypeText()).isEqualTo("Motor tanker, liquid cargo, type C");
        assertThat(a.hazardousCargo()).isZero();
        assertThat(a.draught()).as("code 0: not available").isNaN();
        assertThat(a.loadStatus()).isEqualTo(1);

        InlandShipStaticVoyageData c = inland("dma-aislib/stream_example.txt", "833rwbPj2P00000001A@S?bU5`P0", 205438890);
        assertThat(c.eni()).as("blank ENI").isNull();
        assertThat(c.length()).isEqualTo(65.0);
        assertThat(c.beam()).isEqualTo(7.0);
        assertThat(c.eriType()).isEqualTo(8020);
        assertThat(c.hazardousCargo()).as("code 5: unknown").isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(c.hazardousCargoText()).isNull();
        assertThat(c.draught()).isEqualTo(1.80);
        assertThat(c.loadStatus()).isEqualTo(1);

        InlandShipStaticVoyageData d = inland("dma-aislib/ais250.txt", "85N1LdPj2d<<<<<<<0N0`?`50000", 367025330);
        assertThat(d.eni()).isEqualTo("00000000");
        assertThat(d.length()).isEqualTo(24.0);
        assertThat(d.beam()).isEqualTo(8.0);
        assertThat(d.eriType()).isEqualTo(8000);
        assertThat(d.loadStatus()).isEqualTo(AisMessage.NOT_AVAILABLE);
    }

    private static InlandShipStaticVoyageData inland(String file, String payload, int mmsi) {
        BitReader b = SharedLines.payload(file, payload);
        BinaryBroadcastMessage m = (BinaryBroadcastMessage) AisDecoder.decode(b);
        assertThat(m.mmsi()).isEqualTo(mmsi);
        assertThat(m.data().bitLength()).isEqualTo(112);
        assertSameBits(b, m);
        assertThat(org.watchkeeper.ais.binary.BinaryApplications.encode(m.application())).isEqualTo(m.data());
        return (InlandShipStaticVoyageData) m.application();
    }

    /** Real satellite type 6 sentences of 72 bits cannot hold the 88-bit header. */
    @Test
    void real_type6_shorter_than_header_is_rejected() {
        BitReader b = SharedLines.payload("amsa-risky/exact-earth-augmented-3.txt", "6=3Li;<PH1m@");
        assertThat(b.length()).isEqualTo(72);
        assertThatThrownBy(() -> AisDecoder.decode(b)).isInstanceOfSatisfying(AisDecodeException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
    }

    @Test
    void type6_and_8_header_lengths() {
        BitWriter w = new BitWriter().unsigned(6, 8).unsigned(2, 0).unsigned(30, 123456789).unsigned(2, 0).unsigned(10, 1);
        w.unsigned(5, 31); // 55 bits: FI incomplete
        assertThatThrownBy(() -> AisDecoder.decode(w.toReader())).isInstanceOfSatisfying(AisDecodeException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
        w.unsigned(1, 1); // 56 bits: DAC 1, FI 63, no data
        BinaryBroadcastMessage m = (BinaryBroadcastMessage) AisDecoder.decode(w.toReader());
        assertThat(m.fi()).isEqualTo(63);
        assertThat(m.data()).isEqualTo(BinaryData.EMPTY);
        assertThat(m.application()).isNull();

        BitWriter six = new BitWriter().unsigned(6, 6).unsigned(2, 3).unsigned(30, 1).unsigned(2, 3)
                .unsigned(30, 2).bool(false).unsigned(1, 1).unsigned(10, 1);
        six.unsigned(5, 0);
        assertThatThrownBy(() -> AisDecoder.decode(six.toReader())).isInstanceOf(AisDecodeException.class);
        six.unsigned(1, 0);
        AddressedBinaryMessage a = (AddressedBinaryMessage) AisDecoder.decode(six.toReader());
        assertThat(a.repeatIndicator()).isEqualTo(3);
        assertThat(a.sequenceNumber()).isEqualTo(3);
        assertThat(a.destinationMmsi()).isEqualTo(2);
        assertThat(a.spare()).isEqualTo(1);
        assertThat(a.data().bitLength()).isZero();
    }

    /** A known DAC/FI whose data is too short is kept raw with no application, never rejected. */
    @Test
    void malformed_known_application_gives_null_application() {
        BitReader real = BitReader.of("83:;LW@j2d=>>NNNNAb@gRw@4I00", 0);
        BitWriter cut = new BitWriter();
        cut.bytes(real.bytes(0, 150), 150); // DAC 200 FI 10 with only 94 of the 104 mandatory data bits
        BinaryBroadcastMessage m = (BinaryBroadcastMessage) AisDecoder.decode(cut.toReader());
        assertThat(m.dac()).isEqualTo(200);
        assertThat(m.fi()).isEqualTo(10);
        assertThat(m.data().bitLength()).isEqualTo(94);
        assertThat(m.application()).isNull();

        BitWriter met = new BitWriter().unsigned(6, 8).unsigned(2, 0).unsigned(30, 2655619).unsigned(2, 0)
                .unsigned(10, 1).unsigned(6, 31).unsigned(100, 0);
        BinaryBroadcastMessage mm = (BinaryBroadcastMessage) AisDecoder.decode(met.toReader());
        assertThat(mm.application()).isNull();
        assertThat(mm.data().bitLength()).isEqualTo(100);

        // inland data without its trailing 8 spare bits still decodes (spare reads 0)
        BitWriter noSpare = new BitWriter();
        noSpare.bytes(real.bytes(0, 160), 160);
        InlandShipStaticVoyageData d = (InlandShipStaticVoyageData)
                ((BinaryBroadcastMessage) AisDecoder.decode(noSpare.toReader())).application();
        assertThat(d.eni()).isEqualTo("04899999");
        assertThat(d.spare()).isZero();
    }

    /** Real satellite type 25 sentences (exactEarth via AMSA, exact-earth-augmented-3.txt). */
    @Test
    void real_type25() {
        BitReader b = SharedLines.payload("amsa-risky/exact-earth-augmented-3.txt", "IF8ILSpBb92Dupbr`E29b@n?iAkar8F4T0");
        SingleSlotBinaryMessage m = (SingleSlotBinaryMessage) AisDecoder.decode(b);
        assertThat(m.repeatIndicator()).isEqualTo(1);
        assertThat(m.mmsi()).isEqualTo(411458703);
        assertThat(m.addressed()).isTrue();
        assertThat(m.structured()).isFalse();
        assertThat(m.destinationMmsi()).isEqualTo(78259237);
        assertThat(m.dac()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(m.applicationId()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(m.data().bitLength()).isEqualTo(200 - 72);
        assertSameBits(b, m);

        BitReader b2 = SharedLines.payload("amsa-risky/exact-earth-augmented-3.txt", "ILAeIb4tW>8T4Aw;S`bG:btqW1VE");
        SingleSlotBinaryMessage m2 = (SingleSlotBinaryMessage) AisDecoder.decode(b2);
        assertThat(m2.mmsi()).isEqualTo(823876008);
        assertThat(m2.addressed()).isFalse();
        assertThat(m2.destinationMmsi()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(m2.structured()).isTrue();
        assertThat(m2.dac()).isEqualTo(242);
        assertThat(m2.fi()).isEqualTo(28);
        assertThat(m2.applicationId()).isEqualTo(242 * 64 + 28);
        assertThat(m2.data().bitLength()).isEqualTo(168 - 56);
        assertSameBits(b2, m2);

        RecordingSink s = new RecordingSink();
        m2.writeFields(s);
        assertThat(s.fields).containsEntry("addressed", "false").containsEntry("structured", "true")
                .containsEntry("app_id", Integer.toString(242 * 64 + 28)).doesNotContainKey("dest_mmsi");
    }

    /** Real satellite type 26 sentences (exact-earth-augmented-3.txt): data ends 20 bits before the payload. */
    @Test
    void real_type26() {
        BitReader b = SharedLines.payload("amsa-risky/exact-earth-augmented-3.txt", "JEncWS?kMEEEb9ESh`qqCKoB2Rdv");
        MultipleSlotBinaryMessage m = (MultipleSlotBinaryMessage) AisDecoder.decode(b);
        assertThat(m.mmsi()).isEqualTo(392882060);
        assertThat(m.addressed()).isTrue();
        assertThat(m.structured()).isTrue();
        assertThat(m.destinationMmsi()).isEqualTo(1021138261);
        assertThat(m.spare()).isEqualTo(1);
        assertThat(m.dac()).isEqualTo(674);
        assertThat(m.fi()).isEqualTo(21);
        assertThat(m.data().bitLength()).isEqualTo(168 - 88 - 20);
        // selector 1: ITDMA, raw 142142 = sync 1, increment 691, slots 7, keep 0
        assertThat(m.communicationState()).isEqualTo(new CommunicationState.Itdma(1, 691, 7, false));
        assertSameBits(b, m);

        BitReader b2 = SharedLines.payload("amsa-risky/exact-earth-augmented-3.txt",
                "J4dQUt4T30?3P@0k<p@IF;2SwQTn1UmKNUASAaJ4DD6ooBW;:h");
        MultipleSlotBinaryMessage m2 = (MultipleSlotBinaryMessage) AisDecoder.decode(b2);
        assertThat(m2.mmsi()).isEqualTo(315123184);
        assertThat(m2.addressed()).isFalse();
        assertThat(m2.spare()).isZero();
        assertThat(m2.dac()).isEqualTo(144);
        assertThat(m2.fi()).isEqualTo(12);
        assertThat(m2.data().bitLength()).isEqualTo(296 - 56 - 20);
        assertThat(m2.communicationState()).isEqualTo(new CommunicationState.Itdma(0, 7346, 5, true));
        assertSameBits(b2, m2);
    }

    @Test
    void type26_shorter_than_header_plus_radio_is_rejected_and_sotdma_selector() {
        BitWriter w = new BitWriter().unsigned(6, 26).unsigned(2, 0).unsigned(30, 5).bool(false).bool(true)
                .unsigned(10, 1).unsigned(6, 2).unsigned(19, 0);
        assertThatThrownBy(() -> AisDecoder.decode(w.toReader())).isInstanceOfSatisfying(AisDecodeException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
        w.unsigned(1, 0); // 76 bits: header 56 + selector + state, no data
        MultipleSlotBinaryMessage m = (MultipleSlotBinaryMessage) AisDecoder.decode(w.toReader());
        assertThat(m.data().bitLength()).isZero();
        assertThat(m.communicationState()).isInstanceOf(CommunicationState.Sotdma.class);

        BitWriter t25 = new BitWriter().unsigned(6, 25).unsigned(2, 0).unsigned(30, 5).bool(true).bool(false).unsigned(31, 0);
        assertThatThrownBy(() -> AisDecoder.decode(t25.toReader())).isInstanceOf(AisDecodeException.class);
    }
}
