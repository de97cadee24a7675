package org.watchkeeper.ais;

/**
 * Message 22: channel management (ITU-R M.1371-5 Annex 8, Message 22). A base station sets the
 * AIS channels, transmit/receive mode and power either for every station inside a rectangular
 * area (broadcast) or for two addressed stations.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, spare 38/2, channel A
 * 40/12, channel B 52/12, Tx/Rx mode 64/4, power 68/1, then bits 69..138 hold either the area —
 * longitude 1 (north-east) 69/18, latitude 1 87/17, longitude 2 (south-west) 104/18, latitude 2
 * 122/17, all signed in 1/10 min — or, when the addressed flag is set, destination MMSI 1 69/30,
 * spare 99/5, destination MMSI 2 104/30, spare 134/5; then addressed flag 139/1, channel A
 * bandwidth 140/1, channel B bandwidth 141/1, transitional zone size 142/3, spare 145/23 — 168 bits.
 * The addressed flag comes after the bits it governs; it is modelled by the kind of {@link #scope()}.
 *
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI, the base station (30-bit value; see {@link Mmsi})
 * @param spare the 2 spare bits at 38 as sent
 * @param channelA channel number of AIS channel A, 0..4095 as sent (ITU-R M.1084 Annex 4 numbering:
 *        2087 is the default AIS 1, 161.975 MHz)
 * @param channelB channel number of AIS channel B, 0..4095 as sent (default 2088, AIS 2, 162.025 MHz)
 * @param txRxMode 0..15 as sent: 0 Tx A/Tx B, Rx A/Rx B (default); 1 Tx A, Rx A/Rx B; 2 Tx B,
 *        Rx A/Rx B; the remaining codes as the ITU table defines them
 * @param lowPower the power bit as sent: false = high power (default), true = low power
 * @param scope where the command applies: an {@link Area} (broadcast, addressed flag 0) or two
 *        {@link Addressed} stations (addressed flag 1); never null
 * @param bandA the channel A bandwidth bit as sent: false = as given by the channel number
 *        (default); true = the 12.5 kHz setting of earlier editions, now spare
 * @param bandB the channel B bandwidth bit as sent, as {@code bandA}
 * @param zoneSize transitional zone size code 0..7, meaning 1..8 nautical miles (see
 *        {@link #transitionalZoneNauticalMiles()}); default 4 (5 NM)
 * @param spare2 the 23 spare bits at 145 as sent; 0 when the payload ends before them
 */
