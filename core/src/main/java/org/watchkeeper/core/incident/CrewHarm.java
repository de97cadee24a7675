package org.watchkeeper.core.incident;

/**
 * How the crew were treated, the second violence factor of the ReCAAP ISC classification, ordered
 * from least to most severe.
 */
public enum CrewHarm {
    /** The report does not say. */
    NOT_STATED,
    /** Crew reported safe / not injured. */
    NONE,
    /** Crew threatened, tied up or held hostage on board. */
    THREATENED,
    /** Crew assaulted or injured. */
    INJURED,
    /** Crew taken off the ship. */
    KIDNAPPED,
    /** Crew killed. */
    KILLED;

    /** Lower-case API name. */
    public String apiName() {
        return ApiEnum.apiName(this);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static CrewHarm parse(String s) {
        return ApiEnum.parse(CrewHarm.class, "crew harm value", s);
    }
}
