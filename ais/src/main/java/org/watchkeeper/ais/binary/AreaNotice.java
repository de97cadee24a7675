package org.watchkeeper.ais.binary;

import java.util.ArrayList;
import java.util.List;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.BitReader;
import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.FieldSink;
import org.watchkeeper.ais.Units;

/**
 * Area notice: binary application DAC 1, FI 22 (broadcast, message 8) or FI 23 (addressed,
 * message 6), IMO SN.1/Circ.289 Annex, "Area notice". Tells of an area (caution, restriction,
 * distress, route, ...) made of one or more {@link SubArea}s, valid from a UTC time for a duration.
 *
 * <p>Layout of the application data (bit offset after the FI, width): message linkage ID 0/10,
 * notice description 10/7, UTC month 17/4, day 21/5, hour 26/5, minute 31/6, duration 37/18, then
 * 1..n sub-areas of 87 bits each from bit 55. Bits after the last whole sub-area (byte alignment)
 * are not part of the notice.
 *
 * @param linkageId message linkage ID 0..1023, relating this notice to other messages (text, cancellation)
 * @param noticeType notice description 0..127 (see {@link #noticeTypeText()}; 126 cancellation, 127 undefined)
 * @param month UTC month 1..12 of the start; {@link AisMessage#NOT_AVAILABLE} for code 0
 * @param day UTC day 1..31; {@link AisMessage#NOT_AVAILABLE} for code 0
 * @param hour UTC hour 0..23; {@link AisMessage#NOT_AVAILABLE} for code 24
 * @param minute UTC minute 0..59; {@link AisMessage#NOT_AVAILABLE} for code 60
 * @param duration minutes the notice is valid from its start, 0..262 142; 0 cancels the notice,
 *        262 143 ({@link #DURATION_UNDEFINED}) means undefined (until further notice)
 * @param subAreas the sub-areas in the order sent, at least one
 */