public record ChannelManagement(
        int repeatIndicator,
        int mmsi,
        int spare,
        int channelA,
        int channelB,
        int txRxMode,
        boolean lowPower,
        Scope scope,
        boolean bandA,
        boolean bandB,
        int zoneSize,
        int spare2) implements AisMessage {

    /** The message ID. */
    public static final int TYPE = 22;
    /** Nominal length in bits. */
    public static final int BITS = 168;
    /** Shortest payload decoded: up to and including the transitional zone size. */
    public static final int MIN_BITS = 145;

    /** Where a channel management command applies: {@link Area} or {@link Addressed}. */
    public sealed interface Scope permits Area, Addressed {
    }

    /**
     * The broadcast case: the rectangle whose stations are commanded. Corners in degrees,
     * resolution 1/600° (1/10 min); each {@code NaN} when its code says not available (longitude
     * 181° = 108 600, latitude 91° = 54 600). Codes outside ±180°/±90° are kept as sent.
     *
     * @param northEastLongitude longitude 1, east positive
     * @param northEastLatitude latitude 1, north positive
     * @param southWestLongitude longitude 2, east positive
     * @param southWestLatitude latitude 2, north positive
     */
    public record Area(double northEastLongitude, double northEastLatitude,
                       double southWestLongitude, double southWestLatitude) implements Scope {
    }

    /**
     * The addressed case: two commanded stations.
     *
     * @param destinationMmsi1 first addressed station (30-bit value; see {@link Mmsi})
     * @param spare1 the 5 spare bits at 99 as sent
     * @param destinationMmsi2 second addressed station (30-bit value; 0 when only one is addressed)
     * @param spare2 the 5 spare bits at 134 as sent
     */
    public record Addressed(int destinationMmsi1, int spare1, int destinationMmsi2, int spare2) implements Scope {
    }

    /** @throws NullPointerException if {@code scope} is null */
    public ChannelManagement {
        java.util.Objects.requireNonNull(scope, "scope");
    }

    /**
     * Decodes type 22; bits 69..138 are read as an {@link Area} or as {@link Addressed} stations
     * according to the addressed flag at bit 139.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static ChannelManagement decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type 22: " + b.length() + " bits, need " + MIN_BITS);
        }
        Scope scope;
        if (b.bool(139)) {
            scope = new Addressed(b.unsigned(69, 30), b.unsigned(99, 5), b.unsigned(104, 30), b.unsigned(134, 5));
        } else {
            scope = new Area(Units.longitudeTenthMinutes(b.signed(69, 18)), Units.latitudeTenthMinutes(b.signed(87, 17)),
                    Units.longitudeTenthMinutes(b.signed(104, 18)), Units.latitudeTenthMinutes(b.signed(122, 17)));
        }
        return new ChannelManagement(b.unsigned(6, 2), b.unsigned(8, 30), b.unsigned(38, 2),
                b.unsigned(40, 12), b.unsigned(52, 12), b.unsigned(64, 4), b.bool(68), scope,
                b.bool(140), b.bool(141), b.unsigned(142, 3), b.has(145, 23) ? b.unsigned(145, 23) : 0);
    }

    /** Whether the command is addressed to two stations (addressed flag 1) rather than broadcast to an area. */
    public boolean addressed() {
        return scope instanceof Addressed;
    }

    /** The transitional zone size in nautical miles, 1..8 (code + 1). */
    public int transitionalZoneNauticalMiles() {
        return zoneSize + 1;
    }

    @Override
    public int messageType() {
        return TYPE;
    }

    /**
     * Writes {@code channel_a}, {@code channel_b}, {@code txrx}, {@code power}, then either
     * {@code ne_lon}, {@code ne_lat}, {@code sw_lon}, {@code sw_lat} (degrees, when available) or
     * {@code dest1}, {@code dest2}; then {@code addressed}, {@code band_a}, {@code band_b}, {@code zonesize}.
     */
    @Override
    public void writeFields(FieldSink out) {
        out.field("channel_a", channelA);
        out.field("channel_b", channelB);
        out.field("txrx", txRxMode);
        out.field("power", lowPower);
        if (scope instanceof Area a) {
            out.longitude("ne_lon", a.northEastLongitude());
            out.latitude("ne_lat", a.northEastLatitude());
            out.longitude("sw_lon", a.southWestLongitude());
            out.latitude("sw_lat", a.southWestLatitude());
        } else if (scope instanceof Addressed d) {
            out.mmsiField("dest1", d.destinationMmsi1());
            out.mmsiField("dest2", d.destinationMmsi2());
        }
        out.field("addressed", addressed());
        out.field("band_a", bandA);
        out.field("band_b", bandB);
        out.field("zonesize", zoneSize);
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, TYPE).unsigned(2, repeatIndicator).unsigned(30, mmsi).unsigned(2, spare)
                .unsigned(12, channelA).unsigned(12, channelB).unsigned(4, txRxMode).bool(lowPower);
        if (scope instanceof Area a) {
            w.signed(18, Units.longitudeTenthMinutesCode(a.northEastLongitude()))
                    .signed(17, Units.latitudeTenthMinutesCode(a.northEastLatitude()))
                    .signed(18, Units.longitudeTenthMinutesCode(a.southWestLongitude()))
                    .signed(17, Units.latitudeTenthMinutesCode(a.southWestLatitude()));
        } else if (scope instanceof Addressed d) {
            w.unsigned(30, d.destinationMmsi1()).unsigned(5, d.spare1())
                    .unsigned(30, d.destinationMmsi2()).unsigned(5, d.spare2());
        }
        w.bool(addressed()).bool(bandA).bool(bandB).unsigned(3, zoneSize).unsigned(23, spare2);
    }
}
