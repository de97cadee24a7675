package org.watchkeeper.ais.nmea;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.watchkeeper.ais.AisDecodeException;
import org.watchkeeper.ais.AisDecoder;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.BitReader;
import org.watchkeeper.ais.RejectReason;
import org.watchkeeper.ais.SixBit;

/**
 * Turns a stream of NMEA 0183 / IEC 61162-1 lines, optionally with IEC 61162-450 tag blocks, into
 * decoded AIS messages ({@link ReceivedMessage}) and rejected lines ({@link Rejection}), delivered
 * in input order to an {@link AisListener}. One instance per input stream; not thread safe.
 * Works on bytes; a single-sentence message is decoded in place from the caller's buffer, with one
 * reused {@link BitReader}; per message only the kept objects are allocated.
 *
 * <h2>Lines</h2>
 * Lines end with LF, CRLF or a bare CR (case B05c). Whitespace (space, tab) around a line is
 * ignored (B05a trailing space before CRLF, B05b leading space). A line longer than
 * {@link Options#maxLineLength()} is rejected {@code LINE_TOO_LONG} and skipped up to the next line
 * end; the buffer never grows past that bound. Anything else before the first {@code \}, {@code !}
 * or {@code $} makes the line {@code NOT_A_SENTENCE}, but for a record of a Watchkeeper server's raw
 * archive that is no receiver's line (its tag block's {@code x:} names a reserved source starting with
 * {@code #}, such as the zones and watchlist marks and the Flink job's events), which is passed over
 * and counted ({@link Stats#serverArchiveRecords()}).
 *
 * <h2>Tag block (IEC 61162-450 §7.3)</h2>
 * {@code \k:v,...*hh\} in front of the sentence. Its checksum (XOR of the characters between the
 * backslash and {@code *}) must match ({@code BAD_TAG_BLOCK_CHECKSUM}, B10, B12) unless
 * {@link Options#acceptBadTagBlockChecksum()}; a missing one is {@code BAD_TAG_BLOCK} unless
 * {@link Options#lenientChecksum()}. See {@link TagBlock} for the parameters. A line holding only a
 * tag block (DMA files: {@code \si:AISD*3F\}) is validated and counted as tag-block-only; it does
 * not carry over to the next line (a tag block belongs to the sentence on its own line). A feed's
 * tag blocks usually differ only in {@code c:} from line to line ({@code s:station,c:time} or
 * {@code c:time}, interleaved from a few stations): a tag block equal to a recent one (64 kept)
 * outside its single {@code c:} value is not parsed again, and their messages share one
 * {@link TagBlock} without the time
 * ({@link ReceivedMessage#tagBlockWithoutTime()}), the time being the message's receive time.
 * Tag blocks one after the other in front of one sentence (a gateway that puts its own in front of
 * the receiver's, or a Watchkeeper server's raw archive, whose {@code \c:...,x:source*hh\} goes in
 * front of the line as received) are each checked and read as one ({@link TagBlock#nested}): the
 * later one's parameters, {@code c:} included, win over the earlier one's.
 * A tag block of {@code c:} and {@code x:} alone is a server archive's, and its {@code c:} is when the
 * server received the line, not when a receiver heard the message: it is the time of last resort
 * ({@link TimeSource#ARCHIVE}, see below), so that an archive of a log keeps the log's own times.
 *
 * <h2>Sentence and checksum (IEC 61162-1 §7.2.3)</h2>
 * The checksum is the XOR of the characters between {@code !}/{@code $} and {@code *}, written as two
 * hex digits in either case (B02). A VDM/VDO sentence without {@code *hh} is {@code NO_CHECKSUM}
 * (B01) unless lenient (then decoded with {@code checksumVerified = false}); a wrong checksum, or
 * {@code *} not followed by two hex digits, is always {@code BAD_CHECKSUM} (B07 line 1). Fields
 * after {@code *hh,} are receiver metadata, kept raw in {@link ReceivedMessage#trailer()} (B23):
 * a last field of 9-10 digits is a UNIX time in seconds, of 12-13 digits in milliseconds
 * (AMSA exactEarth {@code ,1328182324603}, USCG {@code ,1272422678}); the first field starting with
 * {@code r} (USCG {@code r09SCHA1}) is the source when there is no tag block {@code s:}.
 *
 * <h2>Encapsulated AIS sentences</h2>
 * {@code !ttVDM} and {@code !ttVDO} (own ship) from any two-character talker {@code tt} (AI, AB,
 * AD, AN, AR, AS, AT, AX, BS, SA ...; B06). Any two printable characters are accepted as talker:
 * the AMSA feed has 1 500 sentences with talker {@code =I} whose checksums are correct (the talker
 * was mangled before the checksum was computed), so the payload is intact and is decoded; the
 * talker is reported as sent. Fields: fragment count 1..9, fragment number 1..count (else
 * {@code BAD_FRAGMENT_HEADER}, B10 {@code AAVDM,0,1}), sequence id empty or 0..9, channel empty or
 * one character (A, B, and the {@code 1}/{@code 2} of satellite feeds; {@code 0} and {@code C} are
 * also seen and kept as sent), payload, fill bits 0..5 ({@code BAD_FILL_BITS}; fill bits on a
 * fragment other than the last must be 0). A wrong field count or a non-numeric field is
 * {@code MALFORMED_SENTENCE}; a payload character outside the 6-bit armour is
 * {@code ILLEGAL_PAYLOAD_CHARACTER} (B07); an empty payload is {@code EMPTY_PAYLOAD}.
 * Other sentences ({@code $GPRMC}, {@code $PGHP}, {@code $PSTT}, {@code !AIABM}, {@code !AIPWR},
 * {@code $ABVSI} ...) with a good checksum are counted by address field and passed over; a
 * {@code $} sentence may lack the checksum (optional in NMEA 0183 outside encapsulation).
 *
 * <h2>Multi-sentence messages</h2>
 * Fragments are grouped by talker, VDM/VDO, sequence id and channel, plus the tag block group id
 * when present (so two channels using the same sequence id interleave correctly). Fragments may
 * arrive in any order. A fragment whose number is already held for its key, or whose count differs,
 * evicts the held group first; a group is also evicted when {@link Options#maxPendingGroups()} is
 * reached (oldest first), when {@link Options#maxFragmentAgeLines()} lines have passed since its
 * first fragment, or when a fragment with a receive time more than
 * {@link Options#maxFragmentAgeMillis()} later arrives, and at {@link #finish()}. An evicted group
 * gives one rejection per line: {@code INCOMPLETE_MESSAGE} if it held fragment 1, else
 * {@code ORPHAN_FRAGMENT}. A continuation is never decoded on its own (B09). When a group is
 * completed by a fragment 1 that arrived after its continuation(s), the message is held for one
 * line: if that line is a repeat of such a continuation, the earlier continuation belonged to a lost
 * message and is rejected as an orphan instead of being glued to the new fragment 1. Fragment
 * payloads are concatenated in fragment order and the last fragment's fill bits removed.
 *
 * <h2>Receive time</h2>
 * Tag block {@code c:} (of fragment 1, or the first fragment that has one) &gt; {@code $PGHP} &gt;
 * trailer epoch &gt; receive clock &gt; a server archive's receive stamp (the {@code c:} of its
 * {@code x:} tag block; of several fragments, the earliest) &gt; none. A {@code $PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,...,cc} line
 * (Gatehouse) applies to the message whose first sentence is on the next non-blank line (lines with
 * only a tag block in between are allowed). In the DMA files its last field {@code cc} is the XOR of
 * the checksums of that message's sentences (or {@code 00} for the base station's own VDO), so the
 * time is used only when {@code cc} is {@code 00}, absent, or equals that XOR: AMSA exactEarth files
 * interleave {@code $PGHP} lines that do not describe the following sentence, and those fall back to
 * the trailer time.
 */
public final class AisStreamDecoder {
    private static final int MAX_PAYLOAD_CHARS = BitReader.MAX_BITS / 6;

    private final Options options;
    private final AisListener listener;
    /** Boundary tracking only: lines that cannot touch the cross-line state are counted, not decoded. */
    private final boolean tracking;
    private final Stats stats = new Stats();
    private final BitReader reader = new BitReader();
    private LongSupplier receiveClock;
    private LineHook parametricHook;

    // line assembly across feed() calls
    private final byte[] carry;
    private int carryLen;
    private boolean overlong;
    private boolean lastWasCr;
    private long lineNumber;

    // current line (for rejections)
    private byte[] curBuf;
    private int curOff;
    private int curLen;

    // $PGHP armed for the next sentence
    private boolean pghpArmed;
    private long pghpTime;
    private int pghpRef;
    /*
     * The start of the last valid $PGHP line up to its minute: "$PGHP," and the kind, date, hour and
     * minute fields with their commas (pghpHeadLen bytes, 0: none yet), the time of that minute and
     * the XOR of the head's bytes after the '$'. A feed's $PGHP lines differ from one to the next
     * mostly in the seconds and what follows: a line that starts with the same head is read from its
     * seconds on ({@link #pghpLine}).
     */
    private static final int PGHP_ADDRESS_LEN = 6; // "$PGHP,"
    private final byte[] pghpHead = new byte[PGHP_ADDRESS_LEN + 40];
    private int pghpHeadLen;
    private long pghpMinuteBase;
    private int pghpHeadXor;

    /**
     * Lines within which a {@code $PGHP} and the single-sentence message whose checksum it names are
     * paired once the stream has shown that they are not always adjacent ({@link #loosePghp}).
     */
    static final int PGHP_WINDOW_LINES = 32;
    /**
     * Whether this stream writes {@code $PGHP} lines apart from the sentences they time: a {@code $PGHP}
     * naming a checksum was followed by another {@code $PGHP} or by a single sentence with another
     * checksum (as in exactEarth satellite feeds, where the satellite's reception time comes up to
     * a few dozen lines before or after its sentence, and the trailing epoch is when the ground
     * station logged the batch, often an hour later). From then on, messages without a tag-block
     * time wait up to {@link #PGHP_WINDOW_LINES} lines for their {@code $PGHP} (in {@link #held}),
     * and {@code $PGHP} times wait as long for their message ({@link #pendRef}); output keeps the
     * message order. After {@link #LOOSE_EXIT_RUN} {@code $PGHP} lines in a row taken by the sentence
     * right after them, or as many lines without a {@code $PGHP}, with no {@code $PGHP} time waiting,
     * new messages go out at once again ({@link #maybeLeaveLoose}).
     */
    private boolean loosePghp;
    // $PGHP times not yet paired (loose mode): checksum named, time, line; oldest first
    private final int[] pendRef = new int[PGHP_WINDOW_LINES];
    private final long[] pendTime = new long[PGHP_WINDOW_LINES];
    private final long[] pendLine = new long[PGHP_WINDOW_LINES];
    /** Line of the nearest waiting message before the $PGHP with the checksum it names, -1 if none. */
    private final long[] pendBack = new long[PGHP_WINDOW_LINES];
    private int pendCount;
    // messages waiting (loose mode), in output order: the message, its sentence's checksum, its line,
    // whether it still waits for a $PGHP time
    private final ReceivedMessage[] held = new ReceivedMessage[4 * PGHP_WINDOW_LINES];
    private final int[] heldChecksum = new int[4 * PGHP_WINDOW_LINES];
    private final long[] heldLine = new long[4 * PGHP_WINDOW_LINES];
    private final boolean[] heldOpen = new boolean[4 * PGHP_WINDOW_LINES];
    private int heldCount;
    /** How many waiting messages are open (still wait for a $PGHP) for each checksum 0..255. */
    private final int[] openHeld = new int[256];
    /**
     * The line from which {@link #resolveBackward} may have a $PGHP time to give a message before it
     * (the earliest such line of the waiting $PGHP times that name one); Long.MAX_VALUE: none.
     */
    private long backDue = Long.MAX_VALUE;
    /** Index of the oldest waiting message: the held arrays are a ring. */
    private int heldHead;
    /** Line of the $PGHP armed now (loose mode: it also waits in the pending list). */
    private long pghpLine;
    /**
     * $PGHP lines in a row (loose mode) that the very next sentence took, with no message left
     * waiting in between: at {@link #LOOSE_EXIT_RUN} the stream is taken to write them adjacent again.
     */
    private int adjacentRun;
    /** Adjacent pairs after which a stream leaves {@link #loosePghp} (with no $PGHP time waiting). */
    static final int LOOSE_EXIT_RUN = 2 * PGHP_WINDOW_LINES;
    /** Line of the last $PGHP; a stream without one for {@link #LOOSE_EXIT_RUN} lines leaves loose mode too. */
    private long lastPghpLine;

