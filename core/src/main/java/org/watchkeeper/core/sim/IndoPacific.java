package org.watchkeeper.core.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The geography of the simulated Indo-Pacific traffic: ports, lanes between them, fishing grounds,
 * receiving stations and the demo zone.
 *
 * <p>Port positions are those of the UN/LOCODE code list (UNECE), rounded to the minute. Lane
 * waypoints follow the routes of through traffic: the traffic separation schemes of the Singapore
 * Strait (south of Singapore, past Horsburgh Lighthouse) and of the Malacca Strait (off Tanjung
 * Piai, One Fathom Bank off Port Klang), out into the Andaman Sea north of Sumatra and through the
 * Great Channel (between Sumatra and Great Nicobar), south of Dondra Head (Sri Lanka), across the
 * Bay of Bengal to the Hooghly mouth off Sagar Island (Kolkata and Haldia) and Chittagong, and
 * up the open South China Sea west of the Spratly and east of the Paracel Islands. Every lane is
 * checked against the Natural Earth land mask ({@code SimulatorLanesTest}: no point sampled every
 * kilometre lies inside land). Port anchorages are in open water off each port; lanes end there
 * rather than at the berth, which lies up a river or inside a harbour narrower than the land mask
 * resolves.
 */
public final class IndoPacific {
    private IndoPacific() {
    }

    private static LatLon p(double lat, double lon) {
        return new LatLon(lat, lon);
    }

    /** Singapore (SGSIN) 1°17'N 103°51'E; Eastern anchorage area south of the city. */
    public static final Port SINGAPORE = new Port("SGSIN", "Singapore", p(1.2833, 103.85), p(1.21, 103.86));
    /** Port Klang (MYPKG) 3°00'N 101°24'E; off the Klang north channel. */
    public static final Port PORT_KLANG = new Port("MYPKG", "Port Klang", p(3.0, 101.4), p(2.95, 101.20));
    /** Tanjung Pelepas (MYTPP) 1°22'N 103°33'E; approach channel off the Pulai estuary. */
    public static final Port TANJUNG_PELEPAS = new Port("MYTPP", "Tanjung Pelepas", p(1.3667, 103.55), p(1.27, 103.57));
    /** Jakarta, Tanjung Priok (IDTPP) 6°06'S 106°53'E; Jakarta roads. */
    public static final Port JAKARTA = new Port("IDTPP", "Jakarta (Tanjung Priok)", p(-6.1, 106.8833), p(-5.90, 106.90));
    /** Colombo (LKCMB) 6°56'N 79°51'E; outer anchorage west of the harbour. */
    public static final Port COLOMBO = new Port("LKCMB", "Colombo", p(6.9333, 79.85), p(6.95, 79.78));
    /** Chennai (INMAA) 13°05'N 80°17'E; outer anchorage. */
    public static final Port CHENNAI = new Port("INMAA", "Chennai", p(13.0833, 80.2833), p(13.05, 80.40));
    /** Haldia (INHAL) 22°02'N 88°06'E, port of Kolkata; off Sagar Island at the Hooghly mouth, within 20 nm of the shore. */
    public static final Port HALDIA = new Port("INHAL", "Haldia (Kolkata)", p(22.0333, 88.1), p(21.45, 88.1));
    /** Chittagong (BDCGP) 22°20'N 91°49'E; outer anchorage off the Karnaphuli mouth. */
    public static final Port CHITTAGONG = new Port("BDCGP", "Chittagong", p(22.3333, 91.8167), p(22.05, 91.72));
    /** Ho Chi Minh City (VNSGN) 10°46'N 106°42'E; anchorage off Vung Tau. */
    public static final Port HO_CHI_MINH_CITY = new Port("VNSGN", "Ho Chi Minh City", p(10.7667, 106.7), p(10.20, 107.20));
    /** Manila (PHMNL) 14°35'N 120°58'E; Manila Bay anchorage. */
    public static final Port MANILA = new Port("PHMNL", "Manila", p(14.5833, 120.9667), p(14.55, 120.88));
    /** Hong Kong (HKHKG) 22°17'N 114°10'E; off the West Lamma Channel. */
    public static final Port HONG_KONG = new Port("HKHKG", "Hong Kong", p(22.2833, 114.1667), p(22.135, 114.10));
    /** Kaohsiung (TWKHH) 22°37'N 120°16'E; outer anchorage. */
    public static final Port KAOHSIUNG = new Port("TWKHH", "Kaohsiung", p(22.6167, 120.2667), p(22.55, 120.20));

    /** All ports. */
    public static final List<Port> PORTS = List.of(SINGAPORE, PORT_KLANG, TANJUNG_PELEPAS, JAKARTA, COLOMBO, CHENNAI,
            HALDIA, CHITTAGONG, HO_CHI_MINH_CITY, MANILA, HONG_KONG, KAOHSIUNG);

