package org.watchkeeper.app;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A gzip stream, buffered, that ends where a file cut short ends (a copy still in progress), with
 * {@link #truncated()} saying why, instead of throwing: a buffered read that met the cut would
 * throw away what it had already inflated into its buffer (up to 64 KiB of lines, about 1 500 of
 * an AIS log). A cut inside the gzip header itself (a file of a few bytes) ends the stream before
 * its first byte, the same way. A stream corrupt inside (the inflater's or the trailer's check
 * fails) ends there too, with {@link #corrupt()} set: what was inflated before the failure is kept,
 * and lines inflated from the damaged part are rejected downstream by their own checks (an NMEA
 * sentence's checksum, a CSV row's fields). {@code analyze} analyzes what came before the cut and
 * says so; {@code decode} decodes it and then reports the cut as an I/O error.
 */
final class GzipInput extends BufferedInputStream {
    private final Cut cut;

    /**
     * @param compressed the gzip bytes
     * @param inflaterBuffer the inflater's input buffer, bytes
     * @param size this stream's buffer, bytes
     */
    GzipInput(InputStream compressed, int inflaterBuffer, int size) {
        this(new Cut(compressed, inflaterBuffer), size);
    }

    private GzipInput(Cut cut, int size) {
        super(cut, size);
        this.cut = cut;
    }

    /** Why the stream ended early (the inflater's message), or null while it has not. */
    String truncated() {
        return cut.truncated;
    }

    /**
     * True when the stream ended early because its data is corrupt (a bad block, a CRC or length
     * that does not match), not cut short: {@link #truncated()} then gives the inflater's message.
     */
    boolean corrupt() {
        return cut.corrupt;
    }

    /**
     * Turns the inflater's "unexpected end" into the end of the stream, noting it. The gzip stream is
     * opened at the first read, so that a header cut short is noted as such too.
     */
    private static final class Cut extends FilterInputStream {
        private final int inflaterBuffer;
        private boolean opened;
        String truncated;
        boolean corrupt;

        Cut(InputStream compressed, int inflaterBuffer) {
            super(compressed);
            this.inflaterBuffer = inflaterBuffer;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] b = new byte[(int) Math.min(Math.max(n, 0), 8192)];
            long done = 0;
            while (done < n) {
                int k = read(b, 0, (int) Math.min(b.length, n - done));
                if (k < 0) {
                    break;
                }
                done += k;
            }
            return done;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (truncated != null) {
                return -1;
            }
            try {
                if (!opened) {
                    opened = true;
                    in = new GZIPInputStream(in, inflaterBuffer); // reads the header
                }
                return super.read(b, off, len);
            } catch (EOFException e) {
                truncated = e.getMessage() != null ? e.getMessage()
                        : in instanceof GZIPInputStream ? "unexpected end of file" : "the gzip header is cut short";
                return -1;
            } catch (ZipException e) {
                // a damaged block or trailer: the stream cannot be read past it (a gzip member has no
                // resynchronisation point), so it ends here as a cut one does
                corrupt = true;
                truncated = e.getMessage() != null ? e.getMessage() : "corrupt gzip data";
                return -1;
            }
        }
    }
}
