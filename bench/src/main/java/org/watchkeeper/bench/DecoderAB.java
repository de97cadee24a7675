package org.watchkeeper.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Two builds of the decoder compared in one process: each benchmarks jar is loaded in a class loader
 * of its own, and passes of each build's {@code AisStreamDecoder} over the same corpus alternate, so
 * that the host's speed, which drifts by tens of percent within minutes on a shared machine, weighs on
 * both alike. Reported: thread CPU seconds of each build over the measured rounds (the first
 * {@value #WARM_UP} rounds warm both up and are not counted) and their ratio. Run it twice with the
 * jars swapped to see that the order does not decide.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar org.watchkeeper.bench.DecoderAB A.jar B.jar
 * [mixed|positions] [rounds]} (default positions, 60 rounds of 5 passes each). The corpus is the
 * {@link Corpus} of the A jar.
 */
public final class DecoderAB {
    private static final int WARM_UP = 10;
    private static final int PASSES = 5;

    private DecoderAB() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DecoderAB A.jar B.jar [mixed|positions] [rounds]");
            System.exit(2);
        }
        String which = args.length > 2 ? args[2] : "positions";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        Build a = new Build(Path.of(args[0]));
        Build b = new Build(Path.of(args[1]));
        byte[] mixed = Corpus.mixed();
        byte[] text = which.equals("positions") ? Corpus.positionReportsOnly(mixed) : mixed;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double sa = 0;
        double sb = 0;
        for (int round = 0; round < rounds; round++) {
            double ta = a.passes(text, mx);
            double tb = b.passes(text, mx);
            if (round >= WARM_UP) {
                sa += ta;
                sb += tb;
            }
        }
        long sentences = (long) Corpus.countAisSentences(text) * PASSES * Math.max(0, rounds - WARM_UP);
        System.out.printf("%s, %d measured rounds of %d passes: A %.3f CPU-s (%.2f M sentences/s), B %.3f CPU-s"
                + " (%.2f M sentences/s); B/A = %.3f%n", which, rounds - WARM_UP, PASSES, sa, sentences / sa / 1e6,
                sb, sentences / sb / 1e6, sb / sa);
    }

    /** One build: its decoder and a listener that counts, from its own class loader. */
    private static final class Build {
        final Constructor<?> decoder;
        final Object options;
        final Object listener;
        final Method feed;
        final Method finish;

        Build(Path jar) throws Exception {
            ClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> dec = cl.loadClass("org.watchkeeper.ais.nmea.AisStreamDecoder");
            Class<?> opts = cl.loadClass("org.watchkeeper.ais.nmea.Options");
            Class<?> lis = cl.loadClass("org.watchkeeper.ais.nmea.AisListener");
            Constructor<?> counter = cl.loadClass("org.watchkeeper.bench.CpuTimeRun$Counter").getDeclaredConstructor();
            counter.setAccessible(true);
            listener = counter.newInstance();
            options = opts.getField("DEFAULT").get(null);
            decoder = dec.getConstructor(opts, lis);
            feed = dec.getMethod("feed", byte[].class, int.class, int.class);
            finish = dec.getMethod("finish");
        }

        /** Thread CPU seconds of {@value #PASSES} passes of a fresh decoder over {@code text}. */
        double passes(byte[] text, ThreadMXBean mx) throws Exception {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < PASSES; i++) {
                Object d = decoder.newInstance(options, listener);
                feed.invoke(d, text, 0, text.length);
                finish.invoke(d);
            }
            return (mx.getCurrentThreadCpuTime() - t0) / 1e9;
        }
    }
}
