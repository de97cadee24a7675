package org.watchkeeper.core.incident;

/**
 * What happened, in the terms of the piracy-reporting community (IMB Piracy Reporting Centre attack
 * types "boarded", "attempted", "hijacked", "fired upon", "suspicious"; ReCAAP ISC "actual" and
 * "attempted" incidents; NGA ASAM hostility descriptions).
 */
public enum IncidentType {
    /** Perpetrators boarded the ship; nothing reported stolen. */
    BOARDING,
    /** Perpetrators boarded and stole (armed robbery against ships, or piracy on the high seas). */
    ROBBERY,
    /** The ship was taken over and its course or cargo controlled by the perpetrators. */
    HIJACKING,
    /** Crew were taken off the ship (abduction for ransom). */
    KIDNAPPING,
    /** Perpetrators tried but failed to board. */
    ATTEMPTED_ATTACK,
    /** A craft approached in a way that caused concern; no boarding attempt reported. */
    SUSPICIOUS_APPROACH,
    /** The ship was fired upon and not boarded. */
    FIRING_UPON,
    /** Anything else (military action, detention, stowaways, smuggling, advisories). */
    OTHER;

    /** Lower-case API name, e.g. {@code attempted_attack}. */
    public String apiName() {
        return ApiEnum.apiName(this);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static IncidentType parse(String s) {
        return ApiEnum.parse(IncidentType.class, "incident type", s);
    }

    /** True for the types in which perpetrators got on board (ReCAAP ISC "actual" incidents). */
    public boolean boarded() {
        return this == BOARDING || this == ROBBERY || this == HIJACKING || this == KIDNAPPING;
    }
}
