package org.watchkeeper.app;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr for long inputs: it appears only once the work has taken more
 * than {@link #DELAY_NANOS} (short inputs print nothing), is redrawn at most every 200 ms, and
 * measures the input bytes read from disk (compressed bytes for gzip files) against their total.
 * Inputs merged in time order are read on threads of their own, all counted here.
 */
final class Progress {
    static final long DELAY_NANOS = 2_000_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;
    private boolean shown;
    private String label = "";

    Progress(PrintWriter err, boolean enabled, long totalBytes) {
        this.err = err;
        this.enabled = enabled;
        this.total = Math.max(1, totalBytes);
    }

    synchronized void label(String label) {
        this.label = label;
    }

    synchronized void advance(long bytes) {
        done += bytes;
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < DELAY_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(now, false);
    }

    private void draw(long now, boolean last) {
        double f = Math.min(1.0, done / (double) total);
        int filled = (int) Math.round(f * WIDTH);
        double secs = (now - start) / 1e9;
        double mbs = done / 1e6 / Math.max(secs, 1e-9);
        String eta = f > 0 && !last ? String.format(Locale.ROOT, " ETA %.0f s", secs * (1 - f) / f) : "";
        err.printf(Locale.ROOT, "\r%-24.24s [%s%s] %3.0f%% %.1f/%.1f MB %.1f MB/s%s   ", label,
                "#".repeat(filled), ".".repeat(WIDTH - filled), f * 100, done / 1e6, total / 1e6, mbs, eta);
        err.flush();
        shown = true;
    }

    /** Ends the bar line when it was shown. */
    synchronized void finish() {
        if (shown) {
            draw(System.nanoTime(), true);
            err.println();
            err.flush();
        }
    }

    /** Counts the bytes read through it into the progress. */
    InputStream counting(InputStream in) {
        return Inputs.counting(in, this::advance);
    }
}
