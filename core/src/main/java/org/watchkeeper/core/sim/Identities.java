package org.watchkeeper.core.sim;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Makes up vessel identities that look like the region's real ones: MMSIs with the MIDs of the
 * flag states (ITU Table of Maritime Identification Digits), call signs in each state's ITU
 * call-sign series (ITU Radio Regulations Appendix 42), IMO numbers with valid check digits,
 * names, and dimensions and draughts typical of each ship type. Deterministic for a given
 * {@link Random}; never repeats an MMSI, IMO number or name it has handed out.
 */
final class Identities {
    /** A flag state: its MIDs and call-sign prefixes. */
    record Flag(String iso2, int[] mids, String[] callPrefixes, int weight) {
    }

    /** Flags of the merchant ships in the region, with rough weights of their share of the traffic. */
    static final List<Flag> MERCHANT_FLAGS = List.of(
            new Flag("SG", new int[] {563, 564, 565, 566}, new String[] {"9V", "S6"}, 14),
            new Flag("PA", new int[] {351, 352, 353, 354, 355, 356, 357, 370, 371, 372, 373}, new String[] {"3E", "HO", "HP", "3F"}, 14),
            new Flag("LR", new int[] {636}, new String[] {"A8", "D5", "5L"}, 12),
            new Flag("MH", new int[] {538}, new String[] {"V7"}, 10),
            new Flag("HK", new int[] {477}, new String[] {"VR"}, 10),
            new Flag("MY", new int[] {533}, new String[] {"9M", "9W"}, 8),
            new Flag("ID", new int[] {525}, new String[] {"PK", "PM", "PN", "YB"}, 7),
            new Flag("IN", new int[] {419}, new String[] {"AV", "VT"}, 5),
            new Flag("VN", new int[] {574}, new String[] {"3W", "XV"}, 4),
            new Flag("PH", new int[] {548}, new String[] {"DU", "4D"}, 4),
            new Flag("CN", new int[] {412, 413, 414}, new String[] {"BO", "BP", "BQ"}, 6),
            new Flag("TW", new int[] {416}, new String[] {"BL", "BM"}, 2),
            new Flag("LK", new int[] {417}, new String[] {"4R"}, 1),
            new Flag("BD", new int[] {405}, new String[] {"S2"}, 1),
            new Flag("TH", new int[] {567}, new String[] {"HS"}, 2));

    private static final String[] FIRST = {"PACIFIC", "ORIENT", "GOLDEN", "JADE", "CORAL", "MONSOON", "LION CITY",
        "STRAITS", "ANDAMAN", "EASTERN", "SILVER", "BENGAL", "MALACCA", "JAVA", "LUZON", "MEKONG", "TROPIC", "SUNDA",
        "OCEAN", "ASIAN", "HARBOUR", "NUSANTARA", "SERENDIB", "CELEBES", "BORNEO", "SIAM", "EMERALD", "MERLION"};
    private static final String[] SECOND = {"PEARL", "STAR", "GLORY", "VENTURE", "HARMONY", "SPIRIT", "TRADER",
        "PIONEER", "ACE", "DRAGON", "LOTUS", "WAVE", "BRIDGE", "FORTUNE", "PRIDE", "HORIZON", "EXPRESS", "GRACE",
        "PHOENIX", "CROWN", "BREEZE", "LEADER", "NAVIGATOR", "PROSPERITY"};
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final Random random;
    private final Set<Integer> mmsis = new HashSet<>();
    private final Set<Integer> imos = new HashSet<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> callSigns = new HashSet<>();

    Identities(Random random) {
        this.random = random;
    }

    /** A weighted random merchant flag. */
    Flag merchantFlag() {
        int total = MERCHANT_FLAGS.stream().mapToInt(Flag::weight).sum();
        int r = random.nextInt(total);
        for (Flag f : MERCHANT_FLAGS) {
            r -= f.weight();
            if (r < 0) {
                return f;
            }
        }
        throw new AssertionError();
    }

