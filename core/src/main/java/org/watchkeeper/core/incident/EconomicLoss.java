package org.watchkeeper.core.incident;

/**
 * What was lost, the economic factor of the ReCAAP ISC classification, ordered from least to most
 * severe.
 */
public enum EconomicLoss {
    /** The report does not say. */
    NOT_STATED,
    /** Nothing was stolen. */
    NOTHING,
    /** Ship's stores, engine spares, paint, ropes, scrap. */
    STORES,
    /** Cash, crew's personal property, ship's equipment of value. */
    PROPERTY,
    /** Cargo stolen or the ship itself taken. */
    CARGO_OR_SHIP;

    /** Lower-case API name. */
    public String apiName() {
        return ApiEnum.apiName(this);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static EconomicLoss parse(String s) {
        return ApiEnum.parse(EconomicLoss.class, "loss value", s);
    }
}
