import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.core.pipeline.Analysis;
import org.watchkeeper.core.pipeline.AnalysisListener;
import org.watchkeeper.core.pipeline.NmeaInput;
import org.watchkeeper.core.track.Segment;
import org.watchkeeper.core.track.TrackerConfig;

/**
 * CPU time of analyze's analysis thread alone (observation mapping, picture, tracker; no detectors,
 * no report writing): decodes an NMEA input once into memory, then feeds the decoded messages
 * through a fresh NmeaInput + Analysis RUNS times on one thread and prints the thread CPU time of
 * each pass. Usage (after ./mvnw -q -o -pl app -am package -DskipTests):
 *
 *   java -XX:+UseParallelGC -Xmx3g -cp app/target/watchkeeper.jar bench/analyze/AnalysisCost.java /tmp/wk-analyze-bench-20.nmea [RUNS]
 */
public class AnalysisCost {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<ReceivedMessage> messages = new ArrayList<>();
        AisStreamDecoder decoder = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                messages.add(m);
            }

            @Override
            public void rejected(Rejection r) {
            }
        });
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            decoder.consume(in);
        }
        decoder.finish();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int r = 0; r < runs; r++) {
            long[] segments = new long[1];
            Analysis analysis = new Analysis(TrackerConfig.defaults(), List.of(new AnalysisListener() {
                @Override
                public void segmentClosed(Segment s) {
                    segments[0] += s.size();
                }
            }));
            NmeaInput input = new NmeaInput(analysis, NmeaInput.Untimed.CARRY, Long.MIN_VALUE);
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0, n = messages.size(); i < n; i++) {
                input.message(messages.get(i));
            }
            input.finish();
            analysis.finish();
            long c = mx.getCurrentThreadCpuTime() - c0;
            best = Math.min(best, c);
            System.out.printf("run %d: %.3f s CPU, %.0f ns/message, %d accepted, %d fixes in segments%n", r, c / 1e9,
                    (double) c / messages.size(), analysis.acceptedPositions(), segments[0]);
        }
        System.out.printf("%d messages; best %.3f s CPU = %.0f ns/message%n", messages.size(), best / 1e9,
                (double) best / messages.size());
    }
}
