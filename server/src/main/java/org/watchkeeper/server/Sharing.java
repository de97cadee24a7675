package org.watchkeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.time.Instant;
import java.util.List;
import org.watchkeeper.core.sharing.DataClass;
import org.watchkeeper.core.sharing.Marking;
import org.watchkeeper.core.sharing.Principal;
import org.watchkeeper.core.sharing.Role;
import org.watchkeeper.core.sharing.SharingPolicy;
import org.watchkeeper.core.sharing.Tlp;

/**
 * What a caller may see of vessels, positions and events under its sharing policy and the TLP
 * markings (FIRST TLP 2.0). One place for every route, export and the live stream, so they cannot
 * disagree.
 *
 * <ul>
 *   <li>Vessel positions ({@code lat, lon, speed, course, heading, status, status_text}) need
 *       {@link DataClass#POSITIONS} at the position and at its time ({@code last_seen}) plus the delay.</li>
 *   <li>Vessel identity ({@code name, callsign, imo, shiptype, shiptype_text, destination, draught},
 *       the dimensions {@code to_bow, to_stern, to_port, to_starboard, length, beam}, identity history)
 *       needs {@link DataClass#IDENTITIES} at the vessel's position and time.
 *       A vessel with neither is left out. Filters (bbox, q, shiptype) apply to what is left, so they
 *       cannot be used to probe withheld fields.</li>
 *   <li>Events: {@link EventAccess} (the server's event marking, the marking of the zone a zone event
 *       names, the watchlist's host-only rule, then {@link DataClass#EVENTS} at the event's position and
 *       end time; attributes need IDENTITIES there, each evidence fix POSITIONS).</li>
 *   <li>Zones: {@link #seesZone}; the watchlist: {@link #seesWatchlist}.</li>
 * </ul>
 * Live data newer than a policy's delay is withheld (not held back and sent later).
 */
public final class Sharing {
    static final List<String> POSITION_FIELDS = List.of("lat", "lon", "position_time", "speed", "course", "heading", "status",
            "status_text");
    static final List<String> IDENTITY_FIELDS = List.of("name", "callsign", "imo", "shiptype", "shiptype_text",
            "destination", "draught", "to_bow", "to_stern", "to_port", "to_starboard", "length", "beam");

    private Sharing() {
    }

    /**
     * The caller may use a route that serves {@code c} at all.
     *
     * @throws UnauthorizedResponse (401) for an anonymous caller without the class published
     * @throws ForbiddenResponse (403) when the policy does not grant {@code c}
     */
    public static void requireClass(Context ctx, DataClass c) {
        if (!Access.policy(ctx).grants(c)) {
            if (Security.anonymous(ctx)) {
                throw new UnauthorizedResponse("authentication required");
            }
            throw new ForbiddenResponse("the sharing policy of organisation '" + Access.principal(ctx).org()
                    + "' does not grant " + c.apiName());
        }
    }

    /**
     * Only users of a host organisation (operational data: stats, metrics, watchlist).
     *
     * @throws UnauthorizedResponse (401) for an anonymous caller, ForbiddenResponse (403) for a partner
     */
    public static void requireHost(Context ctx) {
        if (!Access.principal(ctx).hostOrg()) {
            if (Security.anonymous(ctx)) {
                throw new UnauthorizedResponse("authentication required");
            }
            throw new ForbiddenResponse("only users of the host organisation may use " + ctx.path());
        }
    }

    /**
     * A vessel object (as {@link Api#vessel}) reduced to what the policy allows, or null when nothing of it
     * may be shown. The object is changed in place.
     */
    public static ObjectNode vessel(ObjectNode v, SharingPolicy policy, Instant now) {
        if (policy == SharingPolicy.UNRESTRICTED) {
            return v;
        }
        double lat = v.has("lat") ? v.get("lat").asDouble() : Double.NaN;
        double lon = v.has("lon") ? v.get("lon").asDouble() : Double.NaN;
        Instant t = v.has("last_seen") ? Instant.parse(v.get("last_seen").asText()) : null;
        // a class the policy allows shows something only when the vessel has it: a station without a
        // position (heard only through binary or safety messages), shown no identity, is left out
        boolean pos = policy.allows(DataClass.POSITIONS, lat, lon, t, now) && v.has("lat");
        boolean id = policy.allows(DataClass.IDENTITIES, lat, lon, t, now) && IDENTITY_FIELDS.stream().anyMatch(v::has);
        if (!pos && !id) {
            return null;
        }
        if (!pos) {
            v.remove(POSITION_FIELDS);
        }
        if (!id) {
            v.remove(IDENTITY_FIELDS);
        }
        return v;
    }

    /** Whether the identity of a vessel (its current state as {@code v}, before reduction) may be shown. */
    public static boolean identity(ObjectNode v, SharingPolicy policy, Instant now) {
        double lat = v.has("lat") ? v.get("lat").asDouble() : Double.NaN;
        double lon = v.has("lon") ? v.get("lon").asDouble() : Double.NaN;
        Instant t = v.has("last_seen") ? Instant.parse(v.get("last_seen").asText()) : null;
        return policy.allows(DataClass.IDENTITIES, lat, lon, t, now);
    }

    /** Whether {@code p} is an administrator of the host organisation (who may see, list and delete every zone). */
    public static boolean hostAdmin(Principal p) {
        return p.hostOrg() && p.role() == Role.ADMIN;
    }

    /**
     * Whether {@code p} may see zone {@code z} (in {@code GET /api/zones}, to delete it, and its events):
     * its TLP marking admits the caller ({@link Marking#visibleTo}; the creator of a RED zone is one of
     * its recipients), or the caller is an administrator of the host organisation, who answers for
     * every detection zone the server runs and may delete any. A caller without a login sees no zone
     * (TLP:CLEAR and GREEN admit every authenticated user; zones are not a data class one may publish),
     * and so none of the zones' events.
     */
    public static boolean seesZone(UserData.UserZone z, Principal p) {
        if (Security.anonymous(p)) {
            return false;
        }
        return z.marking().visibleTo(p) || hostAdmin(p);
    }

    /** Whether {@code p} may see the watchlist (its entries, notes and the events they raise): users of the host organisation. */
    public static boolean seesWatchlist(Principal p) {
        return p.hostOrg();
    }

    /** Parses a TLP marking; null or empty gives {@code dflt}. */
    static Tlp tlp(JsonNode n, Tlp dflt) {
        if (n == null || n.isNull() || n.asText().isBlank()) {
            return dflt;
        }
        return Tlp.parse(n.asText());
    }
}
