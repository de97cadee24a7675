package org.watchkeeper.core.incident;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.watchkeeper.core.sharing.Marking;

/**
 * One incident report: an attack or suspicious event against a ship, in the fields the
 * piracy-reporting community uses (IMB Piracy Reporting Centre, ReCAAP ISC, NGA ASAM).
 *
 * @param id stable id: {@code asam-<reference>} and {@code imb-<hash>} for imported reports, a
 *     random {@code inc-<uuid>} for reports made here; 1..128 of {@code [0-9A-Za-z_.-]}
 * @param time when it happened (UTC); when only the date is known, 00:00 UTC of that day and
 *     {@code dateOnly} true
 * @param dateOnly true when the report gives the date but no time
 * @param lat latitude, degrees WGS 84, -90..90, kept to 6 decimals (about 0.1 m)
 * @param lon longitude, degrees WGS 84, -180..180, kept to 6 decimals
 * @param place place description (e.g. "Singapore Strait, eastbound lane"), or null
 * @param type what happened
 * @param victim the attacked ship ({@link VictimVessel#UNKNOWN} when nothing is known)
 * @param perpetrators number of perpetrators, or null when not stated
 * @param weapons the perpetrators' weapons
 * @param crewHarm how the crew were treated
 * @param itemsStolen what was stolen, in the report's words, or null
 * @param loss the economic loss class
 * @param actionsTaken what the crew and authorities did (e.g. "alarm raised"), possibly empty
 * @param source who reported it (e.g. "NGA ASAM", "IMB PRC", a user's organisation)
 * @param reference the source's reference number, or null
 * @param narrative the report text, or null
 * @param categoryOverride an analyst's category with its reason, or null
 * @param marking who may see it
 * @param createdBy user name of the creator ({@code import} for imported reports)
 * @param created when it was stored first
 * @param updated when it was last changed
 * @param localTime the local time of day the report gives without its time zone (IMB's
 *     {@code "0234 LT"}: the ship's or the coastal state's clock), with {@code dateOnly} true and
 *     {@code time} the date's 00:00 UTC; null when the report gives no such time. The "who was
 *     there" window narrows to that time at the place ({@code IncidentApi.window} on the server)
 * @throws IllegalArgumentException when a value is out of range
 */
