package org.watchkeeper.core.observation;

/**
 * Estimated time of arrival as AIS sends it (ITU-R M.1371-5 Table 48): month, day, hour and
 * minute in UTC, no year. A part that is not available (month 0, day 0, hour 24, minute 60) is
 * {@link Observation#NOT_AVAILABLE}.
 *
 * @param month 1..12 or NOT_AVAILABLE
 * @param day 1..31 or NOT_AVAILABLE
 * @param hour 0..23 or NOT_AVAILABLE
 * @param minute 0..59 or NOT_AVAILABLE
 */
public record Eta(int month, int day, int hour, int minute) implements java.io.Serializable {

    /**
     * Builds an ETA from the codes of the message, turning each "not available" code (month 0,
     * day 0, hour 24, minute 60, or an out-of-range or negative value) into NOT_AVAILABLE; null when
     * month and day are both not available (nothing useful said).
     */
    public static Eta of(int month, int day, int hour, int minute) {
        int m = month >= 1 && month <= 12 ? month : Observation.NOT_AVAILABLE;
        int d = day >= 1 && day <= 31 ? day : Observation.NOT_AVAILABLE;
        int h = hour >= 0 && hour <= 23 ? hour : Observation.NOT_AVAILABLE;
        int mi = minute >= 0 && minute <= 59 ? minute : Observation.NOT_AVAILABLE;
        if (m == Observation.NOT_AVAILABLE && d == Observation.NOT_AVAILABLE) {
            return null;
        }
        return new Eta(m, d, h, mi);
    }

    /** gpsd's form {@code MM-DDTHH:MMZ}, with {@code 00} / {@code 24} / {@code 60} for missing parts. */
    @Override
    public String toString() {
        return String.format("%02d-%02dT%02d:%02dZ", month < 0 ? 0 : month, day < 0 ? 0 : day,
                hour < 0 ? 24 : hour, minute < 0 ? 60 : minute);
    }
}
