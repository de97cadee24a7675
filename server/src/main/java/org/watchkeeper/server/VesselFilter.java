package org.watchkeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.watchkeeper.store.VesselRow;

/**
 * The vessel filters of {@code /api/vessels} and of the event routes ({@code /api/events},
 * {@code /api/ongoing} and their exports): {@code shiptype}, {@code flag} and {@code class}, each a
 * comma-separated list, a vessel passing when it matches one value of every filter given.
 *
 * <ul>
 * <li>{@code shiptype}: ITU-R M.1371-5 ship and cargo type codes (Table 53, message 5 and 24B's
 *     field, 0..255 as sent) or inclusive ranges of them: {@code 80-89} (tankers),
 *     {@code 70-79,80-89}, {@code 30} (fishing). A vessel whose type is not known matches none.
 * <li>{@code flag}: ISO 3166-1 alpha-2 codes of the flag the MMSI's MID gives (ITU MID table), any
 *     case: {@code PA,LR,MH}.
 * <li>{@code class}: kinds of station as {@code /api/vessels} names them ({@link VesselRow#CLASSES}).
 * </ul>
 * A vessel is tested in the form the caller may see it (after the sharing policy withholds fields),
 * so a filter cannot probe a withheld field: a withheld ship type matches no {@code shiptype}.
 *
 * @param shipTypes codes allowed, or null for any
 * @param flags upper-case alpha-2 codes allowed, or null for any
 * @param classes classes allowed, or null for any
 */
record VesselFilter(BitSet shipTypes, Set<String> flags, Set<String> classes) {
    /** The largest value of the 8-bit ship type field. */
    static final int MAX_SHIP_TYPE = 255;
    /** Values a list may hold (a longer list is a 400): bounds the work of a request. */
    static final int MAX_VALUES = 64;

    /**
     * The filters of a request, or null when it gives none.
     *
     * @throws Api.BadRequest for a malformed value, naming the parameter and the value
     */
    static VesselFilter of(Context ctx) {
        BitSet types = shipTypes(Api.given(ctx, "shiptype"));
        Set<String> flags = list(ctx, "flag");
        if (flags != null) {
            Set<String> up = new LinkedHashSet<>();
            for (String f : flags) {
                if (!f.matches("[A-Za-z]{2}")) {
                    throw new Api.BadRequest("flag must be an ISO 3166-1 alpha-2 code such as SG, or a comma-separated list such as PA,LR: " + f);
                }
                up.add(f.toUpperCase(Locale.ROOT));
            }
            flags = up;
        }
        Set<String> classes = list(ctx, "class");
        if (classes != null) {
            for (String c : classes) {
                if (!VesselRow.CLASSES.contains(c)) {
                    throw new Api.BadRequest("class must be one of " + String.join(", ", VesselRow.CLASSES) + ": " + c);
                }
            }
        }
        return types == null && flags == null && classes == null ? null : new VesselFilter(types, flags, classes);
    }

    private static Set<String> list(Context ctx, String name) {
        String s = Api.given(ctx, name);
        if (s == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String part : s.split(",", -1)) {
            out.add(part.strip());
        }
        if (out.size() > MAX_VALUES) {
            throw new Api.BadRequest(name + " lists more than " + MAX_VALUES + " values");
        }
        return out;
    }

    /**
     * Ship type codes from {@code 80}, {@code 80-89} or {@code 70-79,80,82}; null for null.
     *
     * @throws Api.BadRequest for a part that is neither a whole number nor a range of two, a code out of
     *         0..255, or a range whose end is below its start
     */
    static BitSet shipTypes(String s) {
        if (s == null) {
            return null;
        }
        String[] parts = s.split(",", -1);
        if (parts.length > MAX_VALUES) {
            throw new Api.BadRequest("shiptype lists more than " + MAX_VALUES + " values");
        }
        BitSet out = new BitSet(MAX_SHIP_TYPE + 1);
        for (String raw : parts) {
            String p = raw.strip();
            int dash = p.indexOf('-', 1);
            String a = dash < 0 ? p : p.substring(0, dash).strip();
            String b = dash < 0 ? p : p.substring(dash + 1).strip();
            if (!a.matches("-?\\d+") || !b.matches("-?\\d+")) {
                throw new Api.BadRequest("shiptype must be an integer code (ITU-R M.1371-5 Table 53), a range such as"
                        + " 80-89, or a comma-separated list of them: " + s);
            }
            int lo = code(a, s);
            int hi = code(b, s);
            if (hi < lo) {
                throw new Api.BadRequest("shiptype range " + p + " ends below its start");
            }
            out.set(lo, hi + 1);
        }
        return out;
    }

    private static int code(String digits, String whole) {
        java.math.BigInteger v = new java.math.BigInteger(digits);
        if (v.signum() < 0 || v.compareTo(java.math.BigInteger.valueOf(MAX_SHIP_TYPE)) > 0) {
            throw new Api.BadRequest("shiptype must be in 0.." + MAX_SHIP_TYPE + ": " + whole);
        }
        return v.intValue();
    }

    /**
     * Whether a vessel, as the caller may see it ({@code /api/vessels}' object: {@code shiptype},
     * {@code flag}, {@code class}), passes; null (a vessel not known, or withheld whole) does not.
     */
    boolean test(JsonNode v) {
        if (v == null) {
            return false;
        }
        if (shipTypes != null) {
            int t = v.path("shiptype").asInt(-1);
            if (t < 0 || !shipTypes.get(t)) {
                return false;
            }
        }
        if (flags != null && !flags.contains(v.path("flag").asText(""))) {
            return false;
        }
        return classes == null || classes.contains(v.path("class").asText(""));
    }

    /** As {@link #test(JsonNode)} on the fields themselves (ship type -1 and null for not known). */
    boolean test(int shipType, String flag, String vesselClass) {
        if (shipTypes != null && (shipType < 0 || !shipTypes.get(shipType))) {
            return false;
        }
        if (flags != null && (flag == null || !flags.contains(flag))) {
            return false;
        }
        return classes == null || (vesselClass != null && classes.contains(vesselClass));
    }
}
