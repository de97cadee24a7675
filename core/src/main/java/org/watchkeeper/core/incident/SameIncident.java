package org.watchkeeper.core.incident;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.watchkeeper.core.geo.BoundingBox;
import org.watchkeeper.core.geo.Geodesy;

/**
 * Reports of one attack by two reporting centres. The NGA's ASAM and the IMB Piracy Reporting Centre
 * often both report an attack; imported side by side they are two incidents with different ids,
 * references and wording, and an analyst counting attacks counts one twice. Two reports are taken for
 * <em>possibly the same incident</em> when:
 *
 * <ul>
 *   <li>they come from different sources ({@link Incident#source()}; a report without a source is
 *       compared with every other);
 *   <li>their UTC dates are at most {@value #MAX_DAYS_APART} day apart: centres date an attack by local
 *       time or by the day it was reported, and a night attack falls on either side of midnight UTC;
 *   <li>their positions are at most {@value #RADIUS_KM} km apart (great circle): a centre's position is
 *       often rounded to the minute or given for an anchorage or port area;
 *   <li>they do not name different ships: when both give the victim's IMO number, the numbers agree.
 * </ul>
 *
 * <p>On the public datasets (the NGA ASAM export of June 2022 and the crime-at-sea dataset of IMB PRC
 * and Mapping Piracy reports, 1993-2020), 4 957 of the 8 640 ASAM reports have a possible match, 4 461
 * exactly one; the pairs read by hand give the same date, ship type and status. Busy waters hold
 * distinct attacks close together (two ships robbed 3.9 km apart in the Singapore Strait on the night of
 * 22 December 2019), so nothing is merged or hidden: the matches are listed with each report, nearest
 * first, for an analyst to judge.
 */
public final class SameIncident {
    /** Greatest distance between two reports of one attack, km. */
    public static final double RADIUS_KM = 20;
    /** Greatest difference of the two reports' UTC dates, days. */
    public static final int MAX_DAYS_APART = 1;

    private SameIncident() {
    }

    /**
     * A report that may tell the same attack as another.
     *
     * @param incident the other report
     * @param distanceKm great-circle distance between the two reports' positions, km (0..{@link #RADIUS_KM})
     * @param daysApart difference of their UTC dates, days (0..{@link #MAX_DAYS_APART})
     */
    public record Match(Incident incident, double distanceKm, int daysApart) {
    }

    /**
     * Whether {@code a} and {@code b} may be reports of one attack (the rules above); a report is not
     * its own match (same id).
     */
    public static boolean likely(Incident a, Incident b) {
        return match(a, b) != null;
    }

    /**
     * The reports among {@code candidates} that may tell the same attack as {@code target}, nearest first
     * (then by id); {@code target} itself is left out.
     */
    public static List<Match> among(Incident target, Iterable<Incident> candidates) {
        List<Match> out = new ArrayList<>();
        for (Incident c : candidates) {
            Match m = match(target, c);
            if (m != null) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparingDouble(Match::distanceKm).thenComparing(m -> m.incident().id()));
        return out;
    }

    /**
     * For each of {@code targets}, the reports among {@code candidates} that may tell the same attack
     * ({@link #among}), in one pass over both sorted by time: each target is compared only with the
     * candidates of its window of dates, not with all.
     *
     * @return per target id, its matches, nearest first (an empty list when none)
     */
    public static Map<String, List<Match>> each(List<Incident> targets, List<Incident> candidates) {
        List<Incident> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparing(Incident::time));
        List<Incident> byTime = new ArrayList<>(targets);
        byTime.sort(Comparator.comparing(Incident::time));
        Map<String, List<Match>> out = new HashMap<>();
        int first = 0;
        for (Incident t : byTime) {
            long from = windowStartMillis(t);
            long to = windowEndMillis(t);
            while (first < sorted.size() && sorted.get(first).time().toEpochMilli() < from) {
                first++;
            }
            List<Incident> window = new ArrayList<>();
            for (int k = first; k < sorted.size() && sorted.get(k).time().toEpochMilli() <= to; k++) {
                window.add(sorted.get(k));
            }
            out.put(t.id(), among(t, window));
        }
        return out;
    }

    /**
     * The search box around a report: {@code {minLat, minLon, maxLat, maxLon}} degrees holding every
     * position within {@link #RADIUS_KM}; {@code minLon > maxLon} when it crosses the 180° meridian, and
     * every longitude near a pole.
     */
    public static double[] box(Incident i) {
        BoundingBox b = Geodesy.boundingBox(i.lat(), i.lon(), RADIUS_KM * 1000);
        return new double[] {b.minLat(), b.minLon(), b.maxLat(), b.maxLon()};
    }

    /** The first UTC instant, epoch ms, of the search window around a report's date. */
    public static long windowStartMillis(Incident i) {
        return date(i).minusDays(MAX_DAYS_APART).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The last UTC instant, epoch ms, of the search window around a report's date. */
    public static long windowEndMillis(Incident i) {
        return date(i).plusDays(MAX_DAYS_APART + 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
    }

    private static Match match(Incident a, Incident b) {
        if (a.id().equals(b.id())) {
            return null;
        }
        if (a.source() != null && b.source() != null && a.source().equalsIgnoreCase(b.source())) {
            return null;
        }
        long days = Math.abs(date(a).toEpochDay() - date(b).toEpochDay());
        if (days > MAX_DAYS_APART) {
            return null;
        }
        int imoA = a.victim().imo();
        int imoB = b.victim().imo();
        if (imoA > 0 && imoB > 0 && imoA != imoB) {
            return null;
        }
        double km = Geodesy.distance(a.lat(), a.lon(), b.lat(), b.lon()) / 1000;
        return km <= RADIUS_KM ? new Match(b, km, (int) days) : null;
    }

    private static LocalDate date(Incident i) {
        return i.time().atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
