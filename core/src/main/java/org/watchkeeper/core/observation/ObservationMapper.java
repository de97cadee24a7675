package org.watchkeeper.core.observation;

import java.util.List;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.AidToNavigationReport;
import org.watchkeeper.ais.BaseStationReport;
import org.watchkeeper.ais.ExtendedClassBPositionReport;
import org.watchkeeper.ais.LongRangePositionReport;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.ais.StandardClassBPositionReport;
import org.watchkeeper.ais.StandardSarAircraftPositionReport;
import org.watchkeeper.ais.StaticAndVoyageData;
import org.watchkeeper.ais.StaticDataReportPartA;
import org.watchkeeper.ais.StaticDataReportPartB;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.TimeSource;

/**
 * Turns decoded AIS messages into observations. A message gives one or two observations (types 19
 * and 21 carry a position and an identity). Message types that say nothing about a station's
 * position or identity (binary, safety, management messages) give a {@link HeardObservation}: the
 * station was heard, so it is in the picture.
 *
 * <ul>
 * <li>1, 2, 3, 18, 9, 4, 11 → position (Class B, SAR aircraft and base stations have no
 *     navigational status; base stations and AtoNs no speed or course; type 11 is a mobile
 *     station's UTC/date response and gives no class evidence);</li>
 * <li>27 → position marked low-resolution (1/10-minute), no class evidence;</li>
 * <li>19, 21 → position and identity (name, ship type, dimensions; aid type for 21, whose name
 *     includes the name extension);</li>
 * <li>5 → identity and voyage (IMO, call sign, name, type, dimensions, draught, destination, ETA);</li>
 * <li>24 part A → name; part B → call sign, ship type, dimensions (none when the part carries a
 *     mothership MMSI);</li>
 * <li>any other type (6-8, 10, 12-17, 20, 22, 23, 25, 26) → heard (16, 17, 20, 22 and 23, sent by
 *     base stations only, with that class evidence).</li>
 * </ul>
 * IMO number, ship type and draught 0 mean "not available" and become absent; empty text becomes null.
 * Position observations carry where the time came from and the report's own UTC second
 * ({@link ReportTime}). A mapper made with a {@link ReceiveTimeCheck} ({@link #forStream()}) also
 * marks observations of feeds whose times are not receptions; it then serves one stream.
 */
public final class ObservationMapper {

    private final ReceiveTimeCheck check;

    /** A stateless mapper: observations never have {@link PositionObservation#feedTimeUntrusted()} set. */
    public ObservationMapper() {
        this(null);
    }

    /**
     * A mapper for one stream that also judges whether each feed's receive times are receptions
     * ({@link ReceiveTimeCheck}) and sets {@link PositionObservation#feedTimeUntrusted()}
     * accordingly. Stateful and not thread safe when {@code check} is not null.
     *
     * @param check the stream's check, or null for a stateless mapper
     */
    public ObservationMapper(ReceiveTimeCheck check) {
        this.check = check;
    }

    /** A mapper for one stream with its own {@link ReceiveTimeCheck}. */
    public static ObservationMapper forStream() {
        return new ObservationMapper(new ReceiveTimeCheck());
    }

    /**
     * Observations of a message read from an NMEA stream: event time is the message's receive time
     * (tag block {@code c:}, {@code $PGHP}, epoch trailer or receive clock), source the receiving
     * station ({@code s:} / USCG {@code r...}), else the talker.
     *
     * @return the observations; empty when the message has no receive time (an observation without
     *         event time cannot be placed; set a receive clock on live sockets)
     */
    public List<Observation> map(ReceivedMessage rm) {
        if (!rm.hasReceiveTime()) {
            return List.of();
        }
        return map(rm.message(), rm.receiveTimeMillis(), sourceOf(rm), rm.timeSource());
    }

