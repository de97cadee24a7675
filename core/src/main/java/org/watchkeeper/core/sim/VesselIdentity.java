package org.watchkeeper.core.sim;

/**
 * Who a simulated vessel says it is, as its AIS static messages carry it (ITU-R M.1371-5 Table 52
 * for message 5, Table 76 for message 24).
 *
 * @param mmsi 9-digit MMSI: MID of the flag state followed by six digits
 * @param imo IMO ship identification number (7 digits, valid check digit), or 0 for a Class B boat without one
 * @param name up to 20 characters of 6-bit text
 * @param callSign up to 7 characters, in the ITU call-sign series of the flag state
 * @param shipType type of ship and cargo, Table 53 (30 fishing, 70 cargo, 80 tanker, ...)
 * @param toBow GNSS antenna to bow, metres
 * @param toStern antenna to stern, metres
 * @param toPort antenna to port side, metres
 * @param toStarboard antenna to starboard side, metres
 * @param draught maximum present static draught, metres (0.1 m steps)
 * @param classB true for a Class B "CS" unit (messages 18 and 24), false for Class A (1 and 5)
 */
public record VesselIdentity(int mmsi, int imo, String name, String callSign, int shipType, int toBow, int toStern,
                             int toPort, int toStarboard, double draught, boolean classB) {

    /** Length overall, metres. */
    public int length() {
        return toBow + toStern;
    }

    /**
     * Whether a 7-digit IMO number has a valid check digit: the digits 1-6 weighted 7, 6, 5, 4, 3, 2,
     * summed; the last digit of the sum is the seventh digit (IMO Resolution A.1117(30), Annex).
     */
    public static boolean validImo(int imo) {
        if (imo < 1_000_000 || imo > 9_999_999) {
            return false;
        }
        return imoCheckDigit(imo / 10) == imo % 10;
    }

    /** The check digit for the first six digits of an IMO number (100 000..999 999). */
    public static int imoCheckDigit(int firstSix) {
        int sum = 0;
        int n = firstSix;
        for (int w = 2; w <= 7; w++) {
            sum += (n % 10) * w;
            n /= 10;
        }
        return sum % 10;
    }
}
