package org.watchkeeper.flink;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * Small detectors written for the host tests, exercising what real detectors use: timers that are
 * registered, deleted and fired, state cleared, and spatial keys with fan-out to several cells.
 */
final class TestDetectors {
    private TestDetectors() {
    }

    /**
     * Per MMSI: no position for {@code silenceMillis} → a GAP event from the last fix to the moment
     * the silence reached the threshold. Each fix moves the timer (delete + register); the timer
     * clears the state.
     */
    static final class Silence implements Detector<Silence.State> {
        final long silenceMillis;

        static final class State implements Serializable {
            private static final long serialVersionUID = 1L;
            PositionObservation last;
            int fixes;
        }

        Silence(long silenceMillis) {
            this.silenceMillis = silenceMillis;
        }

        @Override
        public String name() {
            return "silence";
        }

        @Override
        public State createState() {
            return new State();
        }

        @Override
        public void onObservation(Observation o, State s, DetectorContext ctx) {
            if (!(o instanceof PositionObservation p)) {
                return;
            }
            if (s.last != null) {
                ctx.deleteTimer(s.last.time() + silenceMillis);
            }
            s.last = p;
            s.fixes++;
            ctx.registerTimer(p.time() + silenceMillis);
        }

        @Override
        public void onTimer(long timestamp, State s, DetectorContext ctx) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("silenceMillis", silenceMillis);
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("fixesBefore", s.fixes);
            attrs.put("watermarkAtLeastTimer", ctx.watermark() >= timestamp);
            ctx.emit(Event.of(EventKind.GAP, s.last.time(), timestamp, List.of((int) ctx.key()), s.last.latitude(),
                    s.last.longitude(), null, params, attrs, List.of(s.last)));
            ctx.clearState();
        }
    }

    /**
     * Spatial: each position is routed to its grid cell and the 8 neighbours; a cell reports the
     * first fix of each vessel it sees (ZONE_ENTRY, attributes: cell, own or neighbour), and closes
     * an hourly summary with a timer (LOITERING-kind test event listing the vessels of the hour).
     */
    static final class Cells implements Detector<Cells.State> {
        static final double CELL_DEG = 0.05;

        static final class State implements Serializable {
            private static final long serialVersionUID = 1L;
            final TreeSet<Integer> seen = new TreeSet<>();
            final TreeSet<Integer> hour = new TreeSet<>();
            long hourStart = Long.MIN_VALUE;
            final List<PositionObservation> evidence = new ArrayList<>();
        }

        @Override
        public String name() {
            return "cells";
        }

        @Override
        public State createState() {
            return new State();
        }

        static long cell(double lat, double lon) {
            long r = (long) Math.floor((lat + 90) / CELL_DEG);
            long c = (long) Math.floor((lon + 180) / CELL_DEG);
            return r * 100_000 + c;
        }

        @Override
        public void keys(Observation o, LongConsumer out) {
            if (o instanceof PositionObservation p && p.hasPosition()) {
                long own = cell(p.latitude(), p.longitude());
                for (long dr = -1; dr <= 1; dr++) {
                    for (long dc = -1; dc <= 1; dc++) {
                        out.accept(own + dr * 100_000 + dc);
                    }
                }
            }
        }

        @Override
        public void onObservation(Observation o, State s, DetectorContext ctx) {
            PositionObservation p = (PositionObservation) o;
            boolean own = cell(p.latitude(), p.longitude()) == ctx.key();
            if (s.seen.add(p.mmsi()) && s.seen.size() <= 64) {
                ctx.emit(Event.of(EventKind.ZONE_ENTRY, p.time(), p.time(), List.of(p.mmsi()), p.latitude(), p.longitude(),
                        null, Map.of("cellDeg", CELL_DEG), Map.of("cell", ctx.key(), "own", own), List.of(p)));
            }
            long hourStart = Math.floorDiv(p.time(), 3_600_000L) * 3_600_000L;
            if (hourStart != s.hourStart) {
                s.hourStart = hourStart;
                ctx.registerTimer(hourStart + 3_600_000L - 1);
            }
            s.hour.add(p.mmsi());
            if (s.evidence.size() < 3) {
                s.evidence.add(p);
            }
        }

        @Override
        public void onTimer(long timestamp, State s, DetectorContext ctx) {
            if (s.hour.isEmpty()) {
                return;
            }
            List<Integer> vessels = new ArrayList<>(s.hour);
            PositionObservation first = s.evidence.get(0);
            ctx.emit(Event.of(EventKind.LOITERING, timestamp - 3_600_000L + 1, timestamp, vessels.subList(0, Math.min(2, vessels.size())),
                    first.latitude(), first.longitude(), null, Map.of(), Map.of("cell", ctx.key(), "vessels", s.hour.size()),
                    s.evidence));
            s.hour.clear();
            s.evidence.clear();
        }
    }
}
