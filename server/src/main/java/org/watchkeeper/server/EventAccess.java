package org.watchkeeper.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.sharing.DataClass;
import org.watchkeeper.core.sharing.Marking;
import org.watchkeeper.core.sharing.Principal;
import org.watchkeeper.core.sharing.SharingPolicy;
import org.watchkeeper.core.sharing.Tlp;
import org.watchkeeper.core.util.PlainJson;
import org.watchkeeper.store.EventRow;

/**
 * Who may see a detector event, and what of it. The one rule for every place that serves events
 * ({@code /api/events}, {@code /api/events/{id}}, {@code /api/ongoing}, a vessel's events, the event
 * statistics, the exports, STIX and the live stream), so that they cannot disagree:
 *
 * <ol>
 *   <li>the server's event marking ({@code --event-tlp}, owned by the host organisation) must admit
 *       the caller;</li>
 *   <li>an event derived from one of the user's zones ({@code zone_entry}, {@code zone_exit}, and any
 *       event whose attributes name a zone by {@code zone_id}) is seen only by those who may see that
 *       zone, as {@code GET /api/zones} decides ({@link Sharing#seesZone}). The zone is found by the
 *       {@code zone_id} the event holds, at the time the event is served, so events stored before a
 *       zone's marking was known (or rebuilt at start) follow the zone's marking as it is now. An event
 *       naming a zone the server no longer holds (deleted since; the history keeps its events across
 *       restarts), or a zone event without a zone id, is seen by the host's administrators only;</li>
 *   <li>a {@code watchlist_activity} or {@code watchlist_gap} event is seen only by those who may see the
 *       watchlist: users of the host organisation ({@link Sharing#seesWatchlist});</li>
 *   <li>a partner needs {@link DataClass#EVENTS} at the event's position and end time; the attributes
 *       need {@link DataClass#IDENTITIES} there, each evidence fix {@link DataClass#POSITIONS}.</li>
 * </ol>
 * An event object carries the marking it is shown under: a zone event its zone's ({@code tlp},
 * {@code owner_org}, {@code shared_with}, {@code recipients}), unless the server's event marking is
 * the stricter; other events the server's. A zone event's {@code parameters.zones} (how many zones the
 * server held when it fired) is shown only to those who see every zone (the host's administrators).
 */
public final class EventAccess {
    private final Supplier<Marking> eventMarking;
    private final Function<String, Optional<UserData.UserZone>> zones;

    /**
     * @param eventMarking the marking of every detector event (the configured TLP, owned by the host organisation)
     * @param zones the user's zone with a given id, if the server holds it
     */
    public EventAccess(Supplier<Marking> eventMarking, Function<String, Optional<UserData.UserZone>> zones) {
        this.eventMarking = eventMarking;
        this.zones = zones;
    }

    /** The access of a server: its event marking and its user's zones. */
    static EventAccess of(WatchkeeperServer server) {
        return new EventAccess(() -> new Marking(server.config().eventTlp(), server.accounts().hostOrgId(), null, null),
                id -> server.userData().zone(id));
    }

    /** GREEN events owned by {@code host}, no zones: for a live stream used on its own. */
    static EventAccess green() {
        return new EventAccess(() -> new Marking(Tlp.GREEN, "host", null, null), id -> Optional.empty());
    }

    /** What decides who may see one event, found once per event. */
    public static final class Scope {
        private final Marking event;
        private final boolean zoneDerived;
        private final UserData.UserZone zone;
        private final boolean watchlist;

        private Scope(Marking event, boolean zoneDerived, UserData.UserZone zone, boolean watchlist) {
            this.event = event;
            this.zoneDerived = zoneDerived;
            this.zone = zone;
            this.watchlist = watchlist;
        }

        /** Whether the markings (the event's, its zone's, the watchlist's) admit {@code p}; the policy is not asked. */
        public boolean admits(Principal p) {
            if (!event.visibleTo(p)) {
                return false;
            }
            if (watchlist && !Sharing.seesWatchlist(p)) {
                return false;
            }
            if (zoneDerived) {
                return zone != null ? Sharing.seesZone(zone, p) : Sharing.hostAdmin(p);
            }
            return true;
        }

        /** The marking the event is shown under: its zone's, unless the event marking is stricter. */
        public Marking shown() {
            if (zone != null && zone.marking().tlp().compareTo(event.tlp()) >= 0) {
                return zone.marking();
            }
            return event;
        }

        /** Whether the event names one of the user's zones (or is a zone event). */
        public boolean zoneDerived() {
            return zoneDerived;
        }
    }

