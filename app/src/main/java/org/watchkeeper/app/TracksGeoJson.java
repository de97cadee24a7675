package org.watchkeeper.app;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.picture.VesselPicture;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.pipeline.AnalysisListener;
import org.watchkeeper.core.track.Segment;
import org.watchkeeper.core.track.SegmentStats;

/**
 * {@code tracks.geojson}: an RFC 7946 FeatureCollection with one Feature per track segment,
 * written as the tracker closes segments (so a segment's points are not held after it is written).
 *
 * <p>Geometry: a {@code LineString} of the segment's fixes in time order, positions
 * {@code [longitude, latitude]} in WGS 84 degrees rounded to 6 decimals (about 0.1 m). A segment of
 * one fix is a {@code Point}; a segment whose fixes are all at the same rounded place is a
 * {@code Point} too (a LineString needs two distinct positions). A segment that crosses the 180°
 * meridian is cut there into a {@code MultiLineString} (RFC 7946 §3.1.9), the crossing latitude
 * interpolated linearly between the two fixes either side.
 *
 * <p>Properties: {@code id} ({@code <mmsi>-<segment>}), {@code mmsi} (9-digit string),
 * {@code segment} (1, 2, ... per vessel), {@code start}, {@code end} (ISO-8601 UTC),
 * {@code points}, {@code distance_m} (great-circle length along the fixes, metres, whole),
 * {@code mean_speed_kn} (distance / duration), and from the picture when known: {@code name},
 * {@code callsign}, {@code flag} (ISO 3166-1 alpha-2), {@code class}, {@code shiptype},
 * {@code shiptype_text}.
 */
final class TracksGeoJson implements AnalysisListener, Closeable {
    private final JsonGenerator g;
    private final VesselPictureRef picture;
    private long features;
    private long points;

    /** Late binding to the picture (the analysis is built after its listeners). */
    static final class VesselPictureRef {
        VesselPicture picture;
    }

    TracksGeoJson(OutputStream out, VesselPictureRef picture) throws IOException {
        this.g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        this.picture = picture;
        g.writeStartObject();
        g.writeStringField("type", "FeatureCollection");
        g.writeArrayFieldStart("features");
    }

