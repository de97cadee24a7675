package org.watchkeeper.core.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * Something a detector found, with what an analyst needs to check it.
 *
 * @param id stable identifier: {@link #stableId(EventKind, List, long)} of kind, vessels and start,
 *        so that replaying the same input gives the same ids (and stores can write idempotently)
 * @param kind what was found
 * @param start event time the behaviour started, epoch milliseconds UTC
 * @param end event time it ended (equal to {@code start} for instantaneous events), epoch ms UTC
 * @param vessels MMSIs involved (one, or two for encounters and identity conflicts), ascending
 * @param latitude representative position, degrees (e.g. mean position of the episode)
 * @param longitude representative position, degrees
 * @param geometryGeoJson optional RFC 7946 geometry (zone, port or chokepoint polygon), or null
 * @param parameters the detector parameters that applied (thresholds), name → value, in a stable order
 * @param attributes what was measured (duration, distances, speeds, zone or port name...), name → value
 * @param evidence the observations that made the event, in time order (bounded by each detector)
 */
public record Event(
        String id,
        EventKind kind,
        long start,
        long end,
        List<Integer> vessels,
        double latitude,
        double longitude,
        String geometryGeoJson,
        Map<String, Object> parameters,
        Map<String, Object> attributes,
        List<PositionObservation> evidence) {

    /** Validates the invariants and copies the collections. */
    public Event {
        if (end < start) {
            throw new IllegalArgumentException("event ends before it starts: " + start + " > " + end);
        }
        vessels = List.copyOf(vessels);
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        evidence = List.copyOf(evidence);
    }

    /**
     * How every host writes an attribute value (analyze's report, the server's store and API, the
     * Flink job): a measured quantity (a {@code double} or {@code float}: durations, distances, speeds)
     * to 6 decimals ({@link org.watchkeeper.core.geo.Coordinates#round6}), since its further digits
     * are binary noise; one that is not finite (a measure not available) as null, to be left out;
     * counts, epoch-ms times, names and flags as they are. Doubles of 10<sup>12</sup> and more are
     * left whole. Hosts write the value's text as a plain decimal ({@link org.watchkeeper.core.util.PlainJson}:
     * {@code 0.000044}, never {@code 4.4E-5}).
     *
     * @param value an attribute value, possibly null
     * @return the value to write, or null when there is nothing to write
     */
    public static Object writtenAttribute(Object value) {
        if (value instanceof Double d) {
            return !Double.isFinite(d) ? null : Math.abs(d) < 1e12 ? org.watchkeeper.core.geo.Coordinates.round6(d) : d;
        }
        if (value instanceof Float f && !Float.isFinite(f)) {
            return null;
        }
        return value;
    }

    /**
     * Builds an event whose id is derived from kind, vessels and start.
     */
    public static Event of(EventKind kind, long start, long end, List<Integer> vessels, double latitude,
            double longitude, String geometryGeoJson, Map<String, Object> parameters,
            Map<String, Object> attributes, List<PositionObservation> evidence) {
        List<Integer> sorted = vessels.stream().sorted().toList();
        return new Event(stableId(kind, sorted, start), kind, start, end, sorted, latitude, longitude,
                geometryGeoJson, parameters, attributes, evidence);
    }

    /**
     * Builds an event whose id is derived from kind, vessels, start and a discriminator, for
     * detectors that can report several events of one kind for one vessel at one instant (two zones
     * entered with the same fix, two identity problems in one message).
     *
     * @param discriminator what tells such events apart (zone id, problem), or null
     */
    public static Event of(EventKind kind, long start, long end, List<Integer> vessels, double latitude,
            double longitude, String geometryGeoJson, Map<String, Object> parameters,
            Map<String, Object> attributes, List<PositionObservation> evidence, String discriminator) {
        List<Integer> sorted = vessels.stream().sorted().toList();
        return new Event(stableId(kind, sorted, start, discriminator), kind, start, end, sorted, latitude, longitude,
                geometryGeoJson, parameters, attributes, evidence);
    }

    /**
     * The stable id of an event: the first 16 bytes of SHA-256 over {@code kind|mmsi,mmsi|start}, as
     * 32 lower-case hex digits.
     */
    public static String stableId(EventKind kind, List<Integer> vessels, long start) {
        return stableId(kind, vessels, start, null);
    }

    /**
     * The stable id of an event with a discriminator: as {@link #stableId(EventKind, List, long)},
     * over {@code kind|mmsi,mmsi|start|discriminator} when the discriminator is not null.
     */
    public static String stableId(EventKind kind, List<Integer> vessels, long start, String discriminator) {
        StringBuilder sb = new StringBuilder(kind.id()).append('|');
        for (int i = 0; i < vessels.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(vessels.get(i));
        }
        sb.append('|').append(start);
        if (discriminator != null) {
            sb.append('|').append(discriminator);
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(32);
            for (int i = 0; i < 16; i++) {
                hex.append(Character.forDigit((h[i] >>> 4) & 0xf, 16)).append(Character.forDigit(h[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Duration in milliseconds. */
    public long durationMillis() {
        return end - start;
    }
}
