package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.watchkeeper.ais.binary.AreaNotice;
import org.watchkeeper.ais.binary.BinaryApplication;
import org.watchkeeper.ais.binary.BinaryApplications;
import org.watchkeeper.ais.binary.InlandShipStaticVoyageData;
import org.watchkeeper.ais.binary.MeteorologicalHydrographicData;
import org.watchkeeper.ais.binary.SubArea;

/** decode(encode(m)) == m for messages 6, 8, 25, 26 and for every binary application, over valid values. */
class BinaryRoundTripTest {

    private static AisMessage roundTrip(AisMessage m) {
        return AisDecoder.decode(AisDecoder.encode(m).toReader());
    }

    @Property(tries = 300)
    void broadcast_round_trip(@ForAll("broadcasts") BinaryBroadcastMessage m) {
        assertThat(roundTrip(m)).isEqualTo(m);
    }

    @Property(tries = 300)
    void addressed_round_trip(@ForAll("addressed") AddressedBinaryMessage m) {
        assertThat(roundTrip(m)).isEqualTo(m);
    }

    @Property(tries = 300)
    void single_slot_round_trip(@ForAll("singleSlot") SingleSlotBinaryMessage m) {
        assertThat(roundTrip(m)).isEqualTo(m);
    }

    @Property(tries = 300)
    void multiple_slot_round_trip(@ForAll("multipleSlot") MultipleSlotBinaryMessage m) {
        assertThat(roundTrip(m)).isEqualTo(m);
    }

    @Property(tries = 300)
    void application_round_trip(@ForAll("applications") BinaryApplication a) {
        BinaryData bits = BinaryApplications.encode(a);
        BitWriter w = new BitWriter();
        bits.writeTo(w);
        int dac = a instanceof InlandShipStaticVoyageData ? 200 : 1;
        int fi = a instanceof MeteorologicalHydrographicData ? 31 : a instanceof AreaNotice ? 22 : 10;
        assertThat(BinaryApplications.decode(dac, fi, w.toReader(), 0)).isEqualTo(a);
    }

    @Property(tries = 300)
    void any_bits_after_a_known_header_never_throw(@ForAll("knownIds") int[] id, @ForAll("data") BinaryData data) {
        BinaryBroadcastMessage m = new BinaryBroadcastMessage(0, 1, 0, id[0], id[1], data, null);
        BinaryBroadcastMessage back = (BinaryBroadcastMessage) roundTrip(m);
        assertThat(back.data()).isEqualTo(data);
    }

    @Provide
    Arbitrary<int[]> knownIds() {
        return Arbitraries.of(new int[] {1, 31}, new int[] {1, 22}, new int[] {200, 10});
    }

    @Provide
    Arbitrary<BinaryData> data() {
        return Arbitraries.randomValue(r -> randomData(r, 952));
    }

    @Provide
    Arbitrary<BinaryBroadcastMessage> broadcasts() {
        return Arbitraries.randomValue(r -> {
            if (r.nextBoolean()) {
                int dac;
                int fi;
                do {
                    dac = r.nextInt(1024);
                    fi = r.nextInt(64);
                } while (isKnownBroadcast(dac, fi));
                return new BinaryBroadcastMessage(r.nextInt(4), r.nextInt(1 << 30), r.nextInt(4), dac, fi,
                        randomData(r, 952), null);
            }
            BinaryApplication a = randomApplication(r);
            int dac = a instanceof InlandShipStaticVoyageData ? 200 : 1;
            int fi = a instanceof MeteorologicalHydrographicData ? 31 : a instanceof AreaNotice ? 22 : 10;
            return BinaryBroadcastMessage.of(r.nextInt(4), r.nextInt(1 << 30), dac, fi, a);
        });
    }

    @Provide
    Arbitrary<AddressedBinaryMessage> addressed() {
        return Arbitraries.randomValue(r -> {
            if (r.nextBoolean()) {
                int dac;
                int fi;
                do {
                    dac = r.nextInt(1024);
                    fi = r.nextInt(64);
                } while (dac == 1 && fi == 23);
                return new AddressedBinaryMessage(r.nextInt(4), r.nextInt(1 << 30), r.nextInt(4), r.nextInt(1 << 30),
                        r.nextBoolean(), r.nextInt(2), dac, fi, randomData(r, 920), null);
            }
            return AddressedBinaryMessage.of(r.nextInt(4), r.nextInt(1 << 30), r.nextInt(4), r.nextInt(1 << 30),
                    r.nextBoolean(), 1, 23, randomNotice(r, 9));
        });
    }