    /** The scope of {@code e}: its event marking and, for a zone or watchlist event, what else decides. */
    public Scope scope(EventRow e) {
        boolean zoneKind = e.kind().equals(EventKind.ZONE_ENTRY.id()) || e.kind().equals(EventKind.ZONE_EXIT.id());
        String zoneId = null;
        // only events that name a zone are read (the evidence JSON of others may be long)
        if (e.evidenceJson() != null && e.evidenceJson().contains("\"zone_")) {
            try {
                JsonNode a = Rows.JSON.readTree(e.evidenceJson()).path("attributes");
                if (a.path("zone_id").isTextual()) {
                    zoneId = a.get("zone_id").asText();
                } else if (a.has("zone_id") || a.has("zone_name")) {
                    zoneKind = true;
                }
            } catch (JsonProcessingException x) {
                throw new IllegalStateException("stored event " + e.id() + " holds malformed JSON", x);
            }
        }
        boolean zoneDerived = zoneKind || zoneId != null;
        UserData.UserZone zone = zoneId == null ? null : zones.apply(zoneId).orElse(null);
        return new Scope(eventMarking.get(), zoneDerived, zone, e.kind().equals(EventKind.WATCHLIST_ACTIVITY.id())
                || e.kind().equals(EventKind.WATCHLIST_GAP.id()));
    }

    /** Whether {@code p}, under {@code policy}, may see {@code e} at all at {@code now}. */
    public boolean visible(EventRow e, Principal p, SharingPolicy policy, Instant now) {
        return visible(e, scope(e), p, policy, now);
    }

    /** As {@link #visible(EventRow, Principal, SharingPolicy, Instant)}, with the event's scope found already. */
    static boolean visible(EventRow e, Scope s, Principal p, SharingPolicy policy, Instant now) {
        return s.admits(p)
                && (p.hostOrg() || policy.allows(DataClass.EVENTS, e.lat(), e.lon(), Instant.ofEpochMilli(e.endMillis()), now));
    }

    /**
     * The event object (as {@link Api#event}) with the marking it is shown under, reduced to what
     * {@code p} may see, or null when {@code p} may not see the event.
     */
    public ObjectNode event(EventRow e, boolean evidence, Principal p, SharingPolicy policy, Instant now) {
        Scope s = scope(e);
        return visible(e, s, p, policy, now) ? render(e, s, evidence, p, policy, now) : null;
    }

    private static ObjectNode render(EventRow e, Scope s, boolean evidence, Principal p, SharingPolicy policy, Instant now) {
        ObjectNode o = Api.event(e, evidence);
        Marking m = s.shown();
        o.put("tlp", m.tlp().apiName());
        o.put("owner_org", m.ownerOrg());
        if (!m.sharedWithOrgs().isEmpty()) {
            m.sharedWithOrgs().stream().sorted().forEach(o.putArray("shared_with")::add);
        }
        if (!m.recipients().isEmpty()) {
            m.recipients().stream().sorted().forEach(o.putArray("recipients")::add);
        }
        if (s.zoneDerived && !Sharing.hostAdmin(p) && o.get("parameters") instanceof ObjectNode params) {
            // the number of zones the server held: more than this caller may see
            params.remove("zones");
        }
        if (policy == SharingPolicy.UNRESTRICTED) {
            return o;
        }
        Instant end = Instant.ofEpochMilli(e.endMillis());
        if (!policy.allows(DataClass.IDENTITIES, e.lat(), e.lon(), end, now)) {
            o.putObject("attributes");
        }
        JsonNode ev = o.get("evidence");
        if (ev != null) {
            ArrayNode kept = Rows.JSON.createArrayNode();
            for (JsonNode x : ev) {
                Instant t = x.has("time") ? Instant.parse(x.get("time").asText()) : null;
                if (x.has("lat") && policy.allows(DataClass.POSITIONS, x.get("lat").asDouble(), x.get("lon").asDouble(), t, now)) {
                    kept.add(x);
                }
            }
            o.set("evidence", kept);
        }
        return o;
    }

    /**
     * One event prepared for many callers (the live stream's clients): its scope is found once, and
     * its JSON written once for the callers without a policy (host users), per kind of host user.
     */
    public View view(EventRow e, boolean ongoing, Instant now) {
        return new View(e, scope(e), ongoing, now);
    }

    /** See {@link #view}. */
    public static final class View {
        private final EventRow e;
        private final Scope scope;
        private final boolean ongoing;
        private final Instant now;
        private final String[] unrestricted = new String[2];

        private View(EventRow e, Scope scope, boolean ongoing, Instant now) {
            this.e = e;
            this.scope = scope;
            this.ongoing = ongoing;
            this.now = now;
        }

        /** The message for {@code p} (with {@code "ongoing": true} for an episode under way), or null when it may not see the event. */
        public String json(Principal p, SharingPolicy policy) {
            if (!visible(e, scope, p, policy, now)) {
                return null;
            }
            if (policy != SharingPolicy.UNRESTRICTED) {
                return text(render(e, scope, false, p, policy, now));
            }
            int k = Sharing.hostAdmin(p) ? 1 : 0;
            if (unrestricted[k] == null) {
                unrestricted[k] = text(render(e, scope, false, p, policy, now));
            }
            return unrestricted[k];
        }

        private String text(ObjectNode o) {
            return PlainJson.write(ongoing ? o.put("ongoing", true) : o);
        }
    }
}