public record Incident(String id, Instant time, boolean dateOnly, double lat, double lon, String place,
                       IncidentType type, VictimVessel victim, Integer perpetrators, Weapons weapons,
                       CrewHarm crewHarm, String itemsStolen, EconomicLoss loss, List<String> actionsTaken,
                       String source, String reference, String narrative, CategoryOverride categoryOverride,
                       Marking marking, String createdBy, Instant created, Instant updated, java.time.LocalTime localTime) {

    /**
     * The UTC offset of the nautical time zone at a longitude, in whole hours: the zone of 15° centred on
     * a multiple of 15° (the nautical time system of the 1920 International Conference on Time at Sea:
     * zone −12..+12, UTC + round(lon / 15) h). Reports give local dates and times; this is the clock they
     * are read by when the place's civil zone is not known.
     *
     * @param lon longitude, degrees, -180..180
     * @return the offset, hours, -12..12
     */
    public static int nauticalZoneHours(double lon) {
        return (int) Math.max(-12, Math.min(12, Math.round(lon / 15)));
    }

    /** Longest narrative kept, characters. */
    public static final int MAX_NARRATIVE = 20_000;

    /** A report with no local time of day ({@code localTime} null). */
    public Incident(String id, Instant time, boolean dateOnly, double lat, double lon, String place,
                    IncidentType type, VictimVessel victim, Integer perpetrators, Weapons weapons,
                    CrewHarm crewHarm, String itemsStolen, EconomicLoss loss, List<String> actionsTaken,
                    String source, String reference, String narrative, CategoryOverride categoryOverride,
                    Marking marking, String createdBy, Instant created, Instant updated) {
        this(id, time, dateOnly, lat, lon, place, type, victim, perpetrators, weapons, crewHarm, itemsStolen, loss,
                actionsTaken, source, reference, narrative, categoryOverride, marking, createdBy, created, updated, null);
    }

    public Incident {
        if (localTime != null && !dateOnly) {
            throw new IllegalArgumentException("a local time of day goes with a date-only report (its UTC time unknown)");
        }
        if (localTime != null) {
            localTime = localTime.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        }
        if (id == null || !id.matches("[0-9A-Za-z_.-]{1,128}")) {
            throw new IllegalArgumentException("an incident id is 1-128 letters, digits, '_', '.' or '-': " + id);
        }
        Objects.requireNonNull(time, "time");
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("lat must be in -90..90: " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("lon must be in -180..180: " + lon);
        }
        // 6 decimals (about 0.1 m), as every position Watchkeeper writes: a report's degrees, minutes and
        // seconds or its decimal text come back as written (18.563, not 18.563000000000002)
        lat = org.watchkeeper.core.geo.Coordinates.round6(lat);
        lon = org.watchkeeper.core.geo.Coordinates.round6(lon);
        Objects.requireNonNull(type, "type");
        victim = victim == null ? VictimVessel.UNKNOWN : victim;
        if (perpetrators != null && (perpetrators < 0 || perpetrators > 10_000)) {
            throw new IllegalArgumentException("perpetrators must be 0..10000: " + perpetrators);
        }
        weapons = weapons == null ? Weapons.NOT_STATED : weapons;
        crewHarm = crewHarm == null ? CrewHarm.NOT_STATED : crewHarm;
        loss = loss == null ? EconomicLoss.NOT_STATED : loss;
        actionsTaken = actionsTaken == null ? List.of() : List.copyOf(actionsTaken);
        itemsStolen = VictimVessel.blankToNull(itemsStolen);
        place = VictimVessel.blankToNull(place);
        source = VictimVessel.blankToNull(source);
        reference = VictimVessel.blankToNull(reference);
        narrative = VictimVessel.blankToNull(narrative);
        if (narrative != null && narrative.length() > MAX_NARRATIVE) {
            throw new IllegalArgumentException("narrative is longer than " + MAX_NARRATIVE + " characters");
        }
        Objects.requireNonNull(marking, "marking");
        Objects.requireNonNull(createdBy, "createdBy");
        // milliseconds, as every time Watchkeeper writes (the clock gives micro- or nanoseconds)
        created = Objects.requireNonNull(created, "created").truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        updated = Objects.requireNonNull(updated, "updated").truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** The category computed from the report's fields by {@link RecaapCategory#assess}. */
    public RecaapCategory.Assessment assessment() {
        return RecaapCategory.assess(type, weapons, crewHarm, perpetrators, loss);
    }

    /** The category in force: the analyst's override when there is one, else the computed one (may be null). */
    public RecaapCategory category() {
        return categoryOverride != null ? categoryOverride.category() : assessment().category();
    }

    /** A copy under another id (an import's report kept apart for a partner organisation). */
    public Incident withId(String newId) {
        return new Incident(newId, time, dateOnly, lat, lon, place, type, victim, perpetrators, weapons, crewHarm,
                itemsStolen, loss, actionsTaken, source, reference, narrative, categoryOverride, marking, createdBy, created,
                updated, localTime);
    }

    /** A copy with another marking and update time. */
    public Incident withMarking(Marking m, Instant now) {
        return new Incident(id, time, dateOnly, lat, lon, place, type, victim, perpetrators, weapons, crewHarm,
                itemsStolen, loss, actionsTaken, source, reference, narrative, categoryOverride, m, createdBy, created,
                now, localTime);
    }

    /** A copy with another category override (null clears it) and update time. */
    public Incident withCategoryOverride(CategoryOverride o, Instant now) {
        return new Incident(id, time, dateOnly, lat, lon, place, type, victim, perpetrators, weapons, crewHarm,
                itemsStolen, loss, actionsTaken, source, reference, narrative, o, marking, createdBy, created, now,
                localTime);
    }
}
