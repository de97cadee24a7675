package org.watchkeeper.ais;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Message 4 (base station report) and message 11 (UTC/date response), which share one layout
 * (ITU-R M.1371-5 Annex 8 §3.3, Table 46). A base station sends type 4 periodically with its
 * UTC time and surveyed position; any station sends type 11 in reply to a UTC/date inquiry
 * (type 10). Both carry a SOTDMA communication state.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, MMSI 8/30, UTC year 38/14, month 52/4,
 * day 56/5, hour 61/5, minute 66/6, second 72/6, position accuracy 78/1, longitude 79/28
 * (signed), latitude 107/27 (signed), type of EPFD 134/4, transmission control for long-range
 * broadcast 138/1, spare 139/9, RAIM 148/1, SOTDMA communication state 149/19 — 168 bits.
 *
 * @param messageType 4 or 11
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; base stations use {@code 00MIDxxxx}, see {@link Mmsi})
 * @param year UTC year 1..9999; {@link AisMessage#NOT_AVAILABLE} when code 0
 * @param month UTC month 1..12; {@link AisMessage#NOT_AVAILABLE} when code 0 (13..15 kept as sent)
 * @param day UTC day 1..31; {@link AisMessage#NOT_AVAILABLE} when code 0
 * @param hour UTC hour 0..23; {@link AisMessage#NOT_AVAILABLE} when code 24 (25..31 kept as sent)
 * @param minute UTC minute 0..59; {@link AisMessage#NOT_AVAILABLE} when code 60 (61..63 kept as sent)
 * @param second UTC second 0..59; {@link AisMessage#NOT_AVAILABLE} when code 60 (61..63 kept as sent)
 * @param positionAccuracy true: high (≤ 10 m, DGNSS); false: low (> 10 m)
 * @param longitude degrees, -180..180 east positive, resolution 1/600 000°; {@code NaN} when not
 *        available (code 181°)
 * @param latitude degrees, -90..90 north positive, resolution 1/600 000°; {@code NaN} when not
 *        available (code 91°)
 * @param epfd type of electronic position fixing device, 0..15 (Table 51: 0 undefined, 1 GPS,
 *        7 surveyed, 15 internal GNSS; see {@link Names#epfd(int)})
 * @param longRangeControl transmission control for long-range broadcast (Message 27): false
 *        (default) Class A stations inside the base station's coverage stop sending Message 27;
 *        true they are asked to send it. Meaningful in type 4 only.
 * @param spare the 9 spare bits as sent
 * @param raim whether RAIM (receiver autonomous integrity monitoring) is in use
 * @param radio the 19-bit SOTDMA communication state as sent (Table 18), 0..2<sup>19</sup>-1 (gpsd's
 *        {@code radio}), decoded by {@link #communicationState()}; {@link AisMessage#NOT_AVAILABLE} if the
 *        payload ends before it
 */
public record BaseStationReport(
        int messageType,
        int repeatIndicator,
        int mmsi,
        int year,
        int month,
        int day,
        int hour,
        int minute,
        int second,
        boolean positionAccuracy,
        double longitude,
        double latitude,
        int epfd,
        boolean longRangeControl,
        int spare,
        boolean raim,
        int radio) implements AisMessage {

    /** Nominal length in bits. */
    public static final int BITS = 168;
    /** Shortest payload decoded: up to and including the EPFD type; later fields are then absent/zero. */
    public static final int MIN_BITS = 138;

    /**
     * Decodes types 4 and 11.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static BaseStationReport decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type " + b.unsigned(0, 6) + ": " + b.length() + " bits, need " + MIN_BITS);
        }
        return new BaseStationReport(
                b.unsigned(0, 6),
                b.unsigned(6, 2),
                b.unsigned(8, 30),
                Units.orNotAvailable(b.unsigned(38, 14), 0),
                Units.orNotAvailable(b.unsigned(52, 4), 0),
                Units.orNotAvailable(b.unsigned(56, 5), 0),
                Units.orNotAvailable(b.unsigned(61, 5), 24),
                Units.orNotAvailable(b.unsigned(66, 6), 60),
                Units.orNotAvailable(b.unsigned(72, 6), 60),
                b.bool(78),
                Units.longitude(b.signed(79, 28)),
                Units.latitude(b.signed(107, 27)),
                b.unsigned(134, 4),
                b.has(138, 1) && b.bool(138),
                b.unsigned(139, 9),
                b.has(148, 1) && b.bool(148),
                b.has(149, 19) ? b.unsigned(149, 19) : NOT_AVAILABLE);
    }

    /** The SOTDMA communication state decoded from {@link #radio()}; null when not available. A new object on each call. */
    public CommunicationState.Sotdma communicationState() {
        return radio == NOT_AVAILABLE ? null : CommunicationState.Sotdma.fromRaw(radio);
    }

    /**
     * The UTC time as an instant, or {@code null} when any part is not available or the parts do
     * not form a valid date and time (e.g. month 13, 30 February, second 61).
     */
    public Instant utc() {
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Override
    public void writeFields(FieldSink out) {
        out.fieldUnless("year", year, NOT_AVAILABLE);
        out.fieldUnless("month", month, NOT_AVAILABLE);
        out.fieldUnless("day", day, NOT_AVAILABLE);
        out.fieldUnless("hour", hour, NOT_AVAILABLE);
        out.fieldUnless("minute", minute, NOT_AVAILABLE);
        out.fieldUnless("second", second, NOT_AVAILABLE);
        out.field("accuracy", positionAccuracy);
        out.position(longitude, latitude);
        out.field("epfd", epfd);
        out.field("epfd_text", Names.epfd(epfd));
        out.field("raim", raim);
        if (radio != NOT_AVAILABLE) {
            out.field("radio", radio);
            CommunicationState.writeFields(out, radio, false);
        }
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, messageType).unsigned(2, repeatIndicator).unsigned(30, mmsi)
                .unsigned(14, Units.orNotAvailableCode(year, 0))
                .unsigned(4, Units.orNotAvailableCode(month, 0))
                .unsigned(5, Units.orNotAvailableCode(day, 0))
                .unsigned(5, Units.orNotAvailableCode(hour, 24))
                .unsigned(6, Units.orNotAvailableCode(minute, 60))
                .unsigned(6, Units.orNotAvailableCode(second, 60))
                .bool(positionAccuracy)
                .signed(28, Units.longitudeCode(longitude)).signed(27, Units.latitudeCode(latitude))
                .unsigned(4, epfd).bool(longRangeControl).unsigned(9, spare).bool(raim);
        if (radio != NOT_AVAILABLE) {
            w.unsigned(19, radio);
        }
    }
}
