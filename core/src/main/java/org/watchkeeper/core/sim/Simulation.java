package org.watchkeeper.core.sim;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.CommunicationState;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.ais.StandardClassBPositionReport;
import org.watchkeeper.ais.StaticAndVoyageData;
import org.watchkeeper.ais.StaticDataReportPartA;
import org.watchkeeper.ais.StaticDataReportPartB;
import org.watchkeeper.ais.nmea.NmeaEncoder;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.geo.Geodesy;

/**
 * Deterministic AIS traffic of the Indo-Pacific ({@link IndoPacific}): merchant ships on the lanes
 * between real ports, Class B fishing boats on their grounds, and planted behaviours for the
 * detectors (see {@link #plantedEvents()}), as the NMEA 0183 lines a receiver network would log.
 *
 * <p>Each vessel transmits on its own schedule at the intervals of {@link ReportingIntervals}:
 * Class A message 1 (position, SOTDMA) and message 5 (static and voyage data, two sentences);
 * Class B "CS" message 18 and message 24 parts A and B. Messages are encoded with the project's
 * encoder ({@code AisMessage.encode}) and framed by {@link NmeaEncoder} with a tag block carrying
 * the receiving station ({@code s:}, see {@link IndoPacific#STATIONS}: the nearest terrestrial
 * receiver within range, else a satellite) and the time in whole seconds ({@code c:}); channels A
 * and B alternate. Reported speed, course and heading carry small sensor noise.
 *
 * <p>Determinism: the same {@link SimulationOptions} give the same transmissions and lines in the
 * same order, on any JVM ({@link Random} is specified). Each vessel draws from its own generator
 * seeded from the seed and its index; receive noise from another; so turning noise on does not
 * move a ship. Transmissions come in time order (ties: by vessel, then message kind).
 *
 * <p>Use as an iterator ({@link #hasNext()}, {@link #next()}) to pace a live feed, or
 * {@link #writeTo(Writer)} for a file. Not thread safe.
 */
public final class Simulation {
    /** Planted behaviours (offsets from the start, seconds). */
    static final long HOUR = 3600;

    /** One transmission and the lines it produced (none when lost to noise). */
    public record Transmission(long timeMillis, SimVessel vessel, AisMessage message, List<String> lines) {
    }

    /** Counts of what was produced so far. */
    public static final class Counts {
        private final long[] byType = new long[28];
        private long lines;
        private long dropped;
        private long duplicated;
        private long corrupted;

        /** Transmissions of message type {@code type} (1..27), including those lost to noise. */
        public long messages(int type) {
            return byType[type];
        }

        /** All transmissions. */
        public long messages() {
            long s = 0;
            for (long v : byType) {
                s += v;
            }
            return s;
        }

        /** Lines written. */
        public long lines() {
            return lines;
        }

        /** Transmissions no station received. */
        public long dropped() {
            return dropped;
        }

        /** Transmissions written twice. */
        public long duplicated() {
            return duplicated;
        }

        /** Transmissions with a damaged sentence. */
        public long corrupted() {
            return corrupted;
        }
    }

    private record Pending(long t, int vessel, int kind) {
    }

    private static final int POSITION = 0;
    private static final int STATIC = 1;
    private static final int STATIC_B = 2;
    private static final Comparator<Pending> ORDER =
            Comparator.comparingLong(Pending::t).thenComparingInt(Pending::vessel).thenComparingInt(Pending::kind);
    /** Selector 1 and the fixed state a Class B "CS" unit sends (ITU-R M.1371-5 Table 49). */
    private static final int CLASS_B_CS_STATE = CommunicationState.selected(new CommunicationState.Itdma(3, 0, 3, false));

    private final SimulationOptions options;
    private final long startS;
    private final long endS;
    private final List<SimVessel> vessels = new ArrayList<>();
    private final List<Random> motionRandom = new ArrayList<>();
    private final List<PlantedEvent> planted = new ArrayList<>();
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(ORDER);
    private final Random noiseRandom;
    private final NmeaEncoder encoder = new NmeaEncoder();
    private final Counts counts = new Counts();
    private int[] reportCount;
    private Transmission ahead;

