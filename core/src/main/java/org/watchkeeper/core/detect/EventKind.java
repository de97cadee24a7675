package org.watchkeeper.core.detect;

/**
 * What an {@link Event} reports. Names follow Global Fishing Watch's event API where it has one
 * ({@code gap}, {@code encounter}, {@code loitering}, {@code port_visit}); the others are named the
 * way analysts say them.
 */
public enum EventKind {
    /** AIS gap: no transmission for at least the configured time; "likely disabling" in its attributes (GFW, Welch et al. 2022). */
    GAP("gap"),
    /** Two vessels close together, slow, far from port, for a long time (GFW, Miller et al. 2018). */
    ENCOUNTER("encounter"),
    /** One vessel slow, far from shore, for a long time (GFW). */
    LOITERING("loitering"),
    /** Course over ground far from heading at low speed while not anchored or moored (DMA AisAbnormal). */
    DRIFT("drift"),
    /** A large drop in speed over ground within a short time (DMA AisAbnormal). */
    SUDDEN_SPEED_CHANGE("sudden_speed_change"),
    /** One MMSI seen in two places no ship could link, for longer than a short window. */
    IDENTITY_CONFLICT("identity_conflict"),
    /** A single position that implies an impossible speed from the track it interrupts. */
    POSITION_JUMP("position_jump"),
    /** An MMSI, MID, IMO number or name that fails its validity rules for the station it claims to be. */
    INVALID_IDENTITY("invalid_identity"),
    /** A reported position on land. */
    POSITION_ON_LAND("position_on_land"),
    /** Entry into a zone (user polygon, territorial sea, EEZ, protected area). */
    ZONE_ENTRY("zone_entry"),
    /** Exit from a zone. */
    ZONE_EXIT("zone_exit"),
    /** Any activity of a vessel on a watchlist. */
    WATCHLIST_ACTIVITY("watchlist_activity"),
    /** A vessel on a watchlist silent for the watchlist's (short) silence threshold: a gap of a watched vessel. */
    WATCHLIST_GAP("watchlist_gap"),
    /** A stop at a port: arrival within the entry radius, departure beyond the exit radius (GFW). */
    PORT_VISIT("port_visit"),
    /** One passage of a vessel through a chokepoint (IMF PortWatch). */
    CHOKEPOINT_TRANSIT("chokepoint_transit");

    private final String id;

    EventKind(String id) {
        this.id = id;
    }

    /** The lower-case name used in the API, exports and the store. */
    public String id() {
        return id;
    }

    /** The kind with the given {@link #id()}. @throws IllegalArgumentException if none */
    public static EventKind ofId(String id) {
        for (EventKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown event kind: " + id);
    }

    /**
     * The ids of {@code ids} (each stripped of surrounding blanks), in the order given, once each.
     *
     * @throws IllegalArgumentException naming the first id that is no kind's, and the known ones
     */
    public static java.util.Set<String> ids(Iterable<String> ids) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String id : ids) {
            String t = id.strip();
            if (java.util.Arrays.stream(values()).noneMatch(k -> k.id.equals(t))) {
                throw new IllegalArgumentException("unknown event kind '" + t + "'; known: "
                        + String.join(", ", java.util.Arrays.stream(values()).map(EventKind::id).toList()));
            }
            out.add(t);
        }
        return out;
    }
}