    @Provide
    Arbitrary<SingleSlotBinaryMessage> singleSlot() {
        return Arbitraries.randomValue(r -> {
            boolean addressed = r.nextBoolean();
            boolean structured = r.nextBoolean();
            return new SingleSlotBinaryMessage(r.nextInt(4), r.nextInt(1 << 30), addressed, structured,
                    addressed ? r.nextInt(1 << 30) : AisMessage.NOT_AVAILABLE, addressed ? r.nextInt(4) : 0,
                    structured ? r.nextInt(1024) : AisMessage.NOT_AVAILABLE,
                    structured ? r.nextInt(64) : AisMessage.NOT_AVAILABLE,
                    randomData(r, 128));
        });
    }

    @Provide
    Arbitrary<MultipleSlotBinaryMessage> multipleSlot() {
        return Arbitraries.randomValue(r -> {
            boolean addressed = r.nextBoolean();
            boolean structured = r.nextBoolean();
            CommunicationState cs = r.nextBoolean()
                    ? new CommunicationState.Sotdma(r.nextInt(4), r.nextInt(8), r.nextInt(1 << 14))
                    : new CommunicationState.Itdma(r.nextInt(4), r.nextInt(1 << 13), r.nextInt(8), r.nextBoolean());
            return new MultipleSlotBinaryMessage(r.nextInt(4), r.nextInt(1 << 30), addressed, structured,
                    addressed ? r.nextInt(1 << 30) : AisMessage.NOT_AVAILABLE, addressed ? r.nextInt(4) : 0,
                    structured ? r.nextInt(1024) : AisMessage.NOT_AVAILABLE,
                    structured ? r.nextInt(64) : AisMessage.NOT_AVAILABLE,
                    randomData(r, 1004 - 88), cs);
        });
    }

    @Provide
    Arbitrary<BinaryApplication> applications() {
        return Arbitraries.randomValue(BinaryRoundTripTest::randomApplication);
    }

    private static boolean isKnownBroadcast(int dac, int fi) {
        return (dac == 1 && (fi == 22 || fi == 31)) || (dac == 200 && fi == 10);
    }

    static BinaryData randomData(Random r, int maxBits) {
        int n = r.nextInt(maxBits + 1);
        byte[] bytes = new byte[(n + 7) / 8];
        r.nextBytes(bytes);
        if (n % 8 != 0) {
            bytes[bytes.length - 1] &= (byte) (0xff << (8 - n % 8));
        }
        return new BinaryData(bytes, n);
    }

