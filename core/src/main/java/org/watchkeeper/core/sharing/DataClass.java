package org.watchkeeper.core.sharing;

import java.util.Locale;

/** The classes of data a sharing policy grants to a partner organisation. */
public enum DataClass {
    /** Vessel positions and tracks (position reports, tracks, "who was near", position stream messages). */
    POSITIONS,
    /** Vessel identities (name, call sign, IMO, ship type, dimensions, destination, identity history). */
    IDENTITIES,
    /** Detector events (gaps, encounters, loitering, spoofing, zone, port, chokepoint events). */
    EVENTS,
    /** Incident reports. */
    INCIDENTS;

    /** Lower-case API name. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static DataClass parse(String s) {
        if (s != null) {
            for (DataClass d : values()) {
                if (d.apiName().equalsIgnoreCase(s.trim())) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException("unknown data class '" + s
                + "': expected positions, identities, events or incidents");
    }
}
