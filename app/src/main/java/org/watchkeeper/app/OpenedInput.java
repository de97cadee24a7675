package org.watchkeeper.app;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An opened input ({@link Inputs#maybeGunzipped}) that ends where reading it fails (a zip or tar of several files
 * on standard input, an archive cut short or damaged, a disk or pipe error), with {@link #failure} saying why,
 * instead of throwing: a command uses everything read before the error (decode writes it, analyze analyzes it,
 * send and kafka-publish send it) and reports the error once it has, as a gzip input cut short is
 * ({@link GzipInput}, which ends of its own).
 *
 * <p>A {@link #reset()} to a mark set before the error reads the bytes from the mark again: a command that looks
 * at an input's start and then reads it from there loses nothing read before the error.
 */
final class OpenedInput extends FilterInputStream {
    /** The content as {@link Inputs#maybeGunzipped} opened it. */
    final InputStream content;
    /** The first read error of the input, or null. */
    volatile IOException failure;
    /** Whether the input has ended at {@link #failure} (until a reset to a mark before it). */
    private volatile boolean ended;

    OpenedInput(InputStream content) {
        super(content);
        this.content = content;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            fail(e);
            return -1;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        if (ended) {
            return 0;
        }
        try {
            return in.skip(n);
        } catch (IOException e) {
            fail(e);
            return 0;
        }
    }

    @Override
    public synchronized void reset() throws IOException {
        in.reset();
        // the bytes since the mark come again from the buffer; reading past them meets the error again
        ended = false;
    }

    /** The gzip stream beneath this input when it ended early, cut short or corrupt inside ({@link GzipInput}), else null. */
    GzipInput cutGzip() {
        GzipInput g = Inputs.gzip(content);
        return g != null && g.truncated() != null ? g : null;
    }

    /**
     * The read error that ended this input, in words ({@link #describe}), or null: none, or one that follows from the
     * gzip stream beneath being cut short or corrupt ({@link #cutGzip}), which is said as such (an archive read from it
     * then fails at the cut).
     */
    String readError() {
        return failure == null || cutGzip() != null ? null : describe(failure);
    }

    /**
     * Why this input ended before its end, in words, or null: the gzip stream beneath cut short ("unexpected end of
     * ZLIB input stream") or corrupt inside ("corrupt gzip data (...)"), else {@link #readError}.
     */
    String endReason() {
        GzipInput g = cutGzip();
        if (g != null) {
            return g.corrupt() ? "corrupt gzip data (" + g.truncated() + ")" : g.truncated();
        }
        return readError();
    }

    /** An I/O error in words: its message, or its kind when it has none. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
        ended = true;
    }
}