    // shared lane segments (lat, lon pairs)
    private static final double[] SINGAPORE_STRAIT_WEST = {1.17, 103.62};
    private static final double[] MALACCA_SOUTH = {1.20, 103.40, 1.40, 103.05, 1.75, 102.60, 2.10, 102.10, 2.45, 101.60};
    private static final double[] ONE_FATHOM_BANK = {2.85, 101.05};
    private static final double[] MALACCA_NORTH = {3.50, 100.40, 4.30, 99.70, 5.20, 98.90, 5.90, 97.70, 6.20, 96.30};
    private static final double[] GREAT_CHANNEL = {6.15, 94.70};
    private static final double[] SOUTH_OF_NICOBAR = {6.00, 92.50};
    private static final double[] BAY_OF_BENGAL = {10.00, 91.00, 16.00, 89.50};
    private static final double[] DONDRA = {5.75, 81.00, 5.80, 80.30, 6.10, 79.90};
    private static final double[] SINGAPORE_STRAIT_EAST = {1.24, 104.05, 1.28, 104.35, 1.75, 104.75};
    private static final double[] SOUTH_CHINA_SEA = {5.00, 107.80, 10.00, 110.40};
    private static final double[] SOUTH_CHINA_SEA_NORTH = {15.00, 113.30, 19.00, 114.20, 21.90, 114.20};

    private static Lane lane(Port from, Port to, double[]... parts) {
        List<LatLon> pts = new ArrayList<>();
        pts.add(from.anchorage());
        for (double[] part : parts) {
            for (int i = 0; i + 1 < part.length; i += 2) {
                pts.add(p(part[i], part[i + 1]));
            }
        }
        pts.add(to.anchorage());
        return new Lane(from, to, new SeaPath(pts));
    }

    /** The lanes of merchant traffic, each sailed in both directions. */
    public static final List<Lane> LANES = List.of(
            lane(SINGAPORE, PORT_KLANG, SINGAPORE_STRAIT_WEST, MALACCA_SOUTH, ONE_FATHOM_BANK),
            lane(TANJUNG_PELEPAS, COLOMBO, SINGAPORE_STRAIT_WEST, MALACCA_SOUTH, ONE_FATHOM_BANK, MALACCA_NORTH,
                    GREAT_CHANNEL, DONDRA),
            lane(SINGAPORE, CHENNAI, SINGAPORE_STRAIT_WEST, MALACCA_SOUTH, ONE_FATHOM_BANK, MALACCA_NORTH, GREAT_CHANNEL,
                    SOUTH_OF_NICOBAR),
            lane(PORT_KLANG, HALDIA, ONE_FATHOM_BANK, MALACCA_NORTH, GREAT_CHANNEL, SOUTH_OF_NICOBAR, BAY_OF_BENGAL),
            lane(SINGAPORE, CHITTAGONG, SINGAPORE_STRAIT_WEST, MALACCA_SOUTH, ONE_FATHOM_BANK, MALACCA_NORTH, GREAT_CHANNEL,
                    SOUTH_OF_NICOBAR, BAY_OF_BENGAL, new double[] {20.50, 91.20}),
            lane(COLOMBO, CHENNAI, new double[] {6.10, 79.90, 5.80, 80.30, 5.75, 81.00, 6.30, 82.00, 8.30, 82.40}),
            lane(SINGAPORE, HO_CHI_MINH_CITY, SINGAPORE_STRAIT_EAST, new double[] {4.50, 105.60, 8.20, 107.00}),
            lane(SINGAPORE, HONG_KONG, SINGAPORE_STRAIT_EAST, SOUTH_CHINA_SEA, SOUTH_CHINA_SEA_NORTH),
            lane(TANJUNG_PELEPAS, KAOHSIUNG, new double[] {1.17, 103.62, 1.21, 103.86}, SINGAPORE_STRAIT_EAST, SOUTH_CHINA_SEA,
                    SOUTH_CHINA_SEA_NORTH, new double[] {21.60, 117.00}),
            lane(SINGAPORE, MANILA, SINGAPORE_STRAIT_EAST, SOUTH_CHINA_SEA, new double[] {14.20, 119.80, 14.33, 120.50, 14.45, 120.65}),
            lane(HONG_KONG, MANILA, new double[] {21.90, 114.20, 21.85, 114.40, 19.00, 117.00, 14.20, 119.80, 14.33, 120.50, 14.45, 120.65}),
            lane(HONG_KONG, KAOHSIUNG, new double[] {21.90, 114.20, 21.60, 117.00}),
            lane(SINGAPORE, JAKARTA, new double[] {1.24, 104.05, 1.28, 104.35, 1.32, 104.62, 1.20, 104.95, 0.60, 105.20,
                    -1.20, 106.60, -2.70, 107.15, -4.50, 107.00}));

