package org.watchkeeper.ais.binary;

import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.FieldSink;

/**
 * The decoded content of a binary message (types 6 and 8, ITU-R M.1371-5 Annex 8 §3.6 and §3.8)
 * whose application identifier (DAC + FI, ITU-R M.1371-5 Annex 5) is known. The binary data of the
 * message is always kept raw as well; an application is decoded in addition, by
 * {@link BinaryApplications}.
 *
 * <p>Values follow the same conventions as the message records: scaled units, {@code Double.NaN}
 * or {@link org.watchkeeper.ais.AisMessage#NOT_AVAILABLE} for the "not available" code of each
 * field, {@code null} for absent text. Implementations are immutable records that compare by value.
 */
public sealed interface BinaryApplication
        permits MeteorologicalHydrographicData, AreaNotice, InlandShipStaticVoyageData {

    /** Writes the application's fields (after {@code dac}, {@code fi} and {@code data}) with their JSON names. */
    void writeFields(FieldSink out);

    /** Appends the application data, i.e. the bits that follow the 16-bit application identifier. */
    void encode(BitWriter out);
}
