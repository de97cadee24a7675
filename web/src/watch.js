// Watch-keeping helpers of the web map: event symbols, the watchlist, alerts, event details, stale
// vessels and the live stream's health. Pure functions from API objects (see the HTTP API contract)
// to what the page shows; no DOM and no map here, so every function is unit-tested.

/**
 * Event kinds grouped as the map draws them: each group a colour and a legend label. Diamonds on the
 * map (incidents are round), so an event is never taken for an incident.
 */
export const EVENT_GROUPS = {
  gap: { label: 'Gap / going dark', color: '#546e7a', kinds: ['gap'] },
  encounter: { label: 'Encounter', color: '#d81b60', kinds: ['encounter'] },
  loitering: { label: 'Loitering / drift', color: '#8e24aa', kinds: ['loitering', 'drift'] },
  zone: { label: 'Zone entry / exit', color: '#1e88e5', kinds: ['zone_entry', 'zone_exit'] },
  watchlist: { label: 'Watchlist activity / silence', color: '#e53935', kinds: ['watchlist_activity', 'watchlist_gap'] },
  port: { label: 'Port visit / transit', color: '#00897b', kinds: ['port_visit', 'chokepoint_transit'] },
  identity: { label: 'Spoofing / identity', color: '#6d4c41', kinds: ['identity_conflict', 'invalid_identity', 'position_jump', 'position_on_land'] },
  speed: { label: 'Speed change', color: '#fb8c00', kinds: ['sudden_speed_change'] },
  other: { label: 'Other event', color: '#757575', kinds: [] },
};

/** The group of an event kind (a key of EVENT_GROUPS); kinds the map does not know are 'other'. */
export function eventGroup(kind) {
  for (const [g, { kinds }] of Object.entries(EVENT_GROUPS)) if (kinds.includes(kind)) return g;
  return 'other';
}

/** A name for comparison, as the server matches watchlist names: upper case, A-Z and 0-9 words, one space between. */
export function normaliseName(name) {
  return String(name ?? '').toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim();
}

/**
 * The watchlist entries ({id, mmsi?, imo?, name?, note} of GET /api/watchlist) that match a vessel
 * ({mmsi, imo?, name?}): by MMSI, IMO number or normalised name, as the server's watchlist does.
 */
export function watchEntriesFor(entries, vessel) {
  if (!vessel) return [];
  const name = normaliseName(vessel.name);
  return (entries || []).filter((e) => (e.mmsi && String(e.mmsi) === String(vessel.mmsi))
    || (e.imo && vessel.imo && Number(e.imo) === Number(vessel.imo))
    || (e.name && name && normaliseName(e.name) === name));
}

/** How a watchlist entry names its vessel: "MMSI 219165000", "IMO 9074729" or "name EVER GIVEN". */
export function watchLabel(e) {
  if (e.mmsi) return `MMSI ${e.mmsi}`;
  if (e.imo) return `IMO ${e.imo}`;
  return `name ${e.name}`;
}

/**
 * The body of POST /api/watchlist from the add form: `by` one of mmsi, imo, name; `value` as typed;
 * `note` optional. Throws an Error saying what is wrong, before anything is sent.
 */
export function watchBody(by, value, note) {
  const v = String(value ?? '').trim();
  const n = String(note ?? '').trim();
  if (!v) throw new Error(`give the vessel's ${by === 'name' ? 'name' : by.toUpperCase()}`);
  if (n.length > 1000) throw new Error('the note is longer than 1000 characters');
  if (by === 'mmsi') {
    // all 9 digits, leading zeros too: 8 digits is far more often a digit left out than a coast station
    if (!/^\d+$/.test(v) || Number(v) === 0) throw new Error(`an MMSI is 9 digits: ${v}`);
    if (v.length !== 9) {
      throw new Error(`an MMSI is 9 digits: ${v} has ${v.length}${v.length < 9 ? ` (if you mean ${v.padStart(9, '0')}, write that)` : ''}`);
    }
    return { mmsi: v, note: n };
  }
  if (by === 'imo') {
    if (!/^\d{7}$/.test(v)) throw new Error(`an IMO number is 7 digits: ${v}`);
    return { imo: Number(v), note: n };
  }
  if (by === 'name') {
    if (!normaliseName(v)) throw new Error('a name needs letters or digits');
    return { name: v, note: n };
  }
  throw new Error(`unknown watchlist key: ${by}`);
}

