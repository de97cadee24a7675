package org.watchkeeper.core.pipeline;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.watchkeeper.core.observation.Observation;

/**
 * Puts a stream whose event times are out of order by at most a bounded amount back into event-time
 * order: an observation waits until the watermark ({@code highest time seen - allowedLateness - 1},
 * Flink's bounded out-of-orderness rule) reaches its time, then goes on; observations with equal
 * times go in the order of {@link #ORDER}. An observation at or before the watermark on arrival is late: it
 * is counted ({@link #late()}) and dropped. {@link #finish()} releases the rest.
 *
 * <p>This is what the distributed job does before the vessel picture (per vessel, in Flink keyed
 * state), so that the picture and the detectors see the same order whichever receiving stations'
 * lines arrive first: receptions of one transmission by two stations often differ by a few ms and
 * arrive in either order. With {@code allowedLateness = 0} a time-ordered input passes unchanged.
 *
 * <p>Bounded: at most {@code maxHeld} observations wait; beyond that the earliest is released at
 * once and the watermark moves up to its time (so anything older arriving later counts as late).
 * Not thread safe.
 */
public final class EventTimeOrder implements Consumer<Observation> {
    /**
     * The bounded out-of-orderness every Watchkeeper host puts detector input back in order with,
     * 10 000 ms: {@code analyze}, {@code serve} and the Flink job's default {@code lateness.millis}.
     * Receptions of one transmission by several base stations, merged into one log, differ by
     * milliseconds to a few seconds; a station's late batch by more.
     */
    public static final long DEFAULT_LATENESS_MILLIS = 10_000;

    /**
     * Observations held at most by default, 1 000 000 (about 200 MB at the worst): ten seconds of
     * the busiest merged national feeds hold far fewer.
     */
    public static final int DEFAULT_MAX_HELD = 1_000_000;

    private record Held(Observation o, long seq) {
    }

