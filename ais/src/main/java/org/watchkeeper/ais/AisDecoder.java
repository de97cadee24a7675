package org.watchkeeper.ais;

/**
 * Decodes one AIS payload into its {@link AisMessage} record, dispatching on the 6-bit message ID
 * (ITU-R M.1371-5 Annex 8 Table 44 ff.). Stateless and thread safe.
 */
public final class AisDecoder {
    private AisDecoder() {
    }

    /**
     * Decodes a payload.
     *
     * @param b the payload, with fill bits already removed
     * @return the message record
     * @throws AisDecodeException {@link RejectReason#EMPTY_PAYLOAD}, {@link RejectReason#UNKNOWN_MESSAGE_TYPE}
     *                            (0, 28..63) or {@link RejectReason#PAYLOAD_TOO_SHORT}
     */
    public static AisMessage decode(BitReader b) {
        if (b.length() < 6) {
            throw new AisDecodeException(RejectReason.EMPTY_PAYLOAD, b.length() + " bits");
        }
        if (b.length() < 38) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, b.length() + " bits, no MMSI");
        }
        int type = b.unsigned(0, 6);
        switch (type) {
            case 1, 2, 3:
                return PositionReport.decode(b);
            case 4, 11:
                return BaseStationReport.decode(b);
            case 5:
                return StaticAndVoyageData.decode(b);
            case 6:
                return AddressedBinaryMessage.decode(b);
            case 7, 13:
                return Acknowledgement.decode(b);
            case 8:
                return BinaryBroadcastMessage.decode(b);
            case 9:
                return StandardSarAircraftPositionReport.decode(b);
            case 10:
                return UtcDateInquiry.decode(b);
            case 12:
                return AddressedSafetyRelatedMessage.decode(b);
            case 14:
                return SafetyRelatedBroadcastMessage.decode(b);
            case 15:
                return Interrogation.decode(b);
            case 16:
                return AssignedModeCommand.decode(b);
            case 17:
                return DgnssBroadcastBinaryMessage.decode(b);
            case 18:
                return StandardClassBPositionReport.decode(b);
            case 19:
                return ExtendedClassBPositionReport.decode(b);
            case 20:
                return DataLinkManagementMessage.decode(b);
            case 21:
                return AidToNavigationReport.decode(b);
            case 22:
                return ChannelManagement.decode(b);
            case 23:
                return GroupAssignmentCommand.decode(b);
            case 24:
                return StaticDataReportPartA.decodeEitherPart(b);
            case 25:
                return SingleSlotBinaryMessage.decode(b);
            case 26:
                return MultipleSlotBinaryMessage.decode(b);
            case 27:
                return LongRangePositionReport.decode(b);
            default:
                throw new AisDecodeException(RejectReason.UNKNOWN_MESSAGE_TYPE, "type " + type);
        }
    }

    /**
     * Decodes an armoured payload string (convenience for tests and tools).
     *
     * @param payload the armoured characters
     * @param fillBits 0..5
     */
    public static AisMessage decode(String payload, int fillBits) {
        return decode(BitReader.of(payload, fillBits));
    }

    /** Encodes a message into a new writer. */
    public static BitWriter encode(AisMessage m) {
        BitWriter w = new BitWriter();
        m.encode(w);
        return w;
    }
}
