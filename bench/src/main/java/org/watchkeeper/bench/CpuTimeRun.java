package org.watchkeeper.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.watchkeeper.ais.json.GpsdJsonWriter;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;

/**
 * Framing + decoding throughput measured against the decoding thread's CPU time as well as wall
 * time. On a machine shared with other busy processes the wall-clock rate (what JMH reports)
 * drops with the share of a core the thread gets; the CPU-time rate does not, so it estimates
 * what one unshared core does. Also a convenient target for a sampling profiler (JFR).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.watchkeeper.bench.CpuTimeRun [mixed|positions|kinds] [SECONDS] [json]
 * </pre>
 *
 * <p>{@code kinds} measures, after a warm-up on the whole mixed corpus, the mixed corpus and then
 * each kind of line of it alone ({@link Corpus#byKind}), {@code SECONDS} of CPU time each after
 * 2 s of warm-up, and prints a table: lines, AIS sentences, nanoseconds of CPU per line, bytes
 * allocated per line, and the kind's estimated share of the mixed corpus's time (its lines times
 * its cost per line, over the mixed corpus's lines times its cost per line).
 *
 * <p>Runs passes over the in-memory corpus (see {@link Corpus}) for 5 s of warm-up, then for
 * {@code SECONDS} (default 20) of measurement, both counted in the thread's CPU time (so a busy
 * machine lengthens the run instead of shortening the warm-up), and prints passes, AIS sentences per wall second
 * and per CPU second, messages per pass, and the bytes the thread allocated per AIS sentence
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}; not printed where the
 * JVM lacks it). With {@code json}, every message is also written as gpsd-style JSON
 * ({@link GpsdJsonWriter}) to a null stream.
 */
public final class CpuTimeRun {
    private CpuTimeRun() {
    }

    private static final class Counter implements AisListener {
        long messages;
        long rejected;
        long hash;
        GpsdJsonWriter json;

        @Override
        public void message(ReceivedMessage m) {
            messages++;
            hash += m.message().mmsi();
            if (json != null) {
                try {
                    json.write(m);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void rejected(Rejection r) {
            rejected++;
        }
    }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "mixed";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 20;
        byte[] mixed = Corpus.mixed();
        if (which.equals("kinds")) {
            kinds(mixed, seconds);
            return;
        }
        byte[] text = which.equals("positions") ? Corpus.positionReportsOnly(mixed) : mixed;
        long sentences = Corpus.countAisSentences(text);
        boolean toJson = args.length > 2 && args[2].equals("json");
        GpsdJsonWriter json = toJson ? new GpsdJsonWriter(OutputStream.nullOutputStream()) : null;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();

        run(text, 5e9, json, mx); // warm-up: 5 s of this thread's CPU time
        Counter c = new Counter();
        c.json = json;
        long bytes0 = allocatedBytes(mx);
        long wall0 = System.nanoTime();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long passes = passes(text, seconds * 1e9, c, mx);
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        long bytes = allocatedBytes(mx) - bytes0;
        System.out.printf("corpus %s%s: %d passes of %d AIS sentences (%d messages, %d rejections per pass)%n",
                which, toJson ? " to JSON" : "", passes, sentences, c.messages / passes, c.rejected / passes);
        System.out.printf("wall %.2f s, thread CPU %.2f s (%.0f%% of a core)%n", wall, cpu, 100 * cpu / wall);
        System.out.printf("sentences/s: %.0f per wall second, %.0f per CPU second%n",
                passes * sentences / wall, passes * sentences / cpu);
        if (bytes0 >= 0 && bytes >= 0) {
            System.out.printf("allocated: %.1f bytes per AIS sentence%n", bytes / (double) (passes * sentences));
        }
        if (c.hash == 42) {
            System.out.println(); // keeps the sum alive
        }
    }

    /** Bytes allocated so far by this thread, or -1 when the JVM does not measure it. */
    private static long allocatedBytes(ThreadMXBean mx) {
        if (mx instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()
                && sun.isThreadAllocatedMemoryEnabled()) {
            return sun.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    /** Warm-up: passes over {@code text} for {@code cpuNanos} of this thread's CPU time. */
    private static void run(byte[] text, double cpuNanos, GpsdJsonWriter json, ThreadMXBean mx) {
        Counter c = new Counter();
        c.json = json;
        passes(text, cpuNanos, c, mx);
    }

    /** Passes over {@code text} into {@code c} until {@code cpuNanos} of this thread's CPU time have gone; returns how many. */
    private static long passes(byte[] text, double cpuNanos, Counter c, ThreadMXBean mx) {
        long t0 = mx.getCurrentThreadCpuTime();
        long passes = 0;
        while (mx.getCurrentThreadCpuTime() - t0 < cpuNanos) {
            pass(text, c);
            passes++;
        }
        return passes;
    }

    private static void kinds(byte[] mixed, double seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        run(mixed, 5e9, null, mx);
        java.util.Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        parts.put("mixed (all)", mixed);
        parts.putAll(Corpus.byKind(mixed));
        double mixedNs = 0;
        int mixedLines = Corpus.countLines(mixed);
        System.out.printf("| kind | lines | AIS sentences | ns CPU per line | bytes per line | share of mixed |%n");
        System.out.printf("|---|---|---|---|---|---|%n");
        for (var e : parts.entrySet()) {
            byte[] text = e.getValue();
            int lines = Corpus.countLines(text);
            if (lines == 0) {
                continue;
            }
            run(text, 2e9, null, mx);
            Counter c = new Counter();
            long bytes0 = allocatedBytes(mx);
            long cpu0 = mx.getCurrentThreadCpuTime();
            long passes = passes(text, seconds * 1e9, c, mx);
            double ns = (mx.getCurrentThreadCpuTime() - cpu0) / (double) (passes * lines);
            double bytes = (allocatedBytes(mx) - bytes0) / (double) (passes * lines);
            if (mixedNs == 0) {
                mixedNs = ns;
            }
            System.out.printf("| %s | %d | %d | %.0f | %.0f | %.0f %% |%n", e.getKey(), lines,
                    Corpus.countAisSentences(text), ns, bytes, 100 * lines * ns / (mixedLines * mixedNs));
        }
    }

    private static void pass(byte[] text, Counter c) {
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, c);
        d.feed(text, 0, text.length);
        d.finish();
    }
}
