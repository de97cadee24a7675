package org.watchkeeper.core.observation;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.watchkeeper.ais.nmea.TimeSource;

/**
 * Whether a stream's receive times are receptions at all: for each feed (receiving station or
 * talker, and {@link TimeSource}) it keeps, over the last {@value #WINDOW} position reports that
 * carry a UTC second, whether the report's second agreed with the receive time
 * ({@link ReportTime#agrees}). A feed whose agreement falls below {@value #MIN_AGREEMENT} (after at
 * least {@value #MIN_SAMPLES} reports) is untrusted: its times are not the reception of each report
 * but, e.g., the delivery time of a batch.
 *
 * <p>Why a feed and not each report: a delivery time agrees with a report's second by chance for
 * one report in about eight (an 8-second window out of 60), and two such chance agreements on one
 * vessel are enough to fake a jump. The real logs separate cleanly: receptions agree for 86-100 %
 * of reports (DMA national network {@code $PGHP} 91-100 %, AMSA terrestrial epoch suffixes 91 %),
 * exactEarth satellite epoch suffixes for 13-21 % (the rate of chance), exactEarth {@code $PGHP}
 * (the satellite's own reception time, paired with its sentence by checksum) for 0-71 % depending on
 * the file's clock offset.
 *
 * <p>Before a feed has {@value #MIN_SAMPLES} reports, nothing is said about it (each report is still
 * judged on its own by {@link ReportTime#slackMillis}). At most {@value #MAX_FEEDS} feeds are kept
 * (least recently seen dropped). Deterministic for a given input order; not thread safe: one per
 * stream.
 */
public final class ReceiveTimeCheck {

    /** Reports remembered per feed. */
    public static final int WINDOW = 500;
    /** Reports a feed needs before it can be untrusted. */
    public static final int MIN_SAMPLES = 20;
    /** Share of agreeing reports below which a feed is untrusted. */
    public static final double MIN_AGREEMENT = 0.5;
    /** Feeds remembered. */
    public static final int MAX_FEEDS = 1024;

    /** Slots of the cache of recently used feeds in front of the map (a power of two). */
    private static final int RECENT = 16;

    private static final class Key {
        final String source;
        final TimeSource timeSource;
        final int hash;

        Key(String source, TimeSource timeSource) {
            this.source = source;
            this.timeSource = timeSource;
            this.hash = hash(source, timeSource);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.timeSource == timeSource && Objects.equals(k.source, source);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static int hash(String source, TimeSource timeSource) {
        return 31 * Objects.hashCode(source) + timeSource.ordinal();
    }

    private static final class Feed {
        final Key key;
        final boolean[] agreed = new boolean[WINDOW];
        int next;
        int size;
        int agreeing;
        /** When the feed was last looked at (a counter; the feed looked at longest ago is dropped first). */
        long used;

        Feed(Key key) {
            this.key = key;
        }

        void add(boolean ok) {
            if (size == WINDOW) {
                if (agreed[next]) {
                    agreeing--;
                }
            } else {
                size++;
            }
            agreed[next] = ok;
            if (ok) {
                agreeing++;
            }
            next = (next + 1) % WINDOW;
        }

        boolean untrusted() {
            return size >= MIN_SAMPLES && agreeing < MIN_AGREEMENT * size;
        }
    }

    private final Map<Key, Feed> feeds = new HashMap<>();
    /**
     * Feeds recently looked at, by {@link #hash} (a stream mostly interleaves a handful of stations):
     * a hit costs no key object and no map look-up.
     */
    private final Feed[] recent = new Feed[RECENT];
    private long uses;

    /**
     * Records one report and says whether its feed is untrusted now (this report included).
     *
     * @param source receiving station or talker; may be null
     * @param timeSource where the receive time came from; null (not an NMEA stream) is never untrusted
     * @param receiveMillis the receive time, epoch milliseconds UTC
     * @param utcSecond the report's time stamp; a value that is not a second ({@link ReportTime#isSecond})
     *        is not recorded
     * @return whether the feed's times are untrusted
     */
    public boolean record(String source, TimeSource timeSource, long receiveMillis, int utcSecond) {
        if (timeSource == null) {
            return false;
        }
        int h = hash(source, timeSource);
        int slot = h & (RECENT - 1);
        Feed f = recent[slot];
        if (f == null || f.key.timeSource != timeSource || !sameSource(f.key.source, source)) {
            f = lookUp(source, timeSource, ReportTime.isSecond(utcSecond));
            if (f == null) {
                return false;
            }
            recent[slot] = f;
        } else {
            f.used = ++uses;
        }
        if (!ReportTime.isSecond(utcSecond)) {
            return f.untrusted();
        }
        f.add(ReportTime.agrees(receiveMillis, utcSecond));
        return f.untrusted();
    }

    private static boolean sameSource(String a, String b) {
        return a == b || (a != null && a.equals(b));
    }

    /**
     * The feed of a key from the map, marked as used; created when absent and {@code create} (the
     * feed looked at longest ago is dropped when that makes more than {@value #MAX_FEEDS}); null when
     * absent and not created.
     */
    private Feed lookUp(String source, TimeSource timeSource, boolean create) {
        Key key = new Key(source, timeSource);
        Feed f = feeds.get(key);
        if (f == null) {
            if (!create) {
                return null;
            }
            f = new Feed(key);
            f.used = ++uses;
            feeds.put(key, f);
            if (feeds.size() > MAX_FEEDS) {
                dropLeastRecentlyUsed();
            }
            return f;
        }
        f.used = ++uses;
        return f;
    }

    private void dropLeastRecentlyUsed() {
        Feed oldest = null;
        for (Feed f : feeds.values()) {
            if (oldest == null || f.used < oldest.used) {
                oldest = f;
            }
        }
        feeds.remove(oldest.key);
        for (int i = 0; i < RECENT; i++) {
            if (recent[i] == oldest) {
                recent[i] = null;
            }
        }
    }

    /** Whether the feed is untrusted now, without recording anything. */
    public boolean untrusted(String source, TimeSource timeSource) {
        Feed f = lookUp(source, Objects.requireNonNull(timeSource), false);
        return f != null && f.untrusted();
    }
}
