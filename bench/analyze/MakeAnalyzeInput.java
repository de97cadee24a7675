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
 * * 7919 mod 10^6), so that FLEETS different fleets take turns in the same waters. Payload and
 * checksums are re-encoded. Base stations, AtoNs and other non-ship MMSIs are left as they are.
 *
 * Usage: java MakeAnalyzeInput.java IN.gz OUT COPIES [FLEETS]
 */
public class MakeAnalyzeInput {
    public static void main(String[] a) throws IOException {
        String in = a[0];
        String out = a[1];
        int copies = Integer.parseInt(a[2]);
        int fleets = a.length > 3 ? Integer.parseInt(a[3]) : 8;
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
                + ", span " + span / 1000 + " s each) to " + out);
    }

    static String shiftMmsi(String payload, int fleet) {
        int[] v = new int[payload.length()];
        for (int i = 0; i < v.length; i++) {
            int c = payload.charAt(i) - 48;
            v[i] = c > 40 ? c - 8 : c;
        }
        long mmsi = 0;
        for (int b = 8; b < 38; b++) {
            mmsi = (mmsi << 1) | ((v[b / 6] >> (5 - b % 6)) & 1);
        }
        if (mmsi < 201_000_000L || mmsi > 775_999_999L) {
            return payload;
        }
        long mid = mmsi / 1_000_000;
        long rest = (mmsi % 1_000_000 + fleet * 7919L) % 1_000_000;
        long m = mid * 1_000_000 + rest;
        for (int b = 37; b >= 8; b--) {
            int bit = (int) (m & 1);
            m >>= 1;
            int idx = b / 6;
            int sh = 5 - b % 6;
            v[idx] = (v[idx] & ~(1 << sh)) | (bit << sh);
        }
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