    /** Builds the vessels and their timetables; nothing is transmitted until {@link #next()}. */
    public Simulation(SimulationOptions options) {
        this.options = options;
        this.startS = options.start().getEpochSecond();
        this.endS = startS + options.duration().getSeconds();
        this.noiseRandom = new Random(mix(options.seed(), 0x6e6f697365L));
        Identities ids = new Identities(new Random(mix(options.seed(), 1)));
        for (int i = 0; i < options.vessels(); i++) {
            Random r = new Random(mix(options.seed(), 1000 + i));
            vessels.add(backgroundVessel(ids, r, i));
            motionRandom.add(r);
        }
        if (options.plantEvents()) {
            plant(ids);
        }
        reportCount = new int[vessels.size()];
        for (int i = 0; i < vessels.size(); i++) {
            Random r = motionRandom.get(i);
            SimVessel v = vessels.get(i);
            SimVessel.State s = v.stateAt(startS);
            int first = interval(v, s.sog(), s.navigationStatus());
            queue.add(new Pending(startS + r.nextInt(first), i, POSITION));
            long st = startS + r.nextInt(ReportingIntervals.STATIC_SECONDS);
            queue.add(new Pending(st, i, STATIC));
            if (v.identity().classB()) {
                queue.add(new Pending(st + 1 + r.nextInt(59), i, STATIC_B));
            }
        }
    }