    static BinaryApplication randomApplication(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> randomMetHydro(r);
            case 1 -> randomNotice(r, 10);
            default -> randomInland(r);
        };
    }

    /** A valid value in {@code lo..hi}, or the not-available value with probability 1/4. */
    private static int intOrNa(Random r, int lo, int hi) {
        return r.nextInt(4) == 0 ? AisMessage.NOT_AVAILABLE : lo + r.nextInt(hi - lo + 1);
    }

    /** {@code code / divisor} for a code in {@code lo..hi}, or NaN with probability 1/4. */
    private static double scaledOrNaN(Random r, int lo, int hi, double divisor) {
        return r.nextInt(4) == 0 ? Double.NaN : (lo + r.nextInt(hi - lo + 1)) / divisor;
    }

    static MeteorologicalHydrographicData randomMetHydro(Random r) {
        return new MeteorologicalHydrographicData(
                scaledOrNaN(r, -180 * 60_000, 180 * 60_000, 60_000.0),
                scaledOrNaN(r, -90 * 60_000, 90 * 60_000, 60_000.0),
                r.nextBoolean(),
                intOrNa(r, 1, 31), intOrNa(r, 0, 23), intOrNa(r, 0, 59),
                intOrNa(r, 0, 126), intOrNa(r, 0, 126), intOrNa(r, 0, 359), intOrNa(r, 0, 359),
                scaledOrNaN(r, -600, 600, 10.0),
                intOrNa(r, 0, 100),
                scaledOrNaN(r, -200, 500, 10.0),
                intOrNa(r, 799, 1201),
                intOrNa(r, 0, 2),
                r.nextBoolean(),
                scaledOrNaN(r, 0, 126, 10.0),
                r.nextInt(4) == 0 ? Double.NaN : (r.nextInt(4001) - 1000) / 100.0,
                intOrNa(r, 0, 2),
                scaledOrNaN(r, 0, 251, 10.0), intOrNa(r, 0, 359),
                scaledOrNaN(r, 0, 251, 10.0), intOrNa(r, 0, 359), intOrNa(r, 0, 30),
                scaledOrNaN(r, 0, 251, 10.0), intOrNa(r, 0, 359), intOrNa(r, 0, 30),
                scaledOrNaN(r, 0, 251, 10.0), intOrNa(r, 0, 60), intOrNa(r, 0, 359),
                scaledOrNaN(r, 0, 251, 10.0), intOrNa(r, 0, 60), intOrNa(r, 0, 359),
                intOrNa(r, 0, 12),
                scaledOrNaN(r, -100, 500, 10.0),
                intOrNa(r, 0, 6),
                scaledOrNaN(r, 0, 501, 10.0),
                intOrNa(r, 0, 2),
                r.nextInt(1024));
    }

    static InlandShipStaticVoyageData randomInland(Random r) {
        StringBuilder eni = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            eni.append((char) ('0' + r.nextInt(10)));
        }
        return new InlandShipStaticVoyageData(
                r.nextInt(4) == 0 ? null : eni.toString(),
                scaledOrNaN(r, 1, 8000, 10.0),
                scaledOrNaN(r, 1, 1000, 10.0),
                r.nextInt(1 << 14),
                intOrNa(r, 0, 4),
                scaledOrNaN(r, 1, 2000, 100.0),
                intOrNa(r, 1, 2),
                r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                r.nextInt(256));
    }

    private static final String TEXT_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -/.,()";

    static AreaNotice randomNotice(Random r, int maxSubAreas) {
        int n = 1 + r.nextInt(maxSubAreas);
        List<SubArea> areas = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int scale = r.nextInt(4);
            int m = SubArea.scaleMultiplier(scale);
            double lon = scaledOrNaN(r, -180 * 60_000, 180 * 60_000, 60_000.0);
            double lat = scaledOrNaN(r, -90 * 60_000, 90 * 60_000, 60_000.0);
            areas.add(switch (r.nextInt(6)) {
                case 0 -> new SubArea.Circle(scale, lon, lat, r.nextInt(8), r.nextInt(4096) * m, r.nextInt(1 << 18));
                case 1 -> new SubArea.Rectangle(scale, lon, lat, r.nextInt(8), r.nextInt(256) * m, r.nextInt(256) * m,
                        r.nextInt(360), r.nextInt(32));
                case 2 -> new SubArea.Sector(scale, lon, lat, r.nextInt(8), r.nextInt(4096) * m, r.nextInt(360), r.nextInt(360));
                case 3 -> new SubArea.Polyline(scale, randomPoints(r, m), r.nextInt(4));
                case 4 -> new SubArea.Polygon(scale, randomPoints(r, m), r.nextInt(4));
                default -> new SubArea.Text(randomText(r));
            });
        }
        return new AreaNotice(r.nextInt(1024), r.nextInt(128), intOrNa(r, 1, 12), intOrNa(r, 1, 31),
                intOrNa(r, 0, 23), intOrNa(r, 0, 59), r.nextInt(1 << 18), areas);
    }

    private static List<SubArea.Point> randomPoints(Random r, int multiplier) {
        List<SubArea.Point> points = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            points.add(new SubArea.Point(r.nextInt(1024) / 2.0, r.nextInt(1024) * multiplier));
        }
        return points;
    }

    private static String randomText(Random r) {
        StringBuilder sb = new StringBuilder();
        int len = r.nextInt(15);
        for (int i = 0; i < len; i++) {
            sb.append(TEXT_CHARS.charAt(r.nextInt(TEXT_CHARS.length())));
        }
        return sb.toString().stripTrailing();
    }
}