    /** The flag with this ISO code. */
    static Flag flag(String iso2) {
        return MERCHANT_FLAGS.stream().filter(f -> f.iso2().equals(iso2)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no flag " + iso2));
    }

    /** The flag one of whose MIDs is {@code mid}. */
    static Flag flagOfMid(int mid) {
        for (Flag f : MERCHANT_FLAGS) {
            for (int m : f.mids()) {
                if (m == mid) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("no flag for MID " + mid);
    }

    int mmsi(Flag flag) {
        while (true) {
            int mid = flag.mids()[random.nextInt(flag.mids().length)];
            int m = mid * 1_000_000 + 100_000 + random.nextInt(900_000);
            if (mmsis.add(m)) {
                return m;
            }
        }
    }

    /** A 7-digit IMO number of a ship built since the 1990s (9 1xx xxx .. 9 9xx xxx), check digit valid. */
    int imo() {
        while (true) {
            int six = 910_000 + random.nextInt(90_000);
            int imo = six * 10 + VesselIdentity.imoCheckDigit(six);
            if (imos.add(imo)) {
                return imo;
            }
        }
    }

    String name() {
        while (true) {
            String n = FIRST[random.nextInt(FIRST.length)] + " " + SECOND[random.nextInt(SECOND.length)];
            if (random.nextInt(3) == 0) {
                n = n + " " + (1 + random.nextInt(9));
            }
            if (n.length() <= 20 && names.add(n)) {
                return n;
            }
        }
    }

    String callSign(Flag flag) {
        while (true) {
            String prefix = flag.callPrefixes()[random.nextInt(flag.callPrefixes().length)];
            StringBuilder sb = new StringBuilder(prefix);
            int letters = 2 + random.nextInt(2);
            for (int i = 0; i < letters; i++) {
                sb.append(LETTERS.charAt(random.nextInt(26)));
            }
            sb.append(random.nextInt(10));
            String cs = sb.toString();
            if (callSigns.add(cs)) {
                return cs;
            }
        }
    }

    /**
     * A Class A merchant ship of the given type with dimensions typical of it: container ship (71),
     * bulk carrier or general cargo (70), tanker (80 / 84 LNG), passenger ship (60), fishing (30).
     */
    VesselIdentity merchant(Flag flag, int shipType) {
        int length;
        int beam;
        double draught;
        switch (shipType) {
            case 71 -> { length = 200 + random.nextInt(200); beam = 32 + random.nextInt(20); draught = 10 + random.nextInt(50) / 10.0; }
            case 80, 84 -> { length = 180 + random.nextInt(150); beam = 30 + random.nextInt(30); draught = 9 + random.nextInt(80) / 10.0; }
            case 60 -> { length = 100 + random.nextInt(120); beam = 20 + random.nextInt(12); draught = 5 + random.nextInt(20) / 10.0; }
            case 30 -> { length = 30 + random.nextInt(40); beam = 7 + random.nextInt(5); draught = 3 + random.nextInt(20) / 10.0; }
            default -> { length = 120 + random.nextInt(110); beam = 20 + random.nextInt(14); draught = 7 + random.nextInt(50) / 10.0; }
        }
        int toBow = (int) Math.round(length * (0.80 + random.nextInt(10) / 100.0));
        int toPort = beam / 2;
        return new VesselIdentity(mmsi(flag), imo(), name(), callSign(flag), shipType, toBow, length - toBow, toPort,
                beam - toPort, draught, false);
    }

    /** A Class B "CS" fishing boat (type 30) of the flag with MID {@code mid}: no IMO number. */
    VesselIdentity fishingBoat(int mid) {
        Flag flag = flagOfMid(mid);
        int m;
        do {
            m = mid * 1_000_000 + 100_000 + random.nextInt(900_000);
        } while (!mmsis.add(m));
        int length = 12 + random.nextInt(14);
        int beam = 4 + random.nextInt(3);
        int toBow = length * 2 / 3;
        return new VesselIdentity(m, 0, name(), callSign(flag), 30, toBow, length - toBow, beam / 2, beam - beam / 2,
                1.5 + random.nextInt(15) / 10.0, true);
    }
}