    private static long mix(long seed, long k) {
        long z = seed * 0x9E3779B97F4A7C15L + k * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The options this simulation was built from. */
    public SimulationOptions options() {
        return options;
    }

    /** All vessels: the background ones first, then the planted ones. */
    public List<SimVessel> vessels() {
        return List.copyOf(vessels);
    }

    /**
     * Ground truth of the planted behaviours that complete within the simulated time (an event
     * whose end falls after the end of the run is left out), in order of start.
     */
    public List<PlantedEvent> plantedEvents() {
        return planted.stream().filter(e -> e.end().getEpochSecond() <= endS)
                .sorted(Comparator.comparing(PlantedEvent::start)).toList();
    }

    /** What has been produced so far. */
    public Counts counts() {
        return counts;
    }

    // ------------------------------------------------------------------ vessels

    /**
     * Traffic vessel {@code index}: a fishing boat on a fishing ground, or a merchant ship on a lane
     * between two ports, lying at anchor at its own berth of each port's anchorage ({@link Port#berth},
     * berth {@code index}) while it waits, its lane running on from the anchorage to that berth.
     */
    private SimVessel backgroundVessel(Identities ids, Random r, int index) {
        if (r.nextInt(100) < 15) {
            IndoPacific.FishingGround g = IndoPacific.FISHING_GROUNDS.get(r.nextInt(IndoPacific.FISHING_GROUNDS.size()));
            VesselIdentity id = ids.fishingBoat(g.mid());
            double speed = 3 + r.nextInt(26) / 10.0;
            List<SimVessel.Leg> legs = new ArrayList<>();
            double from = r.nextDouble() * g.loop().length();
            long t = startS;
            while (t < endS) {
                long dur = (long) Math.ceil((g.loop().length() - from) / (speed * 1852.0 / 3600.0));
                legs.add(new SimVessel.Sail(g.loop(), from, speed, t, t + dur, 7, ""));
                t += dur;
                from = 0;
            }
            return new SimVessel(id, "fishing " + g.name(), legs, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        int pick = r.nextInt(100);
        int type;
        double speed;
        if (pick < 30) {
            type = 71;
            speed = 15.5 + r.nextInt(60) / 10.0;
        } else if (pick < 60) {
            type = 70;
            speed = 10 + r.nextInt(33) / 10.0;
        } else if (pick < 85) {
            type = 80;
            speed = 10.5 + r.nextInt(28) / 10.0;
        } else if (pick < 93) {
            type = 84;
            speed = 15 + r.nextInt(40) / 10.0;
        } else {
            type = 60;
            speed = 15 + r.nextInt(50) / 10.0;
        }
        VesselIdentity id = ids.merchant(ids.merchantFlag(), type);
        Lane lane = IndoPacific.LANES.get(r.nextInt(IndoPacific.LANES.size()));
        boolean forward = r.nextBoolean();
        List<LatLon> berthed = new ArrayList<>();
        berthed.add(lane.from().berth(index));
        berthed.addAll(lane.path().waypoints());
        berthed.add(lane.to().berth(index));
        SeaPath laneToBerths = new SeaPath(berthed);
        SeaPath path = forward ? laneToBerths : laneToBerths.reversed();
        Port to = forward ? lane.to() : lane.from();
        Port from = forward ? lane.from() : lane.to();
        List<SimVessel.Leg> legs = new ArrayList<>();
        long t = startS;
        double fromM = r.nextDouble() * path.length();
        if (r.nextInt(100) < 15) {
            long wait = 600 + r.nextInt(8 * 3600);
            legs.add(new SimVessel.Hold(from.berth(index), r.nextInt(360), t, t + wait, 1, to.locode()));
            t += wait;
            fromM = 0;
        }
        while (t < endS) {
            SimVessel.Sail sail = SimVessel.Sail.arriving(path, fromM, speed, 0, t, 0, to.locode());
            legs.add(sail);
            t = sail.end();
            long dwell = 4 * 3600 + r.nextInt(8 * 3600);
            Port next = from;
            legs.add(new SimVessel.Hold(to.berth(index), r.nextInt(360), t, t + dwell, 1, next.locode()));
            t += dwell;
            path = path.reversed();
            from = to;
            to = next;
            fromM = 0;
        }
        return new SimVessel(id, "lane " + lane.name(), legs, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * Sailing along {@code path} at {@code speed} from {@code start} until {@code end}; when the path
     * runs out before {@code end}, the ship slows down as it reaches the path's end (see
     * {@link SimVessel.Sail#arriving}) and lies at anchor there for the rest of the time, instead of
     * stopping dead.
     */
    private static List<SimVessel.Leg> toTheEnd(SeaPath path, double fromM, double speed, long start, long end,
                                                String destination) {
        SimVessel.Sail arriving = SimVessel.Sail.arriving(path, fromM, speed, 0, start, 0, destination);
        if (arriving.end() >= end) {
            return List.of(arriving);
        }
        double[] last = path.at(path.length());
        return List.of(arriving, new SimVessel.Hold(new LatLon(last[0], last[1]), Math.round(last[2]), arriving.end(), end, 1,
                destination));
    }

    /**
     * How far short of an anchorage a planted ship that sails there anchors: 6 km, beyond the corner berths
     * of the grid ({@link Port#berth}, within 4.5 km of the centre), whose every spot lies within 500 m of a
     * berth, so that a ship waiting at a berth and the planted one are not an encounter nobody planted.
     */
    static final double CLEAR_OF_BERTHS_M = 6_000;

    /** {@code path} ending {@code shortM} metres before its last waypoint, on its way there. */
    static SeaPath shortOf(SeaPath path, double shortM) {
        double keep = path.length() - shortM;
        // the waypoints before the new end, then the new end on the leg it falls in
        List<LatLon> pts = new ArrayList<>();
        for (LatLon w : path.waypoints()) {
            pts.add(w);
            if (pts.size() >= 2 && new SeaPath(pts).length() >= keep) {
                pts.remove(pts.size() - 1);
                break;
            }
        }
        double[] end = path.at(keep);
        pts.add(new LatLon(end[0], end[1]));
        return new SeaPath(pts);
    }

    private static final long ALWAYS_FROM = Long.MIN_VALUE;
    private static final long NEVER = Long.MAX_VALUE;

    private void add(SimVessel v) {
        vessels.add(v);
        motionRandom.add(new Random(mix(options.seed(), 500_000 + vessels.size())));
    }

    private static LatLon at(LatLon p, double bearing, double metres) {
        double[] d = Geodesy.destination(p.lat(), p.lon(), bearing, metres);
        return new LatLon(d[0], d[1]);
    }

    private static final double NM = 1852.0;

    private Instant inst(long s) {
        return Instant.ofEpochSecond(s);
    }

    /** Adds the planted vessels and records the ground truth. Positions and times are fixed; identities follow the seed. */
    private void plant(Identities ids) {
        long t0 = startS;
        long end = Math.max(endS, t0 + 30 * HOUR);

        // 1. Rendezvous in the South China Sea, 4.20°N 105.30°E (about 110 nm off the Malaysian coast):
        //    two ships arrive at t0+1h, drift side by side 150 m apart at 0.6 kn for 3 h, then part.
        LatLon meet = new LatLon(4.20, 105.30);
        LatLon meet2 = at(meet, 135, 150);
        VesselIdentity r1 = ids.merchant(Identities.flag("PA"), 80);
        VesselIdentity r2 = ids.merchant(Identities.flag("ID"), 30);
        double drift = 0.6 * 3 * NM;
        LatLon d1 = at(meet, 45, drift);
        LatLon d2 = at(meet2, 45, drift);
        add(new SimVessel(r1, "planted: rendezvous", List.of(
                SimVessel.Sail.arriving(new SeaPath(List.of(at(meet, 225, SimVessel.Sail.arrivingDistance(11, 0.6, HOUR)), meet)), 0,
                        11, 0.6, t0, 0, ""),
                new SimVessel.Sail(new SeaPath(List.of(meet, d1)), 0, 0.6, t0 + HOUR, t0 + 4 * HOUR, 0, ""),
                new SimVessel.Sail(new SeaPath(List.of(d1, at(d1, 340, 11 * NM * (end - t0) / HOUR))), 0, 11, t0 + 4 * HOUR, end, 0, "")),
                ALWAYS_FROM, NEVER, NEVER, NEVER));
        add(new SimVessel(r2, "planted: rendezvous", List.of(
                SimVessel.Sail.arriving(new SeaPath(List.of(at(meet2, 90, SimVessel.Sail.arrivingDistance(10, 0.6, HOUR)), meet2)), 0,
                        10, 0.6, t0, 0, ""),
                new SimVessel.Sail(new SeaPath(List.of(meet2, d2)), 0, 0.6, t0 + HOUR, t0 + 4 * HOUR, 0, ""),
                new SimVessel.Sail(new SeaPath(List.of(d2, at(d2, 60, 10 * NM * (end - t0) / HOUR))), 0, 10, t0 + 4 * HOUR, end, 0, "")),
                ALWAYS_FROM, NEVER, NEVER, NEVER));
        planted.add(new PlantedEvent(EventKind.ENCOUNTER, List.of(r1.mmsi(), r2.mmsi()), inst(t0 + HOUR), inst(t0 + 4 * HOUR),
                meet, null, "rendezvous: " + r1.name() + " and " + r2.name() + " drift 150 m apart at 0.6 kn for 3 h, far from port"));

        // 2. Going dark in the Bay of Bengal: a bulk carrier northbound at 12 kn along 90°E stops
        //    transmitting at t0+2h (about 9°N, 200 nm from the nearest coast) for 14 h.
        VesselIdentity dark = ids.merchant(Identities.flag("LR"), 70);
        SeaPath darkPath = SeaPath.of(8.0, 90.0, 16.0, 89.6);
        add(new SimVessel(dark, "planted: goes dark", toTheEnd(darkPath, 0, 12, t0, end, "INHAL"),
                ALWAYS_FROM, NEVER, t0 + 2 * HOUR, t0 + 16 * HOUR));
        double[] darkAt = darkPath.at(12 * NM * 2);
        planted.add(new PlantedEvent(EventKind.GAP, List.of(dark.mmsi()), inst(t0 + 2 * HOUR), inst(t0 + 16 * HOUR),
                new LatLon(darkAt[0], darkAt[1]), null, dark.name() + " switches its AIS off for 14 h in the open Bay of Bengal"));

        // 3. Identity conflict: a container ship in the Malacca Strait, and from t0+1h to t0+7h a
        //    second ship off Luzon (about 2 300 km away) that transmits the same MMSI.
        VesselIdentity victim = ids.merchant(Identities.flag("SG"), 71);
        Lane klang = IndoPacific.LANES.get(0);
        add(new SimVessel(victim, "planted: identity conflict (genuine)",
                toTheEnd(shortOf(klang.path(), CLEAR_OF_BERTHS_M), 0.2 * klang.path().length(), 16, t0, end, klang.to().locode()),
                ALWAYS_FROM, NEVER, NEVER, NEVER));
        VesselIdentity own = ids.merchant(Identities.flag("PH"), 70);
        VesselIdentity impostor = new VesselIdentity(victim.mmsi(), own.imo(), own.name(), own.callSign(), own.shipType(),
                own.toBow(), own.toStern(), own.toPort(), own.toStarboard(), own.draught(), false);
        SeaPath impostorPath = SeaPath.of(14.0, 119.6, 12.0, 116.5);
        add(new SimVessel(impostor, "planted: identity conflict (impostor)", 
                toTheEnd(impostorPath, 0, 11, t0, end, ""),
                t0 + HOUR, t0 + 7 * HOUR, NEVER, NEVER));
        double[] impAt = impostorPath.at(11 * NM);
        planted.add(new PlantedEvent(EventKind.IDENTITY_CONFLICT, List.of(victim.mmsi()), inst(t0 + HOUR), inst(t0 + 7 * HOUR),
                new LatLon(impAt[0], impAt[1]), null,
                impostor.name() + " off Luzon transmits the MMSI of " + victim.name() + " in the Malacca Strait for 6 h"));

        // 4. Zone entry: a tanker crosses the Andaman Sea Demo Zone north-eastbound at 12 kn.
        VesselIdentity zoner = ids.merchant(Identities.flag("MY"), 80);
        SeaPath zonePath = SeaPath.of(8.2, 96.0, 10.4, 97.6);
        add(new SimVessel(zoner, "planted: zone entry", toTheEnd(zonePath, 0, 12, t0, end, ""),
                ALWAYS_FROM, NEVER, NEVER, NEVER));
        long entry = -1;
        long exit = -1;
        double mps = 12 * NM / 3600;
        for (long s = 0; s * mps <= zonePath.length(); s++) {
            double[] p = zonePath.at(s * mps);
            boolean in = IndoPacific.DEMO_ZONE.contains(p[0], p[1]);
            if (in && entry < 0) {
                entry = s;
            } else if (!in && entry >= 0 && exit < 0) {
                exit = s;
            }
        }
        double[] entryAt = zonePath.at(entry * mps);
        planted.add(new PlantedEvent(EventKind.ZONE_ENTRY, List.of(zoner.mmsi()), inst(t0 + entry), inst(t0 + exit),
                new LatLon(entryAt[0], entryAt[1]), IndoPacific.DEMO_ZONE.name(),
                zoner.name() + " enters " + IndoPacific.DEMO_ZONE.name()));

        // 5. Loitering: a tanker arrives at 12.00°N 86.50°E (Bay of Bengal, about 230 nm off India)
        //    at t0+1h, circles a 0.8 nm square at 1.2 kn for 8 h, then heads north.
        VesselIdentity loiterer = ids.merchant(Identities.flag("MH"), 80);
        LatLon c = new LatLon(12.0, 86.5);
        LatLon c1 = at(c, 90, 0.8 * NM);
        LatLon c2 = at(c1, 0, 0.8 * NM);
        LatLon c3 = at(c, 0, 0.8 * NM);
        SeaPath square = new SeaPath(List.of(c, c1, c2, c3, c));
        List<SimVessel.Leg> legs = new ArrayList<>();
        legs.add(SimVessel.Sail.arriving(new SeaPath(List.of(at(c, 180, SimVessel.Sail.arrivingDistance(11, 1.2, HOUR)), c)), 0,
                11, 1.2, t0, 0, ""));
        long t = t0 + HOUR;
        long loopS = (long) Math.ceil(square.length() / (1.2 * NM / 3600));
        while (t < t0 + 9 * HOUR) {
            long stop = Math.min(t + loopS, t0 + 9 * HOUR);
            legs.add(new SimVessel.Sail(square, 0, 1.2, t, stop, 0, ""));
            t = stop;
        }
        double[] lastAt = ((SimVessel.Sail) legs.get(legs.size() - 1)).path().at(1.2 * NM / 3600 * (t - legs.get(legs.size() - 1).start()));
        LatLon last = new LatLon(lastAt[0], lastAt[1]);
        legs.add(new SimVessel.Sail(new SeaPath(List.of(last, at(last, 0, 11 * NM * (end - t) / HOUR))), 0, 11, t, end, 0, ""));
        add(new SimVessel(loiterer, "planted: loitering", legs, ALWAYS_FROM, NEVER, NEVER, NEVER));
        planted.add(new PlantedEvent(EventKind.LOITERING, List.of(loiterer.mmsi()), inst(t0 + HOUR), inst(t0 + 9 * HOUR), c, null,
                loiterer.name() + " loiters at 1.2 kn for 8 h, far from shore"));
    }

    // ------------------------------------------------------------------ transmission

    private static int interval(SimVessel v, double sog, int status) {
        return v.identity().classB() ? ReportingIntervals.classBSeconds(sog) : ReportingIntervals.classASeconds(sog, status);
    }

    /** Whether another transmission follows. */
    public boolean hasNext() {
        if (ahead == null) {
            ahead = produce();
        }
        return ahead != null;
    }

    /**
     * The next transmission in time order.
     *
     * @throws NoSuchElementException at the end of the simulated time
     */
    public Transmission next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Transmission t = ahead;
        ahead = null;
        return t;
    }

    /**
     * Writes all remaining lines, each ended by CR LF (NMEA 0183).
     *
     * @return the number of lines written
     */
    public long writeTo(Writer out) throws IOException {
        long n = 0;
        while (hasNext()) {
            for (String line : next().lines()) {
                out.write(line);
                out.write("\r\n");
                n++;
            }
        }
        return n;
    }

    private Transmission produce() {
        while (!queue.isEmpty()) {
            Pending p = queue.poll();
            if (p.t() >= endS) {
                queue.clear();
                return null;
            }
            SimVessel v = vessels.get(p.vessel());
            Random r = motionRandom.get(p.vessel());
            SimVessel.State s = v.stateAt(p.t());
            AisMessage m;
            if (p.kind() == POSITION) {
                m = position(v, s, p.t(), r, reportCount[p.vessel()]++);
                int iv = interval(v, s.sog(), s.navigationStatus());
                long next = p.t() + iv;
                long change = v.legEndAfter(p.t());
                if (change > p.t() && change < next && iv > interval(v, v.stateAt(change).sog(), v.stateAt(change).navigationStatus())) {
                    next = change; // a unit raises its rate as soon as it starts moving
                }
                queue.add(new Pending(next, p.vessel(), POSITION));
            } else if (p.kind() == STATIC) {
                m = v.identity().classB() ? new StaticDataReportPartA(24, 0, v.identity().mmsi(), v.identity().name())
                        : voyage(v, s);
                queue.add(new Pending(p.t() + ReportingIntervals.STATIC_SECONDS, p.vessel(), STATIC));
            } else {
                VesselIdentity id = v.identity();
                m = new StaticDataReportPartB(24, 0, id.mmsi(), id.shipType(), "SRT", 2, id.mmsi() % 1_000_000, id.callSign(),
                        id.toBow(), id.toStern(), id.toPort(), id.toStarboard(), AisMessage.NOT_AVAILABLE, 1, 0);
                queue.add(new Pending(p.t() + ReportingIntervals.STATIC_SECONDS, p.vessel(), STATIC_B));
            }
            if (!v.transmitting(p.t())) {
                continue;
            }
            counts.byType[m.messageType()]++;
            return new Transmission(p.t() * 1000, v, m, frame(v, s, m, p.t(), reportCount[p.vessel()]));
        }
        return null;
    }

    private AisMessage position(SimVessel v, SimVessel.State s, long t, Random r, int n) {
        double sog = s.sog() == 0 ? 0 : Math.max(0, Math.round((s.sog() + r.nextGaussian() * 0.1) * 10) / 10.0);
        double cog = Math.round(Geodesy.normalizeBearing(s.cog() + r.nextGaussian() * (s.sog() < 3 ? 8 : 1)) * 10) / 10.0;
        if (cog >= 360) {
            cog = 0;
        }
        int heading = (int) Math.round(Geodesy.normalizeBearing(s.cog() + r.nextGaussian() * 1.5)) % 360;
        int sec = (int) Math.floorMod(t, 60);
        if (v.identity().classB()) {
            return new StandardClassBPositionReport(18, 0, v.identity().mmsi(), 0, sog, false, round6(s.lon()), round6(s.lat()),
                    cog, AisMessage.NOT_AVAILABLE, sec, 0, true, false, true, true, true, false, false, CLASS_B_CS_STATE);
        }
        int timeout = 7 - (n % 8);
        int sub = switch (timeout) {
            case 0 -> 2250;
            case 1 -> {
                ZonedDateTime z = Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC);
                yield (z.getHour() << 9) | (z.getMinute() << 2);
            }
            case 2, 4, 6 -> (int) (sec * 2250L / 60);
            default -> 5 + (int) Math.floorMod(v.identity().mmsi(), 20);
        };
        return new PositionReport(1, 0, v.identity().mmsi(), s.navigationStatus(), 0, sog, false,
                round6(s.lon()), round6(s.lat()), cog, heading, sec, 0, 0, false,
                new CommunicationState.Sotdma(0, timeout, sub).raw());
    }

    /** Positions rounded to the 1/10 000 minute AIS carries, so decoded values equal these. */
    private static double round6(double deg) {
        return Math.round(deg * 600_000) / 600_000.0;
    }

    private StaticAndVoyageData voyage(SimVessel v, SimVessel.State s) {
        VesselIdentity id = v.identity();
        String dest = s.leg().destination();
        int month = AisMessage.NOT_AVAILABLE;
        int day = AisMessage.NOT_AVAILABLE;
        int hour = AisMessage.NOT_AVAILABLE;
        int minute = AisMessage.NOT_AVAILABLE;
        if (!dest.isEmpty() && s.leg() instanceof SimVessel.Sail sail) {
            ZonedDateTime eta = Instant.ofEpochSecond(sail.end()).atZone(ZoneOffset.UTC);
            month = eta.getMonthValue();
            day = eta.getDayOfMonth();
            hour = eta.getHour();
            minute = eta.getMinute();
        }
        return new StaticAndVoyageData(5, 0, id.mmsi(), 2, id.imo() == 0 ? AisMessage.NOT_AVAILABLE : id.imo(), id.callSign(),
                id.name(), id.shipType(), id.toBow(), id.toStern(), id.toPort(), id.toStarboard(), 1, month, day, hour,
                minute, id.draught(), dest, 0, 0);
    }

    private List<String> frame(SimVessel v, SimVessel.State s, AisMessage m, long t, int n) {
        char channel = ((n + v.identity().mmsi()) & 1) == 0 ? 'A' : 'B';
        List<ReceivingStation> heard = stations(s.lat(), s.lon());
        SimulationOptions.Noise noise = options.noise();
        if (noise.any()) {
            double drop = noiseRandom.nextDouble();
            double dup = noiseRandom.nextDouble();
            double bad = noiseRandom.nextDouble();
            int which = noiseRandom.nextInt(1 << 16);
            if (drop < noise.drop()) {
                counts.dropped++;
                return List.of();
            }
            List<String> lines = new ArrayList<>(encoder.encode(m, channel, new NmeaEncoder.Tag(heard.get(0).id(), t * 1000)));
            if (dup < noise.duplicate()) {
                counts.duplicated++;
                lines.addAll(encoder.encode(m, channel, new NmeaEncoder.Tag(heard.get(1).id(), t * 1000)));
            }
            if (bad < noise.corrupt()) {
                counts.corrupted++;
                int i = which % lines.size();
                lines.set(i, corrupt(lines.get(i), which));
            }
            counts.lines += lines.size();
            return lines;
        }
        List<String> lines = encoder.encode(m, channel, new NmeaEncoder.Tag(heard.get(0).id(), t * 1000));
        counts.lines += lines.size();
        return lines;
    }

    /** Damages one payload character so that the sentence checksum no longer matches. */
    private static String corrupt(String line, int which) {
        int bang = line.indexOf('!');
        int comma = bang;
        for (int k = 0; k < 5; k++) {
            comma = line.indexOf(',', comma + 1);
        }
        int payloadEnd = line.indexOf(',', comma + 1);
        int len = payloadEnd - comma - 1;
        int at = comma + 1 + (which >>> 4) % len;
        char c = line.charAt(at);
        char replacement = c == '0' ? 'w' : '0';
        return line.substring(0, at) + replacement + line.substring(at + 1);
    }

    /** Terrestrial stations in range, nearest first, then the satellites. */
    private static List<ReceivingStation> stations(double lat, double lon) {
        List<ReceivingStation> in = new ArrayList<>();
        List<Double> dist = new ArrayList<>();
        List<ReceivingStation> sats = new ArrayList<>();
        for (ReceivingStation st : IndoPacific.STATIONS) {
            if (st.satellite()) {
                sats.add(st);
                continue;
            }
            double d = Geodesy.distance(lat, lon, st.position().lat(), st.position().lon());
            if (d <= st.rangeM()) {
                int k = 0;
                while (k < dist.size() && dist.get(k) <= d) {
                    k++;
                }
                in.add(k, st);
                dist.add(k, d);
            }
        }
        in.addAll(sats);
        return in;
    }
}
