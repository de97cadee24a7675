package org.watchkeeper.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.ais.nmea.TimeSource;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.DetectorSuite;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.encounter.EncounterConfig;
import org.watchkeeper.core.detect.encounter.EncounterDetector;
import org.watchkeeper.core.detect.port.PortVisitConfig;
import org.watchkeeper.core.detect.port.PortVisitDetector;
import org.watchkeeper.core.ref.port.PortIndex;
import org.watchkeeper.core.detect.zone.Watchlist;
import org.watchkeeper.core.detect.zone.WatchlistDetector;
import org.watchkeeper.core.detect.zone.ZoneIndex;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.picture.IdentityChange;
import org.watchkeeper.core.pipeline.Analysis;
import org.watchkeeper.core.pipeline.AnalysisListener;
import org.watchkeeper.core.detect.DuplicateFilter;
import org.watchkeeper.core.pipeline.EventTimeOrder;
import org.watchkeeper.core.pipeline.GnssClock;
import org.watchkeeper.core.pipeline.StrayTimeFilter;
import org.watchkeeper.core.pipeline.Stage;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.track.Tracker;
import org.watchkeeper.core.track.TrackerConfig;
import org.watchkeeper.store.EventRow;
import org.watchkeeper.store.HistoryStore;
import org.watchkeeper.store.IdentityChangeRow;
import org.watchkeeper.store.PositionRow;
import org.watchkeeper.store.VesselRow;

/**
 * The live pipeline: lines from every source → raw archive → one bounded queue → (the pipeline
 * thread) a decoder per source ({@link AisStreamDecoder}, the receive clock for lines without a
 * time of their own) → {@link ObservationMapper} → core's {@link Analysis} (the {@code analyze}
 * command's pipeline: tracker and vessel picture) whose observations are handed, in order, to a
 * detection thread running {@link DetectionEngine} with {@link #defaultDetectors()} (plus a second
 * engine for the user's zones and watchlist, rebuilt when they change) → the live listeners at
 * once, and the history store in batches (at least once a second) written by a third thread, so
 * that store writes never hold up decoding, detection and the live stream. Between two writes the
 * batch keeps only the newest row of a vessel and of an event (an event is updated as it grows).
 *
 * <p>Latency: observations go to the detection thread in batches of at most
 * {@value #DETECT_BATCH}; the batch gathered so far is handed over whenever the input queue runs
 * empty and at least every 5 ms of steady input ({@link #DETECT_MAX_WAIT_NANOS}), so an observation
 * never waits for a full batch.
 *
 * <p>Bounds: the input queue holds {@code capacity} lines; TCP and file sources wait for room (the
 * sender is slowed by TCP flow control), UDP lines are shed and counted ({@link #shed()}). The
 * picture holds at most {@link TrackerConfig#defaults()}' stations. Live listeners must not block (the {@link LiveStream}
 * gives each client its own bounded queue). Rows handed to the store writer are bounded too: when
 * {@value #MAX_PENDING_ROWS} position rows wait for it, the pipeline thread waits (and the input
 * queue fills, slowing TCP and file sources).
 *
 * <p>A line whose processing throws is counted as rejected ({@code internal_error}) and logged; the
 * stream goes on. A failing store write is logged and reported by {@link #failure()}.
 *
 * <p>Stray times: each source's observations first pass core's {@link StrayTimeFilter} (as each
 * input of {@code analyze}, except that a source's first observation is trusted): one stamped more
 * than 3 h ahead of the source's times waits for the source's next observations and is dropped,
 * counted as rejected {@code stray_time}, when the source goes on in its old times, so one bad clock
 * reading cannot carry the event time a year on. One whose time agrees with the clock it was received by
 * (a live feed back after a silence) passes at once; what is held shows in {@link #heldObservations(String)}.
 * The end of a source's stream ({@link #endOfStream}: a file read to its end, a connection closed) lets go of
 * what its check still holds, as the end of an input of {@code analyze} does.
 *
 * <p>Event time only: the detectors see the time each message carries, in event-time order: every
 * observation first waits in core's {@link EventTimeOrder} with the bounded out-of-orderness of
 * {@code analyze} and the Flink job ({@link EventTimeOrder#DEFAULT_LATENESS_MILLIS}), so receptions
 * of one transmission by several stations reach the detectors in time order whichever arrived
 * first; one more than that older than the newest seen is counted as late and not given to the
 * detectors ({@link #lateObservations()}). Events therefore come up to the lateness after the
 * observation that completes them; the picture and the live stream are not held back. The lateness
 * is the server's choice ({@code serve --lateness-ms}): the default matches {@code analyze} and the
 * job, so all three give the same events on a merged multi-station log; 0 gives the quickest alerts
 * for a feed whose lines arrive in time order (a single receiver, or times stamped on arrival), and
 * counts anything out of order as late. Held input is also released when the input has been idle
 * for the lateness in wall-clock time (see {@link #releaseIfIdle()}).
 */
public final class Pipeline implements AutoCloseable {

    /**
     * Receives what the pipeline produces; must not block. Positions arrive on the pipeline thread,
     * events on the detection thread (so the two methods may run at the same time).
     */
    public interface Listener {
        /** An accepted position and the vessel's state after it (pipeline thread). */
        default void position(PositionObservation p, VesselSnapshot vessel) {
        }

        /** An event as stored (detection thread). */
        default void event(EventRow e) {
        }

        /**
         * An episode the detectors have opened since they were last asked (detection thread, about once
         * a second while input comes): the provisional event, as {@code GET /api/ongoing} gives it. When
         * the episode ends, {@link #event} gives the stored event under the same id; an episode that
         * closes without an event (an encounter shorter than its minimum) just leaves
         * {@code GET /api/ongoing}.
         */
        default void episodeStarted(EventRow e) {
        }
    }

