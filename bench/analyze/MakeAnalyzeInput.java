import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Builds a large NMEA input for the analyze benchmark from a real $PGHP-timed log (the DMA
 * sample): every AIS sentence is written with an IEC 61162-450 tag block carrying its receive
 * time in milliseconds ({@code \s:<station>,c:<ms>*hh\}), and the log is repeated COPIES times,
 * copy k shifted by k times the log's span (so the copies follow each other in time) and with
 * the ship MMSIs of copy k moved within their MID ({@code MID xxxxxx} -> xxxxxx + (k mod FLEETS)
 * * 7919 mod 10^6), so that FLEETS different fleets take turns in the same waters.
 *
 * <p>Each fleet also sails in its own waters: the positions of fleet f &gt; 0 (ITU-R M.1371-5
 * message types 1-3 longitude bits 61-88 and latitude bits 89-115; types 18 and 19 bits 57-84 and
 * 85-111; 1/10 000 minute) are moved by a fixed offset of OFFSET_M metres (default 3 000) in the
 * direction 360° * (f - 1) / (FLEETS - 1) from north, converted to degrees once at the reference
 * latitude 56° N (the sample's waters), so fleets 1..FLEETS-1 lie on a ring around fleet 0 and any
 * two fleets are at least 2 * OFFSET_M * sin(180° / (FLEETS - 1)) apart (2.6 km with the defaults).
 * Without it, a moored or slow vessel of fleet k is followed seconds to minutes later (copy k+1)
 * by its twin of fleet k+1 at exactly the same position: a new pair within encounter range for
 * every such vessel every copy, which real traffic does not produce. OFFSET_M 0 gives that old
 * input for comparison. Positions "not available" (181° / 91°) are kept, a shifted position is
 * clamped to ±180° / ±90°.
 *
 * <p>Payload and checksums are re-encoded. Base stations, AtoNs and other non-ship MMSIs are left as
 * they are.
 *
 * Usage: java MakeAnalyzeInput.java IN.gz OUT COPIES [FLEETS [OFFSET_M]]
 */
public class MakeAnalyzeInput {
    public static void main(String[] a) throws IOException {
        String in = a[0];
        String out = a[1];
        int copies = Integer.parseInt(a[2]);
        int fleets = a.length > 3 ? Integer.parseInt(a[3]) : 8;
        double offsetM = a.length > 4 ? Double.parseDouble(a[4]) : 3000;
        // per fleet: {longitude, latitude} offset in 1/10 000 minute
        long[][] offsets = new long[fleets][2];
        for (int f = 1; f < fleets; f++) {
            double bearing = 2 * Math.PI * (f - 1) / Math.max(1, fleets - 1);
            double dLatDeg = offsetM * Math.cos(bearing) / METRES_PER_DEGREE;
            double dLonDeg = offsetM * Math.sin(bearing) / (METRES_PER_DEGREE * Math.cos(Math.toRadians(56)));
            offsets[f][0] = Math.round(dLonDeg * 600_000);
            offsets[f][1] = Math.round(dLatDeg * 600_000);
        }
        List<long[]> times = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        long pghp = Long.MIN_VALUE;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                in.endsWith(".gz") ? new GZIPInputStream(new FileInputStream(in), 1 << 16) : new FileInputStream(in),
                StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.startsWith("$PGHP,1,")) {
                    String[] f = line.split(",");
                    pghp = LocalDateTime.of(Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                            Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]))
                            .toInstant(ZoneOffset.UTC).toEpochMilli() + Integer.parseInt(f[8]);
                } else if (line.startsWith("!") && pghp != Long.MIN_VALUE && line.indexOf('*') > 0) {
                    sentences.add(line);
                    times.add(new long[] {pghp});
                }
            }
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long[] t : times) {
            first = Math.min(first, t[0]);
            last = Math.max(last, t[0]);
        }
        long span = last - first + 1000;
        long written = 0;
        try (OutputStream o = new BufferedOutputStream(new FileOutputStream(out), 1 << 20)) {
            StringBuilder sb = new StringBuilder(200);
            for (int k = 0; k < copies; k++) {
                int fleet = k % fleets;
                for (int i = 0; i < sentences.size(); i++) {
                    String s = sentences.get(i);
                    long t = times.get(i)[0] + k * span;
                    String body = s.substring(1, s.indexOf('*'));
                    String[] f = body.split(",", -1);
                    // fragment 1 carries the MMSI in payload bits 8..37
                    if (fleet != 0 && f.length >= 7 && f[2].equals("1") && f[5].length() >= 7) {
                        f[5] = shiftMmsi(f[5], fleet);
                        if (f[1].equals("1")) {
                            f[5] = shiftPosition(f[5], offsets[fleet][0], offsets[fleet][1]);
                        }
                        body = String.join(",", f);
                    }
                    String tag = "s:BENCH" + (i % 7) + ",c:" + t;
                    sb.setLength(0);
                    sb.append('\\').append(tag).append('*').append(hex(checksum(tag))).append('\\')
                            .append('!').append(body).append('*').append(hex(checksum(body))).append('\n');
                    o.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
                    written++;
                }
            }
        }
        System.err.println("wrote " + written + " sentences (" + copies + " copies of " + sentences.size()
                + ", span " + span / 1000 + " s each, " + fleets + " fleets " + offsetM + " m apart) to " + out);
    }

    static final double METRES_PER_DEGREE = 111_320;

    static String shiftMmsi(String payload, int fleet) {
        int[] v = sixBits(payload);
        long mmsi = bits(v, 8, 30);
        if (!isShip(mmsi)) {
            return payload;
        }
        long mid = mmsi / 1_000_000;
        long rest = (mmsi % 1_000_000 + fleet * 7919L) % 1_000_000;
        setBits(v, 8, 30, mid * 1_000_000 + rest);
        return armor(v);
    }

    static boolean isShip(long mmsi) {
        return mmsi >= 201_000_000L && mmsi <= 775_999_999L;
    }

    /**
     * Moves the position of a single-sentence type 1-3, 18 or 19 report of a ship MMSI (as
     * {@link #shiftMmsi} picks them) by the given offsets in 1/10 000 minute; any other payload
     * is returned as it is.
     */
    static String shiftPosition(String payload, long dLon, long dLat) {
        if (dLon == 0 && dLat == 0) {
            return payload;
        }
        int[] v = sixBits(payload);
        int type = v[0];
        int lonAt;
        if (type >= 1 && type <= 3) {
            lonAt = 61;
        } else if (type == 18 || type == 19) {
            lonAt = 57;
        } else {
            return payload;
        }
        if (v.length * 6 < lonAt + 55 || !isShip(bits(v, 8, 30))) {
            return payload;
        }
        long lon = signed(bits(v, lonAt, 28), 28);
        long lat = signed(bits(v, lonAt + 28, 27), 27);
        if (lon == 181 * 600_000L || lat == 91 * 600_000L) {
            return payload;
        }
        setBits(v, lonAt, 28, Math.max(-180 * 600_000L, Math.min(180 * 600_000L, lon + dLon)));
        setBits(v, lonAt + 28, 27, Math.max(-90 * 600_000L, Math.min(90 * 600_000L, lat + dLat)));
        return armor(v);
    }

    static int[] sixBits(String payload) {
        int[] v = new int[payload.length()];
        for (int i = 0; i < v.length; i++) {
            int c = payload.charAt(i) - 48;
            v[i] = c > 40 ? c - 8 : c;
        }
        return v;
    }

    static long bits(int[] v, int from, int n) {
        long x = 0;
        for (int b = from; b < from + n; b++) {
            x = (x << 1) | ((v[b / 6] >> (5 - b % 6)) & 1);
        }
        return x;
    }

    static long signed(long x, int n) {
        return (x & (1L << (n - 1))) != 0 ? x - (1L << n) : x;
    }

    static void setBits(int[] v, int from, int n, long value) {
        long m = value;
        for (int b = from + n - 1; b >= from; b--) {
            int bit = (int) (m & 1);
            m >>= 1;
            int idx = b / 6;
            int sh = 5 - b % 6;
            v[idx] = (v[idx] & ~(1 << sh)) | (bit << sh);
        }
    }

    static String armor(int[] v) {
        StringBuilder sb = new StringBuilder(v.length);
        for (int x : v) {
            sb.append((char) (x < 40 ? x + 48 : x + 56));
        }
        return sb.toString();
    }

    static int checksum(String s) {
        int c = 0;
        for (int i = 0; i < s.length(); i++) {
            c ^= s.charAt(i);
        }
        return c;
    }

    static String hex(int c) {
        String h = Integer.toHexString(c).toUpperCase();
        return h.length() == 1 ? "0" + h : h;
    }
}
