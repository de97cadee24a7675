package org.watchkeeper.server;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines at LF, CR or CRLF, bounded: a line longer than {@link #MAX_LINE}
 * bytes (or the bound given) is dropped up to its line end and counted ({@link #overlong()}); the
 * buffer grows as lines need it, never past the bound.
 * Blank lines are skipped. Not thread safe: one per connection.
 */
public final class LineFramer {
    /** Longest line kept, bytes (NMEA 0183 allows 82 characters; tag blocks and trailers add some). */
    public static final int MAX_LINE = 2048;

    private byte[] buf;
    private final int maxLine;
    private int len;
    private boolean skipping;
    private long overlong;
    private final Consumer<byte[]> out;

    /** @param out receives each complete non-blank line (a fresh array, no line end) */
    public LineFramer(Consumer<byte[]> out) {
        this(out, MAX_LINE);
    }

    /**
     * @param out receives each complete non-blank line (a fresh array, no line end)
     * @param maxLine the longest line kept, bytes (≥ 1)
     */
    public LineFramer(Consumer<byte[]> out, int maxLine) {
        if (maxLine < 1) {
            throw new IllegalArgumentException("maxLine must be >= 1: " + maxLine);
        }
        this.out = out;
        this.maxLine = maxLine;
        this.buf = new byte[Math.min(maxLine, MAX_LINE)];
    }

    /** Feeds bytes; complete lines are delivered before this returns. */
    public void feed(byte[] b, int off, int n) {
        for (int i = off; i < off + n; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r') {
                endLine();
            } else if (skipping) {
                continue;
            } else if (len == maxLine) {
                skipping = true;
                overlong++;
                len = 0;
            } else {
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(maxLine, 2L * buf.length));
                }
                buf[len++] = c;
            }
        }
    }

    /** Delivers a final line that had no line end (end of stream or datagram). */
    public void endLine() {
        if (!skipping && len > 0) {
            int s = 0;
            int e = len;
            while (s < e && (buf[s] == ' ' || buf[s] == '\t')) {
                s++;
            }
            while (e > s && (buf[e - 1] == ' ' || buf[e - 1] == '\t')) {
                e--;
            }
            if (e > s) {
                out.accept(Arrays.copyOfRange(buf, s, e));
            }
        }
        len = 0;
        skipping = false;
    }

    /** Lines dropped for being longer than {@link #MAX_LINE}. */
    public long overlong() {
        return overlong;
    }
}
