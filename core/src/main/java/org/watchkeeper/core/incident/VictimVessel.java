package org.watchkeeper.core.incident;

/**
 * The attacked ship as the report describes it. Every field may be absent ({@code null}, or
 * {@code 0} for the numbers).
 *
 * @param name ship name
 * @param imo IMO number with a valid check digit, or 0
 * @param mmsi MMSI 1..999999999, or 0
 * @param flag flag state as reported (a country name or ISO code)
 * @param type ship type as reported, e.g. "bulk carrier"
 * @param status what the ship was doing (never null; {@link VesselStatus#UNKNOWN} when not known)
 * @param description the report's own words about the ship when they could not be split into fields
 * @throws IllegalArgumentException when the IMO number fails its check digit or the MMSI is out of range
 */
public record VictimVessel(String name, int imo, int mmsi, String flag, String type, VesselStatus status,
                           String description) {
    /** No information about the ship. */
    public static final VictimVessel UNKNOWN = new VictimVessel(null, 0, 0, null, null, VesselStatus.UNKNOWN, null);

    public VictimVessel {
        if (imo != 0 && !Imo.isValid(imo)) {
            throw new IllegalArgumentException("IMO number " + imo + " fails its check digit");
        }
        if (mmsi < 0 || mmsi > 999_999_999) {
            throw new IllegalArgumentException("MMSI must be 1..999999999: " + mmsi);
        }
        status = status == null ? VesselStatus.UNKNOWN : status;
        name = blankToNull(name);
        flag = blankToNull(flag);
        type = blankToNull(type);
        description = blankToNull(description);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