    // pending multi-sentence groups in creation order
    private final Group[] pending;
    private int pendingCount;
    private final ArrayList<Group> pool = new ArrayList<>();
    private Group deferred;
    private boolean deferredTouched;
    private final byte[] assembly = new byte[MAX_PAYLOAD_CHARS];

    private final AsciiCache talkers = new AsciiCache(64);
    private final AsciiCache addresses = new AsciiCache(128);
    private final AsciiCache sources = new AsciiCache(256);
    /*
     * Tag blocks seen recently, without their c: receive time, for reuse: an aggregated feed
     * interleaves a few stations whose tag blocks ("s:station,c:time", "c:time") differ from line to
     * line only in the c: value. Direct-mapped by a hash of the parameters outside that value; entry
     * k holds the tag block tagCache[k], its parameters before the c: value (tagPrefixLen[k] bytes,
     * -1: it has no c:) and after it, concatenated in tagKeys[k] (tagKeyLen[k] bytes). Only tag
     * blocks with at most one c: and MAX_CACHED_TAG_BLOCK bytes of parameters are kept.
     */
    private static final int TAG_CACHE_SIZE = 64;
    private static final int MAX_CACHED_TAG_BLOCK = 128;
    private final TagBlock[] tagCache = new TagBlock[TAG_CACHE_SIZE];
    private final byte[][] tagKeys = new byte[TAG_CACHE_SIZE][];
    private final int[] tagKeyLen = new int[TAG_CACHE_SIZE];
    private final int[] tagPrefixLen = new int[TAG_CACHE_SIZE];
    /** The c: receive time of the tag block {@link #tagBlock} returned last (milliseconds, Long.MIN_VALUE: none). */
    private long tagTime;
    private final long[] parsedTime = new long[1];

    /**
     * @param options bounds and leniency
     * @param listener receives messages and rejections
     */
    public AisStreamDecoder(Options options, AisListener listener) {
        this(options, listener, false);
    }

    private AisStreamDecoder(Options options, AisListener listener, boolean tracking) {
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.tracking = tracking;
        this.carry = new byte[options.maxLineLength()];
        this.pending = new Group[options.maxPendingGroups()];
    }