const ALERT_KINDS = new Set(['zone_entry', 'zone_exit', 'watchlist_activity', 'watchlist_gap']);

/**
 * The alert for an event that came in over the live stream, or null when it is not one to raise:
 * zone entries and exits, watchlist activity and silences, and any event of a vessel on the watchlist.
 * `vessels` a Map from MMSI to vessel (for names), `watchlist` the entries of GET /api/watchlist.
 * Returns {id, kind, label, vessels: [{mmsi, name}], zone, note, time}.
 */
export function alertFor(e, { vessels = new Map(), watchlist = [] } = {}) {
  if (!e || !e.kind) return null;
  const vs = (e.vessels || []).map((m) => ({ mmsi: m, name: vessels.get(m)?.name || '' }));
  const watched = vs.flatMap((v) => watchEntriesFor(watchlist, { ...vessels.get(v.mmsi), mmsi: v.mmsi }));
  if (!ALERT_KINDS.has(e.kind) && watched.length === 0) return null;
  const a = e.attributes || {};
  const notes = [...new Set([...(Array.isArray(a.note) ? a.note : a.note ? [a.note] : []), ...watched.map((w) => w.note)].filter(Boolean))];
  return {
    id: e.id, kind: e.kind, label: kindLabel(e.kind), vessels: vs, zone: a.zone_name || null,
    note: notes.join('; ') || null, time: e.start || null,
  };
}

/** An event kind as words: "zone_entry" → "zone entry". */
export function kindLabel(kind) {
  return String(kind || '').replace(/_/g, ' ');
}

/** One line for an alert: "zone entry · LION STAR 3 (563000010) · zone Anchorage A". */
export function alertText(alert) {
  const who = alert.vessels.map((v) => (v.name ? `${v.name} (${v.mmsi})` : v.mmsi)).join(', ');
  return [alert.label, who, alert.zone ? `zone ${alert.zone}` : null, alert.note ? `note: ${alert.note}` : null].filter(Boolean).join(' · ');
}

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/;

/** Attributes the detail names in rows of their own, not among the measured ones. */
const NAMED_ATTRIBUTES = new Set(['zone_name', 'zone_id', 'note', 'mmsi']);

/**
 * The facts of an event for its detail panel: [label, text] rows of kind, times, duration, zone and
 * watchlist note, then each measured attribute (name made readable, numbers rounded, lists joined,
 * times written by `time`: ISO instants and epoch milliseconds of a `_ms` attribute).
 * `evidence` the number of evidence observations when known (the stored event's `evidence`).
 */
export function eventFacts(e, { evidence, time = (t) => t } = {}) {
  const a = e.attributes || {};
  const rows = [['Kind', kindLabel(e.kind)], ['Start', e.start ? time(e.start) : '—']];
  rows.push(['End', e.ongoing ? 'under way' : (e.end ? time(e.end) : '—')]);
  const d = e.start && e.end ? Date.parse(e.end) - Date.parse(e.start) : NaN;
  if (Number.isFinite(d) && d > 0) rows.push(['Duration', `${duration(d)}${e.ongoing ? ' so far' : ''}`]);
  if (a.zone_name) rows.push(['Zone', String(a.zone_name)]);
  const notes = Array.isArray(a.note) ? a.note : a.note ? [a.note] : [];
  if (notes.length) rows.push(['Watchlist note', notes.join('; ')]);
  for (const [k, v] of Object.entries(a)) {
    if (NAMED_ATTRIBUTES.has(k)) continue;
    const instant = (typeof v === 'string' && ISO_INSTANT.test(v)) || (k.endsWith('_ms') && typeof v === 'number' && v > 1e11);
    rows.push([k.replace(/_ms$/, '').replace(/_/g, ' '), instant ? time(typeof v === 'number' ? new Date(v).toISOString() : v) : attributeText(v)]);
  }
  if (evidence !== undefined && evidence !== null) rows.push(['Evidence', `${evidence} observation${evidence === 1 ? '' : 's'}`]);
  return rows;
}