    private static final Object END = new Object();
    private static final long FLUSH_MILLIS = 1000;
    /** Vessel rows are upserted less often than positions are appended: an upsert costs far more per row. */
    private static final long VESSEL_FLUSH_MILLIS = 10_000;
    private static final int FLUSH_ROWS = 20_000;
    /** Interval of the check for episodes the detectors opened ({@link Listener#episodeStarted}), ms. */
    static final long EPISODE_CHECK_MILLIS = 1000;
    /** Observations per hand-over to the detection thread (a partial batch goes when the input runs dry). */
    static final int DETECT_BATCH = 1024;
    /** Longest an observation waits in a partial batch before it goes to the detection thread. */
    static final long DETECT_MAX_WAIT_NANOS = 5_000_000;
    /** Batches that may wait for the detection thread before the pipeline thread waits for it. */
    static final int DETECT_QUEUE = 64;
    /** Position rows waiting for the store writer before the pipeline thread waits for it. */
    static final int MAX_PENDING_ROWS = 500_000;
    /**
     * Longest span of receive-clock time, ms, that a source's messages wait for its first time: a
     * message with a time of its own (tag block {@code c:}, {@code $PGHP}, epoch trailer) or one timed
     * by the source's GNSS sentences ({@code $--RMC}, {@code $--ZDA}), whichever comes first. A log
     * that times only some lines (the AMSA feed stamps about one in fifty, and its receivers' {@code
     * $GPZDA} lines time the rest) starts with messages that have none; given the wall clock, they
     * would put the detectors' watermark at today and leave the whole replayed log late for them.
     * Waiting, they take that first time, as {@code analyze} gives them. A feed with no times at all
     * waits this long once, at its start, then runs on its receive clock.
     */
    static final long LEADING_WAIT_MILLIS = 5_000;
    /** Most messages of one source waiting for its first time of its own ({@link #LEADING_WAIT_MILLIS}). */
    static final int MAX_LEADING = 100_000;
    /** Bounded out-of-orderness of detector input, ms (see the class description). */
    private final long lateness;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Pipeline.class);

    private final BlockingQueue<Object> queue;
    private final RawArchive archive;
    private final HistoryStore store;
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The listeners as an array, for the per-position path (iterating the list allocates). */
    private volatile Listener[] listenerArray = new Listener[0];
    private final Map<String, AisStreamDecoder> decoders = new HashMap<>();
    private final Map<String, Decoded> decodedBySource = new HashMap<>();
    private final Analysis analysis;
    /** Detection thread: {@link Observation}s, {@link Runnable}s (run there, in order) and {@link SourceMark}s. */
    private final Stage<Object> detection;
    /** Used only on the detection thread. */
    private final DetectionEngine engine;
    /** Used only on the detection thread (replaced there). */
    private DetectionEngine userEngine;
    /**
     * User engines replaced while observations that arrived before the change still waited in the
     * event-time order: each gets those observations as they come out (detection thread).
     */
    private final List<Retired> retired = new ArrayList<>();
    /** The content of the user's zones and watchlist in force ({@link UserSet#key}), or null. */
    private volatile String userSetKey;
    /** The detectors' input in event-time order (see the class description). */
    private final EventTimeOrder order;
    /** When the pipeline thread last took a line (nanoTime), and whether held input was released since. */
    private long lastInputNanos = System.nanoTime();
    private volatile boolean idleReleased = true;
    private long current;

    private final Set<Integer> dirty = new LinkedHashSet<>();
    private List<PositionRow> positions = new ArrayList<>();
    private final List<IdentityChangeRow> changes = new ArrayList<>();
    /** Events from the detection thread waiting for the next flush; guarded by itself. */
    private final List<EventRow> events = new ArrayList<>();
    private final Writer writer = new Writer();
    private final LongAdder internalErrors = new LongAdder();
    private long lastFlush;
    /** The picture's snapshot taken for the accepted position being processed, or null. */
    private VesselSnapshot acceptedSnapshot;
    /** System.nanoTime() of the last hand-over to the detection thread checked by the time bound. */
    private long detectionFlushed;
    private long lastVesselFlush;

    private final ConcurrentHashMap<Integer, VesselSnapshot> live = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Long> livePositions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> messagesBySource = new ConcurrentHashMap<>();
    /** Rejected lines per source name, by reason, as {@link #rejected} counts them all. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> rejectedBySource = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> lastMessageBySource = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> lastMessageTimeBySource = new ConcurrentHashMap<>();
    /**
     * Per source, the observations its stray-time filter holds now (more than 3 h ahead of the source's
     * times, waiting for the confirmations that tell a resumed feed from strays) and the event time of the
     * first of them ({@link Long#MIN_VALUE} for none); pipeline thread writes.
     */
    private final ConcurrentHashMap<String, long[]> strayHeldBySource = new ConcurrentHashMap<>();
    /**
     * How far before the time the server received it (its receive clock: the wall clock, or the archive's on
     * a rebuild) an observation's time may lie and still agree with it, for the stray-time check: 3 h, as a
     * satellite feed's reports arrive up to about 2 h after they were made.
     */
    static final long CLOCK_AGREES_BEHIND_MILLIS = StrayTimeFilter.DEFAULT_MAX_JUMP_MILLIS;
    /** How far after the time the server received it an observation's time may lie and still agree with it: 5 min of clock error. */
    static final long CLOCK_AGREES_AHEAD_MILLIS = 5 * 60_000L;

    /** Observations of each source the event-time order left out as late (detection thread writes). */
    private final ConcurrentHashMap<String, AtomicLong> lateBySource = new ConcurrentHashMap<>();
    /** The source whose observations the pipeline thread hands to the detection thread now (pipeline thread). */
    private SourceMark observingSource;
    /**
     * Sources whose decoder keeps messages waiting for a {@code $PGHP} time, by name (pipeline thread;
     * see {@link #releaseWaitingBefore}).
     */
    private final java.util.LinkedHashMap<String, AisStreamDecoder> waitingSources = new java.util.LinkedHashMap<>();
    /** Set while {@link #releaseWaitingBefore} sends waiting messages on (pipeline thread). */
    private boolean releasingWaiting;
    /** Wall-clock time of the last check for episodes opened (pipeline thread). */
    private long lastEpisodeCheck;
    /** Ids of the episodes open at the last check (detection thread). */
    private Set<String> openEpisodes = Set.of();
    /** Whether observations reached the detectors since the last check (detection thread). */
    private boolean detectedSinceAnnounce;
    /** The source last announced to the detection thread (pipeline thread). */
    private SourceMark handedSource;
    /** The source of the observations the detection thread receives now (detection thread). */
    private String detectSource;
    private final LongAdder shed = new LongAdder();
    private final LongAdder lines = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder eventCount = new LongAdder();
    private final AtomicLong late = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean started;
    private volatile Throwable failure;

    /**
     * @param store where history goes
     * @param archive the raw archive every offered line is appended to, or null for none
     * @param capacity lines the input queue holds (≥ 1)
     */
    public Pipeline(HistoryStore store, RawArchive archive, int capacity) {
        this(store, archive, capacity, EventTimeOrder.DEFAULT_LATENESS_MILLIS);
    }

    /**
     * @param store where history goes
     * @param archive the raw archive every offered line is appended to, or null for none
     * @param capacity lines the input queue holds (≥ 1)
     * @param latenessMillis bounded out-of-orderness of detector input, ms (≥ 0; see the class description)
     * @throws IllegalArgumentException for a negative lateness
     */
    public Pipeline(HistoryStore store, RawArchive archive, int capacity, long latenessMillis) {
        this(store, archive, capacity, latenessMillis, null);
    }

    /**
     * @param store where history goes
     * @param archive the raw archive every offered line is appended to, or null for none
     * @param capacity lines the input queue holds (≥ 1)
     * @param latenessMillis bounded out-of-orderness of detector input, ms (≥ 0; see the class description)
     * @param ports ports and anchorages for the encounter and port-visit detectors, or null for the
     *        shipped list ({@link PortIndex#seaPorts()})
     * @throws IllegalArgumentException for a negative lateness
     */
    public Pipeline(HistoryStore store, RawArchive archive, int capacity, long latenessMillis, PortIndex ports) {
        this(store, archive, capacity, latenessMillis, ports, true);
    }

    /**
     * @param store where history goes
     * @param archive the raw archive every offered line is appended to, or null for none
     * @param capacity lines the input queue holds (≥ 1)
     * @param latenessMillis bounded out-of-orderness of detector input, ms (≥ 0; see the class description)
     * @param ports ports and anchorages for the encounter and port-visit detectors, or null for the
     *        shipped list ({@link PortIndex#seaPorts()})
     * @param shippedDetectors run {@link #defaultDetectors()}; false when a Flink job runs them and its
     *        events come in as lines of {@link #CLUSTER_EVENTS_SOURCE} ({@code serve --cluster-events}):
     *        then only the user's zones and watchlist are detected here
     * @throws IllegalArgumentException for a negative lateness
     */
    public Pipeline(HistoryStore store, RawArchive archive, int capacity, long latenessMillis, PortIndex ports,
                    boolean shippedDetectors) {
        if (latenessMillis < 0) {
            throw new IllegalArgumentException("lateness must be >= 0 ms: " + latenessMillis);
        }
        this.lateness = latenessMillis;
        // duplicate receptions (the same report from a second station) stay out of the detectors
        this.order = new EventTimeOrder(new DuplicateFilter(this::runDetectors), latenessMillis,
                EventTimeOrder.DEFAULT_MAX_HELD);
        this.store = store;
        this.archive = archive;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.engine = new DetectionEngine(shippedDetectors ? defaultDetectors(ports) : List.of(), e -> event(Rows.event(e)), lateness);
        // the watchlist detector runs from the start, its list empty: it keeps the IMO numbers and names
        // vessels report, so that entries added later by IMO number or name match at the next position
        this.userEngine = new DetectionEngine(DetectorSuite.none().withWatchlist(NO_WATCHLIST, watchlistConfig).create(),
                e -> event(Rows.event(e)), lateness);
        this.analysis = new Analysis(TrackerConfig.defaults(), List.of(new Stages()));
        this.detection = new Stage<>("watchkeeper-detection", DETECT_BATCH, DETECT_QUEUE, this::detect);
        this.thread = new Thread(this::run, "watchkeeper-pipeline");
        this.thread.setDaemon(true);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * The detectors every stream runs, the same as {@code watchkeeper analyze} runs by default:
     * {@link DetectorSuite#defaults()} without the land check ({@code position_on_land}), because
     * the Natural Earth land it uses covers rivers, lakes and estuaries, so inland waterway traffic
     * would raise false alarms.
     */
    public static DetectorSuite defaultDetectors() {
        return DetectorSuite.defaults().without(DetectorSuite.ON_REQUEST);
    }

    /**
     * New instances of {@link #defaultDetectors()}, with encounter and port_visit over {@code ports}
     * instead of the shipped list when it is not null.
     */
    public static List<Detector<?>> defaultDetectors(PortIndex ports) {
        List<Detector<?>> out = new java.util.ArrayList<>();
        for (Detector<?> d : defaultDetectors().create()) {
            if (ports != null && d.name().equals("encounter")) {
                out.add(new EncounterDetector(ports, EncounterConfig.DEFAULTS));
            } else if (ports != null && d.name().equals("port_visit")) {
                out.add(new PortVisitDetector(ports, PortVisitConfig.DEFAULTS));
            } else {
                out.add(d);
            }
        }
        return out;
    }

    /** Adds a live listener (call before {@link #start()} or at any time; never blocks the caller). */
    public void addListener(Listener l) {
        listeners.add(l);
        listenerArray = listeners.toArray(new Listener[0]);
    }

    /**
     * Rebuilds history from the raw archive on this thread, before {@link #start()}: every archived
     * line goes through the same stages as when it arrived (the store should be empty).
     *
     * @return the number of lines replayed
     */
    public long rebuildFromArchive() {
        return rebuildFromArchive(null);
    }

    /**
     * As {@link #rebuildFromArchive()}, applying each change of the user's zones and watchlist the
     * archive records ({@link #changeUserSet}) where it stands among the lines, as it was applied
     * when it was made: the zones and watchlist in force at the call are those of the lines before
     * the archive's first change.
     *
     * @param marks the zones and watchlist a change's mark names ({@link #changeUserSet}'s
     *        {@code mark}), or null when they are no longer found (the zones and watchlist in force
     *        then stay); null to pass over every mark
     * @return the number of lines replayed (marks, records of lines too long, of ends of streams and of idle releases not counted)
     */
    public long rebuildFromArchive(java.util.function.Function<String, UserSet> marks) {
        if (archive == null) {
            return 0;
        }
        long[] markCount = {0};
        long n = archive.replay(l -> {
            if (l.source().equals(USER_SET_SOURCE)) {
                markCount[0]++;
                if (marks != null) {
                    applyMark(new String(l.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1), marks);
                }
                return;
            }
            if (l.source().equals(LINE_TOO_LONG_SOURCE)) {
                markCount[0]++;
                tooLongRecord(new String(l.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
                return;
            }
            if (l.source().equals(IDLE_RELEASE_SOURCE)) {
                markCount[0]++;
                idleRelease();
                return;
            }
            if (l.source().equals(END_OF_STREAM_SOURCE)) {
                markCount[0]++;
                String source = new String(l.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                streaming.remove(source);
                streamEnded(source, l.receivedMillis());
                return;
            }
            streaming.add(l.source());
            archivedBySource.merge(l.source(), 1L, Long::sum);
            lastArchivedBySource.put(l.source(), l.bytes());
            processSafely(l);
        }) - markCount[0];
        awaitDetection();
        flush();
        writer.awaitWritten();
        if (n > 0) {
            // what the event-time order holds goes on as after live input: once the input has been
            // quiet for the lateness (the idle release), so the picture after a restart is the one before
            lastInputNanos = System.nanoTime();
            idleReleased = false;
        }
        return n;
    }

    /**
     * Counts {@code n} lines of {@code source} dropped by its line framing as longer than
     * {@link LineFramer#MAX_LINE} bytes (rejected {@code line_too_long}, in {@link #rejected()} and
     * {@link #rejected(String)}) and records them in the raw archive ({@link #LINE_TOO_LONG_SOURCE}), so
     * that the rebuild at the next start counts them again. Thread safe; nothing for {@code n <= 0}.
     *
     * @param source the source's name
     * @param n      lines dropped since the source's last call
     */
    public void lineTooLong(String source, long n) {
        if (n <= 0) {
            return;
        }
        countTooLong(source, n);
        if (archive != null) {
            archive.append(new RawLine(LINE_TOO_LONG_SOURCE, System.currentTimeMillis(),
                    (source + " " + n).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
    }

    private void countTooLong(String source, long n) {
        String reason = org.watchkeeper.ais.RejectReason.LINE_TOO_LONG.code();
        rejected.computeIfAbsent(reason, k -> new LongAdder()).add(n);
        rejectedBySource.computeIfAbsent(source, k -> new ConcurrentHashMap<>()).computeIfAbsent(reason, k -> new LongAdder()).add(n);
    }

    /** A {@link #LINE_TOO_LONG_SOURCE} record read back from the archive, counted again (rebuild). */
    private void tooLongRecord(String record) {
        int sp = record.lastIndexOf(' ');
        long n = -1;
        if (sp > 0) {
            try {
                n = Long.parseLong(record.substring(sp + 1));
            } catch (NumberFormatException e) {
                n = -1;
            }
        }
        if (n <= 0) {
            LOG.error("the raw archive holds a record of lines too long that cannot be read (not 'SOURCE N'): {}", record);
            return;
        }
        countTooLong(record.substring(0, sp), n);
    }

    /** Applies a change of the user's zones and watchlist the archive records (rebuild, before start). */
    private void applyMark(String mark, java.util.function.Function<String, UserSet> marks) {
        UserSet set;
        try {
            set = marks.apply(mark);
        } catch (RuntimeException e) {
            LOG.error("the raw archive records a change of the zones and watchlist ({}) that cannot be read;"
                    + " the zones and watchlist in force before it stay in force", mark, e);
            return;
        }
        if (set == null) {
            LOG.error("the raw archive records a change of the zones and watchlist ({}) whose record is not found;"
                    + " the zones and watchlist in force before it stay in force", mark);
            return;
        }
        try {
            changeUserSet(set, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding history", e);
        }
    }

    /** Lines of each source name read back from the raw archive by {@link #rebuildFromArchive}. */
    private final Map<String, Long> archivedBySource = new HashMap<>();
    /** The last line of each source name read back from the raw archive by {@link #rebuildFromArchive}. */
    private final Map<String, byte[]> lastArchivedBySource = new HashMap<>();

    /**
     * Lines of each source name found in the raw archive by {@link #rebuildFromArchive} (empty before
     * it, or without an archive): every line a source delivered before this start.
     */
    public Map<String, Long> archivedBySource() {
        return java.util.Collections.unmodifiableMap(archivedBySource);
    }

    /**
     * The last line of each source name found in the raw archive by {@link #rebuildFromArchive}, as
     * delivered (no line end); a file source compares it with the line it passes over last, to tell a
     * line that was still being written when it was read (see {@link FileSourceProgress}).
     */
    public Map<String, byte[]> lastArchivedBySource() {
        return java.util.Collections.unmodifiableMap(lastArchivedBySource);
    }

    /** Starts the pipeline thread. */
    public void start() {
        lastFlush = System.currentTimeMillis();
        started = true;
        thread.start();
    }

    /** The sink sources deliver to: archive, then queue (see {@link LineSink#offer}). */
    public LineSink sink() {
        return this::offer;
    }

    private boolean offer(RawLine l, boolean block) throws InterruptedException {
        synchronized (queue) {
            if (block) {
                queue.put(l);
            } else if (!queue.offer(l)) {
                shed.increment();
                return false;
            }
            if (archive != null) {
                archive.append(l);
                streaming.add(l.source());
            }
            return true;
        }
    }

    /**
     * Tells the pipeline that a source's stream ended: a file read to its end (or to a read error), a TCP
     * connection closed (the one a {@code tcp://} source made; for a {@code tcp-listen://} source, whose
     * connections share one decoder and one stray-time check, the last of those open, so that one closing
     * does not cut another's multi-sentence message), a Kafka consumer or the simulator ended. A source stopped with the server does
     * not call it, and once {@link #close()} has begun it does nothing: a stop is not the end of the input
     * (the next start rebuilds the state from the archive and the source goes on).
     *
     * <p>At that point among the lines (pipeline thread): a multi-sentence message still held is finished,
     * the messages waiting for the source's first time take its receive clock ({@link #LEADING_WAIT_MILLIS}),
     * and what the source's stray-time check holds is let go ({@link #heldObservations(String)} becomes 0),
     * as {@code analyze} lets go of it at the end of an input ({@link StrayTimeFilter#finish()}): nothing came
     * to contradict the jump, so the held observations pass, in their order (a log whose last reports follow
     * a silence of more than 3 h), and the source's next observations are judged from them. Except when the
     * first held time is later than the end itself by more than {@link #CLOCK_AGREES_AHEAD_MILLIS} of clock
     * error: nothing is received before it happens, so those are strays (a receiver whose clock jumped just
     * before its connection dropped), dropped and counted as {@code stray_time}, instead of carrying ahead
     * the detectors' watermark, which every source shares. So a TCP feed that disconnects and reconnects lets
     * go at each disconnect, as at the end of a file: its held observations are those whose time does not
     * agree with the clock they were received by (those that agree pass at once), so they are either ahead
     * of the moment they were received (dropped as above) or hours behind it, from a log replayed over the
     * connection ({@code watchkeeper send}), whose end is the end of that log; holding them over to the next
     * connection would leave the last reports of such a log off the map with nothing to come for them.
     *
     * <p>The end is recorded in the raw archive at the same point among the lines, as a line of the reserved
     * source {@link #END_OF_STREAM_SOURCE} (when the source has archived lines since its last end), so that
     * {@link #rebuildFromArchive} ends the stream there again and a restart gives the picture and events of
     * the live run.
     *
     * @param source the source's name
     * @throws InterruptedException when interrupted while waiting for room in the input queue
     */
    public void endOfStream(String source) throws InterruptedException {
        long at = System.currentTimeMillis();
        // as offer: the end takes the same place in the queue and in the archive
        synchronized (queue) {
            if (stopping) {
                return;
            }
            queue.put((Runnable) () -> streamEnded(source, at));
            if (archive != null && streaming.remove(source) && !source.equals(CLUSTER_EVENTS_SOURCE)) {
                archive.append(new RawLine(END_OF_STREAM_SOURCE, at, source.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
            }
        }
    }

    /**
     * The sources that have archived lines since their last end of stream (guarded by {@link #queue}'s
     * monitor; the rebuild sets it from the archive): only their end is recorded.
     */
    private final Set<String> streaming = new HashSet<>();

    /**
     * The end of a source's stream at {@code endMillis} (the wall clock when it ended, or the archive's
     * record of it), on the pipeline thread or the rebuild's (see {@link #endOfStream}).
     */
    private void streamEnded(String source, long endMillis) {
        AisStreamDecoder d = decoders.get(source);
        if (d == null) {
            return;
        }
        try {
            d.finish();
            Decoded listener = decodedBySource.get(source);
            listener.giveUpWaiting();
            listener.endOfStream(endMillis);
        } catch (RuntimeException e) {
            internalErrors.increment();
            rejected.computeIfAbsent("internal_error", k -> new LongAdder()).increment();
            LOG.error("the end of the stream of {} could not be processed (counted as internal_error)", source, e);
        }
    }

    /** Settings of the watchlist's detector (its silence threshold), used from the next {@link #changeUserSet}. */
    private volatile WatchlistDetector.Config watchlistConfig = WatchlistDetector.Config.defaults();
    /** The watchlist of no entry, which the user engine watches while the user has listed nothing. */
    private static final org.watchkeeper.core.detect.zone.Watchlist NO_WATCHLIST =
            new org.watchkeeper.core.detect.zone.Watchlist(java.util.Map.of(), java.util.Map.of(), java.util.Map.of());

    /** Sets the watchlist detector's settings; they apply from the next {@link #changeUserSet}. */
    public void setWatchlistConfig(WatchlistDetector.Config c) {
        watchlistConfig = java.util.Objects.requireNonNull(c);
    }

    /**
     * The archive source name of the marks of the user's zones and watchlist changes
     * ({@link #changeUserSet}). No source can have it (a source name is letters, digits, '_', '.' and
     * '-'), so a mark is never taken for input: it is not decoded, nor counted as a source's line.
     */
    public static final String USER_SET_SOURCE = "#userdata";

    /**
     * The source name of the Flink job's events ({@code serve --cluster-events}, {@link KafkaSource#clusterEvents}):
     * each of its lines is one event as the job writes it ({@link ClusterEvents}), stored and sent to the
     * listeners as the server's own detectors' events are, and archived like any line, so that a restart
     * gives them back. No configured source can have the name. A line that is not an event is counted as
     * rejected ({@code bad_cluster_event}) and logged (the first ten); an event given again as it was (the
     * job's sink is at least once) is counted ({@link #duplicateClusterEvents()}), not stored or announced again.
     */
    public static final String CLUSTER_EVENTS_SOURCE = "#cluster-events";

    /**
     * The archive source name of the records of lines dropped as too long ({@link #lineTooLong}): each
     * record is {@code SOURCE N}, N lines of source SOURCE longer than {@link LineFramer#MAX_LINE} bytes,
     * which never reach the archive themselves. No configured source can have the name; the rebuild at
     * start counts the records again as {@code line_too_long} rejections, so that count, like the others,
     * holds over restarts. {@code analyze} and {@code decode} of an archive pass the records over.
     */
    public static final String LINE_TOO_LONG_SOURCE = "#line-too-long";

    /**
     * The archive source name of the records of a source's end of stream ({@link #endOfStream}): each record
     * is the name of the source whose stream ended, at the point among the lines where it ended, with the
     * wall-clock time it ended as its receive time. No configured source can have the name; the rebuild at
     * start ends the source's stream there again (it is not counted as a line, nor listed as a source), and
     * {@code analyze} and {@code decode} of an archive pass the records over.
     */
    public static final String END_OF_STREAM_SOURCE = "#end-of-stream";

    /**
     * The archive source name of the records of an idle release ({@link #releaseIfIdle()}): once the input
     * has been quiet for the lateness, what the event-time order, the sources' waits for a time and the
     * satellite {@code $PGHP} pairing hold goes on, and a record of that is appended at the same point among
     * the lines (its receive time the wall clock then, its line {@code idle}). The rebuild at start lets go
     * there again, so observations that came after a quiet spell and are older than what it let go are late
     * after a restart as they were live, and the events are those of the live run. No configured source can
     * have the name; it is not a line nor a source, and {@code analyze} and {@code decode} of an archive pass
     * the records over.
     */
    public static final String IDLE_RELEASE_SOURCE = "#idle-release";
    /** Lines of {@link #CLUSTER_EVENTS_SOURCE} taken as events (new, or changed since they came before). */
    private final LongAdder clusterEvents = new LongAdder();
    /** Lines of {@link #CLUSTER_EVENTS_SOURCE} that gave an event again as it was. */
    private final LongAdder duplicateClusterEvents = new LongAdder();
    /** The latest {@value #RECENT_CLUSTER_EVENTS} job events' ids, each with a hash of its row (pipeline thread only). */
    private final java.util.LinkedHashMap<String, Integer> recentClusterEvents = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Integer> eldest) {
            return size() > RECENT_CLUSTER_EVENTS;
        }
    };
    /** How many job events' ids {@link #recentClusterEvents} keeps: a duplicate of an older one is stored (by id, once) and announced again. */
    static final int RECENT_CLUSTER_EVENTS = 65_536;

    /**
     * The user's zones and watchlist as the detectors take them.
     *
     * @param zones the zones, or null for none
     * @param watchlist the watchlist, or null for none
     * @param key their content as text, two sets with equal keys being the same; null for a set to
     *        be compared with none
     */
    public record UserSet(ZoneIndex zones, Watchlist watchlist, String key) {
    }

    /** The content ({@link UserSet#key}) of the user's zones and watchlist last set, or null. */
    public String userSetKey() {
        return userSetKey;
    }

    /**
     * Puts the user's zones and watchlist in force from this point of the input on: the observations
     * of lines offered before the call go to the detectors of the set in force before (also those
     * still waiting in the event-time order), those of later lines to the new set's detectors, which
     * take over each vessel's state as it stood at the change ({@link DetectionEngine#carryOver}): a
     * watched vessel's silence under way and a stay in a zone that is still there go on, and a vessel
     * still listed is not alerted again the same day. A set whose key equals the one in force changes
     * nothing (the detectors go on). Before {@link #start()} it applies at once.
     *
     * @param mark when not null, a mark of the change is appended to the raw archive at the same
     *        point among the lines (source {@link #USER_SET_SOURCE}, the mark as the line), so that
     *        {@link #rebuildFromArchive(java.util.function.Function)} applies the change there again
     */
    public void changeUserSet(UserSet set, String mark) throws InterruptedException {
        boolean same = set.key() != null && set.key().equals(userSetKey);
        userSetKey = set.key();
        Runnable apply = same ? null : () -> {
            DetectorSuite s = DetectorSuite.none();
            if (set.zones() != null && set.zones().size() > 0) {
                s = s.withZones(set.zones());
            }
            // also with no entry: the vessels' reported IMO numbers and names are carried over for the next list
            s = s.withWatchlist(set.watchlist() != null ? set.watchlist() : NO_WATCHLIST, watchlistConfig);
            DetectionEngine replacement = new DetectionEngine(s.create(), e -> event(Rows.event(e)), lateness);
            detection.accept((Runnable) () -> replaceUserEngine(replacement));
            detection.flush();
        };
        RawLine line = mark == null || archive == null ? null
                : new RawLine(USER_SET_SOURCE, System.currentTimeMillis(), mark.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        if (!started) {
            if (apply != null) {
                apply.run();
            }
            if (line != null) {
                archive.append(line);
            }
            return;
        }
        // as offer: the change takes the same place in the queue and in the archive
        synchronized (queue) {
            if (apply != null) {
                queue.put(apply);
            }
            if (line != null) {
                archive.append(line);
            }
        }
    }

    /**
     * A replaced user engine, the observations that arrived before the change and still wait in the order,
     * and the vessels (MMSIs) it had observations of while it was in force after the oldest engine still retired
     * was replaced.
     */
    private record Retired(DetectionEngine engine, Set<Observation> waiting, long newest, Set<Integer> seen) {
    }

    /** The vessels the user engine in force has had observations of since the oldest engine still retired was replaced. */
    private final Set<Integer> userSeen = new HashSet<>();

    /**
     * On the detection thread: puts {@code replacement} in force. The observations waiting in the
     * event-time order arrived before the change: they go on to the engine replaced, as they come out.
     */
    private void replaceUserEngine(DetectionEngine replacement) {
        // (also when the engine replaced runs no detector: the new one must not have them either)
        if (order.held() > 0) {
            Set<Observation> waiting = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            long[] newest = {Long.MIN_VALUE};
            order.forEachHeld(o -> {
                waiting.add(o);
                newest[0] = Math.max(newest[0], o.time());
            });
            retired.add(new Retired(userEngine, waiting, newest[0], new HashSet<>(userSeen)));
        }
        userSeen.clear();
        // a vessel's episode under way (a watched vessel's silence, a stay in a zone) goes on across the change
        replacement.carryOver(userEngine);
        userEngine = replacement;
    }

    /**
     * On the detection thread: lets go of the replaced engines whose observations have all come out
     * of the event-time order (given on, or left out as duplicates).
     */
    private void dropRetired() {
        if (!retired.isEmpty()) {
            retired.removeIf(r -> r.waiting().isEmpty() || order.held() == 0 || order.watermark() >= r.newest());
            if (retired.isEmpty()) {
                userSeen.clear();
            }
        }
    }

    /**
     * The episodes the detectors have open ({@link #ongoing}), as of the latest event time of the
     * observations they have had (epoch ms, {@code Long.MIN_VALUE} before any).
     */
    public record Ongoing(long asOfMillis, List<EventRow> events) {
    }

    /** {@link #ongoing(long, TimeUnit, int)} for every vessel. */
    public Ongoing ongoing(long timeout, TimeUnit unit) throws InterruptedException {
        return ongoing(timeout, unit, -1);
    }

    /**
     * The episodes the detectors (the shipped ones and the user's zones and watchlist) have open, as
     * provisional events ({@link DetectionEngine#ongoing}): asked on the detection thread after the
     * input queued before this call, so a caller waits behind the queue.
     *
     * @param mmsi only the episodes of this vessel (only those become rows; 0 is MMSI 000000000, which
     *             some transmitters send); negative for all
     * @return the answer, or null on timeout
     */
    public Ongoing ongoing(long timeout, TimeUnit unit, int mmsi) throws InterruptedException {
        java.util.concurrent.CompletableFuture<Ongoing> answer = new java.util.concurrent.CompletableFuture<>();
        Runnable ask = () -> {
            List<EventRow> out = new ArrayList<>();
            eachOngoing(e -> {
                if (mmsi < 0 || e.vessels().contains(mmsi)) {
                    out.add(Rows.event(e));
                }
            });
            answer.complete(new Ongoing(engine.latestTime(), out));
        };
        if (started && thread.isAlive()) {
            if (!queue.offer((Runnable) () -> {
                detection.accept(ask);
                detection.flush();
            }, timeout, unit)) {
                return null;
            }
        } else {
            detection.accept(ask);
            detection.flush();
        }
        try {
            return answer.get(timeout, unit);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    /**
     * Waits until everything queued before this call has been processed and written to the store
     * and the raw archive.
     *
     * @return false on timeout
     */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        queue.put((Runnable) () -> {
            awaitDetection();
            flush();
            writer.awaitWritten();
            done.countDown();
        });
        boolean idle = done.await(timeout, unit);
        if (idle && archive != null) {
            archive.awaitWritten();
        }
        return idle;
    }

    /**
     * Waits until the input has been quiet for the lateness, the input held for event-time ordering
     * has gone to the detectors (the idle release), and everything before has been processed and
     * stored: after this, no event from the input so far is still to come.
     *
     * @return false on timeout
     */
    public boolean awaitReleased(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!idleReleased) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return awaitIdle(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void run() {
        try {
            while (true) {
                Object o = queue.poll();
                if (o == null) {
                    releaseIfIdle();
                    // the input ran dry: what was gathered for the detectors goes now, not with later input
                    detection.flush();
                    o = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (o == null) {
                        releaseIfIdle();
                        detection.flush();
                    }
                }
                if (o instanceof RawLine) {
                    lastInputNanos = System.nanoTime();
                    idleReleased = false;
                }
                if (o == END) {
                    break;
                }
                if (o instanceof RawLine l) {
                    processSafely(l);
                } else if (o instanceof Runnable r) {
                    r.run();
                }
                long nanos = System.nanoTime();
                if (nanos - detectionFlushed >= DETECT_MAX_WAIT_NANOS) {
                    // under steady input the queue never runs dry: a time bound keeps the latency short
                    detection.flush();
                    detectionFlushed = nanos;
                }
                long now = System.currentTimeMillis();
                if (positions.size() >= FLUSH_ROWS || now - lastFlush >= FLUSH_MILLIS) {
                    flush(now - lastVesselFlush >= VESSEL_FLUSH_MILLIS);
                }
                if (now - lastEpisodeCheck >= EPISODE_CHECK_MILLIS) {
                    lastEpisodeCheck = now;
                    detection.accept((Runnable) this::announceEpisodes);
                }
            }
            for (AisStreamDecoder d : decoders.values()) {
                d.finish();
            }
            // The held input goes to the detectors; the episodes they have open stay open (a port
            // visit does not end because the server stops): a restart rebuilds them from the archive
            // and they go on, so the events after a restart are those before it.
            detection.accept((Runnable) order::finish);
            detection.close();
            analysis.finish();
            flush();
            writer.awaitWritten();
        } catch (Throwable t) {
            failure = t;
            LOG.error("the pipeline stopped", t);
        } finally {
            writer.finish();
        }
    }

    /** How long the pipeline thread waits for input before it looks at the idle release again, ms. */
    private static final long IDLE_POLL_MILLIS = 100;

    /**
     * Idle release: once no line has come for the lateness (in wall-clock time), the detector input
     * still held for ordering goes on, so the last events of a feed that went quiet are not held
     * until more input comes. A feed's event time runs with the wall clock, so after that long
     * nothing older can still be on its way. With lateness 0 this happens whenever the input runs dry.
     */
    private void releaseIfIdle() {
        if (!idleReleased && System.nanoTime() - lastInputNanos >= lateness * 1_000_000L) {
            // as offer: the release takes the same place among the lines in the queue and in the archive,
            // so a line offered since the queue ran dry puts it off (it is input: the quiet is over)
            synchronized (queue) {
                if (!queue.isEmpty()) {
                    return;
                }
                idleReleased = true;
                // with a lateness of 0 the order holds nothing and the queue runs dry after most lines:
                // a record only when a source waits for a time, so the archive does not double
                if (archive != null && (lateness > 0 || !waitingSources.isEmpty()
                        || decoders.values().stream().anyMatch(AisStreamDecoder::hasWaiting)
                        || decodedBySource.values().stream().anyMatch(x -> !x.leading.isEmpty()))) {
                    archive.append(new RawLine(IDLE_RELEASE_SOURCE, System.currentTimeMillis(), IDLE_RELEASE_RECORD));
                }
            }
            idleRelease();
        }
    }

    /** The bytes of an {@link #IDLE_RELEASE_SOURCE} record (its line is no receiver's; only its place counts). */
    private static final byte[] IDLE_RELEASE_RECORD = "idle".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    /**
     * What the idle release lets go ({@link #releaseIfIdle()}), on the pipeline thread or, for the archive's
     * record of one, the rebuild's.
     */
    private void idleRelease() {
        // messages a source holds for a $PGHP line that may still come (satellite feeds) go now
        for (AisStreamDecoder d : decoders.values()) {
            d.releaseWaiting();
        }
        // a source that has not shown a time of its own in that while takes its receive clock
        for (Decoded d : decodedBySource.values()) {
            d.giveUpWaiting();
        }
        waitingSources.clear();
        detection.accept((Runnable) () -> {
            order.releaseHeld();
            dropRetired();
        });
    }

    /** {@link #process}, counting and logging a line whose processing throws instead of stopping. */
    private void processSafely(RawLine l) {
        try {
            process(l);
        } catch (RuntimeException e) {
            internalErrors.increment();
            rejected.computeIfAbsent("internal_error", k -> new LongAdder()).increment();
            if (internalErrors.sum() <= 10) {
                LOG.error("line from {} could not be processed (counted as internal_error): {}", l.source(),
                        new String(l.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1), e);
            }
        }
    }

    private void process(RawLine l) {
        lines.increment();
        current = l.receivedMillis();
        if (l.source().equals(CLUSTER_EVENTS_SOURCE)) {
            clusterEvent(l);
            return;
        }
        AisStreamDecoder d = decoders.computeIfAbsent(l.source(), s -> {
            Decoded listener = new Decoded(s);
            decodedBySource.put(s, listener);
            AisStreamDecoder x = new AisStreamDecoder(Options.DEFAULT, listener);
            listener.gnss = new GnssClock(x); // reads the source's GNSS sentences as the decoder reaches them
            x.setReceiveClock(listener::clock);
            return x;
        });
        long own = LineTime.of(l.bytes());
        if (own != Long.MIN_VALUE) {
            decodedBySource.get(l.source()).carried = own;
        }
        d.line(l.bytes(), 0, l.bytes().length);
        if (d.stats().heldMessageLines() > 0) {
            waitingSources.putIfAbsent(l.source(), d);
        }
    }

    /** One line of the job's events topic: an event to store and announce, or a rejected line. */
    private void clusterEvent(RawLine l) {
        EventRow e;
        try {
            e = ClusterEvents.parse(l.bytes());
        } catch (ClusterEvents.BadEvent x) {
            String reason = "bad_cluster_event";
            countRejected(rejectedBySource.computeIfAbsent(l.source(), k -> new ConcurrentHashMap<>()), reason);
            long n = rejected.get(reason).sum();
            if (n <= 10) {
                String text = new String(l.bytes(), 0, Math.min(l.bytes().length, 300), java.nio.charset.StandardCharsets.UTF_8);
                LOG.warn("the cluster's events topic gave a line that is not an event ({}){}: {}", x.getMessage(),
                        n == 10 ? " (the last such line logged; /api/stats counts them as bad_cluster_event)" : "", text);
            }
            return;
        }
        messagesBySource.computeIfAbsent(l.source(), k -> new LongAdder()).increment();
        lastMessageBySource.computeIfAbsent(l.source(), k -> new AtomicLong(Long.MIN_VALUE)).set(current);
        lastMessageTimeBySource.computeIfAbsent(l.source(), k -> new AtomicLong(Long.MIN_VALUE)).set(e.endMillis());
        // the job's sink is at least once: an event given again as it was is neither stored nor announced again
        int signature = java.util.Objects.hash(e.kind(), e.startMillis(), e.endMillis(), java.util.Arrays.hashCode(e.mmsis()),
                e.lat(), e.lon(), e.geometryGeoJson(), e.parametersJson(), e.evidenceJson());
        Integer before = recentClusterEvents.put(e.id(), signature);
        if (before != null && before == signature) {
            duplicateClusterEvents.increment();
            return;
        }
        clusterEvents.increment();
        // on the detection thread, as the server's own detectors' events are announced
        detection.accept((Runnable) () -> event(e));
    }

    /** Events given again by the Flink job's events topic, as they were, since the start (rebuild included): not stored or announced again. */
    public long duplicateClusterEvents() {
        return duplicateClusterEvents.sum();
    }

    /** Events taken from the Flink job's events topic ({@link #CLUSTER_EVENTS_SOURCE}) since the start, rebuild included. */
    public long clusterEvents() {
        return clusterEvents.sum();
    }

    /**
     * Before a message at {@code time} of source {@code from} moves the detectors' watermark to
     * {@code time} less the lateness: every other source whose decoder keeps a message waiting for a
     * {@code $PGHP} time at or before that sends its waiting messages on now, each with the time it has
     * ({@link AisStreamDecoder#releaseWaitingMessages()}). A source sparse beside busier ones (a
     * satellite feed writing its {@code $PGHP} lines apart from their sentences) would otherwise wait
     * for its own next lines while the others move the watermark past what it holds, which would then
     * be late and left out of detection.
     */
    private void releaseWaitingBefore(long time, String from) {
        if (releasingWaiting || time == Long.MIN_VALUE) {
            return;
        }
        long limit = time - lateness;
        releasingWaiting = true;
        try {
            for (var it = waitingSources.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                AisStreamDecoder w = e.getValue();
                if (w.stats().heldMessageLines() == 0) {
                    it.remove();
                } else if (!e.getKey().equals(from)) {
                    long earliest = w.earliestWaitingTime();
                    if (earliest != Long.MIN_VALUE && earliest <= limit) {
                        w.releaseWaitingMessages();
                        it.remove();
                    }
                }
            }
        } finally {
            releasingWaiting = false;
        }
    }

    /** Tells the detection thread whose observations follow (one per source, handed over when the source changes). */
    private record SourceMark(String name) {
    }

    private final class Decoded implements AisListener {
        private final String source;
        private final SourceMark mark;
        private final LongAdder count;
        private final AtomicLong last;
        private final AtomicLong lastTime;
        /** Time of the newest message whose lines carried their own time, or MIN_VALUE. */
        private long carried = Long.MIN_VALUE;
        /** Per source, so that each feed's receive times are judged on their own, as analyze does. */
        private final ObservationMapper mapper = ObservationMapper.forStream();
        /** Per source, as analyze drops each input's stray times (its first line excepted: a live feed). */
        private final ConcurrentHashMap<String, LongAdder> rejectedHere;
        private final StrayTimeFilter strays = StrayTimeFilter.forLiveFeed(Pipeline.this::observe, o -> reject("stray_time"));
        /** What {@link #strays} held when last looked at: count, first time (see {@link #noteHeld}). */
        private long[] strayHeld = {0, Long.MIN_VALUE};

        Decoded(String source) {
            this.source = source;
            this.rejectedHere = rejectedBySource.computeIfAbsent(source, k -> new ConcurrentHashMap<>());
            this.mark = new SourceMark(source);
            this.count = messagesBySource.computeIfAbsent(source, k -> new LongAdder());
            this.last = lastMessageBySource.computeIfAbsent(source, k -> new AtomicLong(Long.MIN_VALUE));
            this.lastTime = lastMessageTimeBySource.computeIfAbsent(source, k -> new AtomicLong(Long.MIN_VALUE));
        }

        /**
         * The receive clock of this source: the wall-clock receive time for a feed whose lines carry
         * no time; once the feed has shown its own times (tag block {@code c:}, {@code $PGHP}, epoch
         * trailer), the newest of those, so that a line without one (the second fragment of a tagged
         * message) stays on the feed's time line instead of jumping to the wall clock; once it has
         * shown GNSS sentences, their time ({@link #gnss}), before either.
         */
        long clock() {
            long g = gnss != null ? gnss.now() : Long.MIN_VALUE;
            if (g != Long.MIN_VALUE) {
                return g;
            }
            return carried != Long.MIN_VALUE ? carried : current;
        }

        /**
         * The time of the receiver's own GNSS sentences in this source ({@code $--RMC}, {@code $--ZDA},
         * {@code $--GLL}, {@code $--GGA}), which, once known, times the messages without a time of their
         * own before anything else, as in {@code analyze}; null until the decoder is made.
         */
        GnssClock gnss;

        /**
         * Messages that came before this source's first time, waiting for it (see
         * {@link #LEADING_WAIT_MILLIS}): the time of its first message with one of its own or with a
         * time from the source's GNSS sentences, whichever comes first.
         */
        private final ArrayList<ReceivedMessage> leading = new ArrayList<>();
        /**
         * True once this source has gone {@link #LEADING_WAIT_MILLIS} (or {@link #MAX_LEADING}
         * messages, or to its end, or idle for the lateness) without a time of its own: its messages
         * without one take the receive clock from then on, as a live feed without times does.
         */
        private boolean untimed;

        @Override
        public void message(ReceivedMessage m) {
            if (!waitingSources.isEmpty()) {
                releaseWaitingBefore(m.receiveTimeMillis(), source);
            }
            observingSource = mark;
            boolean own = m.timeSource() != TimeSource.RECEIVE_CLOCK && m.timeSource() != TimeSource.ARCHIVE
                    && m.timeSource() != TimeSource.NONE;
            if (own) {
                carried = m.receiveTimeMillis();
            }
            messages.increment();
            count.increment();
            last.set(current);
            lastTime.set(m.receiveTimeMillis());
            if (!leading.isEmpty()) {
                // the first message with a time of any kind, its own or the receiver's GNSS clock, gives
                // the waiting ones that time, before it is itself passed on, as analyze's NmeaInput does
                // (a log such as AMSA's has a $GPZDA line before its first epoch trailer)
                if (own || gnss.now() != Long.MIN_VALUE) {
                    releaseLeading(m.receiveTimeMillis());
                } else if (carried != Long.MIN_VALUE) {
                    releaseLeading(carried);
                }
            }
            if (!own && carried == Long.MIN_VALUE && !untimed && gnss.now() == Long.MIN_VALUE) {
                if (leading.size() < MAX_LEADING && (leading.isEmpty()
                        || m.receiveTimeMillis() - leading.get(0).receiveTimeMillis() < LEADING_WAIT_MILLIS)) {
                    leading.add(m);
                    return;
                }
                untimed = true;
                releaseLeading(Long.MIN_VALUE);
            }
            List<Observation> os = mapper.map(m);
            for (int i = 0, n = os.size(); i < n; i++) {
                strays.accept(os.get(i));
            }
            noteHeld();
        }

        /**
         * Publishes what the stray-time filter holds now ({@link #heldObservations(String)}), first letting
         * a held jump pass at once when its time agrees with the clock it was received by
         * ({@link #CLOCK_AGREES_BEHIND_MILLIS}, {@link #CLOCK_AGREES_AHEAD_MILLIS}): a live feed resuming
         * after a silence of more than 3 h, whose times are those of now, not strays a year ahead.
         */
        private void noteHeld() {
            long first = strays.heldSince();
            if (first != Long.MIN_VALUE && first >= current - CLOCK_AGREES_BEHIND_MILLIS
                    && first <= current + CLOCK_AGREES_AHEAD_MILLIS) {
                strays.releaseHeld();
            }
            int n = strays.held();
            long[] h = strayHeld;
            if (h[0] != n || (n > 0 && h[1] != strays.heldSince())) {
                // a new array each change, so that a reader sees a count and its time together
                strayHeld = new long[] {n, strays.heldSince()};
                strayHeldBySource.put(source, strayHeld);
            }
        }

        /**
         * Gives the waiting messages time {@code t}, the first time of the source's own (as
         * {@code analyze} gives a log's leading untimed messages), or with {@link Long#MIN_VALUE} each
         * its own receive-clock time, and passes them on in the order they came.
         */
        void releaseLeading(long t) {
            if (leading.isEmpty()) {
                return;
            }
            observingSource = mark;
            for (ReceivedMessage w : leading) {
                List<Observation> os = t == Long.MIN_VALUE ? mapper.map(w)
                        : mapper.map(w.message(), t, w.source() != null ? w.source() : w.talker(), TimeSource.NONE);
                for (int i = 0, n = os.size(); i < n; i++) {
                    strays.accept(os.get(i));
                }
            }
            leading.clear();
            noteHeld();
        }

        /** The source ended, or went quiet for the lateness, before showing a time of its own. */
        void giveUpWaiting() {
            if (!leading.isEmpty()) {
                untimed = true;
                releaseLeading(Long.MIN_VALUE);
            }
        }

        /**
         * The source's stream ended at {@code endMillis}: what the stray-time filter holds passes, unless its
         * first time is later than that by more than {@link #CLOCK_AGREES_AHEAD_MILLIS}, when it is dropped as
         * strays (see {@link Pipeline#endOfStream}).
         */
        void endOfStream(long endMillis) {
            long first = strays.heldSince();
            if (first != Long.MIN_VALUE) {
                observingSource = mark;
                if (first > endMillis + CLOCK_AGREES_AHEAD_MILLIS) {
                    strays.dropHeld();
                } else {
                    strays.finish();
                }
            }
            noteHeld();
        }

        @Override
        public void rejected(Rejection r) {
            reject(r.reason().code());
        }

        private void reject(String reason) {
            countRejected(rejectedHere, reason);
        }

        @Override
        public String toString() {
            return source;
        }
    }

    /** Counts a rejected line or message, in the whole pipeline's counts and in its source's own ({@code bySource}). */
    private void countRejected(Map<String, LongAdder> bySource, String reason) {
        rejected.computeIfAbsent(reason, k -> new LongAdder()).increment();
        bySource.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    private void observe(Observation o) {
        acceptedSnapshot = null;
        analysis.accept(o);
        int mmsi = o.mmsi();
        // an accepted position is the last thing accept reports, so its snapshot is the vessel's state now
        VesselSnapshot v = acceptedSnapshot != null ? acceptedSnapshot : analysis.picture().get(mmsi);
        acceptedSnapshot = null;
        if (v != null) {
            Integer key = mmsi; // one box for both maps
            live.put(key, v);
            dirty.add(key);
        }
    }

    /** What the analysis reports, in order, for each observation. */
    private final class Stages implements AnalysisListener {
        @Override
        public void observation(Observation o) {
            SourceMark src = observingSource;
            if (src != handedSource) {
                // the detection thread learns whose observations follow only when that changes
                handedSource = src;
                detection.accept(src);
            }
            detection.accept(o);
        }

        @Override
        public void position(PositionObservation p, Tracker.Decision d) {
            if (!d.accepted()) {
                return;
            }
            positions.add(Rows.position(p, d.segment().number()));
            Analysis.Tally t = analysis.tally(p.mmsi());
            livePositions.put(p.mmsi(), t == null ? 0L : t.positions());
            VesselSnapshot v = analysis.picture().get(p.mmsi());
            acceptedSnapshot = v;
            for (Listener l : listenerArray) {
                l.position(p, v);
            }
        }

        @Override
        public void identityChange(int mmsi, IdentityChange c) {
            changes.add(new IdentityChangeRow(mmsi, c.time(), Rows.storeField(c.field()), c.oldValue(), c.newValue()));
        }
    }

    /**
     * On the detection thread: one observation into the event-time order (which passes it on to
     * {@link #runDetectors} when the watermark allows), or a control action.
     */
    private void detect(Object item) {
        if (item instanceof Runnable r) {
            r.run();
            return;
        }
        if (item instanceof SourceMark m) {
            detectSource = m.name();
            return;
        }
        Observation o = (Observation) item;
        try {
            long lateBefore = order.late();
            order.accept(o);
            dropRetired();
            long n = order.late() - lateBefore;
            if (n > 0) {
                late.addAndGet(n);
                lateFrom(detectSource, o);
            }
        } catch (RuntimeException e) {
            internalErrors.increment();
            rejected.computeIfAbsent("internal_error", k -> new LongAdder()).increment();
            if (internalErrors.sum() <= 10) {
                LOG.error("an observation of {} could not be run through the detectors (counted as internal_error)", o.mmsi(), e);
            }
        }
    }

    /**
     * On the detection thread: counts a late observation against its source, and says once per source
     * why its observations are left out: most often a log of another period read beside newer input.
     */
    private void lateFrom(String source, Observation o) {
        if (source == null) {
            return;
        }
        AtomicLong n = lateBySource.computeIfAbsent(source, k -> new AtomicLong());
        if (n.getAndIncrement() == 0) {
            LOG.warn("source {}: an observation at {} is older than the detectors' watermark ({}: the newest time of"
                    + " any source less the lateness of {} ms), so it is left out of detection (counted in /api/stats as"
                    + " the source's late_observations). A log of an earlier period than input read before it (beside"
                    + " newer input, or into a data folder that already holds later times) is best replayed into a data"
                    + " folder of its own, logs of one period together, or run through watchkeeper analyze.",
                    source, java.time.Instant.ofEpochMilli(o.time()), java.time.Instant.ofEpochMilli(order.watermark()), lateness);
        }
    }

    /**
     * On the detection thread: tells the listeners of the episodes the detectors have opened since
     * the last call ({@link Listener#episodeStarted}), when observations have reached them since.
     */
    private void announceEpisodes() {
        if (!detectedSinceAnnounce) {
            return;
        }
        detectedSinceAnnounce = false;
        Set<String> open = new HashSet<>(openEpisodes.size() + 16);
        List<Event> started = new ArrayList<>();
        eachOngoing(e -> {
            open.add(e.id());
            if (!openEpisodes.contains(e.id())) {
                started.add(e);
            }
        });
        openEpisodes = open;
        for (Event e : started) {
            EventRow row = Rows.event(e);
            for (Listener l : listeners) {
                l.episodeStarted(row);
            }
        }
    }

    /** On the detection thread: every episode the detectors (shipped and the user's) have open. */
    private void eachOngoing(java.util.function.Consumer<Event> to) {
        engine.ongoing(to);
        if (retired.isEmpty()) {
            userEngine.ongoing(to);
            return;
        }
        // an episode carried over to the engine in force is under way in the replaced one too, once
        Set<String> ids = new HashSet<>();
        userEngine.ongoing(e -> {
            ids.add(e.id());
            to.accept(e);
        });
        for (Retired r : retired) {
            r.engine().ongoing(e -> {
                if (ids.add(e.id())) {
                    to.accept(e);
                }
            });
        }
    }

    /** On the detection thread: one observation, in event-time order, to the detectors. */
    private void runDetectors(Observation o) {
        detectedSinceAnnounce = true;
        long lateBefore = engine.lateObservations();
        engine.accept(o);
        int before = -1;
        for (int i = 0, n = retired.size(); i < n; i++) {
            if (retired.get(i).waiting().remove(o)) {
                before = i;
                break;
            }
        }
        if (before < 0) {
            userEngine.accept(o);
            if (!retired.isEmpty()) {
                userSeen.add(o.mmsi());
            }
        } else {
            // it arrived before the change: the zones and watchlist in force then judge it, and the engines
            // that replaced theirs go on from the vessel's state as it now stands, unless they have had the
            // vessel themselves since
            Retired r = retired.get(before);
            r.engine().accept(o);
            r.seen().add(o.mmsi());
            DetectionEngine from = r.engine();
            boolean carry = true;
            for (int j = before + 1; j < retired.size() && carry; j++) {
                Retired next = retired.get(j);
                carry = !next.seen().contains(o.mmsi());
                if (carry) {
                    next.engine().carryOver(from, o.mmsi());
                    from = next.engine();
                }
            }
            if (carry && !userSeen.contains(o.mmsi())) {
                userEngine.carryOver(from, o.mmsi());
            }
        }
        late.addAndGet(engine.lateObservations() - lateBefore);
    }

    /** Waits until the detection thread has processed everything handed to it so far (pipeline thread). */
    private void awaitDetection() {
        CountDownLatch done = new CountDownLatch(1);
        detection.accept((Runnable) done::countDown);
        detection.flush();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** On the detection thread. */
    private void event(EventRow e) {
        synchronized (events) {
            events.add(e);
        }
        eventCount.increment();
        for (Listener l : listeners) {
            l.event(e);
        }
    }

    private void flush() {
        flush(true);
    }

    /** Hands what was produced since the last flush to the store writer (vessel rows only when asked). */
    private void flush(boolean vessels) {
        lastFlush = System.currentTimeMillis();
        List<VesselRow> rows = List.of();
        if (vessels && !dirty.isEmpty()) {
            lastVesselFlush = lastFlush;
            rows = new ArrayList<>(dirty.size());
            for (int m : dirty) {
                VesselSnapshot s = live.get(m);
                if (s != null) {
                    rows.add(Rows.vessel(s, livePositions.getOrDefault(m, 0L)));
                }
            }
            dirty.clear();
        }
        List<EventRow> e;
        synchronized (events) {
            e = events.isEmpty() ? List.of() : new ArrayList<>(events);
            events.clear();
        }
        if (positions.isEmpty() && changes.isEmpty() && rows.isEmpty() && e.isEmpty()) {
            return;
        }
        writer.hand(positions, changes, rows, e);
        positions = new ArrayList<>();
        changes.clear();
    }

    /**
     * The store writer: takes batches from the pipeline thread and writes them in the order
     * positions, identity changes, vessels, events. While it writes, the next batch gathers
     * (positions and identity changes appended, vessel and event rows replaced by newer ones).
     */
    private final class Writer extends Thread {
        private List<PositionRow> positions = new ArrayList<>();
        private List<IdentityChangeRow> changes = new ArrayList<>();
        private Map<Integer, VesselRow> vessels = new java.util.LinkedHashMap<>();
        private Map<String, EventRow> events = new java.util.LinkedHashMap<>();
        private boolean writing;
        private boolean finished;

        Writer() {
            super("watchkeeper-store-writer");
        }

        private boolean empty() {
            return positions.isEmpty() && changes.isEmpty() && vessels.isEmpty() && events.isEmpty();
        }

        /** Adds rows to the next batch; waits while {@value #MAX_PENDING_ROWS} position rows wait. */
        synchronized void hand(List<PositionRow> p, List<IdentityChangeRow> c, List<VesselRow> v, List<EventRow> e) {
            while (positions.size() >= MAX_PENDING_ROWS && !finished && isAlive()) {
                try {
                    wait(100);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (positions.isEmpty()) {
                positions = p;
            } else {
                positions.addAll(p);
            }
            changes.addAll(c);
            for (VesselRow r : v) {
                vessels.put(r.mmsi(), r);
            }
            for (EventRow r : e) {
                events.remove(r.id());
                events.put(r.id(), r);
            }
            notifyAll();
        }

        /** Waits until every row handed so far is written. */
        synchronized void awaitWritten() {
            while ((writing || !empty()) && isAlive()) {
                try {
                    wait(100);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** Writes what is left and stops. */
        synchronized void finish() {
            finished = true;
            notifyAll();
        }

        @Override
        public void run() {
            while (true) {
                List<PositionRow> p;
                List<IdentityChangeRow> c;
                List<VesselRow> v;
                List<EventRow> e;
                synchronized (this) {
                    while (empty() && !finished) {
                        try {
                            wait();
                        } catch (InterruptedException ex) {
                            return;
                        }
                    }
                    if (empty()) {
                        notifyAll();
                        return;
                    }
                    p = positions;
                    c = changes;
                    v = new ArrayList<>(vessels.values());
                    e = new ArrayList<>(events.values());
                    positions = new ArrayList<>();
                    changes = new ArrayList<>();
                    vessels = new java.util.LinkedHashMap<>();
                    events = new java.util.LinkedHashMap<>();
                    writing = true;
                    notifyAll();
                }
                try {
                    if (!p.isEmpty()) {
                        store.appendPositions(p);
                    }
                    if (!c.isEmpty()) {
                        store.appendIdentityChanges(c);
                    }
                    if (!v.isEmpty()) {
                        store.upsertVessels(v);
                    }
                    if (!e.isEmpty()) {
                        store.upsertEvents(e);
                    }
                } catch (RuntimeException ex) {
                    failure = ex;
                    LOG.error("writing {} positions, {} vessels, {} events to the history store failed", p.size(), v.size(), e.size(), ex);
                } finally {
                    synchronized (this) {
                        writing = false;
                        notifyAll();
                    }
                }
            }
        }
    }

    /** The live state of every vessel seen (newest picture snapshot), keyed by MMSI. */
    public Map<Integer, VesselSnapshot> vessels() {
        return live;
    }

    /** Accepted positions of a vessel since the history was (re)built. */
    public long positions(int mmsi) {
        return livePositions.getOrDefault(mmsi, 0L);
    }

    /** Rejected lines by reason ({@code RejectReason.code()}, {@code stray_time}, {@code internal_error}). */
    public Map<String, Long> rejected() {
        Map<String, Long> m = new java.util.TreeMap<>();
        rejected.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Rejected lines of one source by reason ({@code RejectReason.code()}, {@code stray_time}); empty for none. */
    public Map<String, Long> rejected(String source) {
        Map<String, Long> m = new java.util.TreeMap<>();
        Map<String, LongAdder> r = rejectedBySource.get(source);
        if (r != null) {
            r.forEach((k, v) -> m.put(k, v.sum()));
        }
        return m;
    }

    /**
     * Observations of {@code source} held now by its stray-time check: they lie more than
     * {@link StrayTimeFilter#DEFAULT_MAX_JUMP_MILLIS} ahead of the source's earlier times and wait for
     * {@link StrayTimeFilter#DEFAULT_CONFIRMATIONS} in all (a feed resuming after a silence) or for the source
     * to go back to its old times (strays, then dropped as {@code stray_time}). They are in no other count yet.
     */
    public long heldObservations(String source) {
        long[] h = strayHeldBySource.get(source);
        return h == null ? 0 : h[0];
    }

    /** {@link #heldObservations(String)} over every source. */
    public long heldObservations() {
        long n = 0;
        for (long[] h : strayHeldBySource.values()) {
            n += h[0];
        }
        return n;
    }

    /** The event time of the first observation {@link #heldObservations(String)} counts, epoch ms; {@link Long#MIN_VALUE} for none. */
    public long heldSince(String source) {
        long[] h = strayHeldBySource.get(source);
        return h == null || h[0] == 0 ? Long.MIN_VALUE : h[1];
    }

    /**
     * The names of the sources the pipeline has counted anything of since the start (the rebuild
     * included): decoded messages, or rejected lines (a source whose every line was too long has only
     * those), in name order; the reserved names of the archive's own records ({@link #USER_SET_SOURCE},
     * {@link #LINE_TOO_LONG_SOURCE}, {@link #END_OF_STREAM_SOURCE}) are never among them.
     */
    public java.util.SortedSet<String> sourceNames() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(messagesBySource.keySet());
        names.addAll(rejectedBySource.keySet());
        return names;
    }

    /** Decoded messages per source name. */
    public Map<String, Long> messagesBySource() {
        Map<String, Long> m = new java.util.TreeMap<>();
        messagesBySource.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /**
     * When the server received a source's latest message: the wall clock of its arrival, epoch ms, or
     * {@code Long.MIN_VALUE} before any.
     */
    public long lastMessage(String source) {
        AtomicLong a = lastMessageBySource.get(source);
        return a == null ? Long.MIN_VALUE : a.get();
    }

    /**
     * The time a source's latest message carries (its receive time as decoded: tag block, {@code $PGHP},
     * epoch trailer, else the arrival clock), epoch ms, or {@code Long.MIN_VALUE} before any. For a live
     * feed close to {@link #lastMessage}; for a replayed log the log's own time.
     */
    public long lastMessageTime(String source) {
        AtomicLong a = lastMessageTimeBySource.get(source);
        return a == null ? Long.MIN_VALUE : a.get();
    }

    /**
     * Observations of a source that came later than the detectors' event-time order allows (older
     * than the newest time seen less the lateness) and were left out of detection.
     */
    public long lateObservations(String source) {
        AtomicLong a = lateBySource.get(source);
        return a == null ? 0 : a.get();
    }

    /** Lines shed because the queue was full (UDP only). */
    public long shed() {
        return shed.sum();
    }

    /** Lines processed. */
    public long lines() {
        return lines.sum();
    }

    /** Messages decoded. */
    public long messages() {
        return messages.sum();
    }

    /** Events emitted (an event updated later counts again). */
    public long events() {
        return eventCount.sum();
    }

    /** Observations the default detectors dropped as older than their watermark. */
    public long lateObservations() {
        return late.get();
    }

    /** Lines waiting in the input queue. */
    public int queued() {
        return queue.size();
    }

    /** The error that stopped the pipeline thread, or null. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Processes what is queued, finishes the decoders, hands the input held for event-time order to
     * the detectors, writes the rest to the store and stops. Episodes still open (see
     * {@link #ongoing}) are not closed: unlike the end of an {@code analyze} run, a stop is not the end
     * of the input, and a restart continues them from the raw archive.
     */
    @Override
    public void close() throws InterruptedException {
        if (stopping) {
            return;
        }
        stopping = true;
        if (thread.isAlive()) {
            queue.put(END);
            thread.join(60_000);
        } else {
            detection.close();
            writer.finish();
        }
        writer.join(60_000);
    }
}