    /**
     * A decoder that follows only the state one line leaves for the next (incomplete multi-sentence
     * messages, an armed {@code $PGHP} time, a partial line) and the line count, for finding the
     * lines where a fresh decoder may start ({@link #idle()}). Lines that can change that state
     * (possible fragments of multi-sentence messages, possible {@code $PGHP} sentences, blank and
     * tag-block-only lines) are processed exactly as the full decoder does; every other line only
     * disarms a pending {@code $PGHP} time, which is all the full decoder's processing of it does to
     * that state. Its messages and rejections go to a listener that drops them.
     */
    static AisStreamDecoder boundaryTracker(Options options) {
        return new AisStreamDecoder(options, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
            }

            @Override
            public void rejected(Rejection r) {
            }
        }, true);
    }

    /**
     * Whether the decoder holds nothing that the next line could depend on: no partial line, no
     * incomplete or held-back multi-sentence message, no armed {@code $PGHP} time. A fresh decoder
     * started at such a point (with {@link #startAfterLine}) gives exactly the output this one would.
     */
    boolean idle() {
        // once $PGHP lines come apart from their sentences, a message can take its time from a line
        // up to PGHP_WINDOW_LINES away on either side: no line is a safe start any more
        return pendingCount == 0 && deferred == null && !pghpArmed && carryLen == 0 && !overlong && !lastWasCr
                && !loosePghp && heldCount == 0 && pendCount == 0;
    }

    /** Whether a {@code $PGHP} time is armed for the next sentence. */
    boolean pghpArmed() {
        return pghpArmed;
    }

    /** Lines counted so far (the number of the last line processed). */
    long lineNumber() {
        return lineNumber;
    }

    /** Numbers the next line {@code lines + 1}: for a decoder that starts inside a stream. Before the first feed only. */
    void startAfterLine(long lines) {
        if (stats.lines != 0 || carryLen != 0) {
            throw new IllegalStateException("already fed");
        }
        lineNumber = lines;
    }

    /**
     * Sets the clock giving the receive time (UTC ms) of sentences that carry no better time, e.g.
     * {@code System::currentTimeMillis} for a live socket; null to remove it.
     */
    public void setReceiveClock(LongSupplier clock) {
        this.receiveClock = clock;
    }

    /**
     * A callback given the bytes of one input line.
     */
    @FunctionalInterface
    public interface LineHook {
        /**
         * @param b the buffer holding the line (valid only during the call; do not keep it)
         * @param off index of the line's first byte
         * @param len length of the line without its terminator (CR, LF or CRLF)
         */
        void line(byte[] b, int off, int len);
    }

    /**
     * Sets the hook shown every line that starts with {@code $} (an IEC 61162-1 parametric sentence,
     * e.g. {@code $GPRMC}, {@code $PGHP}; a line with a tag block or leading whitespace is not
     * shown, except a line of a server's raw archive whose only tag block is the archive's own: the
     * hook is then shown the sentence behind it), just before the decoder processes it, in input order; null to remove it. It lets a
     * receive clock read the receiver's own sentences (see {@link #setReceiveClock}) without a
     * second pass over the input.
     */
    public void setParametricSentenceHook(LineHook hook) {
        this.parametricHook = hook;
    }

    /** The counters; a live view. */
    public Stats stats() {
        return stats;
    }

    /** The options in use. */
    public Options options() {
        return options;
    }

    /**
     * Feeds raw bytes with any line terminators (LF, CRLF, bare CR). A partial last line is kept
     * (at most {@link Options#maxLineLength()} bytes) until the next call or {@link #finish()}.
     */
    public void feed(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int end = off + len;
        int start = off;
        while (start < end) {
            if (carryLen == 0 && !overlong && !tracking) {
                int next = scannedLine(buf, start, end);
                if (next >= 0) {
                    start = next;
                    continue;
                }
            }
            int i = Swar.lineEnd(buf, start, end);
            if (i == end) {
                break;
            }
            byte c = buf[i];
            boolean empty = i == start && carryLen == 0 && !overlong;
            if (c == '\n' && lastWasCr && empty) {
                lastWasCr = false; // LF of a CRLF pair
                start = i + 1;
                continue;
            }
            lastWasCr = c == '\r';
            if (carryLen == 0 && !overlong) {
                line(buf, start, i - start);
            } else {
                appendCarry(buf, start, i - start);
                endCarriedLine();
            }
            start = i + 1;
        }
        if (start < end) {
            lastWasCr = false;
            appendCarry(buf, start, end - start);
        }
    }

    /**
     * The common case of {@link #feed}: a whole line in {@code buf} that starts with {@code !},
     * {@code $} or a tag block closed before its sentence or the line end. One pass over the sentence's bytes finds
     * the line end, the checksum {@code *}, the XOR of the bytes before it and the field commas
     * ({@link #scanSentence}); the line is then processed exactly as {@link #line} would. Returns
     * the index after the line's terminator, or -1 (nothing done) for any other line, for a line
     * without its terminator in {@code buf} and for an overlong one: {@link #feed}'s general path
     * takes those.
     */
    private int scannedLine(byte[] b, int start, int end) {
        byte c0 = b[start];
        if (c0 == '\n' && lastWasCr) {
            lastWasCr = false; // LF of a CRLF pair
            return start + 1;
        }
        int s = start;
        if (c0 == '\\') {
            s = tagBlockEnd(b, start + 1, end) + 1;
            if (s <= 0 || s >= end) {
                return -1;
            }
            c0 = b[s];
        }
        int le;
        if (c0 == '$' && s == start && (le = pghpLine(b, start, end)) >= 0) {
            return afterTerminator(b, le, end);
        }
        if (c0 == '!' || c0 == '$') {
            commaLimit = c0 == '!' ? commas.length : 1;
            le = c0 == '!' ? scanVdm(b, s + 1, end) : NOT_VDM_SHAPE;
            if (le == NOT_VDM_SHAPE) {
                le = scanSentence(b, s + 1, end);
            }
        } else if (s > start && (c0 == '\n' || c0 == '\r')) {
            le = s; // a line holding only a tag block
        } else {
            return -1;
        }
        if (le < 0 || le - start > options.maxLineLength()) {
            return -1;
        }
        boolean armed = beginLine(b, start, le, parametricHook != null && b[start] == '$');
        TagBlock tb = s == start ? null : tagBlock(b, start + 1, s - 1);
        long tbTime = tb == null ? Long.MIN_VALUE : tagTime;
        stamp = Long.MIN_VALUE;
        if (tb != null && tbTime != Long.MIN_VALUE && isArchiveStamp(tb)) {
            stamp = tbTime; // a server archive's receive stamp on a line of no time of its own
            tbTime = Long.MIN_VALUE;
            if (parametricHook != null && s < le && b[s] == '$') {
                parametricHook.line(b, s, le - s); // the receiver's sentence, as it came before archiving
            }
        }
        if (s == le) {
            if (tb != null) {
                stats.tagBlockOnlyLines++;
                pghpArmed = armed;
            }
        } else if (s == start || tb != null) {
            int e = le;
            while (isSpace(b[e - 1])) {
                e--; // stops at the '!' or '$' at the latest
            }
            sentence(b, s, e, scanStar, scanXor, tb, tbTime, armed);
        }
        afterLine();
        return afterTerminator(b, le, end);
    }

    /** Index after the terminator of a line whose CR or LF is {@code b[le]} (CRLF: after both), noting a lone CR. */
    private int afterTerminator(byte[] b, int le, int end) {
        if (b[le] == '\r') {
            if (le + 1 < end && b[le + 1] == '\n') {
                lastWasCr = false;
                return le + 2; // CRLF
            }
            lastWasCr = true;
        } else {
            lastWasCr = false;
        }
        return le + 1;
    }

    /** Index of the backslash closing a tag block whose content starts at {@code from}; -1 if a line end or {@code end} comes first. */
    private static int tagBlockEnd(byte[] b, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long w = Swar.word(b, i);
            long m = Swar.match(w, Swar.BACKSLASHES) | Swar.match(w, Swar.LFS) | Swar.match(w, Swar.CRS);
            if (m != 0) {
                int k = i + Swar.firstByte(m);
                return b[k] == '\\' ? k : -1;
            }
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '\\') {
                return i;
            }
            if (c == '\n' || c == '\r') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean lineEndByte(byte c) {
        return c == '\n' || c == '\r';
    }

    /**
     * Notes the commas of one eight-byte word starting at {@code i} ({@code cm}: {@link Swar#match}
     * mask) after the {@code nc} found so far: their positions while {@link #commas} has room, then
     * only their count. Returns the new count.
     */
    private int noteCommas(long cm, int i, int nc) {
        if (nc >= commaLimit) {
            return nc + Long.bitCount(cm);
        }
        while (cm != 0) {
            if (nc < commas.length) {
                commas[nc] = i + Swar.firstByte(cm);
            }
            nc++;
            if (nc >= commaLimit) {
                return nc + Long.bitCount(cm & cm - 1);
            }
            cm &= cm - 1;
        }
        return nc;
    }

    /**
     * Scans a sentence's fields from {@code from} (after its {@code !} or {@code $}) towards {@code end},
     * eight bytes per step, up to the first {@code *} or, when {@code stopAtControls}, the first
     * control character (CR, LF, tab, ...): sets {@link #scanXor} to the XOR of the bytes before it and
     * {@link #commas}/{@link #commaCount} to the commas before it. Returns its index, or -1 when
     * {@code end} comes first (the XOR and commas then cover everything up to {@code end}).
     */
    private int scanFields(byte[] b, int from, int end, boolean stopAtControls) {
        long controlMask = stopAtControls ? -1L : 0L;
        int i = from;
        int nc = 0;
        long xw = 0;
        int stop = -1;
        for (; i + 8 <= end; i += 8) {
            long w = Swar.word(b, i);
            long m = Swar.match(w, Swar.STARS) | (Swar.controls(w) & controlMask);
            long keep = -1L;
            if (m != 0) {
                int k = Swar.firstByte(m);
                keep = (1L << (8 * k)) - 1; // the bytes before the stop
                stop = i + k;
            }
            xw ^= w & keep;
            nc = noteCommas(Swar.match(w, Swar.COMMAS) & keep, i, nc);
            if (stop >= 0) {
                break;
            }
        }
        int x = Swar.xorBytes(xw);
        for (; stop < 0 && i < end; i++) {
            byte c = b[i];
            if (c == '*' || (stopAtControls && c >= 0 && c < Swar.CONTROL_LIMIT)) {
                stop = i;
                break;
            }
            x ^= c;
            if (c == ',') {
                if (nc < commas.length) {
                    commas[nc] = i;
                }
                nc++;
            }
        }
        commaCount = nc;
        scanXor = x;
        return stop;
    }

    /** Where {@link #scanSentence} found the {@code *} (-1: none) and the XOR of the bytes before it. */
    private int scanStar;
    private int scanXor;

    /**
     * One pass over a sentence from {@code from} (after its {@code !} or {@code $}), eight bytes per
     * step: the XOR of the bytes before the first {@code *} or line end ({@link #scanXor}), the
     * position of that {@code *} ({@link #scanStar}, -1 if the line ends first) and the first
     * commas before it ({@link #commas}, {@link #commaCount}). Returns the index of the line's
     * CR or LF, or -1 when {@code end} comes first or another control character (tab) comes
     * before the {@code *}.
     */
    private int scanSentence(byte[] b, int from, int end) {
        return lineEndAfter(b, scanFields(b, from, end, true), end);
    }

    /**
     * {@link #scanSentence} without the commas, for {@link #pghpLine}, which reads its fields itself:
     * the same {@link #scanXor}, {@link #scanStar} and result; {@link #commas} and {@link #commaCount}
     * are left as they were. Per eight bytes one test for {@code *} or a control character and an XOR.
     */
    private int scanToStar(byte[] b, int from, int end) {
        int i = from;
        long xw = 0;
        int stop = -1;
        for (; i + 8 <= end; i += 8) {
            long w = Swar.word(b, i);
            long m = Swar.match(w, Swar.STARS) | Swar.controls(w);
            if (m != 0) {
                int k = Swar.firstByte(m);
                xw ^= w & ((1L << (8 * k)) - 1); // the bytes before the stop
                stop = i + k;
                break;
            }
            xw ^= w;
        }
        int x = Swar.xorBytes(xw);
        for (; stop < 0 && i < end; i++) {
            byte c = b[i];
            if (c == '*' || (c >= 0 && c < Swar.CONTROL_LIMIT)) {
                stop = i;
                break;
            }
            x ^= c;
        }
        scanXor = x;
        return lineEndAfter(b, stop, end);
    }

    /**
     * The end of {@link #scanSentence} from the first {@code *} or control character at {@code stop}
     * (-1: none before {@code end}): sets {@link #scanStar} and returns the index of the line's CR or LF,
     * or -1 when {@code end} comes first or another control character comes before the {@code *}.
     */
    private int lineEndAfter(byte[] b, int stop, int end) {
        if (stop < 0) {
            return -1;
        }
        byte c = b[stop];
        if (c != '*') {
            scanStar = -1;
            return c == '\n' || c == '\r' ? stop : -1; // another control character: the general path
        }
        scanStar = stop;
        int h = stop + 3; // "*hh" and the line end, the common case
        if (h < end && (b[h] == '\n' || b[h] == '\r') && !lineEndByte(b[stop + 1]) && !lineEndByte(b[stop + 2])) {
            return h;
        }
        int le = Swar.lineEnd(b, stop + 1, end);
        return le < end ? le : -1;
    }

    /** {@link #scanVdm}: the line is not of the common encapsulation sentence shape; nothing was set. */
    private static final int NOT_VDM_SHAPE = -2;
    private static final long VDM_COMMA = 'V' | 'D' << 8 | 'M' << 16 | (long) ',' << 24;
    private static final long VDO_COMMA = 'V' | 'D' << 8 | 'O' << 16 | (long) ',' << 24;
    /** The commas of {@code ttVDM,c,} in its word: bytes 5 and 7. */
    private static final long HEAD_COMMAS = 0x80L << 40 | 0x80L << 56;
    private static final long ARMOUR_LOW = 0x3030303030303030L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * {@link #scanSentence} for a {@code !} sentence of the common VDM/VDO shape, with fewer steps:
     * {@code ttVDM,c,} (or {@code VDO}; no {@code *}, control character or other comma in those
     * eight bytes), the next eight bytes holding exactly the next three commas (number, sequence id,
     * channel) and no {@code *} or control character, then a payload whose first byte below {@code '0'}
     * (every armour character is at least {@code '0'}; a comma, {@code *} and the control characters
     * are below it) is a comma, a digit and {@code *}. The payload's bytes are then only tested for
     * that one byte, eight at a time, not each for comma, {@code *} and line end with its commas noted
     * one by one. Sets {@link #commas}, {@link #commaCount}, {@link #scanXor} and {@link #scanStar} as
     * {@link #scanSentence} would and returns what it would; {@link #NOT_VDM_SHAPE} with nothing set for
     * any other line (and when {@code end} comes too soon), which {@link #scanSentence} then scans.
     */
    private int scanVdm(byte[] b, int from, int end) {
        if (from + 24 > end) {
            return NOT_VDM_SHAPE;
        }
        long w0 = Swar.word(b, from);
        long address = (w0 >>> 16) & 0xFFFFFFFFL;
        if ((address != VDM_COMMA && address != VDO_COMMA) || Swar.match(w0, Swar.COMMAS) != HEAD_COMMAS
                || (Swar.match(w0, Swar.STARS) | Swar.controls(w0)) != 0) {
            return NOT_VDM_SHAPE;
        }
        long w1 = Swar.word(b, from + 8);
        long cm = Swar.match(w1, Swar.COMMAS);
        if (Long.bitCount(cm) != 3 || (Swar.match(w1, Swar.STARS) | Swar.controls(w1)) != 0) {
            return NOT_VDM_SHAPE;
        }
        int c2 = from + 8 + Swar.firstByte(cm);
        cm &= cm - 1;
        int c3 = from + 8 + Swar.firstByte(cm);
        cm &= cm - 1;
        int c4 = from + 8 + Swar.firstByte(cm);
        // the payload's bytes from from + 16 on (those before are in w1, above its last comma)
        long xw = w0 ^ w1;
        int i = from + 16;
        int c5 = -1;
        for (; i + 8 <= end; i += 8) {
            long w = Swar.word(b, i);
            long low = (w - ARMOUR_LOW) & ~w & HIGHS; // the lowest flag is exact: no borrow reaches it
            if (low != 0) {
                int k = Swar.firstByte(low);
                c5 = i + k;
                xw ^= w & ((1L << (8 * k)) - 1);
                break;
            }
            xw ^= w;
        }
        int star = c5 + 2;
        if (c5 < 0 || b[c5] != ',' || star >= end || b[star] != '*' || b[c5 + 1] < '0' || b[c5 + 1] > '9') {
            return NOT_VDM_SHAPE;
        }
        int h = star + 3; // "*hh" and the line end, the common case
        int le;
        if (h < end && (b[h] == '\n' || b[h] == '\r') && !lineEndByte(b[star + 1]) && !lineEndByte(b[star + 2])) {
            le = h;
        } else {
            le = Swar.lineEnd(b, star + 1, end);
            if (le == end) {
                return NOT_VDM_SHAPE;
            }
        }
        commas[0] = from + 5;
        commas[1] = from + 7;
        commas[2] = c2;
        commas[3] = c3;
        commas[4] = c4;
        commas[5] = c5;
        commaCount = 6;
        scanXor = Swar.xorBytes(xw) ^ ',' ^ b[c5 + 1];
        scanStar = star;
        return le;
    }

    /** Reads the stream to its end through {@link #feed} and then calls {@link #finish()}; does not close it. */
    public void consume(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            feed(buf, 0, n);
        }
        finish();
    }

    private void appendCarry(byte[] buf, int off, int len) {
        if (overlong) {
            return;
        }
        if (carryLen + len > carry.length) {
            int keep = carry.length - carryLen;
            System.arraycopy(buf, off, carry, carryLen, keep);
            carryLen = carry.length;
            overlong = true;
            return;
        }
        System.arraycopy(buf, off, carry, carryLen, len);
        carryLen += len;
    }

    private void endCarriedLine() {
        if (overlong) {
            lineNumber++;
            stats.lines++;
            curBuf = carry;
            curOff = 0;
            curLen = carryLen;
            reject(RejectReason.LINE_TOO_LONG, "longer than " + options.maxLineLength() + " bytes");
            overlong = false;
            carryLen = 0;
            afterLine();
        } else {
            int n = carryLen;
            carryLen = 0;
            line(carry, 0, n);
        }
    }

    /**
     * Processes one complete line given without its terminator (a stray CR or LF at either end is
     * treated as whitespace).
     */
    public void line(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (parametricHook != null && len > 0 && buf[off] == '$') {
            parametricHook.line(buf, off, len);
        }
        lineNumber++;
        stats.lines++;
        curBuf = buf;
        curOff = off;
        if (len > options.maxLineLength()) {
            curLen = options.maxLineLength();
            reject(RejectReason.LINE_TOO_LONG, "longer than " + options.maxLineLength() + " bytes");
        } else {
            curLen = len;
            if (tracking) {
                trackLine(buf, off, off + len);
            } else {
                processLine(buf, off, off + len);
            }
        }
        afterLine();
    }

    /**
     * Tracking mode: processes a line fully only when it may change the cross-line state. A line
     * reaches {@code fragment()} only if, after optional whitespace and one tag block, it reads
     * {@code !ttVDM,} or {@code !ttVDO,} (or with {@code $}) with a fragment count other than {@code 1}; it arms a
     * {@code $PGHP} time only if its address is {@code PGHP}; blank and tag-block-only lines keep
     * an armed time. Any other line disarms it, and nothing else. The parametric-sentence hook is
     * shown every line the full decoder would show it, and a sentence behind any tag block.
     */
    private void trackLine(byte[] b, int p, int e) {
        while (p < e && isSpace(b[p])) {
            p++;
        }
        while (e > p && isSpace(b[e - 1])) {
            e--;
        }
        int q = p;
        if (q < e && b[q] == '\\') {
            q++;
            while (q < e && b[q] != '\\') {
                q++;
            }
            q++; // past the closing backslash (or e + 1 when there is none)
        }
        boolean relevant;
        if (q >= e) {
            relevant = true; // blank, tag-block-only or an unclosed tag block
        } else {
            int n = e - q;
            boolean fragment = (b[q] == '!' || b[q] == '$') && n >= 7 && b[q + 3] == 'V' && b[q + 4] == 'D'
                    && (b[q + 5] == 'M' || b[q + 5] == 'O') && b[q + 6] == ','
                    && !(n >= 9 && b[q + 7] == '1' && b[q + 8] == ',');
            boolean pghp = n >= 5 && b[q + 1] == 'P' && b[q + 2] == 'G' && b[q + 3] == 'H' && b[q + 4] == 'P';
            relevant = fragment || pghp;
        }
        if (relevant) {
            processLine(b, p, e);
        } else {
            if (parametricHook != null && q > p && q < e && b[q] == '$') {
                // a sentence behind a tag block: the full decoder shows the hook a server archive's
                // (see setParametricSentenceHook); shown here behind any tag block
                parametricHook.line(b, q, e - q);
            }
            if (pghpArmed && pghpRef >= 0 && !loosePghp && singleSentence(b, q, e) && starChecksum(b, q, e) != pghpRef) {
                loosePghp = true; // as vdmSentence decides it: the rest of the stream has no safe start
            }
            pghpArmed = false;
        }
    }

    /**
     * Ends the input: processes a last line that had no terminator and rejects every incomplete
     * multi-sentence message (one rejection per line). The decoder can then take a new stream.
     */
    public void finish() {
        if (carryLen > 0 || overlong) {
            endCarriedLine();
        }
        lastWasCr = false;
        pghpArmed = false;
        if (deferred != null) {
            Group g = deferred;
            deferred = null;
            complete(g);
        }
        while (pendingCount > 0) {
            evict(0, "end of input");
        }
        releaseWaiting();
    }

    /**
     * Sends on at once every message still waiting for a {@code $PGHP} time (each with the time it
     * has; see {@link Stats#heldMessageLines()}) and forgets the {@code $PGHP} times still waiting for
     * their sentence. {@link #finish()} does it; a live host calls it when a source has gone quiet,
     * so that its last messages are not held until more lines come.
     */
    public void releaseWaiting() {
        releaseWaitingMessages();
        pendCount = 0;
    }

    /**
     * Whether {@link #releaseWaiting()} would change anything now: a message waits for a {@code $PGHP}
     * time, or a {@code $PGHP} time waits for its sentence.
     */
    public boolean hasWaiting() {
        return heldCount > 0 || pendCount > 0;
    }

    /**
     * Sends on at once every message still waiting for a {@code $PGHP} time, as
     * {@link #releaseWaiting()} does, but keeps the {@code $PGHP} times still waiting for a sentence
     * after them: the stream goes on, only its waiting messages may not wait longer (their host's
     * event time has passed {@link #earliestWaitingTime()}). A waiting message takes a {@code $PGHP}
     * time already read after it that names it; else it goes with the time it has.
     *
     * @return how many messages went out
     */
    public int releaseWaitingMessages() {
        resolveBackward(true);
        int n = heldCount;
        while (heldCount > 0) {
            deliverHead();
        }
        return n;
    }

    /**
     * The earliest receive time among the messages still waiting for a {@code $PGHP} time (see
     * {@link Stats#heldMessageLines()}): UTC ms, the time each would go out with now;
     * {@link Long#MIN_VALUE} when none waits or none of those waiting has a time. A host that orders
     * its output by event time uses it to send them on ({@link #releaseWaitingMessages()}) once the rest of
     * its input has moved past that time, rather than after more lines of this stream.
     */
    public long earliestWaitingTime() {
        long t = Long.MIN_VALUE;
        for (int k = 0; k < heldCount; k++) {
            long h = held[heldAt(k)].receiveTimeMillis();
            if (h != Long.MIN_VALUE && (t == Long.MIN_VALUE || h < t)) {
                t = h;
            }
        }
        return t;
    }

    /**
     * Decodes a whole text (lines separated by any terminator) and returns the messages
     * ({@link ReceivedMessage}) and rejections ({@link Rejection}) in output order. For tests and tools.
     */
    public static List<Object> decodeAll(String text, Options options) {
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(options, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                out.add(m);
            }

            @Override
            public void rejected(Rejection r) {
                out.add(r);
            }
        });
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        d.feed(b, 0, b.length);
        d.finish();
        return out;
    }

    // ---------------------------------------------------------------- line processing

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** The value of each byte as a hex digit (either case), -1 for any other byte. */
    private static final byte[] HEX = new byte[256];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int i = 0; i < 16; i++) {
            HEX["0123456789ABCDEF".charAt(i)] = (byte) i;
            HEX["0123456789abcdef".charAt(i)] = (byte) i;
        }
    }

    /**
     * A hex digit's value, -1 if {@code c} is none. By table: checksum digits are letters or digits
     * at random, so tests of their range would be mispredicted branches on nearly every line.
     */
    private static int hex(byte c) {
        return HEX[c & 0xff];
    }

    /** Positions of the first commas of the current sentence (before its checksum), and how many there were. */
    private final int[] commas = new int[8];
    private int commaCount;
    /**
     * How many comma positions the scan of the current sentence notes: all {@link #commas} for a
     * {@code !} sentence (VDM/VDO fields), only the first (the address field's end) for a {@code $}
     * sentence, which is never decoded field by field here ({@code $PGHP} reads its own fields).
     */
    private int commaLimit = 8;

    /**
     * The {@code c:} of the current line's server archive tag block ({@link #isArchiveStamp}), epoch
     * ms, {@link Long#MIN_VALUE} when it has none: the message's time only when the line carries no
     * time of its own and there is no receive clock ({@link TimeSource#ARCHIVE}).
     */
    private long stamp = Long.MIN_VALUE;

    /**
     * Whether a tag block is the one a Watchkeeper server's raw archive puts in front of each line it
     * keeps ({@code \c:<receive ms>,x:<source name>*hh\}): {@code x:} (no parameter of IEC 61162-450,
     * naming the server's source) and no other parameter than {@code c:}.
     */
    private static boolean isArchiveStamp(TagBlock block) {
        java.util.Map<String, String> other = block.other();
        return other.size() == 1 && other.containsKey("x") && block.s() == null && block.d() == null && block.g() == null
                && block.n() < 0 && block.r() < 0 && block.t() == null && block.i() == null;
    }

    private void processLine(byte[] b, int p, int e) {
        while (p < e && isSpace(b[p])) {
            p++;
        }
        while (e > p && isSpace(b[e - 1])) {
            e--;
        }
        if (p == e) {
            stats.blankLines++;
            return;
        }
        boolean armed = pghpArmed;
        pghpArmed = false;
        TagBlock tb = null;
        long tbTime = Long.MIN_VALUE;
        stamp = Long.MIN_VALUE;
        if (b[p] == '\\') {
            // one tag block, or more one after the other (a gateway's or a server archive's own in front
            // of the sentence's): read as one, the later (nearer the sentence) one's parameters winning
            while (p < e && b[p] == '\\') {
                int close = p + 1;
                while (close < e && b[close] != '\\') {
                    close++;
                }
                if (close == e) {
                    reject(RejectReason.BAD_TAG_BLOCK, "no closing backslash");
                    return;
                }
                TagBlock block = tagBlock(b, p + 1, close);
                if (block == null) {
                    return; // rejected
                }
                if (tagTime != Long.MIN_VALUE) {
                    if (isArchiveStamp(block)) {
                        stamp = tagTime; // when the server received the line, not when the receiver did
                    } else {
                        tbTime = tagTime;
                    }
                }
                boolean first = tb == null;
                tb = first ? block : TagBlock.nested(tb, block);
                p = close + 1;
                if (first && p < e && b[p] == '$' && parametricHook != null && tagTime != Long.MIN_VALUE
                        && isArchiveStamp(block)) {
                    parametricHook.line(b, p, e - p); // the receiver's sentence, as it came before archiving
                }
            }
            if (p == e) {
                stats.tagBlockOnlyLines++;
                pghpArmed = armed;
                return;
            }
        }
        byte start = b[p];
        if (start != '!' && start != '$') {
            if (tb != null && tb.other().getOrDefault("x", "").startsWith("#")) {
                stats.archiveRecords++; // a server archive's own record, no receiver's line
                pghpArmed = armed;
                return;
            }
            reject(RejectReason.NOT_A_SENTENCE, "no '!' or '$' at the start");
            return;
        }
        // One pass computes the checksum and notes where the fields end.
        commaLimit = start == '!' ? commas.length : 1;
        int star = scanFields(b, p + 1, e, false);
        sentence(b, p, e, star, scanXor, tb, tbTime, armed);
    }

    /**
     * A sentence from its {@code !} or {@code $} at {@code p} to {@code e} (whitespace trimmed),
     * scanned: {@code star} is its {@code *} (-1: none), {@code x} the XOR of the bytes between
     * {@code p} and the {@code *}, {@link #commas} the commas before it; {@code tb} its tag block
     * without the {@code c:} time, which is {@code tbTime} (as from {@link #tagBlock}).
     */
    private void sentence(byte[] b, int p, int e, int star, int x, TagBlock tb, long tbTime, boolean armed) {
        byte start = b[p];
        int nc = commaCount;
        int sentEnd;
        int trailerFrom = -1;
        int checksum = -1;
        if (star < 0) {
            sentEnd = e;
        } else {
            sentEnd = star;
            int h1 = star + 1 < e ? hex(b[star + 1]) : -1;
            int h2 = star + 2 < e ? hex(b[star + 2]) : -1;
            if (h1 < 0 || h2 < 0) {
                reject(RejectReason.BAD_CHECKSUM, "'*' not followed by two hex digits");
                return;
            }
            checksum = h1 << 4 | h2;
            if (star + 3 < e) {
                if (b[star + 3] != ',') {
                    reject(RejectReason.MALFORMED_SENTENCE, "unexpected characters after the checksum");
                    return;
                }
                trailerFrom = star + 4;
            }
            if (checksum != (x & 0xff)) {
                rejectChecksum(RejectReason.BAD_CHECKSUM, checksum, x & 0xff);
                return;
            }
        }
        // address field
        int addrEnd = nc > 0 ? commas[0] : sentEnd;
        int addrLen = addrEnd - p - 1;
        if (addrLen < 1 || addrLen > 15) {
            reject(RejectReason.MALFORMED_SENTENCE, "bad address field");
            return;
        }
        boolean vdm = addrLen == 5 && b[p + 3] == 'V' && b[p + 4] == 'D'
                && (b[p + 5] == 'M' || b[p + 5] == 'O') && talkerChar(b[p + 1]) && talkerChar(b[p + 2]);
        if (vdm && start == '$') {
            // IEC 61162-1 begins an encapsulation sentence with '!', but some receivers and loggers
            // write VDM/VDO with '$': its fields are unambiguous, so it is decoded (and counted), not
            // passed over as another sentence. Its commas were not noted for a '$' line: scan them.
            commaLimit = commas.length;
            scanFields(b, p + 1, sentEnd, false);
            stats.dollarStartSentences++;
        }
        if (!vdm) {
            if (star < 0 && start == '!') {
                if (!options.lenientChecksum()) {
                    reject(RejectReason.NO_CHECKSUM, "");
                    return;
                }
            }
            String address = otherAddress(b, p, addrLen);
            if (address == null) {
                reject(RejectReason.MALFORMED_SENTENCE, "bad address field");
                return;
            }
            stats.other(address);
            if (addrLen == 4 && b[p + 1] == 'P' && b[p + 2] == 'G' && b[p + 3] == 'H' && b[p + 4] == 'P') {
                beforePghp(armed);
                pghp(b, addrEnd, sentEnd);
                afterPghp();
            }
            return;
        }
        if (star < 0 && !options.lenientChecksum()) {
            reject(RejectReason.NO_CHECKSUM, "");
            return;
        }
        vdmSentence(b, p, addrEnd, sentEnd, trailerFrom, e, checksum, tb, tbTime, armed);
    }

    /*
     * The talkers of VDM/VDO sentences by their two bytes (talkerCodes, -1: empty), direct-mapped by a
     * hash of them: feeds interleave a few talkers (AI, AB, BS ... from several receivers), so the one
     * talker of the last sentence differs on 38 % of the mixed corpus's VDM/VDO lines.
     */
    private static final int TALKER_SLOTS_LOG2 = 5;
    private final int[] talkerCodes = filled(1 << TALKER_SLOTS_LOG2, -1);
    private final String[] talkerByCode = new String[1 << TALKER_SLOTS_LOG2];

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /** The start character and address of the last other sentence (as in {@link #otherAddress}) and its address string. */
    private long lastAddressKey;
    private String lastAddress;

    /**
     * The address field of a sentence that is not VDM/VDO ({@code b[p]} is its {@code !} or
     * {@code $}, {@code len} 1..15 characters), or null when a character is not allowed there.
     * Feeds repeat the same few sentences, so the last address is kept with its first bytes as a
     * word: an address of up to seven characters equal to it is taken without a second look.
     */
    private String otherAddress(byte[] b, int p, int len) {
        long key = 0;
        if (len <= 7 && p + 8 <= b.length) {
            // the start character and the address; the bytes after it are zero, which no address contains
            key = Swar.word(b, p) & (-1L >>> (8 * (7 - len)));
            if (key == lastAddressKey) {
                return lastAddress;
            }
        }
        for (int a = p + 1; a <= p + len; a++) {
            if (!talkerChar(b[a])) {
                return null;
            }
        }
        String address = addresses.get(b, p + 1, len);
        if (key != 0) {
            lastAddressKey = key;
            lastAddress = address;
        }
        return address;
    }

    private static boolean channelChar(char c) {
        if (c < 128) {
            return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        }
        return Character.isLetterOrDigit(c);
    }

    private static boolean talkerChar(byte c) {
        return c > ' ' && c < 127 && c != ',' && c != '*' && c != '!' && c != '$' && c != '\\';
    }

    /**
     * The tag block whose content is {@code b[from..close)}, without its {@code c:} receive time,
     * which goes to {@link #tagTime}; null (the line rejected) when it is not valid.
     */
    private TagBlock tagBlock(byte[] b, int from, int close) {
        int len = close - from;
        if (len == lastTagLen && Swar.word(b, from) == lastTagHead && Swar.word(b, close - 8) == lastTagTail) {
            tagTime = Long.MIN_VALUE; // the same bytes as the last short tag block without c:
            return lastTag;
        }
        int star = close - 3;
        boolean verified;
        int paramsEnd;
        if (star > from && b[star] == '*' && hex(b[star + 1]) >= 0 && hex(b[star + 2]) >= 0) {
            int x = Swar.xor(b, from, star);
            int given = hex(b[star + 1]) << 4 | hex(b[star + 2]);
            verified = given == (x & 0xff);
            if (!verified && !options.acceptBadTagBlockChecksum()) {
                rejectChecksum(RejectReason.BAD_TAG_BLOCK_CHECKSUM, given, x & 0xff);
                return null;
            }
            paramsEnd = star;
        } else {
            for (int i = from; i < close; i++) {
                if (b[i] == '*') {
                    reject(RejectReason.BAD_TAG_BLOCK, "'*' not followed by two hex digits");
                    return null;
                }
            }
            if (!options.lenientChecksum()) {
                reject(RejectReason.BAD_TAG_BLOCK, "no checksum");
                return null;
            }
            verified = false;
            paramsEnd = close;
        }
        // the first c: parameter, its value v..q
        int v = -1;
        for (int x = from; x + 1 < paramsEnd; x++) {
            if (b[x] == 'c' && b[x + 1] == ':' && (x == from || b[x - 1] == ',')) {
                v = x + 2;
                break;
            }
        }
        int q = paramsEnd;
        long cv = 0;
        boolean cached = paramsEnd - from <= MAX_CACHED_TAG_BLOCK;
        if (v >= 0) {
            q = v;
            while (q < paramsEnd && b[q] >= '0' && b[q] <= '9' && q - v < 18) {
                cv = cv * 10 + (b[q] - '0');
                q++;
            }
            cached &= q > v && (q == paramsEnd || b[q] == ','); // else parse rejects it
        }
        int prefix = v >= 0 ? v - from : paramsEnd - from;
        int keyLen = prefix + paramsEnd - q;
        int h = verified ? 1 : 0;
        int k = 0;
        if (cached) {
            for (int x = from; x < from + prefix; x++) {
                h = 31 * h + b[x];
            }
            for (int x = q; x < paramsEnd; x++) {
                h = 31 * h + b[x];
            }
            k = (h ^ h >>> 6 ^ h >>> 12) & (TAG_CACHE_SIZE - 1);
            TagBlock hit = tagCache[k];
            if (hit != null && hit.checksumVerified() == verified && tagKeyLen[k] == keyLen
                    && tagPrefixLen[k] == (v >= 0 ? prefix : -1)
                    && java.util.Arrays.equals(b, from, from + prefix, tagKeys[k], 0, prefix)
                    && java.util.Arrays.equals(b, q, paramsEnd, tagKeys[k], prefix, keyLen)) {
                tagTime = v >= 0 ? TagBlock.millis(cv) : Long.MIN_VALUE;
                if (v < 0) {
                    rememberTag(b, from, close, hit);
                }
                return hit;
            }
        }
        TagBlock tb;
        try {
            // the source string is shared between tag blocks of the same station
            tb = TagBlock.parse(b, from, paramsEnd, verified, sources, parsedTime);
        } catch (AisDecodeException ex) {
            reject(ex.reason(), ex.getMessage());
            return null;
        }
        tagTime = parsedTime[0];
        if (cached && v >= 0) {
            for (int x = q + 1; x + 1 < paramsEnd; x++) {
                if (b[x] == 'c' && b[x + 1] == ':' && b[x - 1] == ',') {
                    cached = false; // a second c: (the last one counts): not kept
                    break;
                }
            }
        }
        if (cached) {
            byte[] key = tagKeys[k];
            if (key == null || key.length < keyLen) {
                key = tagKeys[k] = new byte[MAX_CACHED_TAG_BLOCK];
            }
            System.arraycopy(b, from, key, 0, prefix);
            System.arraycopy(b, q, key, prefix, paramsEnd - q);
            tagKeyLen[k] = keyLen;
            tagPrefixLen[k] = v >= 0 ? prefix : -1;
            tagCache[k] = tb;
        }
        if (v < 0) {
            rememberTag(b, from, close, tb);
        }
        return tb;
    }

    /*
     * The last accepted tag block without c: of 8 to 16 bytes (DMA files put "\si:AISD*3F\" on a line
     * of its own before most sentences), as its first and last eight bytes, its length and the
     * result: the same bytes give the same tag block, so they are compared as two words and not
     * checked, hashed and looked up again. lastTagLen -1: none.
     */
    private int lastTagLen = -1;
    private long lastTagHead;
    private long lastTagTail;
    private TagBlock lastTag;

    private void rememberTag(byte[] b, int from, int close, TagBlock tb) {
        int len = close - from;
        if (len >= 8 && len <= 16) {
            lastTagLen = len;
            lastTagHead = Swar.word(b, from);
            lastTagTail = Swar.word(b, close - 8);
            lastTag = tb;
        }
    }

    /** What a {@code $PGHP} line does before its time is read: the state of the pairing with its sentence. */
    private void beforePghp(boolean armed) {
        if (armed && pghpRef >= 0 && !loosePghp) {
            startLoosePghp(); // two $PGHP in a row: the first named a sentence elsewhere
        }
        if (loosePghp && armed) {
            adjacentRun = 0; // the $PGHP before this one named no next sentence
        }
        lastPghpLine = lineNumber;
    }

    /** What a {@code $PGHP} line does after its time is read (and armed, when valid). */
    private void afterPghp() {
        if (loosePghp && pghpArmed) {
            // armed for the next sentence as always, and waiting for an earlier or later one
            pghpLine = lineNumber;
            pairPghp(pghpRef, pghpTime);
        }
    }

    /**
     * The common {@code $PGHP} line of {@link #scannedLine}, handled whole: one that starts with the
     * head of the last valid one ({@link #pghpHead}: same kind, date, hour and minute), has no tag
     * block, ends within {@code b[.., end)}, and whose {@code *hh} checksum is right. Only the bytes
     * after the head are scanned (the head's XOR is known), and the line is then processed exactly
     * as {@link #sentence} and {@link #pghp} would: the same counters, the same armed time, the same
     * pairing. Returns the index of the line's CR or LF, or -1 with nothing done (no state changed)
     * for any other line, which then takes the general path.
     */
    private int pghpLine(byte[] b, int start, int end) {
        int hl = pghpHeadLen;
        int q = start + hl; // the seconds field
        if (hl == 0 || q + 8 > end || !sameAsHead(b, start, 0, hl)) {
            return -1;
        }
        int le = scanToStar(b, q, end); // the fields are read by pghpSeconds: no commas noted
        int star = scanStar;
        if (le < 0 || star <= q || le - start > options.maxLineLength()) {
            return -1;
        }
        int e = le;
        while (isSpace(b[e - 1])) {
            e--;
        }
        // the checks of sentence(): two hex digits, a comma after them if anything follows, the right checksum
        int h1 = star + 1 < e ? hex(b[star + 1]) : -1;
        int h2 = star + 2 < e ? hex(b[star + 2]) : -1;
        if (h1 < 0 || h2 < 0 || (star + 3 < e && b[star + 3] != ',') || (h1 << 4 | h2) != ((pghpHeadXor ^ scanXor) & 0xff)) {
            return -1;
        }
        boolean armed = beginLine(b, start, le, parametricHook != null);
        stamp = Long.MIN_VALUE;
        stats.other(PGHP);
        beforePghp(armed);
        pghpSeconds(b, q, star);
        afterPghp();
        afterLine();
        return le;
    }

    /** The address of {@code $PGHP} sentences, as {@link #otherAddress} gives it. */
    private static final String PGHP = "PGHP";

    /**
     * Whether {@code b[off, off + len)} equals {@code pghpHead[from, from + len)}, {@code len >= 8},
     * compared eight bytes at a time (the last word overlapping the one before).
     */
    private boolean sameAsHead(byte[] b, int off, int from, int len) {
        int k = 0;
        for (; k + 8 < len; k += 8) {
            if (Swar.word(b, off + k) != Swar.word(pghpHead, from + k)) {
                return false;
            }
        }
        return Swar.word(b, off + len - 8) == Swar.word(pghpHead, from + len - 8);
    }

    /**
     * A {@code $PGHP} line whose fields up to the minute are those of {@link #pghpHead}: reads the
     * seconds and milliseconds from {@code q} and arms the time (nothing armed when they are not valid).
     */
    private void pghpSeconds(byte[] b, int q, int sentEnd) {
        if (q + 8 <= b.length) {
            // both fields and their commas in the next eight bytes (the common "ss,mmm,"): read without
            // a loop, as pghpField would read them
            long w = Swar.word(b, q);
            long cm = Swar.match(w, Swar.COMMAS);
            long cm2 = cm & (cm - 1);
            int i1 = Swar.firstByte(cm);
            int i2 = Swar.firstByte(cm2);
            if (cm2 != 0 && q + i2 < sentEnd && i1 >= 1 && i2 - i1 >= 2) {
                long fields = (-1L >>> (8 * (8 - i2))) & ~(0xFFL << (8 * i1)); // bytes 0..i2-1 but the comma i1
                long d = (w ^ Swar.ZEROS) & fields;
                if (!Swar.allDigits(d, fields)) {
                    return; // as pghpField: not numeric, nothing armed
                }
                int second = Swar.decimal(d << (8 * (8 - i1)));
                int milli = Swar.decimal((d >>> (8 * (i1 + 1))) << (8 * (8 - (i2 - i1 - 1))));
                if (second > 60 || milli > 999) {
                    return;
                }
                armPghp(b, q + i2 + 1, sentEnd, pghpMinuteBase + second * 1000L + milli);
                return;
            }
        }
        long s6 = pghpField(b, q, sentEnd);
        long s7 = s6 < 0 ? -1 : pghpField(b, (int) s6, sentEnd);
        if (s7 < 0) {
            return;
        }
        int second = (int) (s6 >>> 32);
        int milli = (int) (s7 >>> 32);
        if (second > 60 || milli > 999) {
            return;
        }
        armPghp(b, (int) s7, sentEnd, pghpMinuteBase + second * 1000L + milli);
    }

    /** Parses $PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,...,cc and arms its time for the next sentence. */
    private void pghp(byte[] b, int addrEnd, int sentEnd) {
        int q0 = addrEnd + 1;
        int pl = pghpHeadLen - PGHP_ADDRESS_LEN;
        if (pl > 0 && q0 + pl < sentEnd && sameAsHead(b, q0, PGHP_ADDRESS_LEN, pl)) {
            // same kind, date, hour and minute as the previous good $PGHP line: only seconds and milliseconds differ
            pghpSeconds(b, q0 + pl, sentEnd);
            return;
        }
        // eight numeric fields, each read by pghpField as (value << 32 | index after its comma), -1 if bad
        long f0 = pghpField(b, q0, sentEnd);
        long f1 = f0 < 0 ? -1 : pghpField(b, (int) f0, sentEnd);
        long f2 = f1 < 0 ? -1 : pghpField(b, (int) f1, sentEnd);
        long f3 = f2 < 0 ? -1 : pghpField(b, (int) f2, sentEnd);
        long f4 = f3 < 0 ? -1 : pghpField(b, (int) f3, sentEnd);
        long f5 = f4 < 0 ? -1 : pghpField(b, (int) f4, sentEnd);
        long f6 = f5 < 0 ? -1 : pghpField(b, (int) f5, sentEnd);
        long f7 = f6 < 0 ? -1 : pghpField(b, (int) f6, sentEnd);
        if (f7 < 0) {
            return;
        }
        int kind = (int) (f0 >>> 32);
        int year = (int) (f1 >>> 32);
        int month = (int) (f2 >>> 32);
        int day = (int) (f3 >>> 32);
        int hour = (int) (f4 >>> 32);
        int minute = (int) (f5 >>> 32);
        int second = (int) (f6 >>> 32);
        int milli = (int) (f7 >>> 32);
        long time = LineTimes.pghpMillis(kind, year, month, day, hour, minute, second, milli);
        if (time == LineTimes.NONE) {
            return;
        }
        long minuteBase = time - second * 1000L - milli;
        int pl6 = (int) f5 - q0;
        if (PGHP_ADDRESS_LEN + pl6 <= pghpHead.length) {
            // the head "$PGHP," + these fields, whatever this line started with ('$' or '!'): pghpLine reads '$' lines
            pghpHead[0] = '$';
            System.arraycopy(b, addrEnd - 4, pghpHead, 1, PGHP_ADDRESS_LEN - 1); // "PGHP,"
            System.arraycopy(b, q0, pghpHead, PGHP_ADDRESS_LEN, pl6);
            pghpHeadLen = PGHP_ADDRESS_LEN + pl6;
            pghpHeadXor = Swar.xor(pghpHead, 1, pghpHeadLen);
            pghpMinuteBase = minuteBase;
        }
        armPghp(b, (int) f7, sentEnd, time);
    }

    /** Arms a valid $PGHP time; its last field (from {@code q} on) is the checksum reference. */
    private void armPghp(byte[] b, int q, int sentEnd, long time) {
        // the last field, when it is two hex digits (no comma in them) from q on: after a comma, or at q
        int last = sentEnd - 2;
        int ref = -1;
        if (last >= q && (last == q || b[last - 1] == ',') && hex(b[last]) >= 0 && hex(b[last + 1]) >= 0) {
            ref = hex(b[last]) << 4 | hex(b[last + 1]);
            if (ref == 0) {
                ref = -1;
            }
        }
        pghpTime = time;
        pghpRef = ref;
        pghpArmed = true;
    }

    /**
     * One non-empty numeric field of at most six digits starting at {@code q} and followed by a comma
     * before {@code sentEnd}: its value in the high 32 bits and the index after the comma in the low
     * 32 bits; -1 if the field is empty, not numeric, too long or the last one.
     */
    private static long pghpField(byte[] b, int q, int sentEnd) {
        int c = q;
        int val = 0;
        while (c < sentEnd && b[c] != ',') {
            if (b[c] < '0' || b[c] > '9' || c - q > 5) {
                return -1;
            }
            val = val * 10 + (b[c] - '0');
            c++;
        }
        if (c == q || c >= sentEnd) {
            return -1;
        }
        return (long) val << 32 | (c + 1);
    }

    private void vdmSentence(byte[] b, int p, int addrEnd, int sentEnd, int trailerFrom, int e, int checksum,
                             TagBlock tb, long tbTime, boolean armed) {
        boolean vdo = b[p + 5] == 'O';
        // fields: count, number, sequence id, channel, payload, fill bits (c2..c6 are the commas after each)
        if (commaCount < 6) {
            reject(RejectReason.MALFORMED_SENTENCE, "fewer than 7 fields");
            return;
        }
        if (commaCount > 6) {
            reject(RejectReason.MALFORMED_SENTENCE, "more than 7 fields");
            return;
        }
        int c1 = addrEnd + 1;
        int c2 = commas[1];
        int c3 = commas[2];
        int c4 = commas[3];
        int c5 = commas[4];
        int c6 = commas[5];
        int count = digitField(b, c1, c2);
        int number = digitField(b, c2 + 1, c3);
        if (count == -2 || number == -2) {
            reject(RejectReason.MALFORMED_SENTENCE, "fragment count/number not numeric");
            return;
        }
        if (count < 1 || count > 9 || number < 1 || number > count) {
            reject(RejectReason.BAD_FRAGMENT_HEADER, "fragment " + fieldText(b, c2 + 1, c3) + " of " + fieldText(b, c1, c2));
            return;
        }
        int seq;
        if (c3 + 1 == c4) {
            seq = -1;
        } else {
            seq = digitField(b, c3 + 1, c4);
            if (seq < 0 || seq > 9) {
                reject(RejectReason.MALFORMED_SENTENCE, "sequence id " + fieldText(b, c3 + 1, c4));
                return;
            }
        }
        char channel;
        if (c4 + 1 == c5) {
            channel = '\0';
        } else if (c4 + 2 == c5 && channelChar((char) b[c4 + 1])) {
            channel = (char) b[c4 + 1];
        } else {
            reject(RejectReason.MALFORMED_SENTENCE, "channel " + fieldText(b, c4 + 1, c5));
            return;
        }
        int fill = digitField(b, c6 + 1, sentEnd);
        if (fill == -2) {
            reject(RejectReason.MALFORMED_SENTENCE, "fill bits " + fieldText(b, c6 + 1, sentEnd));
            return;
        }
        if (fill > 5 || (number < count && fill != 0)) {
            reject(RejectReason.BAD_FILL_BITS, "fill bits " + fill + (number < count ? " on fragment " + number + " of " + count : ""));
            return;
        }
        int payOff = c5 + 1;
        int payEnd = c6;
        int payLen = payEnd - payOff;

        int talkerCode = (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff);
        int tk = (talkerCode * 0x9E3779B1) >>> (32 - TALKER_SLOTS_LOG2);
        String talker = talkerByCode[tk];
        if (talkerCodes[tk] != talkerCode) {
            talker = talkerByCode[tk] = talkers.get(b, p + 1, 2);
            talkerCodes[tk] = talkerCode;
        }
        // trailer
        String trailer = null;
        long trailerTime = Long.MIN_VALUE;
        String trailerSource = null;
        if (trailerFrom >= 0) {
            trailer = new String(b, trailerFrom, e - trailerFrom, StandardCharsets.ISO_8859_1);
            trailerTime = trailerEpoch(b, trailerFrom, e);
            trailerSource = trailerSource(b, trailerFrom, e);
        }
        long clock = receiveClock != null ? receiveClock.getAsLong() : Long.MIN_VALUE;
        long stamp = this.stamp;
        if (armed && count == 1 && pghpRef >= 0 && pghpRef != checksum && !loosePghp) {
            startLoosePghp(); // the $PGHP just before names another sentence
        }
        boolean pghpHere = armed && number == 1;
        if (loosePghp && pghpHere) {
            if (count > 1 || pghpRef < 0 || pghpRef == checksum) {
                usePending(pghpLine); // the sentence right after it takes it, as outside loose mode
            } else {
                adjacentRun = 0;
            }
        }

        if (count == 1) {
            if (payLen == 0) {
                reject(RejectReason.EMPTY_PAYLOAD, "");
                return;
            }
            AisMessage m;
            try {
                reader.reset(b, payOff, payLen, fill);
                m = AisDecoder.decode(reader);
            } catch (AisDecodeException ex) {
                reject(ex.reason(), ex.getMessage());
                return;
            }
            emit(m, tb, tbTime, pghpHere && (pghpRef < 0 || pghpRef == checksum), pghpTime, trailer, trailerTime,
                    trailerSource, clock, stamp, talker, vdo, channel, checksum >= 0, 1, lineNumber, checksum);
            return;
        }
        fragment(b, p, seq, channel, count, number, fill, payOff, payLen, checksum, tb, tbTime, pghpHere, talker, vdo,
                trailer, trailerTime, trailerSource, clock, stamp);
    }

    /** One fragment of a multi-sentence message: validate, file under its key, complete or wait. */
    private void fragment(byte[] b, int p, int seq, char channel, int count, int number, int fill, int payOff,
                          int payLen, int checksum, TagBlock tb, long tbTime, boolean pghpHere, String talker, boolean vdo,
                          String trailer, long trailerTime, String trailerSource, long clock, long stamp) {
        int payEnd = payOff + payLen;
        if (payLen == 0) {
            reject(RejectReason.EMPTY_PAYLOAD, "fragment " + number + " of " + count);
            return;
        }
        for (int i = SixBit.validArmour(b, payOff, payLen) ? payEnd : payOff; i < payEnd; i++) {
            if (SixBit.value(b[i]) < 0) {
                reject(RejectReason.ILLEGAL_PAYLOAD_CHARACTER,
                        "illegal payload character '" + (char) (b[i] & 0xff) + "' at " + (i - payOff));
                return;
            }
        }
        String gid = tb != null && tb.g() != null ? tb.g().id() : null;
        long key = ((long) (b[p + 1] & 0xff) << 24) | ((b[p + 2] & 0xff) << 16) | (vdo ? 1 << 15 : 0)
                | ((seq + 1) << 8) | (channel & 0xff);
        long known = tbTime != Long.MIN_VALUE ? tbTime : trailerTime != Long.MIN_VALUE ? trailerTime
                : clock != Long.MIN_VALUE ? clock : stamp;
        if (known != Long.MIN_VALUE) {
            evictOlderThan(known - options.maxFragmentAgeMillis());
        }
        int k = number - 1;
        Group g = find(key, gid);
        if (g != null && g == deferred && (g.earlyMask & (1 << k)) != 0) {
            // the continuation(s) held before fragment 1 belonged to an earlier, lost message
            dropEarly(g);
            deferred = null;
        } else if (g != null && (g.total != count || (g.have & (1 << k)) != 0)) {
            if (g == deferred) {
                deferred = null;
                complete(g);
            } else {
                evict(indexOf(g), "superseded at line " + lineNumber);
            }
            g = null;
        }
        if (g == null) {
            if (pendingCount == pending.length) {
                evict(0, "more than " + pending.length + " incomplete messages");
            }
            g = pool.isEmpty() ? new Group() : pool.remove(pool.size() - 1);
            g.init(key, gid, count, lineNumber, known, talker, vdo, channel);
            pending[pendingCount++] = g;
        }
        int haveBefore = g.have;
        g.add(k, curBuf, curOff, curLen, payOff - curOff, payLen, lineNumber);
        g.tbs[k] = tb;
        g.tbTimes[k] = tbTime;
        g.trailers[k] = trailer;
        g.trailerTimes[k] = trailerTime;
        g.trailerSources[k] = trailerSource;
        stats.pendingFragmentLines++;
        if (number == count) {
            g.fill = fill;
        }
        g.checksums[k] = checksum;
        if (clock != Long.MIN_VALUE && (g.clock == Long.MIN_VALUE || clock < g.clock)) {
            g.clock = clock;
        }
        if (stamp != Long.MIN_VALUE && (g.stamp == Long.MIN_VALUE || stamp < g.stamp)) {
            g.stamp = stamp;
        }
        if (k == 0) {
            g.firstLine = lineNumber;
            g.talker = talker;
            g.pghp = pghpHere;
            g.pghpTime = pghpTime;
            g.pghpRef = pghpRef;
        }
        if (g.complete()) {
            if (k == 0 && haveBefore != 0) {
                g.earlyMask = haveBefore;
                if (deferred != null) {
                    Group d = deferred;
                    deferred = null;
                    complete(d);
                }
                deferred = g;
                deferredTouched = true;
            } else {
                complete(g);
            }
        }
    }

    private static int next(byte[] b, int from, int end) {
        int i = from;
        while (i < end && b[i] != ',') {
            i++;
        }
        return i;
    }

    /** A one-digit field: 0..9; -2 if empty, longer or not a digit. Two digits give 10..99 so that range checks fail. */
    private static int digitField(byte[] b, int from, int to) {
        if (to - from == 1 && b[from] >= '0' && b[from] <= '9') {
            return b[from] - '0';
        }
        if (to - from == 2 && b[from] >= '0' && b[from] <= '9' && b[from + 1] >= '0' && b[from + 1] <= '9') {
            return (b[from] - '0') * 10 + b[from + 1] - '0';
        }
        return -2;
    }

    private static String fieldText(byte[] b, int from, int to) {
        return "'" + new String(b, from, Math.max(0, Math.min(to - from, 20)), StandardCharsets.ISO_8859_1) + "'";
    }

    /** Last trailer field as UNIX time: 9-10 digits seconds, 12-13 digits milliseconds; else MIN_VALUE. */
    static long trailerEpoch(byte[] b, int from, int to) {
        int s = to;
        if (to - from >= 9 && to - from <= 13 && Swar.indexOf(b, from, to, Swar.COMMAS) < 0) {
            s = from; // one field (exactEarth's epoch)
        } else {
            while (s > from && b[s - 1] != ',') {
                s--;
            }
        }
        int n = to - s;
        if (n < 9 || n > 13) {
            return Long.MIN_VALUE;
        }
        // the last eight digits and the one to five before them, eight bytes at a time
        long head = (-1L >>> (8 * (16 - n))); // the n - 8 bytes before the last eight
        long d1 = (Swar.word(b, s) ^ Swar.ZEROS) & head;
        long d2 = Swar.word(b, to - 8) ^ Swar.ZEROS;
        if (!Swar.allDigits(d1, head) || !Swar.allDigits(d2, -1L)) {
            return Long.MIN_VALUE;
        }
        long v = Swar.decimal(d1 << (8 * (16 - n))) * 100_000_000L + Swar.decimal(d2);
        return LineTimes.trailerMillis(v, n);
    }

    /** First trailer field starting with 'r' (USCG receiver id), else null. */
    private String trailerSource(byte[] b, int from, int to) {
        if (from == to || (b[from] != 'r' && Swar.indexOf(b, from, to, Swar.COMMAS) < 0)) {
            return null; // one field, not the receiver's (exactEarth's epoch alone)
        }
        int s = from;
        while (s < to) {
            int f = next(b, s, to);
            if (b[s] == 'r' && f - s > 1) {
                return sources.get(b, s, f - s);
            }
            s = f + 1;
        }
        return null;
    }

    // ---------------------------------------------------------------- output

    /** @param checksum the sentence's checksum for a single-sentence message (-1: none, or several sentences) */
    private void emit(AisMessage m, TagBlock tb, long tbTime, boolean pghpOk, long pghpT, String trailer, long trailerTime,
                      String trailerSource, long clock, long stamp, String talker, boolean vdo, char channel, boolean verified,
                      int sentences, long firstLine, int checksum) {
        long time;
        TimeSource ts;
        if (tbTime != Long.MIN_VALUE) {
            time = tbTime;
            ts = TimeSource.TAG_BLOCK;
        } else if (pghpOk) {
            time = pghpT;
            ts = TimeSource.PGHP;
        } else if (trailerTime != Long.MIN_VALUE) {
            time = trailerTime;
            ts = TimeSource.TRAILER;
        } else if (clock != Long.MIN_VALUE) {
            time = clock;
            ts = TimeSource.RECEIVE_CLOCK;
        } else if (stamp != Long.MIN_VALUE) {
            time = stamp;
            ts = TimeSource.ARCHIVE;
        } else {
            time = Long.MIN_VALUE;
            ts = TimeSource.NONE;
        }
        boolean open = false;
        if (loosePghp) {
            if (ts == TimeSource.PGHP) {
                adjacentRun++;
            } else if ((ts == TimeSource.TRAILER || ts == TimeSource.ARCHIVE || ts == TimeSource.NONE) && checksum >= 0) {
                // only a message timed by a batch epoch, or not at all, takes a $PGHP from further away:
                // a receiver's own clock is a reception time already, and a checksum match on it is
                // as likely chance as not (1 in 256 per line of the window)
                int i = pendingFor(checksum);
                if (i >= 0) {
                    time = pendTime[i];
                    ts = TimeSource.PGHP;
                    dropPending(i);
                } else {
                    open = true; // waits for a $PGHP further on
                }
                adjacentRun = 0;
            } else if (ts != TimeSource.TAG_BLOCK) {
                adjacentRun = 0;
            }
        }
        String source = tb != null && tb.s() != null ? tb.s() : trailerSource;
        int bits = reader.length();
        // the message's type as decoded from the reader: m.messageType() is an interface call with
        // some twenty receivers, which the JIT cannot inline
        int type = reader.unsigned(0, 6);
        boolean anomaly = NominalLength.isAnomalous(type, type == 24 ? reader.unsigned(38, 2) : 0, bits);
        if (open || heldCount > 0) {
            hold(new ReceivedMessage(m, time, ts, source, talker, vdo, channel, verified, bits, anomaly,
                    sentences, firstLine, tb, trailer), open ? checksum : -1);
            return;
        }
        // made here and only handed on: the JIT can keep it off the heap when the listener is inlined
        ReceivedMessage rm = new ReceivedMessage(m, time, ts, source, talker, vdo, channel, verified, bits, anomaly,
                sentences, firstLine, tb, trailer);
        stats.message(rm, type);
        listener.message(rm);
    }

    /** Ring index of the {@code k}-th waiting message (0: the oldest). */
    private int heldAt(int k) {
        return (heldHead + k) & (held.length - 1);
    }

    // ---------------------------------------------------------------- $PGHP apart from its sentence

    /** Turns on {@link #loosePghp}; the $PGHP armed now (it named another sentence) waits for its message. */
    private void startLoosePghp() {
        loosePghp = true;
        adjacentRun = 0;
        pghpArmed = false;
        pairPghp(pghpRef, pghpTime);
    }

    /**
     * A $PGHP time naming checksum {@code ref} (loose mode) waits for the nearest sentence with that
     * checksum, before or after it: a message waiting before it ({@link #pendBack}) takes it once as
     * many lines have passed after it without a nearer one coming ({@link #resolveBackward(boolean)}).
     */
    private void pairPghp(int ref, long time) {
        if (ref < 0) {
            return; // names no sentence: nothing to pair it with
        }
        // the nearest earlier waiting message with that checksum takes it later, unless a nearer
        // sentence comes after it first
        long back = -1;
        for (int k = heldCount - 1; openHeld[ref] > 0 && k >= 0 && lineNumber - heldLine[heldAt(k)] <= PGHP_WINDOW_LINES; k--) {
            int i = heldAt(k);
            if (heldOpen[i] && heldChecksum[i] == ref) {
                back = heldLine[i];
                backDue = Math.min(backDue, lineNumber + Math.min(lineNumber - back, PGHP_WINDOW_LINES));
                break;
            }
        }
        if (pendCount == pendRef.length) {
            dropPending(0);
        }
        pendRef[pendCount] = ref;
        pendTime[pendCount] = time;
        pendLine[pendCount] = lineNumber;
        pendBack[pendCount] = back;
        pendCount++;
    }

    /**
     * The waiting $PGHP time a sentence with {@code checksum} on this line takes: the newest naming it
     * that lies no nearer to an earlier waiting message than to this line; -1 if none. (A checksum
     * tells sentences apart only to 1 in 256: of two with the same one, the nearer takes the time.)
     */
    private int pendingFor(int checksum) {
        for (int i = pendCount - 1; i >= 0; i--) {
            if (pendRef[i] == checksum && (pendBack[i] < 0 || lineNumber - pendLine[i] <= pendLine[i] - pendBack[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Gives waiting messages the $PGHP times after them that no nearer sentence took: once as many
     * lines have passed after the $PGHP as lie between it and the message, when it has waited
     * {@link #PGHP_WINDOW_LINES} lines, or ({@code atEnd}) at the end of input.
     */
    private void resolveBackward(boolean atEnd) {
        if (!atEnd && lineNumber < backDue) {
            return; // no $PGHP time is due to go back to its message yet
        }
        long due = Long.MAX_VALUE;
        for (int i = 0; i < pendCount; ) {
            long back = pendBack[i];
            long age = lineNumber - pendLine[i];
            if (back < 0 || !(atEnd || age >= pendLine[i] - back || age >= PGHP_WINDOW_LINES)) {
                if (back >= 0) {
                    due = Math.min(due, pendLine[i] + Math.min(pendLine[i] - back, PGHP_WINDOW_LINES));
                }
                i++;
                continue;
            }
            int h = -1;
            for (int k = heldCount - 1; k >= 0; k--) {
                int j = heldAt(k);
                if (heldLine[j] < back) {
                    break; // the lines of the waiting messages only grow from the oldest to the newest
                }
                if (heldLine[j] == back && heldOpen[j] && heldChecksum[j] == pendRef[i]) {
                    h = j;
                    break;
                }
            }
            if (h >= 0) {
                held[h] = retimed(held[h], pendTime[i]);
                heldOpen[h] = false;
                openHeld[heldChecksum[h]]--;
                dropPending(i);
            } else {
                pendBack[i] = -1; // taken or gone: it waits for a later sentence only
                i++;
            }
        }
        backDue = due;
    }

    /** The waiting copy of the $PGHP on {@code line} is used by the sentence right after it. */
    private void usePending(long line) {
        for (int i = pendCount - 1; i >= 0; i--) {
            if (pendLine[i] == line) {
                dropPending(i);
                return;
            }
        }
    }

    private void dropPending(int i) {
        int tail = pendCount - i - 1;
        System.arraycopy(pendRef, i + 1, pendRef, i, tail);
        System.arraycopy(pendTime, i + 1, pendTime, i, tail);
        System.arraycopy(pendLine, i + 1, pendLine, i, tail);
        System.arraycopy(pendBack, i + 1, pendBack, i, tail);
        pendCount--;
    }

    private static ReceivedMessage retimed(ReceivedMessage r, long time) {
        return new ReceivedMessage(r.message(), time, TimeSource.PGHP, r.source(), r.talker(), r.ownShip(), r.channel(),
                r.checksumVerified(), r.payloadBits(), r.lengthAnomaly(), r.sentences(), r.lineNumber(), r.tagBlock(),
                r.trailer());
    }

    /**
     * A message in loose mode that cannot go out yet: it waits for a $PGHP naming {@code checksum}
     * ({@code -1}: it has its time and waits only behind earlier ones).
     */
    private void hold(ReceivedMessage rm, int checksum) {
        if (heldCount == held.length) {
            deliverHead();
        }
        stats.heldLines += rm.sentences();
        int i = heldAt(heldCount);
        held[i] = rm;
        heldChecksum[i] = checksum;
        heldLine[i] = lineNumber;
        heldOpen[i] = checksum >= 0;
        if (checksum >= 0) {
            openHeld[checksum]++;
        }
        heldCount++;
    }

    /** Sends the first waiting message on, with the time it has (its own if no $PGHP came). */
    private void deliverHead() {
        ReceivedMessage rm = held[heldHead];
        if (heldOpen[heldHead]) {
            openHeld[heldChecksum[heldHead]]--;
        }
        held[heldHead] = null;
        heldHead = (heldHead + 1) & (held.length - 1);
        heldCount--;
        stats.heldLines -= rm.sentences();
        stats.message(rm);
        listener.message(rm);
    }

    /** After each line while anything waits: sends on the messages that have their time or waited long enough; forgets old $PGHP times. */
    private void releaseHeld() {
        resolveBackward(false);
        while (heldCount > 0 && (!heldOpen[heldHead] || lineNumber - heldLine[heldHead] >= 2 * PGHP_WINDOW_LINES)) {
            deliverHead();
        }
        while (pendCount > 0 && lineNumber - pendLine[0] >= PGHP_WINDOW_LINES) {
            dropPending(0);
        }
    }

    /**
     * Leaves loose mode once the $PGHP lines have come right before their sentences for a while, or
     * none has come for as long, with no $PGHP time waiting: new messages then go out at once again
     * (behind any still waiting, which go out as before).
     */
    private void maybeLeaveLoose() {
        if ((adjacentRun >= LOOSE_EXIT_RUN || lineNumber - lastPghpLine >= LOOSE_EXIT_RUN) && pendCount == 0 && !tracking) {
            loosePghp = false; // the boundary tracker stays loose: after a trigger it finds no safe start
            adjacentRun = 0;
        }
    }

    /**
     * Whether {@code b[q..e)} is a VDM/VDO sentence of one sentence ({@code !xxVDM,1,}), as the boundary
     * tracker judges it without decoding (also when the sentence is malformed: the tracker may only
     * err towards turning {@link #loosePghp} on).
     */
    private static boolean singleSentence(byte[] b, int q, int e) {
        return e - q >= 9 && (b[q] == '!' || b[q] == '$') && b[q + 3] == 'V' && b[q + 4] == 'D' && (b[q + 5] == 'M' || b[q + 5] == 'O')
                && b[q + 6] == ',' && b[q + 7] == '1' && b[q + 8] == ',';
    }

    /** The checksum after the last {@code *} of {@code b[q..e)}, or -1 without one. */
    private static int starChecksum(byte[] b, int q, int e) {
        for (int i = e - 1; i > q; i--) {
            if (b[i] == '*') {
                int h1 = i + 1 < e ? hex(b[i + 1]) : -1;
                int h2 = i + 2 < e ? hex(b[i + 2]) : -1;
                return h1 < 0 || h2 < 0 ? -1 : h1 << 4 | h2;
            }
        }
        return -1;
    }

    private void reject(RejectReason reason, String detail) {
        stats.rejected[reason.ordinal()]++;
        listener.rejected(new Rejection(reason, detail == null ? "" : detail, lineNumber,
                new String(curBuf, curOff, curLen, StandardCharsets.ISO_8859_1)));
    }

    /**
     * Rejects the current line for a checksum that does not match ({@code "*hh given, HH computed"},
     * both 0..255): a method of its own so that the text's making is not compiled into the line methods.
     */
    private void rejectChecksum(RejectReason reason, int given, int computed) {
        // as String.format("*%02X given, %02X computed", ...) wrote it, which cost some microseconds a line
        reject(reason, "*" + HEX_DIGITS[given >>> 4] + HEX_DIGITS[given & 15] + " given, "
                + HEX_DIGITS[computed >>> 4] + HEX_DIGITS[computed & 15] + " computed");
    }

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private void rejectStored(RejectReason reason, String detail, long line, byte[] text, int len) {
        stats.rejected[reason.ordinal()]++;
        listener.rejected(new Rejection(reason, detail, line, new String(text, 0, len, StandardCharsets.ISO_8859_1)));
    }

    // ---------------------------------------------------------------- fragment groups

    /**
     * What follows every line: waiting messages and $PGHP times, loose-mode exit, a deferred group,
     * groups too old. Nearly every line has none of these to look at, and this test alone is small
     * enough for the JIT to inline into the line methods.
     */
    private void afterLine() {
        if (heldCount > 0 || pendCount > 0 || loosePghp || deferred != null || pendingCount > 0) {
            afterLineWork();
        }
    }

    private void afterLineWork() {
        if (heldCount > 0 || pendCount > 0) {
            releaseHeld();
        }
        if (loosePghp) {
            maybeLeaveLoose();
        }
        if (deferred != null) {
            if (deferredTouched) {
                deferredTouched = false;
            } else {
                Group g = deferred;
                deferred = null;
                complete(g);
            }
        }
        while (pendingCount > 0 && lineNumber - pending[0].startLine >= options.maxFragmentAgeLines()
                && pending[0] != deferred) {
            evict(0, "no fragment for " + options.maxFragmentAgeLines() + " lines");
        }
    }

    private Group find(long key, String gid) {
        for (int i = pendingCount - 1; i >= 0; i--) {
            Group g = pending[i];
            if (g.key == key && Objects.equals(g.gid, gid)) {
                return g;
            }
        }
        return null;
    }

    private int indexOf(Group g) {
        for (int i = 0; i < pendingCount; i++) {
            if (pending[i] == g) {
                return i;
            }
        }
        throw new IllegalStateException("group not pending");
    }

    private void remove(int i) {
        System.arraycopy(pending, i + 1, pending, i, pendingCount - i - 1);
        pending[--pendingCount] = null;
    }

    private void evictOlderThan(long limit) {
        for (int i = 0; i < pendingCount; ) {
            Group g = pending[i];
            if (g != deferred && g.startTime != Long.MIN_VALUE && g.startTime < limit) {
                evict(i, "no fragment for " + options.maxFragmentAgeMillis() + " ms");
            } else {
                i++;
            }
        }
    }

    private void evict(int index, String why) {
        Group g = pending[index];
        if (g == deferred) {
            deferred = null; // complete, only held back for one line
            complete(g);
            return;
        }
        remove(index);
        RejectReason reason = (g.have & 1) != 0 ? RejectReason.INCOMPLETE_MESSAGE : RejectReason.ORPHAN_FRAGMENT;
        String detail = (reason == RejectReason.INCOMPLETE_MESSAGE ? "has " : "no fragment 1; has ")
                + Integer.bitCount(g.have) + " of " + g.total + " fragments; " + why;
        rejectGroupLines(g, g.have, reason, detail);
        release(g);
    }

    private void rejectGroupLines(Group g, int mask, RejectReason reason, String detail) {
        // in input line order
        int left = mask;
        while (left != 0) {
            int best = -1;
            for (int k = 0; k < 9; k++) {
                if ((left & (1 << k)) != 0 && (best < 0 || g.lineNo[k] < g.lineNo[best])) {
                    best = k;
                }
            }
            left &= ~(1 << best);
            stats.pendingFragmentLines--;
            rejectStored(reason, detail, g.lineNo[best], g.text[best], g.textLen[best]);
        }
    }

    private void dropEarly(Group g) {
        rejectGroupLines(g, g.earlyMask, RejectReason.ORPHAN_FRAGMENT,
                "continuation without its fragment 1 (a later message reused the sequence id)");
        g.have &= ~g.earlyMask;
        g.earlyMask = 0;
    }

    private void complete(Group g) {
        int idx = indexOf(g);
        remove(idx);
        int total = 0;
        boolean tooLong = false;
        for (int k = 0; k < g.total; k++) {
            int n = g.payLen[k];
            if (total + n > assembly.length) {
                tooLong = true;
                break;
            }
            System.arraycopy(g.text[k], g.payOff[k], assembly, total, n);
            total += n;
        }
        AisMessage m = null;
        RejectReason failure = null;
        String detail = null;
        if (tooLong) {
            failure = RejectReason.PAYLOAD_TOO_LONG;
            detail = "more than " + assembly.length + " characters";
        } else {
            try {
                reader.reset(assembly, 0, total, g.fill);
                m = AisDecoder.decode(reader);
            } catch (AisDecodeException ex) {
                failure = ex.reason();
                detail = ex.getMessage();
            }
        }
        if (m == null) {
            rejectGroupLines(g, g.have, failure, detail);
        } else {
            stats.pendingFragmentLines -= g.total;
            boolean verified = true;
            int xor = 0;
            for (int k = 0; k < g.total; k++) {
                verified &= g.checksums[k] >= 0;
                xor ^= g.checksums[k];
            }
            boolean pghpOk = g.pghp && (g.pghpRef < 0 || (verified && g.pghpRef == xor));
            int t = 0;
            while (t < g.total - 1 && g.tbs[t] == null) {
                t++;
            }
            int r = 0;
            while (r < g.total - 1 && g.trailers[r] == null) {
                r++;
            }
            emit(m, g.tbs[t], g.tbTimes[t], pghpOk, g.pghpTime, g.trailers[r], g.trailers[r] == null ? Long.MIN_VALUE : g.trailerTimes[r],
                    g.trailerSources[r], g.clock, g.stamp, g.talker, g.vdo, g.channel, verified, g.total, g.firstLine, -1);
        }
        release(g);
    }

    private void release(Group g) {
        java.util.Arrays.fill(g.tbs, null);
        java.util.Arrays.fill(g.trailers, null);
        java.util.Arrays.fill(g.trailerSources, null);
        if (pool.size() < 64) {
            pool.add(g);
        }
    }

    /** One incomplete multi-sentence message. Reused through a pool. */
    private static final class Group {
        long key;
        String gid;
        int total;
        int have;
        int earlyMask;
        long startLine;
        long startTime;
        long firstLine;
        final byte[][] text = new byte[9][];
        final int[] textLen = new int[9];
        final int[] payOff = new int[9];
        final int[] payLen = new int[9];
        final long[] lineNo = new long[9];
        final int[] checksums = new int[9];
        int fill;
        // per fragment: tag block (without its c: time, in tbTimes) and trailer (the message takes
        // fragment 1's, else the first one present)
        final TagBlock[] tbs = new TagBlock[9];
        final long[] tbTimes = new long[9];
        final String[] trailers = new String[9];
        final long[] trailerTimes = new long[9];
        final String[] trailerSources = new String[9];
        long clock;
        /** The earliest server archive stamp of the fragments, MIN_VALUE: none. */
        long stamp;
        String talker;
        boolean vdo;
        char channel;
        boolean pghp;
        long pghpTime;
        int pghpRef;

        void init(long key, String gid, int total, long line, long time, String talker, boolean vdo, char channel) {
            this.key = key;
            this.gid = gid;
            this.total = total;
            this.have = 0;
            this.earlyMask = 0;
            this.startLine = line;
            this.startTime = time;
            this.firstLine = line;
            this.fill = 0;
            this.clock = Long.MIN_VALUE;
            this.stamp = Long.MIN_VALUE;
            this.talker = talker;
            this.vdo = vdo;
            this.channel = channel;
            this.pghp = false;
        }

        void add(int k, byte[] line, int lineOff, int lineLen, int payOffInLine, int len, long lineNumber) {
            byte[] t = text[k];
            if (t == null || t.length < lineLen) {
                t = text[k] = new byte[Math.max(lineLen, 96)];
            }
            System.arraycopy(line, lineOff, t, 0, lineLen);
            textLen[k] = lineLen;
            payOff[k] = payOffInLine;
            payLen[k] = len;
            lineNo[k] = lineNumber;
            have |= 1 << k;
        }

        boolean complete() {
            return have == (1 << total) - 1;
        }
    }

    /**
     * Counts the line {@code b[start, le)} and makes it the current one (for rejections and hooks); shows it to
     * the parametric hook when {@code hook}. Returns whether a {@code $PGHP} armed the line before it, and disarms.
     */
    private boolean beginLine(byte[] b, int start, int le, boolean hook) {
        if (hook) {
            parametricHook.line(b, start, le - start);
        }
        lineNumber++;
        stats.lines++;
        curBuf = b;
        curOff = start;
        curLen = le - start;
        boolean armed = pghpArmed;
        pghpArmed = false;
        return armed;
    }
}