    /**
     * Fishing grounds: closed loops that Class B fishing vessels of the coastal state work at trawling
     * speed. Each entry: the MID of the boats that fish there, and the loop.
     *
     * @param mid Maritime Identification Digits of the fishing fleet
     * @param name area name
     * @param loop closed path (first waypoint = last)
     */
    public record FishingGround(int mid, String name, SeaPath loop) {
    }

    /** The fishing grounds. */
    public static final List<FishingGround> FISHING_GROUNDS = List.of(
            new FishingGround(567, "Gulf of Thailand", SeaPath.of(7.5, 102.5, 7.8, 102.9, 7.4, 103.2, 7.1, 102.8, 7.5, 102.5)),
            new FishingGround(405, "Bay of Bengal off Chittagong", SeaPath.of(20.8, 90.6, 21.0, 91.0, 20.6, 91.2, 20.4, 90.8, 20.8, 90.6)),
            new FishingGround(574, "off southern Viet Nam", SeaPath.of(9.0, 107.8, 9.3, 108.2, 8.9, 108.4, 8.7, 108.0, 9.0, 107.8)),
            new FishingGround(417, "off western Sri Lanka", SeaPath.of(7.3, 79.5, 7.6, 79.55, 7.7, 79.4, 7.35, 79.35, 7.3, 79.5)),
            new FishingGround(548, "off western Luzon", SeaPath.of(15.5, 119.5, 15.8, 119.6, 15.7, 119.3, 15.4, 119.25, 15.5, 119.5)));

    /** Range of a terrestrial receiver: 40 nautical miles (VHF line of sight to a ship's antenna). */
    public static final double TERRESTRIAL_RANGE_M = 40 * 1852.0;

    /**
     * Receiving stations: a terrestrial receiver at each port (id {@code WK-} + UN/LOCODE) and two
     * satellites ({@code WK-SAT1}, {@code WK-SAT2}) that receive every transmission, so that the
     * simulated picture has no coverage holes and every gap in a track is the vessel's own.
     */
    public static final List<ReceivingStation> STATIONS;

    static {
        List<ReceivingStation> s = new ArrayList<>();
        for (Port port : PORTS) {
            s.add(new ReceivingStation("WK-" + port.locode(), port.position(), TERRESTRIAL_RANGE_M));
        }
        s.add(new ReceivingStation("WK-SAT1", null, Double.POSITIVE_INFINITY));
        s.add(new ReceivingStation("WK-SAT2", null, Double.POSITIVE_INFINITY));
        STATIONS = List.copyOf(s);
    }

    /**
     * The demo zone: "Andaman Sea Demo Zone", a box of about 40 by 35 nautical miles in the Andaman
     * Sea (9.0-9.7°N, 96.5-97.3°E) that no lane crosses, so only the vessel planted for it enters.
     */
    public static final DemoZone DEMO_ZONE = new DemoZone("Andaman Sea Demo Zone",
            List.of(p(9.0, 96.5), p(9.0, 97.2), p(9.6, 97.3), p(9.7, 96.6), p(9.0, 96.5)));

    /**
     * The anchorage area ({@link Port#anchorageArea}) of every port of {@link #PORTS}, as anchorages of
     * a port list for the port-visit and encounter detectors: each belongs to its port as {@code listed}
     * has it (found by UN/LOCODE: id, name and country from there), or to a port of the simulator's
     * own UN/LOCODE and name when {@code listed} lacks it. The ships of the simulated lanes wait at
     * these anchorages, several kilometres off the port's listed point, so without them a port list
     * sees no port visit in the simulated traffic. Anchorage ids are {@code sim:<UN/LOCODE>}, names
     * {@code "<port> anchorage"}; the source is {@code "simulator"}.
     *
     * @param listed the port list the anchorages join (e.g. {@link org.watchkeeper.core.ref.port.PortIndex#seaPorts()})
     */
    public static List<org.watchkeeper.core.ref.port.Port> anchorages(org.watchkeeper.core.ref.port.PortIndex listed) {
        org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory();
        List<org.watchkeeper.core.ref.port.Port> out = new ArrayList<>();
        for (Port p : PORTS) {
            org.watchkeeper.core.ref.port.Port port = listed.ports().stream()
                    .filter(q -> !q.isAnchorage() && p.locode().equals(q.unlocode())).findFirst().orElse(null);
            List<LatLon> ring = p.anchorageArea();
            org.locationtech.jts.geom.Coordinate[] c = new org.locationtech.jts.geom.Coordinate[ring.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = new org.locationtech.jts.geom.Coordinate(ring.get(i).lon(), ring.get(i).lat());
            }
            out.add(new org.watchkeeper.core.ref.port.Port(port != null ? port.id() : p.locode(),
                    port != null ? port.name() : p.name(), p.locode(), port != null ? port.country() : null,
                    p.anchorage().lat(), p.anchorage().lon(), gf.createPolygon(c), "simulator",
                    new org.watchkeeper.core.ref.port.Port.Anchorage("sim:" + p.locode(), p.name() + " anchorage")));
        }
        return out;
    }
}
