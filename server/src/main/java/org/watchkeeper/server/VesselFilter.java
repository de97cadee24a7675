package org.watchkeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.BitSet;
import org.watchkeeper.core.ref.VesselCriteria;

/**
 * The vessel filters of {@code /api/vessels} and of the event routes ({@code /api/events},
 * {@code /api/ongoing} and their exports): {@code shiptype}, {@code flag} and {@code class}, each a
 * comma-separated list, also given several times ({@code flag=PA&flag=LR} is {@code flag=PA,LR}), a vessel
 * passing when it matches one value of every filter given; their syntax,
 * normalisation and errors are {@link VesselCriteria}'s, as {@code watchkeeper query events} takes them.
 *
 * <ul>
 * <li>{@code shiptype}: ITU-R M.1371-5 ship and cargo type codes (Table 53, message 5 and 24B's
 *     field, 0..255 as sent) or inclusive ranges of them: {@code 80-89} (tankers),
 *     {@code 70-79,80-89}, {@code 30} (fishing). A vessel whose type is not known matches none.
 * <li>{@code flag}: ISO 3166-1 alpha-2 codes of the flag the MMSI's MID gives (ITU MID table), any
 *     case: {@code PA,LR,MH}; a code ISO 3166-1 does not assign ({@code UK}, {@code ZZ}) is a 400.
 * <li>{@code class}: kinds of station as {@code /api/vessels} names them ({@link VesselCriteria#CLASSES}),
 *     any case.
 * </ul>
 * A parameter given empty ({@code flag=}) is a 400, as is an empty item of a list ({@code flag=PA,}).
 * A vessel is tested in the form the caller may see it (after the sharing policy withholds fields),
 * so a filter cannot probe a withheld field: a withheld ship type matches no {@code shiptype}.
 *
 * @param criteria the filters given
 */
record VesselFilter(VesselCriteria criteria) {
    /**
     * The filters of a request, or null when it gives none.
     *
     * @throws Api.BadRequest for an empty or malformed value, naming the parameter and the value
     */
    static VesselFilter of(Context ctx) {
        VesselCriteria c;
        try {
            // each may be given several times: the union of its values, as the CLI's repeated options
            c = VesselCriteria.parseLists(ctx.queryParams("shiptype"), ctx.queryParams("flag"), ctx.queryParams("class"), "");
        } catch (IllegalArgumentException e) {
            throw new Api.BadRequest(e.getMessage());
        }
        return c == null ? null : new VesselFilter(c);
    }

    /**
     * Ship type codes from {@code 80}, {@code 80-89} or {@code 70-79,80,82}; null for null.
     *
     * @throws Api.BadRequest as {@link VesselCriteria#shipTypes(String, String)}
     */
    static BitSet shipTypes(String s) {
        try {
            return VesselCriteria.shipTypes(s, "shiptype");
        } catch (IllegalArgumentException e) {
            throw new Api.BadRequest(e.getMessage());
        }
    }

    /**
     * Whether a vessel, as the caller may see it ({@code /api/vessels}' object: {@code shiptype},
     * {@code flag}, {@code class}), passes; null (a vessel not known, or withheld whole) does not.
     */
    boolean test(JsonNode v) {
        if (v == null) {
            return false;
        }
        JsonNode flag = v.get("flag");
        JsonNode cls = v.get("class");
        return criteria.test(v.path("shiptype").asInt(-1), flag == null ? null : flag.asText(), cls == null ? null : cls.asText());
    }

    /** As {@link #test(JsonNode)} on the fields themselves (ship type -1 and null for not known). */
    boolean test(int shipType, String flag, String vesselClass) {
        return criteria.test(shipType, flag, vesselClass);
    }
}
