package org.watchkeeper.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorSuite;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;

/**
 * CPU cost of each default detector on a real NMEA log: the log is decoded once into observations
 * (file order, as {@code watchkeeper analyze} feeds its detection engine), then each detector of
 * {@link DetectorSuite#defaults()} runs alone in a {@link DetectionEngine} (lateness 0, as analyze),
 * and finally those {@code watchkeeper analyze} runs by default together (all but
 * {@code position_on_land}, which analyze runs only when asked). Reported per detector: CPU time of the benchmark thread (the
 * engine runs on it; JIT compiler and GC threads not included), best of {@code runs}, as ns per
 * observation and as the sentence rate the detector alone would allow on one core; and the events.
 *
 * <p>Usage: {@code DetectorCost FILE [runs] [names]} (plain or gzip NMEA; default 3 runs; names: a
 * comma-separated subset of the detectors; the last line then runs that subset together). Input used in
 * docs/PERFORMANCE.md: {@code bench/analyze/MakeAnalyzeInput.java} output.
 */
public final class DetectorCost {
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        java.util.Set<String> only = args.length > 2 ? java.util.Set.of(args[2].split(",")) : null;
        List<Observation> obs = new ArrayList<>();
        long[] sentences = new long[1];
        ObservationMapper mapper = new ObservationMapper();
        AisStreamDecoder decoder = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                for (Observation o : mapper.map(m)) {
                    if (!(o instanceof org.watchkeeper.core.observation.HeardObservation)) {
                        obs.add(o); // the detectors' input: positions and identities
                    }
                }
            }

            @Override
            public void rejected(Rejection r) {
            }
        });
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                byte[] b = l.getBytes(StandardCharsets.ISO_8859_1);
                decoder.line(b, 0, b.length);
                sentences[0]++;
            }
        }
        decoder.finish();
        System.out.printf("%s: %,d lines, %,d observations; best of %d runs; load average %s%n", file, sentences[0],
                obs.size(), runs, Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf("%-22s %10s %12s %16s %8s%n", "detector", "CPU s", "ns / obs", "M lines/s alone", "events");
        List<Detector<?>> all = DetectorSuite.defaults().create();
        double sum = 0;
        for (int i = 0; i <= all.size(); i++) {
            final int k = i;
            String name = i < all.size() ? all.get(i).name() : only != null ? "all given together" : "analyze's defaults";
            if (only != null && i < all.size() && !only.contains(name)) {
                continue;
            }
            double best = Double.MAX_VALUE;
            long events = 0;
            for (int run = 0; run < runs; run++) {
                List<Detector<?>> ds = k < all.size() ? List.of(DetectorSuite.defaults().create().get(k))
                        : DetectorSuite.defaults().create().stream()
                                .filter(d -> only != null ? only.contains(d.name()) : !DetectorSuite.ON_REQUEST.contains(d.name()))
                                .toList();
                long[] n = new long[1];
                DetectionEngine e = new DetectionEngine(ds, ev -> n[0]++, 0);
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long c0 = threads.getCurrentThreadCpuTime();
                for (Observation o : obs) {
                    e.accept(o);
                }
                e.finish();
                best = Math.min(best, (threads.getCurrentThreadCpuTime() - c0) / 1e9);
                events = n[0];
            }
            if (k < all.size()) {
                sum += best;
            }
            System.out.printf("%-22s %10.3f %12.0f %16.2f %8d%n", name, best, best * 1e9 / obs.size(),
                    sentences[0] / best / 1e6, events);
        }
        System.out.printf("%-22s %10.3f   (sum of the single runs)%n", "sum", sum);
    }
}
