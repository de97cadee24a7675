package org.watchkeeper.core.observation;

import java.util.LinkedHashMap;
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
 * (the satellite's own reception time) for 0-60 % depending on the file's clock offset.
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

    private record Key(String source, TimeSource timeSource) {
    }

    private static final class Feed {
        final boolean[] agreed = new boolean[WINDOW];
        int next;
        int size;
        int agreeing;

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

    /** The feed of the previous call (null when it had none yet), and its key. */
    private String lastSource;
    private TimeSource lastTimeSource;
    private Feed lastFeed;

    private final Map<Key, Feed> feeds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Feed> eldest) {
            return size() > MAX_FEEDS;
        }
    };

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
        Feed f;
        if (timeSource == lastTimeSource && Objects.equals(source, lastSource) && lastFeed != null) {
            // consecutive reports mostly come from one feed; it is the most recent entry already
            f = lastFeed;
        } else {
            Key key = new Key(source, timeSource);
            f = feeds.get(key);
            if (f == null && ReportTime.isSecond(utcSecond)) {
                f = new Feed();
                feeds.put(key, f);
            }
            lastSource = source;
            lastTimeSource = timeSource;
            lastFeed = f;
        }
        if (!ReportTime.isSecond(utcSecond)) {
            return f != null && f.untrusted();
        }
        f.add(ReportTime.agrees(receiveMillis, utcSecond));
        return f.untrusted();
    }

    /** Whether the feed is untrusted now, without recording anything. */
    public boolean untrusted(String source, TimeSource timeSource) {
        Feed f = feeds.get(new Key(source, Objects.requireNonNull(timeSource)));
        lastFeed = null; // the look-up made that feed the most recent one: the next record looks up again
        return f != null && f.untrusted();
    }
}