    /**
     * Observations of a message read from an NMEA stream at a time not its own: one carried from a
     * message before it, or its source's first, as {@code analyze} times a message without any
     * ({@link TimeSource#NONE} on the observations).
     *
     * @param time event time, epoch milliseconds UTC
     */
    public List<Observation> mapAt(ReceivedMessage rm, long time) {
        return map(rm.message(), time, sourceOf(rm), TimeSource.NONE);
    }

    /** The receiving station a message names ({@code s:} / USCG {@code r...}), else its talker. */
    public static String sourceOf(ReceivedMessage rm) {
        return rm.source() != null ? rm.source() : rm.talker();
    }

    /**
     * @param m the decoded message
     * @param time event time, epoch milliseconds UTC
     * @param source receiver/station id or file; may be null
     * @return the observations (one or two); never null
     */
    public List<Observation> map(AisMessage m, long time, String source) {
        return map(m, time, source, null);
    }

    /**
     * As {@link #map(AisMessage, long, String)}, recording where the time came from; position
     * observations also carry the report's own UTC second ({@link PositionObservation#utcSecond()}).
     *
     * @param ts where {@code time} came from; null when not from an NMEA stream
     */
    public List<Observation> map(AisMessage m, long time, String source, TimeSource ts) {
        Observation[] out = new Observation[2];
        int n = map(m, time, source, ts, out);
        return n == 0 ? List.of() : n == 1 ? List.of(out[0]) : List.of(out[0], out[1]);
    }