/** A measured value as text: numbers to at most 3 decimals, lists joined, objects as JSON. */
export function attributeText(v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map(attributeText).join(', ') || '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A span of milliseconds as "2 h 05 min", "45 min" or "30 s". */
export function duration(ms) {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Vessels not heard for more than this, before the newest report in the picture, are drawn faded. */
export const STALE_AFTER_MS = 3600e3;

/**
 * The time the picture is at: the newest `last_seen` of the vessels (ms), or null when none has one.
 * A replayed log's picture is at its own time, not the wall clock's, so staleness is judged from it.
 */
export function pictureTime(vessels) {
  let newest = -Infinity;
  for (const v of vessels) {
    const t = v.last_seen ? Date.parse(v.last_seen) : NaN;
    if (t > newest) newest = t;
  }
  return Number.isFinite(newest) ? newest : null;
}

/** Whether a vessel was last heard more than `after` ms before the picture time `now` (no time: stale). */
export function isStale(v, now, after = STALE_AFTER_MS) {
  if (now === null || now === undefined) return false;
  const t = v.last_seen ? Date.parse(v.last_seen) : NaN;
  return !Number.isFinite(t) || now - t > after;
}

/** Streams quieter than this (no position or event) are said to have no data. */
export const QUIET_AFTER_MS = 5 * 60e3;

/**
 * The live stream's state for the header and the banner: `connected` whether the EventSource is
 * open, `since` when it was lost (ms, null if never connected), `lastData` when the last position
 * or event arrived (ms, null if none yet), `now` the wall clock (ms). Returns {state, text}:
 * state 'live', 'quiet' (connected, no data for QUIET_AFTER_MS) or 'down'.
 */
export function streamHealth({ connected, since = null, lastData = null, now }) {
  if (!connected) {
    return { state: 'down', text: since === null ? 'not live' : `stream lost ${duration(Math.max(0, now - since))} ago` };
  }
  if (lastData !== null && now - lastData > QUIET_AFTER_MS) {
    return { state: 'quiet', text: `live, no data for ${duration(now - lastData)}` };
  }
  return { state: 'live', text: 'live' };
}

/**
 * What the Events tab says about its list: `shown` events after the filters, `held` in the list,
 * `truncated` whether the server had more than it sent (the list then holds the newest `limit`),
 * `underWay` episodes still going on, `listed` how many of the `shown` the list draws (the newest:
 * it draws at most a set number), `vessel` the one MMSI the list was loaded for, if any.
 */
export function eventCountText({ shown, held, truncated, limit, underWay = 0, windowed = false, listed = shown, vessel = null }) {
  let text = `${shown} of ${held} events${underWay ? ` (${underWay} under way)` : ''}`;
  if (listed < shown) text += `; the newest ${listed.toLocaleString('en')} are listed: narrow the filters to list the others`;
  if (!truncated) return text;
  const of = vessel ? `of vessel ${vessel} ` : windowed ? 'of this window ' : '';
  return `${text}. Only the newest ${limit.toLocaleString('en')} ${of}are loaded: older events exist`
    + ` beyond these; set From/To (UTC) to load an earlier window.`;
}

/**
 * The zone actions a user may take: `me` of GET /api/me, `zone` a zone feature's properties.
 * Analysts and admins draw zones; they delete those of their own organisation, and the host's
 * admins any zone.
 */
export function zoneRights(me) {
  const draw = !!me && !me.anonymous && (me.role === 'analyst' || me.role === 'admin');
  return {
    draw,
    remove: (zone) => draw && (zone.owner_org === undefined || zone.owner_org === me.org || (me.host && me.role === 'admin')),
  };
}

/** Whether `me` may see the watchlist (users of the host organisation) and change it (analysts and admins). */
export function watchRights(me) {
  const see = !!me && !me.anonymous && !!me.host;
  return { see, change: see && (me.role === 'analyst' || me.role === 'admin') };
}
