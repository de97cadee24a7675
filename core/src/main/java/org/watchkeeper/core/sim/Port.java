package org.watchkeeper.core.sim;

/**
 * A port of the simulated traffic.
 *
 * @param locode UN/LOCODE (country code + 3-letter location code), also written as the AIS
 *        destination
 * @param name English name
 * @param position the port as listed in UN/LOCODE (degrees, rounded to the minute there)
 * @param anchorage where the simulated ships wait and where their lanes end: an anchorage or pilot
 *        boarding area in open water off the port (chosen for the simulator, clear of the land mask)
 */
public record Port(String locode, String name, LatLon position, LatLon anchorage) {
    /** Rows (and columns) of an anchorage's square grid of berths ({@link #berth}). */
    public static final int BERTH_ROWS = 10;
    /** Berths of an anchorage. */
    public static final int BERTHS = BERTH_ROWS * BERTH_ROWS;
    /**
     * Metres between neighbouring berths: more than a ship's swinging circle at anchor, and more than
     * the 500 m within which two ships lying still for 2 h are an encounter, so that ships waiting at
     * one anchorage are not one.
     */
    public static final double BERTH_SPACING_M = 700;

    /**
     * Metres the anchorage area ({@link #anchorageArea}) reaches beyond the outermost berths: room for a
     * ship swinging at anchor and for one slowing down as it comes to its berth.
     */
    public static final double AREA_MARGIN_M = 500;

    /**
     * The anchorage area: the square, north-south and east-west, that holds every berth of
     * {@link #berth} with {@link #AREA_MARGIN_M} to spare (3 650 m from {@link #anchorage} to each
     * side), as a closed ring of five corners (the first repeated last), counter-clockwise from the
     * south-west. A port-visit detector given it as the port's anchorage sees the ships waiting there
     * as visiting the port, as Global Fishing Watch counts a stop at a port's anchorage.
     */
    public java.util.List<LatLon> anchorageArea() {
        double half = (BERTH_ROWS - 1) / 2.0 * BERTH_SPACING_M + AREA_MARGIN_M;
        double dLat = half / 111_320.0;
        double dLon = half / (111_320.0 * Math.cos(Math.toRadians(anchorage.lat())));
        LatLon sw = new LatLon(anchorage.lat() - dLat, anchorage.lon() - dLon);
        return java.util.List.of(sw, new LatLon(anchorage.lat() - dLat, anchorage.lon() + dLon),
                new LatLon(anchorage.lat() + dLat, anchorage.lon() + dLon), new LatLon(anchorage.lat() + dLat, anchorage.lon() - dLon), sw);
    }

    /**
     * Berth {@code k} (taken modulo {@link #BERTHS}) of the anchorage: a spot of a 10 × 10 grid
     * {@link #BERTH_SPACING_M} apart centred on {@link #anchorage} (within 3.2 km of it north-south and
     * east-west), where a ship lies at anchor instead of on the one point every ship would share.
     */
    public LatLon berth(int k) {
        int i = Math.floorMod(k, BERTHS);
        double north = (i / BERTH_ROWS - (BERTH_ROWS - 1) / 2.0) * BERTH_SPACING_M;
        double east = (i % BERTH_ROWS - (BERTH_ROWS - 1) / 2.0) * BERTH_SPACING_M;
        return new LatLon(anchorage.lat() + north / 111_320.0,
                anchorage.lon() + east / (111_320.0 * Math.cos(Math.toRadians(anchorage.lat()))));
    }
}
