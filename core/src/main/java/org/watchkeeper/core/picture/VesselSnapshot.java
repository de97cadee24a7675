package org.watchkeeper.core.picture;

import java.util.List;
import org.watchkeeper.core.observation.Dimensions;
import org.watchkeeper.core.observation.Eta;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.ref.FlagState;

/**
 * What the picture knows about one station at one moment. Absent values follow the observation
 * conventions (null, NaN, -1).
 *
 * @param mmsi the MMSI
 * @param flag flag state from the MID of the MMSI; null when the MMSI has no allocated MID
 * @param stationClass class inferred from the message types the station itself sent; until one tells,
 *        the class its MMSI tells ({@link StationClass#ofMmsi}), else UNKNOWN
 * @param position the position of record (the newest fix the tracker accepted); null before any
 * @param derivedSpeedKnots speed from the last two accepted fixes of the current segment; NaN if unknown
 * @param firstSeen epoch ms of the first observation
 * @param lastSeen epoch ms of the newest observation (any kind)
 * @param messages messages heard from the station, each reception counted (a CSV row counts as one;
 *        the position and the identity a type 19 or 21 carries count once together)
 * @param name ship name; null if never reported
 * @param callSign call sign; null if never reported
 * @param imo IMO number; -1 if never reported
 * @param shipType type of ship and cargo code (Table 53); -1 if never reported
 * @param shipTypeName its name (e.g. "Cargo, hazardous category A"); null if never reported
 * @param dimensions the AIS offsets to bow/stern/port/starboard (with their length and beam), else an
 *        overall size only ({@link Dimensions#hasOffsets()} false, from a CSV); offsets win over an
 *        overall size whichever came first; null if never reported
 * @param draught metres; NaN if never reported
 * @param destination null if never reported
 * @param eta null if never reported
 * @param navigationStatus last reported status 0..15; -1 if never reported
 * @param navigationStatusName its name (Table 45); null if never reported
 * @param identityChanges the history of identity changes, oldest first
 */
public record VesselSnapshot(
        int mmsi,
        FlagState flag,
        StationClass stationClass,
        PositionObservation position,
        double derivedSpeedKnots,
        long firstSeen,
        long lastSeen,
        long messages,
        String name,
        String callSign,
        int imo,
        int shipType,
        String shipTypeName,
        Dimensions dimensions,
        double draught,
        String destination,
        Eta eta,
        int navigationStatus,
        String navigationStatusName,
        List<IdentityChange> identityChanges) {
}
