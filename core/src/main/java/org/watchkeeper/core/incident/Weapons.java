package org.watchkeeper.core.incident;

/**
 * The perpetrators' weapons, the first violence factor of the ReCAAP ISC classification, ordered
 * from least to most severe.
 */
public enum Weapons {
    /** The report does not say. */
    NOT_STATED,
    /** The report says the perpetrators were not armed. */
    NONE,
    /** Armed, but the report does not say with what. */
    ARMED_UNSPECIFIED,
    /** Knives, machetes, swords, bars and similar. */
    KNIVES,
    /** Firearms, grenades or rocket-propelled grenades. */
    GUNS;

    /** Lower-case API name. */
    public String apiName() {
        return ApiEnum.apiName(this);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Weapons parse(String s) {
        return ApiEnum.parse(Weapons.class, "weapons value", s);
    }
}