    private final Consumer<? super Observation> sink;
    private final long allowedLatenessMillis;
    private final int maxHeld;
    /**
     * The waiting observations that arrived in order, or close to it: a sorted ring (by
     * {@link #ORDER}, then arrival), head = earliest. An arrival goes in by a binary search and a
     * short move of the later entries; most arrive at or near the end, so this costs a few
     * comparisons and no object.
     */
    private Observation[] ring = new Observation[64];
    private long[] ringSeq = new long[64];
    /** The event times of {@link #ring}'s entries, beside them so that ordering by time reads no observation. */
    private long[] ringTime = new long[64];
    private int head;
    private int size;
    /**
     * The waiting observations that arrived too far out of order for the ring (more than
     * {@link #MAX_SHIFT} entries before its end): a heap, so that no arrival costs more than
     * {@code MAX_SHIFT} moves plus O(log n).
     */
    private final PriorityQueue<Held> strays = new PriorityQueue<>((a, b) -> {
        int c = compare(a.o, b.o);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    /**
     * Entries an arrival is compared with one by one from the ring's end before a binary search: most
     * arrivals out of order belong a few entries back (receptions by other stations milliseconds apart).
     */
    private static final int SCAN_BACK = 8;
    /** Most ring entries moved to insert one arrival; arrivals further back wait in {@link #strays}. */
    private static final int MAX_SHIFT = 512;

    /**
     * The order observations are released in: event time, then receiving source, then MMSI; the
     * input order only among observations equal in all three (they come from one source, whose
     * order any host keeps). A distributed host can apply the same rule: the order does not depend
     * on how the lines of different sources interleave.
     */
    public static final Comparator<Observation> ORDER = EventTimeOrder::compare;

    /** {@link #ORDER} as a method: time, then source (null first, then natural order), then MMSI. */
    private static int compare(Observation a, Observation b) {
        int c = Long.compare(a.time(), b.time());
        if (c != 0) {
            return c;
        }
        String sa = a.source();
        String sb = b.source();
        if (sa != sb) {
            if (sa == null) {
                return -1;
            }
            if (sb == null) {
                return 1;
            }
            c = sa.compareTo(sb);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.mmsi(), b.mmsi());
    }

    private long seq;
    private long watermark = Long.MIN_VALUE;
    private long late;

    /**
     * @param sink receives the observations in event-time order
     * @param allowedLatenessMillis bounded out-of-orderness of the input, ms (≥ 0)
     * @param maxHeld most observations waiting at once (≥ 1)
     * @throws IllegalArgumentException for a negative lateness or {@code maxHeld < 1}
     */
    public EventTimeOrder(Consumer<? super Observation> sink, long allowedLatenessMillis, int maxHeld) {
        if (allowedLatenessMillis < 0 || maxHeld < 1) {
            throw new IllegalArgumentException("allowed lateness must be >= 0 and maxHeld >= 1");
        }
        this.sink = sink;
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.maxHeld = maxHeld;
    }

    @Override
    public void accept(Observation o) {
        long t = o.time();
        if (watermark != Long.MIN_VALUE && t <= watermark) {
            late++;
            return;
        }
        add(o, t, seq++);
        long wm = t - allowedLatenessMillis - 1;
        if (wm > watermark) {
            watermark = wm;
        }
        while (held() > 0 && (firstTime() <= watermark || held() > maxHeld)) {
            Observation next = poll();
            if (next.time() > watermark) {
                watermark = next.time();
            }
            sink.accept(next);
        }
    }

    /** End of input: releases every waiting observation in order. */
    public void finish() {
        while (held() > 0) {
            sink.accept(poll());
        }
    }

    /**
     * Releases every waiting observation in order now, as at the end of input, and goes on: the
     * watermark moves to just before the newest time released, so an observation arriving later
     * and older than that counts as late (equal times still pass). A live host calls this when its
     * input has been idle for the allowed lateness.
     */
    public void releaseHeld() {
        long newest = Long.MIN_VALUE;
        while (held() > 0) {
            Observation o = poll();
            newest = Math.max(newest, o.time());
            sink.accept(o);
        }
        if (newest != Long.MIN_VALUE && newest - 1 > watermark) {
            watermark = newest - 1;
        }
    }

    /**
     * Gives every waiting observation to {@code to} without releasing it (in no particular order):
     * for a host that must tell the observations that arrived before some point from those after it.
     */
    public void forEachHeld(Consumer<? super Observation> to) {
        for (int i = 0; i < size; i++) {
            to.accept(ring[(head + i) & (ring.length - 1)]);
        }
        for (Held h : strays) {
            to.accept(h.o);
        }
    }

    /** Puts {@code o} (event time {@code t}, arrival number {@code n}, above all waiting ones) among the waiting observations. */
    private void add(Observation o, long t, long n) {
        Observation[] r = ring;
        long[] times = ringTime;
        int mask = r.length - 1;
        // after every waiting entry that is not later in ORDER (equal ones arrived before); the entries
        // later than o are a suffix of the ring, usually of a few entries: a short scan back from the
        // end finds its start, a binary search below that when it is longer
        int lo = size;
        if (size > 0 && later(times[(head + size - 1) & mask], r[(head + size - 1) & mask], t, o)) {
            lo = size - 1;
            int floor = Math.max(0, size - 1 - SCAN_BACK);
            while (lo > floor) {
                int at = (head + lo - 1) & mask;
                if (!later(times[at], r[at], t, o)) {
                    break;
                }
                lo--;
            }
            if (lo == floor && floor > 0) {
                int from = 0;
                while (from < lo) {
                    int mid = (from + lo) >>> 1;
                    int at = (head + mid) & mask;
                    if (later(times[at], r[at], t, o)) {
                        lo = mid;
                    } else {
                        from = mid + 1;
                    }
                }
            }
            if (size - lo > MAX_SHIFT) {
                strays.add(new Held(o, n));
                return;
            }
        }
        if (size == r.length) {
            grow();
            r = ring;
            times = ringTime;
            mask = r.length - 1;
        }
        for (int i = size; i > lo; i--) {
            int to = (head + i) & mask;
            int from = (head + i - 1) & mask;
            r[to] = r[from];
            ringSeq[to] = ringSeq[from];
            times[to] = times[from];
        }
        int at = (head + lo) & mask;
        r[at] = o;
        ringSeq[at] = n;
        times[at] = t;
        size++;
    }

    /** Whether the waiting entry {@code w} (event time {@code wt}) comes after {@code o} (time {@code t}) in {@link #ORDER}. */
    private static boolean later(long wt, Observation w, long t, Observation o) {
        return wt != t ? wt > t : compare(w, o) > 0;
    }

    private void grow() {
        int n = ring.length;
        Observation[] r = new Observation[n * 2];
        long[] q = new long[n * 2];
        long[] times = new long[n * 2];
        for (int i = 0; i < size; i++) {
            r[i] = ring[(head + i) & (n - 1)];
            q[i] = ringSeq[(head + i) & (n - 1)];
            times[i] = ringTime[(head + i) & (n - 1)];
        }
        ring = r;
        ringSeq = q;
        ringTime = times;
        head = 0;
    }

    /** Whether the ring's head comes before the first stray (both present). */
    private boolean ringFirst() {
        Held h = strays.peek();
        Observation a = ring[head];
        int c = compare(a, h.o);
        return c < 0 || (c == 0 && ringSeq[head] < h.seq);
    }

    /** The earliest waiting observation (some wait). */
    private Observation first() {
        if (strays.isEmpty()) {
            return ring[head];
        }
        if (size == 0 || !ringFirst()) {
            return strays.peek().o;
        }
        return ring[head];
    }

    /** The event time of the earliest waiting observation (some wait). */
    private long firstTime() {
        if (strays.isEmpty()) {
            return ringTime[head];
        }
        return first().time();
    }

    /** Takes out the earliest waiting observation (some wait). */
    private Observation poll() {
        if (size > 0 && (strays.isEmpty() || ringFirst())) {
            Observation o = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            return o;
        }
        return strays.poll().o;
    }

    /**
     * Adds an observation to a list of observations waiting at one event time, in {@link #ORDER}
     * (source, then MMSI) and after the equal ones: equal ones come from one source, whose order its
     * channel keeps, so the resulting order does not depend on how parallel channels interleave. For
     * hosts that hold observations per time themselves (the Flink job's keyed state).
     */
    public static void insertInOrder(java.util.List<Observation> at, Observation o) {
        int i = at.size();
        while (i > 0 && ORDER.compare(at.get(i - 1), o) > 0) {
            i--;
        }
        at.add(i, o);
    }

    /**
     * The watermark (epoch ms): input at or before it is late. The newest time seen less the allowed
     * lateness and 1 ms, or a held observation's time once released; {@code Long.MIN_VALUE} before any.
     */
    public long watermark() {
        return watermark;
    }

    /** Observations dropped as late. */
    public long late() {
        return late;
    }

    /** Observations waiting. */
    public int held() {
        return size + strays.size();
    }
}