public record AreaNotice(
        int linkageId,
        int noticeType,
        int month,
        int day,
        int hour,
        int minute,
        int duration,
        List<SubArea> subAreas) implements BinaryApplication {

    /** DAC of this application. */
    public static final int DAC = 1;
    /** FI of the broadcast area notice (message 8). */
    public static final int FI_BROADCAST = 22;
    /** FI of the addressed area notice (message 6). */
    public static final int FI_ADDRESSED = 23;
    /** Bits before the first sub-area. */
    public static final int HEADER_BITS = 55;
    /** Duration code meaning "undefined" (2<sup>18</sup> - 1). */
    public static final int DURATION_UNDEFINED = 262_143;

    /** Notice description codes 0..127 (IMO SN.1/Circ.289, area notice description table). */
    private static final String[] NOTICE = new String[128];

    static {
        String[] named = {
            "Caution Area: Marine mammals habitat",
            "Caution Area: Marine mammals in area - reduce speed",
            "Caution Area: Marine mammals in area - stay clear",
            "Caution Area: Marine mammals in area - report sightings",
            "Caution Area: Protected habitat - reduce speed",
            "Caution Area: Protected habitat - stay clear",
            "Caution Area: Protected habitat - no fishing or anchoring",
            "Caution Area: Derelicts (drifting objects)",
            "Caution Area: Traffic congestion",
            "Caution Area: Marine event",
            "Caution Area: Divers down",
            "Caution Area: Swim area",
            "Caution Area: Dredge operations",
            "Caution Area: Survey operations",
            "Caution Area: Underwater operation",
            "Caution Area: Seaplane operations",
            "Caution Area: Fishery - nets in water",
            "Caution Area: Cluster of fishing vessels",
            "Caution Area: Fairway closed",
            "Caution Area: Harbour closed",
            "Caution Area: Risk (define in associated text field)",
            "Caution Area: Underwater vehicle operation",
            null,
            "Environmental Caution Area: Storm front (line squall)",
            "Environmental Caution Area: Hazardous sea ice",
            "Environmental Caution Area: Storm warning (cell or line of storms)",
            "Environmental Caution Area: High wind",
            "Environmental Caution Area: High waves",
            "Environmental Caution Area: Restricted visibility (fog, rain, etc.)",
            "Environmental Caution Area: Strong currents",
            "Environmental Caution Area: Heavy icing",
            null,
            "Restricted Area: Fishing prohibited",
            "Restricted Area: No anchoring",
            "Restricted Area: Entry approval required prior to transit",
            "Restricted Area: Entry prohibited",
            "Restricted Area: Active military OPAREA",
            "Restricted Area: Firing - danger area",
            "Restricted Area: Drifting mines",
            null,
            "Anchorage Area: Anchorage open",
            "Anchorage Area: Anchorage closed",
            "Anchorage Area: Anchoring prohibited",
            "Anchorage Area: Deep draft anchorage",
            "Anchorage Area: Shallow draft anchorage",
            "Anchorage Area: Vessel transfer operations",
        };
        System.arraycopy(named, 0, NOTICE, 0, named.length);
        NOTICE[56] = "Security Alert - Level 1";
        NOTICE[57] = "Security Alert - Level 2";
        NOTICE[58] = "Security Alert - Level 3";
        String[] distress = {
            "Distress Area: Vessel disabled and adrift", "Distress Area: Vessel sinking",
            "Distress Area: Vessel abandoning ship", "Distress Area: Vessel requests medical assistance",
            "Distress Area: Vessel flooding", "Distress Area: Vessel fire/explosion",
            "Distress Area: Vessel grounding", "Distress Area: Vessel collision",
            "Distress Area: Vessel listing/capsizing", "Distress Area: Vessel under assault",
            "Distress Area: Person overboard", "Distress Area: SAR area",
            "Distress Area: Pollution response area",
        };
        System.arraycopy(distress, 0, NOTICE, 64, distress.length);
        NOTICE[80] = "Instruction: Contact VTS at this point/juncture";
        NOTICE[81] = "Instruction: Contact Port Administration at this point/juncture";
        NOTICE[82] = "Instruction: Do not proceed beyond this point/juncture";
        NOTICE[83] = "Instruction: Await instructions prior to proceeding beyond this point/juncture";
        NOTICE[84] = "Proceed to this location - await instructions";
        NOTICE[85] = "Clearance granted - proceed to berth";
        String[] info = {
            "Information: Pilot boarding position", "Information: Icebreaker waiting area",
            "Information: Places of refuge", "Information: Position of icebreakers",
            "Information: Location of response units", "VTS active target",
            "Rogue or suspicious vessel", "Vessel requesting non-distress assistance",
            "Chart Feature: Sunken vessel", "Chart Feature: Submerged object",
            "Chart Feature: Semi-submerged object", "Chart Feature: Shoal area",
            "Chart Feature: Shoal area due north", "Chart Feature: Shoal area due east",
            "Chart Feature: Shoal area due south", "Chart Feature: Shoal area due west",
            "Chart Feature: Channel obstruction", "Chart Feature: Reduced vertical clearance",
            "Chart Feature: Bridge closed", "Chart Feature: Bridge partially open",
            "Chart Feature: Bridge fully open",
        };
        System.arraycopy(info, 0, NOTICE, 88, info.length);
        NOTICE[112] = "Report from ship: Icing info";
        NOTICE[114] = "Report from ship: Miscellaneous information - define in associated text field";
        NOTICE[120] = "Route: Recommended route";
        NOTICE[121] = "Route: Alternative route";
        NOTICE[122] = "Route: Recommended route through ice";
        NOTICE[125] = "Other - define in associated text field";
        NOTICE[126] = "Cancellation - cancel area as identified by message linkage ID";
        NOTICE[127] = "Undefined (default)";
        for (int i = 0; i < NOTICE.length; i++) {
            if (NOTICE[i] == null) {
                NOTICE[i] = "(reserved for future use)";
            }
        }
    }

    /** Copies the sub-area list. */
    public AreaNotice {
        subAreas = List.copyOf(subAreas);
    }

    /**
     * Decodes the application data starting at bit {@code s} of the payload.
     *
     * @return the notice, or {@code null} when the payload holds no whole sub-area or a sub-area has
     *         a reserved shape (6, 7)
     */
    public static AreaNotice decode(BitReader b, int s) {
        int count = (b.length() - s - HEADER_BITS) / SubArea.BITS;
        if (b.length() - s < HEADER_BITS || count < 1) {
            return null;
        }
        List<SubArea> areas = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SubArea a = SubArea.decode(b, s + HEADER_BITS + i * SubArea.BITS);
            if (a == null) {
                return null;
            }
            areas.add(a);
        }
        return new AreaNotice(
                b.unsigned(s, 10),
                b.unsigned(s + 10, 7),
                Units.orNotAvailable(b.unsigned(s + 17, 4), 0),
                Units.orNotAvailable(b.unsigned(s + 21, 5), 0),
                Units.orNotAvailable(b.unsigned(s + 26, 5), 24),
                Units.orNotAvailable(b.unsigned(s + 31, 6), 60),
                b.unsigned(s + 37, 18),
                areas);
    }

    /** Text of a notice description code 0..127 ("(reserved for future use)" for unassigned codes), null outside. */
    public static String noticeTypeText(int code) {
        return code >= 0 && code < NOTICE.length ? NOTICE[code] : null;
    }

    /** Text of this notice's description code. */
    public String noticeTypeText() {
        return noticeTypeText(noticeType);
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(10, linkageId).unsigned(7, noticeType)
                .unsigned(4, Units.orNotAvailableCode(month, 0))
                .unsigned(5, Units.orNotAvailableCode(day, 0))
                .unsigned(5, Units.orNotAvailableCode(hour, 24))
                .unsigned(6, Units.orNotAvailableCode(minute, 60))
                .unsigned(18, duration);
        for (SubArea a : subAreas) {
            a.encode(w);
        }
    }

    @Override
    public void writeFields(FieldSink out) {
        out.field("linkage_id", linkageId);
        out.field("notice_type", noticeType);
        out.field("notice_type_text", noticeTypeText());
        out.fieldUnless("month", month, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("day", day, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("hour", hour, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("minute", minute, AisMessage.NOT_AVAILABLE);
        out.field("duration", duration);
        out.beginArray("subareas");
        for (SubArea a : subAreas) {
            out.beginObject(null);
            a.writeFields(out);
            out.endObject();
        }
        out.endArray();
    }
}
