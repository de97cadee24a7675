package org.watchkeeper.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Tar archives for the tests, written as POSIX ustar (IEEE Std 1003.1 pax, "ustar Interchange Format"). */
final class Tars {
    private Tars() {
    }

    /**
     * A ustar archive of {@code entries} in their order: a name ending in {@code /} is a folder (its bytes
     * ignored), any other a regular file; ended by two zero blocks and padded to a 10 240-byte record, as
     * tar writes it.
     */
    static byte[] tar(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            boolean folder = e.getKey().endsWith("/");
            byte[] data = folder ? new byte[0] : e.getValue();
            out.writeBytes(header(e.getKey(), data.length, folder ? '5' : '0'));
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        out.writeBytes(new byte[(10240 - out.size() % 10240) % 10240]);
        return out.toByteArray();
    }

    /** {@code bytes} gzipped. */
    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] header(String name, long size, char type) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0001750");
        put(h, 116, "0001750");
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 1_700_000_000L));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        put(h, 265, "user");
        put(h, 297, "user");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }
}
