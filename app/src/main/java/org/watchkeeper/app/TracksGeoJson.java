package org.watchkeeper.app;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.geo.Antimeridian;
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
 * {@code mean_speed_kn} (distance / duration, knots; left out for a segment shorter than 30 s, where
 * GNSS jitter and time uncertainty dominate), and from the picture when known: {@code name},
 * {@code callsign}, {@code flag} (ISO 3166-1 alpha-2), {@code class}, {@code shiptype},
 * {@code shiptype_text}.
 */
final class TracksGeoJson implements AnalysisListener, Closeable {
    private static final byte[] HEAD = "{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "]}\n".getBytes(StandardCharsets.US_ASCII);
    /** Formatted bytes gathered before they are written to the output. */
    private static final int FLUSH_BYTES = 1 << 16;
    /** Fixes per chunk formatted as a unit at the end of input (roughly 0.6 MB of output). */
    static final int CHUNK_POINTS = 1 << 15;
    /** Formatted chunks (done or in progress) allowed ahead of the writer at the end of input. */
    private static final int WINDOW = 8;

    private final OutputStream out;
    private final VesselPictureRef picture;
    /** Formats the features closed while the input is read (on the thread that closes them). */
    private final FeatureWriter direct;
    private final int formattingThreads;
    private final int chunkPoints;
    private boolean endOfInput;
    /** Segments closed after {@link #endOfInput()}, with the picture's snapshot of their vessel. */
    private final List<Segment> pending = new ArrayList<>();
    private final List<VesselSnapshot> pendingVessels = new ArrayList<>();
    private long features;
    private long points;

    /** Late binding to the picture (the analysis is built after its listeners). */
    static final class VesselPictureRef {
        VesselPicture picture;
    }

    /** Formats with one thread per available core (at most 4) at the end of input. */
    TracksGeoJson(OutputStream out, VesselPictureRef picture) throws IOException {
        this(out, picture, Math.min(4, Runtime.getRuntime().availableProcessors()), CHUNK_POINTS);
    }

    /**
     * @param formattingThreads threads (the closing one included) formatting the segments closed
     *     after {@link #endOfInput()}, 1 or more
     * @param chunkPoints fixes per unit of work at the end of input, 1 or more
     */
    TracksGeoJson(OutputStream out, VesselPictureRef picture, int formattingThreads, int chunkPoints) throws IOException {
        if (formattingThreads < 1 || chunkPoints < 1) {
            throw new IllegalArgumentException("formattingThreads and chunkPoints must be >= 1: " + formattingThreads
                    + ", " + chunkPoints);
        }
        this.chunkPoints = chunkPoints;
        this.out = out;
        this.picture = picture;
        this.formattingThreads = formattingThreads;
        this.direct = new FeatureWriter();
        out.write(HEAD);
    }

    /**
     * The input has ended: segments closed from now on (the tracker's final flush) are kept and
     * formatted on {@code formattingThreads} threads by {@link #close()}, written in the order
     * they were closed (the output is the same as when each is written as it closes).
     */
    void endOfInput() {
        endOfInput = true;
    }

    @Override
    public void segmentClosed(Segment s) {
        VesselSnapshot v = picture.picture == null ? null : picture.picture.get(s.mmsi());
        if (endOfInput && formattingThreads > 1) {
            pending.add(s);
            pendingVessels.add(v);
            return;
        }
        try {
            direct.feature(s, v, features == 0);
            features++;
            points += s.size();
            if (direct.bytes.size() >= FLUSH_BYTES) {
                direct.drainTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One thread's formatter: a JSON generator over its own byte buffer. */
    private final class FeatureWriter {
        final Bytes bytes = new Bytes();
        final JsonGenerator g;
        final byte[] digits = new byte[48];
        final char[] chars = new char[48];

        FeatureWriter() throws IOException {
            g = new JsonFactory().createGenerator(bytes, JsonEncoding.UTF8);
            // features are written as root values; their separators are written here
            g.setRootValueSeparator(null);
        }

        /** Moves the formatted bytes to {@code to}. */
        void drainTo(OutputStream to) throws IOException {
            g.flush();
            bytes.writeTo(to);
            bytes.reset();
        }

        void feature(Segment s, VesselSnapshot v, boolean first) throws IOException {
            SegmentStats st = s.stats();
            g.writeRaw(first ? "\n" : "\n,");
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
            if (!Double.isNaN(st.meanDerivedSpeedKnots())) {
                g.writeNumberField("mean_speed_kn", Math.round(st.meanDerivedSpeedKnots() * 10) / 10.0);
            }
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
                if (v.stationClass().idOrNull() != null) {
                    g.writeStringField("class", v.stationClass().idOrNull());
                }
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
                boolean point = motionless(s);
                g.writeStringField("type", point ? "Point" : "LineString");
                coordinatesE6(s, point);
                return;
            }
            List<List<double[]>> parts = split(s);
            boolean single = parts.size() == 1 && Antimeridian.motionless(parts.get(0));
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
            byte[] d = digits;
            d[0] = '[';
            int n = numberE6(lon, d, 1);
            d[n++] = ',';
            n = numberE6(lat, d, n);
            d[n++] = ']';
            char[] c = chars;
            for (int i = 0; i < n; i++) {
                c[i] = (char) d[i];
            }
            g.writeRawValue(c, 0, n);
        }

        /**
         * Writes the field {@code coordinates}: the first fix as {@code [lon,lat]} when
         * {@code point}, else every fix {@code [[lon,lat],...]}. The digits go straight into the
         * byte buffer behind the generator (flushed first): a raw value per fix through the
         * generator cost more than formatting the digits.
         */
        private void coordinatesE6(Segment s, boolean point) throws IOException {
            g.writeFieldName("coordinates");
            g.writeRawValue(""); // the generator's ':' after the name; the value follows in bytes
            g.flush();
            int n = point ? 1 : s.size();
            // per fix at most "[-180.123456,-90.123456]," (26 bytes), plus the outer brackets
            byte[] d = bytes.room(2 + 26 * n);
            int p = bytes.size();
            if (!point) {
                d[p++] = '[';
            }
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    d[p++] = ',';
                }
                d[p++] = '[';
                p = numberE6(s.longitudeE6(i), d, p);
                d[p++] = ',';
                p = numberE6(s.latitudeE6(i), d, p);
                d[p++] = ']';
            }
            if (!point) {
                d[p++] = ']';
            }
            bytes.size(p);
        }
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

    /**
     * The fixes as [lon, lat] runs in degrees, cut where consecutive fixes are more than 180° of
     * longitude apart (the shorter way round crosses the 180° meridian).
     */
    static List<List<double[]>> split(Segment s) {
        List<double[]> line = new ArrayList<>(s.size());
        for (int i = 0, n = s.size(); i < n; i++) {
            line.add(new double[] {s.longitudeE6(i) / 1e6, s.latitudeE6(i) / 1e6});
        }
        return Antimeridian.split(line);
    }

    /**
     * Puts micro-degrees as degrees with at most 6 decimals, trailing zeros dropped (integer
     * arithmetic only), into {@code d} at {@code n}; returns the position after them.
     */
    private static int numberE6(long micro, byte[] d, int n) {
        if (micro < 0) {
            d[n++] = '-';
            micro = -micro;
        }
        long whole = micro / 1_000_000;
        if (whole >= 100) {
            d[n++] = (byte) ('0' + whole / 100);
        }
        if (whole >= 10) {
            d[n++] = (byte) ('0' + whole / 10 % 10);
        }
        d[n++] = (byte) ('0' + whole % 10);
        int frac = (int) (micro % 1_000_000);
        if (frac != 0) {
            // six digits by constant divisors (compiled to multiplications), then trailing zeros dropped
            d[n++] = '.';
            d[n++] = (byte) ('0' + frac / 100_000);
            d[n++] = (byte) ('0' + frac / 10_000 % 10);
            d[n++] = (byte) ('0' + frac / 1_000 % 10);
            d[n++] = (byte) ('0' + frac / 100 % 10);
            d[n++] = (byte) ('0' + frac / 10 % 10);
            d[n++] = (byte) ('0' + frac % 10);
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

    /**
     * Formats and writes the segments closed after {@link #endOfInput()}, ends the collection and
     * closes the output.
     */
    @Override
    public void close() throws IOException {
        try {
            if (!pending.isEmpty()) {
                direct.drainTo(out);
                new EndPhase().run();
            }
            direct.drainTo(out);
            out.write(TAIL);
        } finally {
            out.close();
        }
    }

    /**
     * The segments closed at the end of input, cut into chunks of about {@code chunkPoints}
     * fixes. The closing thread and {@code formattingThreads - 1} helpers each claim the next
     * chunk and format it into a buffer; the closing thread writes the buffers in chunk order. At
     * most {@link #WINDOW} chunks are formatted ahead of the one being written.
     */
    private final class EndPhase {
        private final int[] chunkStart;
        private final Bytes[] done;
        private final Object lock = new Object();
        private int next;
        private int written;
        private boolean aborted;
        private Throwable failure;
        private final long featuresBefore = features;
        /** Buffers written out, for the formatters to reuse. */
        private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> spare = new java.util.concurrent.ConcurrentLinkedQueue<>();

        EndPhase() {
            List<Integer> starts = new ArrayList<>();
            long inChunk = 0;
            for (int i = 0, n = pending.size(); i < n; i++) {
                if (i == 0 || inChunk >= chunkPoints) {
                    starts.add(i);
                    inChunk = 0;
                }
                inChunk += pending.get(i).size();
            }
            starts.add(pending.size());
            chunkStart = starts.stream().mapToInt(Integer::intValue).toArray();
            done = new Bytes[chunkStart.length - 1];
        }

        void run() throws IOException {
            int chunks = done.length;
            List<Thread> helpers = new ArrayList<>();
            for (int i = 1; i < formattingThreads && i < chunks; i++) {
                Thread t = new Thread(this::help, "tracks-geojson-" + i);
                t.setDaemon(true);
                helpers.add(t);
                t.start();
            }
            FeatureWriter mine = new FeatureWriter();
            try {
                while (true) {
                    int claim = -1;
                    Bytes ready = null;
                    synchronized (lock) {
                        if (failure != null) {
                            throw new IOException("formatting tracks.geojson failed", failure);
                        }
                        if (written == chunks) {
                            break;
                        }
                        if (done[written] != null) {
                            ready = done[written];
                            done[written] = null;
                        } else if (next < chunks && next < written + WINDOW) {
                            claim = next++;
                        } else {
                            lock.wait();
                            continue;
                        }
                    }
                    if (ready != null) {
                        ready.writeTo(out);
                        spare.offer(ready.buf);
                        synchronized (lock) {
                            written++;
                            lock.notifyAll();
                        }
                    } else {
                        format(mine, claim);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing tracks.geojson", e);
            } finally {
                synchronized (lock) {
                    aborted = true;
                    lock.notifyAll();
                }
                for (Thread t : helpers) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            features += pending.size();
            for (Segment s : pending) {
                points += s.size();
            }
            pending.clear();
            pendingVessels.clear();
        }

        /** A helper thread: claims and formats chunks until all are claimed or the writer stops. */
        private void help() {
            try {
                FeatureWriter mine = new FeatureWriter();
                while (true) {
                    int claim;
                    synchronized (lock) {
                        while (!aborted && next < done.length && next >= written + WINDOW) {
                            lock.wait();
                        }
                        if (aborted || next >= done.length) {
                            return;
                        }
                        claim = next++;
                    }
                    format(mine, claim);
                }
            } catch (Throwable e) {
                synchronized (lock) {
                    if (failure == null) {
                        failure = e;
                    }
                    lock.notifyAll();
                }
            }
        }

        /** Formats chunk {@code c} with {@code w} and hands its bytes to the writer. */
        private void format(FeatureWriter w, int c) throws IOException {
            for (int i = chunkStart[c]; i < chunkStart[c + 1]; i++) {
                w.feature(pending.get(i), pendingVessels.get(i), featuresBefore + i == 0);
            }
            w.g.flush();
            Bytes b = w.bytes.takeContent(spare.poll());
            synchronized (lock) {
                done[c] = b;
                lock.notifyAll();
            }
        }
    }

    /** A growable byte buffer that can be written out without a copy. */
    private static final class Bytes extends OutputStream {
        private byte[] buf;
        private int size;

        Bytes() {
            this(new byte[FLUSH_BYTES + 4096]);
        }

        private Bytes(byte[] buf) {
            this.buf = buf;
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        int size() {
            return size;
        }

        /** Sets the size after bytes were put into the array directly (see {@link #room}). */
        void size(int n) {
            size = n;
        }

        /** The array, with room for {@code more} bytes after {@link #size()}. */
        byte[] room(int more) {
            ensure(more);
            return buf;
        }

        void reset() {
            size = 0;
        }

        /** A buffer holding this one's bytes; this one continues empty in {@code fresh} (a new array if null). */
        Bytes takeContent(byte[] fresh) {
            Bytes b = new Bytes(buf);
            b.size = size;
            buf = fresh != null ? fresh : new byte[buf.length];
            size = 0;
            return b;
        }

        void writeTo(OutputStream to) throws IOException {
            to.write(buf, 0, size);
        }
    }
}
