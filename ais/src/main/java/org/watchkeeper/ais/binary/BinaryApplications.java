package org.watchkeeper.ais.binary;

import org.watchkeeper.ais.BinaryData;
import org.watchkeeper.ais.BitReader;
import org.watchkeeper.ais.BitWriter;

/**
 * Finds and decodes the {@link BinaryApplication} named by a binary message's application
 * identifier (DAC, designated area code, and FI, function identifier; ITU-R M.1371-5 Annex 5).
 *
 * <p>Known broadcast applications (message 8):
 * <ul>
 *   <li>DAC 1, FI 22: {@link AreaNotice} (IMO SN.1/Circ.289, area notice, broadcast)</li>
 *   <li>DAC 1, FI 31: {@link MeteorologicalHydrographicData} (IMO SN.1/Circ.289)</li>
 *   <li>DAC 200, FI 10: {@link InlandShipStaticVoyageData} (Inland AIS, CCNR/UNECE)</li>
 * </ul>
 * Known addressed applications (message 6):
 * <ul>
 *   <li>DAC 1, FI 23: {@link AreaNotice} (IMO SN.1/Circ.289, area notice, addressed; same layout as FI 22)</li>
 * </ul>
 *
 * <p>Decoding never fails: an unknown application identifier, a payload too short for the
 * application's mandatory fields, or a value the application does not define (e.g. a reserved
 * area shape) gives {@code null}, and the message keeps its data raw.
 */
public final class BinaryApplications {
    private BinaryApplications() {
    }

    /**
     * Decodes the application of a broadcast binary message (type 8).
     *
     * @param dac designated area code, 0..1023
     * @param fi function identifier, 0..63
     * @param b the whole message payload
     * @param dataStartBit offset of the first bit after the FI
     * @return the application, or {@code null} when unknown or malformed
     */
    public static BinaryApplication decode(int dac, int fi, BitReader b, int dataStartBit) {
        try {
            if (dac == 1 && fi == 31) {
                return MeteorologicalHydrographicData.decode(b, dataStartBit);
            }
            if (dac == 1 && fi == 22) {
                return AreaNotice.decode(b, dataStartBit);
            }
            if (dac == 200 && fi == 10) {
                return InlandShipStaticVoyageData.decode(b, dataStartBit);
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Decodes the application of an addressed binary message (type 6). Same contract as
     * {@link #decode(int, int, BitReader, int)}.
     */
    public static BinaryApplication decodeAddressed(int dac, int fi, BitReader b, int dataStartBit) {
        try {
            if (dac == 1 && fi == 23) {
                return AreaNotice.decode(b, dataStartBit);
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The application data bits of {@code application}, as a message carries them after the FI. */
    public static BinaryData encode(BinaryApplication application) {
        BitWriter w = new BitWriter();
        application.encode(w);
        return BinaryData.readToEnd(w.toReader(), 0);
    }
}