    /**
     * As {@link #map(AisMessage, long, String, TimeSource)}, into the caller's array instead of a
     * new list (a stream mapper's hot path: no list per message).
     *
     * @param out receives the observations from index 0; at least 2 long
     * @return how many were written to {@code out}: 1 or 2
     * @throws ArrayIndexOutOfBoundsException when {@code out} is shorter than the observations
     */
    public int map(AisMessage m, long time, String source, TimeSource ts, Observation[] out) {
        // One type test per message: each branch takes the report's UTC second, records it for
        // the feed check (every message is recorded, positions or not) and builds the observations.
        int mmsi = m.mmsi();
        int type = m.messageType();
        int na = Observation.NOT_AVAILABLE;
        StationClass ev = StationClass.ofMessageType(type);
        if (m instanceof PositionReport p) {
            int sec = p.timeStamp();
            boolean feed = feed(source, ts, time, sec);
            out[0] = new PositionObservation(time, source, mmsi, type, ev, p.latitude(), p.longitude(),
                    p.speedOverGround(), p.courseOverGround(), p.trueHeading(), p.navigationStatus(),
                    p.positionAccuracy(), false, ts, sec, feed);
            return 1;
        }
        if (m instanceof StandardClassBPositionReport p) {
            int sec = p.timeStamp();
            boolean feed = feed(source, ts, time, sec);
            out[0] = new PositionObservation(time, source, mmsi, type, ev, p.latitude(), p.longitude(),
                    p.speedOverGround(), p.courseOverGround(), p.trueHeading(), na, p.positionAccuracy(), false, ts, sec, feed);
            return 1;
        }
        if (m instanceof ExtendedClassBPositionReport p) {
            int sec = p.timeStamp();
            boolean feed = feed(source, ts, time, sec);
            out[0] = new PositionObservation(time, source, mmsi, type, ev, p.latitude(), p.longitude(),
                    p.speedOverGround(), p.courseOverGround(), p.trueHeading(), na, p.positionAccuracy(), false, ts, sec, feed);
            out[1] = new IdentityObservation(time, source, mmsi, type, ev, text(p.shipName()), null, na,
                    positive(p.shipType()), dimensions(p.toBow(), p.toStern(), p.toPort(), p.toStarboard()),
                    Double.NaN, null, null, na);
            return 2;
        }
        if (m instanceof LongRangePositionReport p) {
            // Type 27: 1/10-minute position, whole-knot speed, whole-degree course; no heading, no time stamp.
            boolean feed = feed(source, ts, time, na);
            out[0] = new PositionObservation(time, source, mmsi, type, ev, p.latitude(), p.longitude(),
                    p.speedOverGround(), p.courseOverGround(), na, p.navigationStatus(), p.positionAccuracy(), true, ts, na, feed);
            return 1;
        }
        if (m instanceof StandardSarAircraftPositionReport p) {
            int sec = p.timeStamp();
            boolean feed = feed(source, ts, time, sec);
            out[0] = new PositionObservation(time, source, mmsi, type, ev, p.latitude(), p.longitude(),
                    p.speedOverGround(), p.courseOverGround(), na, na, p.positionAccuracy(), false, ts, sec, feed);
            return 1;
        }
        if (m instanceof BaseStationReport p) {
            int sec = p.second() < 0 ? na : p.second();
            boolean feed = feed(source, ts, time, sec);
            out[0] = new PositionObservation(time, source, mmsi, type, ev, p.latitude(), p.longitude(),
                    Double.NaN, Double.NaN, na, na, p.positionAccuracy(), false, ts, sec, feed);
            return 1;
        }
        if (m instanceof AidToNavigationReport p) {
            int sec = p.timeStamp();
            boolean feed = feed(source, ts, time, sec);
            out[0] = new PositionObservation(time, source, mmsi, type, ev, p.latitude(), p.longitude(),
                    Double.NaN, Double.NaN, na, na, p.positionAccuracy(), false, ts, sec, feed);
            out[1] = new IdentityObservation(time, source, mmsi, type, ev, text(p.fullName()), null, na, na,
                    dimensions(p.toBow(), p.toStern(), p.toPort(), p.toStarboard()), Double.NaN, null, null,
                    p.aidType());
            return 2;
        }
        // the rest carry no UTC second; the feed check still sees them (its look-up order counts)
        feed(source, ts, time, na);
        if (m instanceof StaticAndVoyageData p) {
            out[0] = new IdentityObservation(time, source, mmsi, type, ev, text(p.shipName()), text(p.callSign()),
                    positive(p.imoNumber()), positive(p.shipType()),
                    dimensions(p.toBow(), p.toStern(), p.toPort(), p.toStarboard()), positive(p.draught()),
                    text(p.destination()), Eta.of(p.etaMonth(), p.etaDay(), p.etaHour(), p.etaMinute()), na);
            return 1;
        }
        if (m instanceof StaticDataReportPartA p) {
            out[0] = new IdentityObservation(time, source, mmsi, type, ev, text(p.shipName()), null, na, na,
                    null, Double.NaN, null, null, na);
            return 1;
        }
        if (m instanceof StaticDataReportPartB p) {
            out[0] = new IdentityObservation(time, source, mmsi, type, ev, null, text(p.callSign()), na,
                    positive(p.shipType()), dimensions(p.toBow(), p.toStern(), p.toPort(), p.toStarboard()),
                    Double.NaN, null, null, na);
            return 1;
        }
        out[0] = new HeardObservation(time, source, mmsi, type, ev);
        return 1;
    }

    private boolean feed(String source, TimeSource ts, long time, int utcSecond) {
        return check != null && check.record(source, ts, time, utcSecond);
    }

    /** Dimensions as sent, or null when any side is not available (mothership MMSI in 24B) or all are 0. */
    static Dimensions dimensions(int bow, int stern, int port, int starboard) {
        if (bow < 0 || stern < 0 || port < 0 || starboard < 0) {
            return null;
        }
        Dimensions d = new Dimensions(bow, stern, port, starboard);
        return d.isEmpty() ? null : d;
    }

    /** Trimmed text, or null when empty (AIS pads with {@code @} and spaces; the decoder strips them). */
    static String text(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /** An integer that is "not available" when 0 or negative. */
    static int positive(int v) {
        return v > 0 ? v : Observation.NOT_AVAILABLE;
    }

    /** A decimal that is "not available" when 0, negative or NaN (draught). */
    static double positive(double v) {
        return v > 0 ? v : Double.NaN;
    }
}
