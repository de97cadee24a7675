package org.watchkeeper.ais.binary;

import java.util.Map;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.BitReader;
import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.FieldSink;
import org.watchkeeper.ais.Units;

/**
 * Inland ship static and voyage related data: broadcast binary message (type 8) application
 * DAC 200, FI 10, of the Inland AIS standard (CCNR / UNECE "Vessel Tracking and Tracing Standard
 * for Inland Navigation", Inland AIS application specific messages). Sent by inland vessels in
 * addition to message 5; 168 bits including the 56-bit message 8 header.
 *
 * <p>Layout of the application data (bit offset after the FI, width): ENI 0/48 (8 six-bit
 * characters), length 48/13, beam 61/10, ERI ship or combination type 71/14, hazardous cargo 85/3,
 * draught 88/11, loaded/unloaded 99/2, quality of speed information 101/1, of course information
 * 102/1, of heading information 103/1, spare 104/8 — 112 bits.
 *
 * @param eni unique European vessel identification number, 8 characters ({@code "00000000"} when
 *        none is assigned); {@code null} when the field is blank ({@code @} padding)
 * @param length length of the ship or convoy, metres, 0.1..800.0 in 0.1 m; {@code NaN} for code 0
 * @param beam beam, metres, 0.1..100.0 in 0.1 m; {@code NaN} for code 0
 * @param eriType ship or combination type, ERI classification code as sent (e.g. 8010 motor
 *        freighter, 1530 maritime tanker; 8000 vessel, type unknown); see {@link #eriTypeText()}
 * @param hazardousCargo number of blue cones/lights 0..3, or 4 for the B-flag;
 *        {@link AisMessage#NOT_AVAILABLE} for code 5 (unknown, default); 6, 7 kept as sent
 * @param draught static draught, metres, 0.01..20.00 in 0.01 m; {@code NaN} for code 0
 * @param loadStatus 1 unloaded, 2 loaded (3 not used, kept); {@link AisMessage#NOT_AVAILABLE} for code 0
 * @param speedQualityHigh quality of speed information: true high, false low/GNSS (default)
 * @param courseQualityHigh quality of course information: true high, false low/GNSS (default)
 * @param headingQualityHigh quality of heading information: true high, false low/GNSS (default)
 * @param spare the 8 spare bits as sent (0 when the payload ends before them)
 */
