package org.watchkeeper.core.sharing;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * What one partner organisation receives from this server: which data classes, inside which areas,
 * and how old an item must be before the partner sees it.
 *
 * @param dataClasses the classes granted (empty: nothing)
 * @param areas polygons (lon/lat, WGS 84) an item must lie in; empty list: anywhere
 * @param delay how long after an item's time it becomes visible (zero: at once)
 */
public record SharingPolicy(Set<DataClass> dataClasses, List<Geometry> areas, Duration delay) {

    private static final GeometryFactory GF = new GeometryFactory();

    /** Everything, everywhere, at once: the policy of the host organisation's own users. */
    public static final SharingPolicy UNRESTRICTED =
            new SharingPolicy(EnumSet.allOf(DataClass.class), List.of(), Duration.ZERO);

    /** Nothing: the policy of a partner organisation that has none configured. */
    public static final SharingPolicy NOTHING =
            new SharingPolicy(EnumSet.noneOf(DataClass.class), List.of(), Duration.ZERO);

    public SharingPolicy {
        dataClasses = dataClasses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(dataClasses));
        areas = List.copyOf(areas);
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
    }

    /** True when the policy grants {@code c} at all. */
    public boolean grants(DataClass c) {
        return dataClasses.contains(c);
    }

    /**
     * Whether an item of class {@code c} at ({@code lat}, {@code lon}) and time {@code time} may be shown
     * at {@code now}. A NaN position passes the area test only when the policy has no areas; a null time
     * passes the delay test only when the delay is zero.
     */
    public boolean allows(DataClass c, double lat, double lon, Instant time, Instant now) {
        if (!grants(c)) {
            return false;
        }
        if (!delay.isZero() && (time == null || time.plus(delay).isAfter(now))) {
            return false;
        }
        if (areas.isEmpty()) {
            return true;
        }
        if (Double.isNaN(lat) || Double.isNaN(lon)) {
            return false;
        }
        Point pt = GF.createPoint(new Coordinate(lon, lat));
        for (PreparedGeometry g : prepared()) {
            if (g.covers(pt)) {
                return true;
            }
        }
        return false;
    }

    /** The latest item time visible at {@code now} (now minus the delay). */
    public Instant horizon(Instant now) {
        return now.minus(delay);
    }

    private List<PreparedGeometry> prepared() {
        // Policies are small (a handful of polygons) and replaced as a whole when edited.
        return areas.stream().map(PreparedGeometryFactory::prepare).toList();
    }
}
