package org.watchkeeper.ais;

/**
 * Message 24 part B (part number 1): static data report, type, vendor, call sign and dimensions
 * (ITU-R M.1371-5 Annex 8 §3.3, Table 76). Part A is {@link StaticDataReportPartA}.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, MMSI 8/30, part number 38/2 (1), type of
 * ship and cargo 40/8, vendor ID 48/42 = manufacturer's ID 48/18 (3 characters) + unit model code
 * 66/4 + unit serial number 70/20, call sign 90/42 (7 characters), then either dimension A 132/9,
 * B 141/9, C 150/6, D 156/6, or — when the MMSI is that of an auxiliary craft associated with a
 * parent ship ({@code 98MIDxxxx}, {@link Mmsi.Kind#CRAFT_ASSOCIATED_WITH_PARENT}) — the MMSI of
 * the mothership 132/30 instead; type of EPFD 162/4, spare 166/2 — 168 bits.
 *
 * <p>Equipment built to earlier editions of M.1371 sends a 7-character vendor ID and 6 spare bits
 * instead of EPFD and spare; such payloads decode with the vendor split as above (their model and
 * serial then hold character codes) and the old spare in EPFD/spare.
 *
 * @param messageType always 24
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param shipType type of ship and cargo 0..255 (Table 53, see {@link Names#shipType(int)}; 0 not available)
 * @param vendorId manufacturer's mnemonic code, up to 3 characters; empty when not available
 * @param unitModel unit model code 0..15, as sent
 * @param serialNumber unit serial number 0..1 048 575, as sent
 * @param callSign up to 7 characters; empty when not available
 * @param toBow dimension A in metres, 0..511, as sent; {@link AisMessage#NOT_AVAILABLE} when the
 *        field holds the mothership MMSI
 * @param toStern dimension B in metres, 0..511, as sent; {@link AisMessage#NOT_AVAILABLE} as above
 * @param toPort dimension C in metres, 0..63, as sent; {@link AisMessage#NOT_AVAILABLE} as above
 * @param toStarboard dimension D in metres, 0..63, as sent; {@link AisMessage#NOT_AVAILABLE} as above
 * @param mothershipMmsi the parent ship's MMSI (30-bit value) when {@link #mmsi} is an auxiliary
 *        craft's; {@link AisMessage#NOT_AVAILABLE} otherwise
 * @param epfd type of electronic position fixing device 0..15 (Table 51, see {@link Names#epfd(int)})
 * @param spare the 2 spare bits as sent (0 when the payload ends before them)
 *
 * <p>A record is encodable as itself only when {@code mothershipMmsi} is set exactly when
 * {@link #carriesMothership(int)} holds for {@code mmsi} (and the dimensions are then
 * {@link AisMessage#NOT_AVAILABLE}), as every decoded record is.
 */
public record StaticDataReportPartB(
        int messageType,
        int repeatIndicator,
        int mmsi,
        int shipType,
        String vendorId,
        int unitModel,
        int serialNumber,
        String callSign,
        int toBow,
        int toStern,
        int toPort,
        int toStarboard,
        int mothershipMmsi,
        int epfd,
        int spare) implements AisMessage {

    /** Nominal length in bits. */
    public static final int BITS = 168;
    /** Shortest payload decoded: up to the end of the dimensions / mothership MMSI. */
    public static final int MIN_BITS = 162;
    /** The part number of part B. */
    public static final int PART_NUMBER = 1;

    /** Whether an MMSI sends the mothership MMSI in place of the dimensions ({@code 98MIDxxxx}). */
    public static boolean carriesMothership(int mmsi) {
        return Mmsi.kind(mmsi) == Mmsi.Kind.CRAFT_ASSOCIATED_WITH_PARENT;
    }

    /**
     * Decodes a type 24 payload whose part number is 1.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS};
     *                            {@link RejectReason#UNKNOWN_MESSAGE_TYPE} if the part number is not 1
     */
    public static StaticDataReportPartB decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type " + b.unsigned(0, 6) + " part B: " + b.length() + " bits, need " + MIN_BITS);
        }
        int part = b.unsigned(38, 2);
        if (part != PART_NUMBER) {
            throw new AisDecodeException(RejectReason.UNKNOWN_MESSAGE_TYPE, "type 24 part " + part + " is not part B");
        }
        int mmsi = b.unsigned(8, 30);
        boolean mothership = carriesMothership(mmsi);
        int na = NOT_AVAILABLE;
        return new StaticDataReportPartB(
                b.unsigned(0, 6),
                b.unsigned(6, 2),
                mmsi,
                b.unsigned(40, 8),
                b.text(48, 3),
                b.unsigned(66, 4),
                b.unsigned(70, 20),
                b.text(90, 7),
                mothership ? na : b.unsigned(132, 9),
                mothership ? na : b.unsigned(141, 9),
                mothership ? na : b.unsigned(150, 6),
                mothership ? na : b.unsigned(156, 6),
                mothership ? b.unsigned(132, 30) : na,
                b.unsigned(162, 4),
                b.unsigned(166, 2));
    }

    @Override
    public void writeFields(FieldSink out) {
        out.field("partno", PART_NUMBER);
        if (shipType != 0) {
            out.field("shiptype", shipType);
            out.field("shiptype_text", Names.shipType(shipType));
        }
        out.field("vendorid", vendorId.isEmpty() ? null : vendorId);
        out.field("model", unitModel);
        out.field("serial", serialNumber);
        out.field("callsign", callSign.isEmpty() ? null : callSign);
        if (mothershipMmsi != NOT_AVAILABLE) {
            out.mmsiField("mothership_mmsi", mothershipMmsi);
        } else {
            out.field("to_bow", toBow);
            out.field("to_stern", toStern);
            out.field("to_port", toPort);
            out.field("to_starboard", toStarboard);
        }
        out.field("epfd", epfd);
        out.field("epfd_text", Names.epfd(epfd));
    }

    /**
     * Writes the Table 76 layout; the 30 bits at 132 hold the mothership MMSI when
     * {@link #mothershipMmsi} is set, else the four dimensions.
     */
    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, messageType).unsigned(2, repeatIndicator).unsigned(30, mmsi)
                .unsigned(2, PART_NUMBER).unsigned(8, shipType)
                .text(3, vendorId).unsigned(4, unitModel).unsigned(20, serialNumber)
                .text(7, callSign);
        if (mothershipMmsi != NOT_AVAILABLE) {
            w.unsigned(30, mothershipMmsi);
        } else {
            w.unsigned(9, toBow).unsigned(9, toStern).unsigned(6, toPort).unsigned(6, toStarboard);
        }
        w.unsigned(4, epfd).unsigned(2, spare);
    }
}