public record InlandShipStaticVoyageData(
        String eni,
        double length,
        double beam,
        int eriType,
        int hazardousCargo,
        double draught,
        int loadStatus,
        boolean speedQualityHigh,
        boolean courseQualityHigh,
        boolean headingQualityHigh,
        int spare) implements BinaryApplication {

    /** DAC of this application. */
    public static final int DAC = 200;
    /** FI of this application. */
    public static final int FI = 10;
    /** Length of the application data in bits (after the FI). */
    public static final int BITS = 112;
    /** Shortest application data decoded: up to the heading quality flag (the spare may be absent). */
    public static final int MIN_BITS = 104;

    private static final String[] HAZARD = {
        "0 blue cones/lights", "1 blue cone/light", "2 blue cones/lights", "3 blue cones/lights", "B-flag"
    };

    /** ERI ship and combination types (ERI classification, Inland AIS / ECDIS). */
    private static final Map<Integer, String> ERI = Map.ofEntries(
            Map.entry(8000, "Vessel, type unknown"),
            Map.entry(8010, "Motor freighter"),
            Map.entry(8020, "Motor tanker"),
            Map.entry(8021, "Motor tanker, liquid cargo, type N"),
            Map.entry(8022, "Motor tanker, liquid cargo, type C"),
            Map.entry(8023, "Motor tanker, dry cargo as if liquid"),
            Map.entry(8030, "Container vessel"),
            Map.entry(8040, "Gas tanker"),
            Map.entry(8050, "Motor freighter, tug"),
            Map.entry(8060, "Motor tanker, tug"),
            Map.entry(8070, "Motor freighter with one or more ships alongside"),
            Map.entry(8080, "Motor freighter with tanker"),
            Map.entry(8090, "Motor freighter pushing one or more freighters"),
            Map.entry(8100, "Motor freighter pushing at least one tank-ship"),
            Map.entry(8110, "Tug, freighter"),
            Map.entry(8120, "Tug, tanker"),
            Map.entry(8130, "Tug, freighter, coupled"),
            Map.entry(8140, "Tug, freighter/tanker, coupled"),
            Map.entry(8150, "Freight barge"),
            Map.entry(8160, "Tank barge"),
            Map.entry(8161, "Tank barge, liquid cargo, type N"),
            Map.entry(8162, "Tank barge, liquid cargo, type C"),
            Map.entry(8163, "Tank barge, dry cargo as if liquid"),
            Map.entry(8170, "Freight barge with containers"),
            Map.entry(8180, "Tank barge, gas"),
            Map.entry(8210, "Pushtow, one cargo barge"),
            Map.entry(8220, "Pushtow, two cargo barges"),
            Map.entry(8230, "Pushtow, three cargo barges"),
            Map.entry(8240, "Pushtow, four cargo barges"),
            Map.entry(8250, "Pushtow, five cargo barges"),
            Map.entry(8260, "Pushtow, six cargo barges"),
            Map.entry(8270, "Pushtow, seven cargo barges"),
            Map.entry(8280, "Pushtow, eight cargo barges"),
            Map.entry(8290, "Pushtow, nine or more barges"),
            Map.entry(8310, "Pushtow, one tank/gas barge"),
            Map.entry(8320, "Pushtow, two barges, at least one tanker or gas barge"),
            Map.entry(8330, "Pushtow, three barges, at least one tanker or gas barge"),
            Map.entry(8340, "Pushtow, four barges, at least one tanker or gas barge"),
            Map.entry(8350, "Pushtow, five barges, at least one tanker or gas barge"),
            Map.entry(8360, "Pushtow, six barges, at least one tanker or gas barge"),
            Map.entry(8370, "Pushtow, seven barges, at least one tanker or gas barge"),
            Map.entry(8400, "Tug, single"),
            Map.entry(8410, "Tug, one or more tows"),
            Map.entry(8420, "Tug, assisting a vessel or linked combination"),
            Map.entry(8430, "Pushboat, single"),
            Map.entry(8440, "Passenger ship, ferry, cruise ship, red cross ship"),
            Map.entry(8441, "Ferry"),
            Map.entry(8442, "Red cross ship"),
            Map.entry(8443, "Cruise ship"),
            Map.entry(8444, "Passenger ship without accommodation"),
            Map.entry(8450, "Service vessel, police patrol, port service"),
            Map.entry(8460, "Vessel, work maintenance craft, floating derrick, cable ship, buoy ship, dredge"),
            Map.entry(8470, "Object, towed, not otherwise specified"),
            Map.entry(8480, "Fishing boat"),
            Map.entry(8490, "Bunker ship"),
            Map.entry(1500, "General cargo ship, maritime"),
            Map.entry(1510, "Unit carrier, maritime"),
            Map.entry(1520, "Bulk carrier, maritime"),
            Map.entry(1530, "Tanker, maritime"),
            Map.entry(1540, "Liquefied gas tanker, maritime"),
            Map.entry(1850, "Pleasure craft, longer than 20 m"),
            Map.entry(1900, "Fast ship"),
            Map.entry(1910, "Hydrofoil"));

    /**
     * Decodes the application data starting at bit {@code s} of the payload.
     *
     * @return the record, or {@code null} when the payload ends before {@link #MIN_BITS} data bits
     */
    public static InlandShipStaticVoyageData decode(BitReader b, int s) {
        if (!b.has(s, MIN_BITS)) {
            return null;
        }
        String eni = b.text(s, 8);
        return new InlandShipStaticVoyageData(
                eni.isEmpty() ? null : eni,
                Units.scaled(b.unsigned(s + 48, 13), 0, 10.0),
                Units.scaled(b.unsigned(s + 61, 10), 0, 10.0),
                b.unsigned(s + 71, 14),
                Units.orNotAvailable(b.unsigned(s + 85, 3), 5),
                Units.scaled(b.unsigned(s + 88, 11), 0, 100.0),
                Units.orNotAvailable(b.unsigned(s + 99, 2), 0),
                b.bool(s + 101),
                b.bool(s + 102),
                b.bool(s + 103),
                b.has(s + 104, 8) ? b.unsigned(s + 104, 8) : 0);
    }

    /** Name of the ERI type, or null for a code not in the ERI classification table. */
    public String eriTypeText() {
        return ERI.get(eriType);
    }

    /** Name of the hazardous cargo code, or null when not available or undefined. */
    public String hazardousCargoText() {
        return hazardousCargo >= 0 && hazardousCargo < HAZARD.length ? HAZARD[hazardousCargo] : null;
    }

    @Override
    public void encode(BitWriter w) {
        w.text(8, eni)
                .unsigned(13, Units.scaledCode(length, 0, 10.0))
                .unsigned(10, Units.scaledCode(beam, 0, 10.0))
                .unsigned(14, eriType)
                .unsigned(3, Units.orNotAvailableCode(hazardousCargo, 5))
                .unsigned(11, Units.scaledCode(draught, 0, 100.0))
                .unsigned(2, Units.orNotAvailableCode(loadStatus, 0))
                .bool(speedQualityHigh)
                .bool(courseQualityHigh)
                .bool(headingQualityHigh)
                .unsigned(8, spare);
    }

    @Override
    public void writeFields(FieldSink out) {
        out.field("vin", eni);
        out.field("length", length, 1);
        out.field("beam", beam, 1);
        out.field("shiptype", eriType);
        out.field("shiptype_text", eriTypeText());
        out.fieldUnless("hazard", hazardousCargo, AisMessage.NOT_AVAILABLE);
        out.field("hazard_text", hazardousCargoText());
        out.field("draught", draught, 2);
        out.fieldUnless("loaded", loadStatus, AisMessage.NOT_AVAILABLE);
        out.field("speed_q", speedQualityHigh);
        out.field("course_q", courseQualityHigh);
        out.field("heading_q", headingQualityHigh);
    }
}