    @Override
    public void segmentClosed(Segment s) {
        try {
            write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Segment s) throws IOException {
        SegmentStats st = s.stats();
        features++;
        points += s.size();
        g.writeRaw('\n');
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeStringField("id", s.id());
        g.writeObjectFieldStart("geometry");
        writeGeometry(s);
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeStringField("mmsi", Mmsi.format(s.mmsi()));
        g.writeNumberField("segment", s.number());
        g.writeStringField("start", Instant.ofEpochMilli(st.startTime()).toString());
        g.writeStringField("end", Instant.ofEpochMilli(st.endTime()).toString());
        g.writeNumberField("points", st.points());
        g.writeNumberField("distance_m", Math.round(st.distanceM()));
        g.writeNumberField("mean_speed_kn", Math.round(st.meanDerivedSpeedKnots() * 10) / 10.0);
        VesselSnapshot v = picture.picture == null ? null : picture.picture.get(s.mmsi());
        if (v != null) {
            if (v.name() != null) {
                g.writeStringField("name", v.name());
            }
            if (v.callSign() != null) {
                g.writeStringField("callsign", v.callSign());
            }
            if (v.flag() != null) {
                g.writeStringField("flag", v.flag().iso2());
            }
            g.writeStringField("class", VesselsCsv.className(v.stationClass()));
            if (v.shipType() >= 0) {
                g.writeNumberField("shiptype", v.shipType());
                g.writeStringField("shiptype_text", v.shipTypeName());
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private void writeGeometry(Segment s) throws IOException {
        if (!crossesAntimeridian(s)) {
            // the common case, streamed from the segment's micro-degree coordinates
            if (motionless(s)) {
                g.writeStringField("type", "Point");
                g.writeFieldName("coordinates");
                positionE6(s.longitudeE6(0), s.latitudeE6(0));
                return;
            }
            g.writeStringField("type", "LineString");
            g.writeArrayFieldStart("coordinates");
            for (int i = 0, n = s.size(); i < n; i++) {
                positionE6(s.longitudeE6(i), s.latitudeE6(i));
            }
            g.writeEndArray();
            return;
        }
        List<List<double[]>> parts = split(s);
        boolean single = parts.size() == 1 && distinct(parts.get(0)) < 2;
        if (single) {
            g.writeStringField("type", "Point");
            g.writeFieldName("coordinates");
            position(parts.get(0).get(0));
            return;
        }
        if (parts.size() == 1) {
            g.writeStringField("type", "LineString");
            g.writeFieldName("coordinates");
            line(parts.get(0));
            return;
        }
        g.writeStringField("type", "MultiLineString");
        g.writeArrayFieldStart("coordinates");
        for (List<double[]> part : parts) {
            line(part);
        }
        g.writeEndArray();
    }

    private static boolean crossesAntimeridian(Segment s) {
        for (int i = 1, n = s.size(); i < n; i++) {
            if (Math.abs((long) s.longitudeE6(i) - s.longitudeE6(i - 1)) > 180_000_000L) {
                return true;
            }
        }
        return false;
    }

    private static boolean motionless(Segment s) {
        int lon = s.longitudeE6(0);
        int lat = s.latitudeE6(0);
        for (int i = 1, n = s.size(); i < n; i++) {
            if (s.longitudeE6(i) != lon || s.latitudeE6(i) != lat) {
                return false;
            }
        }
        return true;
    }

    private static int distinct(List<double[]> line) {
        double[] first = line.get(0);
        for (double[] p : line) {
            if (p[0] != first[0] || p[1] != first[1]) {
                return 2;
            }
        }
        return 1;
    }

    /**
     * The fixes as [lon, lat] runs in degrees, cut where consecutive fixes are more than 180° of
     * longitude apart (the shorter way round crosses the 180° meridian).
     */
    static List<List<double[]>> split(Segment s) {
        List<List<double[]>> parts = new ArrayList<>();
        List<double[]> cur = new ArrayList<>();
        double[] prev = null;
        for (int i = 0, n = s.size(); i < n; i++) {
            double[] q = {s.longitudeE6(i) / 1e6, s.latitudeE6(i) / 1e6};
            if (prev != null && Math.abs(q[0] - prev[0]) > 180) {
                // crossing: unwrap the next longitude next to the previous one, interpolate at ±180
                double edge = prev[0] > 0 ? 180 : -180;
                double lon2 = q[0] + (prev[0] > 0 ? 360 : -360);
                double f = (edge - prev[0]) / (lon2 - prev[0]);
                double lat = round(prev[1] + f * (q[1] - prev[1]));
                cur.add(new double[] {edge, lat});
                parts.add(cur);
                cur = new ArrayList<>();
                cur.add(new double[] {-edge, lat});
            }
            cur.add(q);
            prev = q;
        }
        parts.add(cur);
        return parts;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private void line(List<double[]> pts) throws IOException {
        g.writeStartArray();
        for (double[] p : pts) {
            position(p);
        }
        g.writeEndArray();
    }

    private void position(double[] p) throws IOException {
        positionE6(Math.round(p[0] * 1e6), Math.round(p[1] * 1e6));
    }

    /** Writes {@code [lon,lat]} as one raw array value (the generator adds the separator). */
    private void positionE6(long lon, long lat) throws IOException {
        char[] d = digits;
        d[0] = '[';
        int n = numberE6(lon, d, 1);
        d[n++] = ',';
        n = numberE6(lat, d, n);
        d[n++] = ']';
        g.writeRawValue(d, 0, n);
    }

    private final char[] digits = new char[48];

    /**
     * Puts micro-degrees as degrees with at most 6 decimals, trailing zeros dropped (integer
     * arithmetic only), into {@code d} at {@code n}; returns the position after them.
     */
    private static int numberE6(long micro, char[] d, int n) {
        if (micro < 0) {
            d[n++] = '-';
            micro = -micro;
        }
        long whole = micro / 1_000_000;
        if (whole >= 100) {
            d[n++] = (char) ('0' + whole / 100);
        }
        if (whole >= 10) {
            d[n++] = (char) ('0' + whole / 10 % 10);
        }
        d[n++] = (char) ('0' + whole % 10);
        int frac = (int) (micro % 1_000_000);
        if (frac != 0) {
            // six digits by constant divisors (compiled to multiplications), then trailing zeros dropped
            d[n++] = '.';
            d[n++] = (char) ('0' + frac / 100_000);
            d[n++] = (char) ('0' + frac / 10_000 % 10);
            d[n++] = (char) ('0' + frac / 1_000 % 10);
            d[n++] = (char) ('0' + frac / 100 % 10);
            d[n++] = (char) ('0' + frac / 10 % 10);
            d[n++] = (char) ('0' + frac % 10);
            while (d[n - 1] == '0') {
                n--;
            }
        }
        return n;
    }

    /** Features written. */
    long features() {
        return features;
    }

    /** Fixes written. */
    long points() {
        return points;
    }

    @Override
    public void close() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.close();
    }
}
