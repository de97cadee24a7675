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

/** The largest MMSI an AIS message can carry (its 30-bit field), as the server accepts it. */
export const MAX_MMSI = 1073741823;

/**
 * Whether `digits` is a whole MMSI as the server names stations: 9 digits (leading zeros kept), or 10
 * digits from 1000000000 to {@link MAX_MMSI} (a station sending a value out of the 9-digit range).
 */
export function isFullMmsi(digits) {
  return /^\d{9}$/.test(digits) || (/^[1-9]\d{9}$/.test(digits) && Number(digits) <= MAX_MMSI);
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
    // all 9 digits, leading zeros too: 8 digits is far more often a digit left out than a coast station;
    // 10 digits only up to the largest value the AIS field carries, as a station out of range sends it
    if (!/^\d+$/.test(v) || Number(v) === 0) throw new Error(`an MMSI is 9 digits: ${v}`);
    if (!isFullMmsi(v)) {
      if (v.length === 10 && v[0] !== '0') throw new Error(`mmsi ${v} is above ${MAX_MMSI}, the largest MMSI an AIS message can carry`);
      throw new Error(`an MMSI is 9 digits: ${v} has ${v.length}${v.length < 9 ? ` (if you mean ${v.padStart(9, '0')}, write that)` : ''}`);
    }
    return { mmsi: v, note: n };
  }
  if (by === 'imo') {
    // as registries print it too: "IMO 9074729"
    const digits = v.replace(/^imo\s*/i, '');
    if (!/^\d{7}$/.test(digits)) throw new Error(`an IMO number is 7 digits: ${v}`);
    return { imo: Number(digits), note: n };
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

/** An attribute name made readable: "stop_duration_s" → "stop duration s", "start_ms" → "start". */
export function attributeLabel(k) {
  return String(k).replace(/_ms$/, '').replace(/_/g, ' ');
}

/** Whether attribute `k`'s value `v` is a time: an ISO instant, or epoch milliseconds of a `_ms` attribute. */
function isInstant(k, v) {
  return (typeof v === 'string' && ISO_INSTANT.test(v)) || (String(k).endsWith('_ms') && typeof v === 'number' && v > 1e11);
}

/** A time attribute written by `time` (which takes an ISO instant). */
function instantText(v, time) {
  return time(typeof v === 'number' ? new Date(v).toISOString() : v);
}

/** A time attribute as HTML: a narrow cell breaks it between its date and its time of day, never inside the date. */
function instantHtml(v, time) {
  return instantText(v, time).split(' ').map((w) => `<span class="nowrap">${escapeHtml(w)}</span>`).join(' ');
}

/** Whether a value needs more than a line of text: an object, or a list holding objects or lists. */
function isStructured(v) {
  if (v === null || typeof v !== 'object') return false;
  return !Array.isArray(v) || v.some((x) => x !== null && typeof x === 'object');
}

/**
 * The facts of an event for its detail panel: [label, value] rows of kind, times, duration, zone and
 * watchlist note, then each measured attribute (name made readable, numbers rounded, lists of values
 * joined, times written by `time`: ISO instants and epoch milliseconds of a `_ms` attribute; a
 * duration_* within a second of the Duration row left out, see repeatsSpan), then the
 * detector's parameters (the thresholds that fired it) and the number of evidence observations.
 * `evidence` the number of evidence observations when known (the stored event's `evidence`).
 * A value is plain text, or `{text, title}` for a quantity whose name gives its unit (a duration, a
 * distance, a speed, an angle: see measured(); the title the exact value), or `{html}` for an
 * attribute that is an object or a list of objects and for the parameters: an HTML table (see
 * attributeHtml and parametersHtml; a port visit's `parts` as portPartsHtml writes them, under the
 * label "Parts", in place of the part count), every text in it escaped.
 */
export function eventFacts(e, { evidence, time = (t) => t } = {}) {
  const a = e.attributes || {};
  const rows = [['Kind', kindLabel(e.kind)], ['Start', e.start ? time(e.start) : '—']];
  rows.push(['End', e.ongoing ? 'under way' : (e.end ? time(e.end) : '—')]);
  const d = e.start && e.end ? Date.parse(e.end) - Date.parse(e.start) : NaN;
  const span = Number.isFinite(d) && d > 0 ? d / 1000 : NaN;
  if (Number.isFinite(span)) {
    rows.push(['Duration', { text: `${durationText(span)}${e.ongoing ? ' so far' : ''}`, title: `${exact(span)} s` }]);
  }
  if (a.zone_name) rows.push(['Zone', String(a.zone_name)]);
  const notes = Array.isArray(a.note) ? a.note : a.note ? [a.note] : [];
  if (notes.length) rows.push(['Watchlist note', notes.join('; ')]);
  const parts = e.kind === 'port_visit' && Array.isArray(a.parts) && a.parts.length > 0;
  for (const [k, v] of Object.entries(a)) {
    if (NAMED_ATTRIBUTES.has(k) || (parts && k === 'part_count') || repeatsSpan(k, v, span)) continue;
    const q = measured(k, v);
    if (parts && k === 'parts') rows.push(['Parts', { html: portPartsHtml(a, { time }) }]);
    else if (isStructured(v)) rows.push([attributeLabel(k), { html: attributeHtml(v, { time }) }]);
    else if (q) rows.push([q.label, { text: q.text, title: q.title }]);
    else rows.push([attributeLabel(k), isInstant(k, v) ? instantText(v, time) : attributeText(v)]);
  }
  const params = e.parameters;
  if (params && typeof params === 'object' && !Array.isArray(params) && Object.keys(params).length) {
    rows.push(['Parameters', { html: parametersHtml(params, { time }) }]);
  }
  if (evidence !== undefined && evidence !== null) rows.push(['Evidence', `${evidence} observation${evidence === 1 ? '' : 's'}`]);
  return rows;
}

/**
 * Whether attribute k is the event's span again: a duration named duration_* (duration_h, duration_s...)
 * within a second of the span (seconds) the Duration row already shows. One that differs (a gap's
 * silence measured between fixes, not the event's bounds) is kept.
 */
function repeatsSpan(k, v, span) {
  const u = unitOf(k);
  return Number.isFinite(span) && u !== null && u.quantity === 'duration' && u.name === 'duration'
    && typeof v === 'number' && Number.isFinite(v) && Math.abs(v * u.base - span) <= 1;
}

/**
 * The parameters of an event (the detector settings that fired it: min_gap_h, max_distance_m, a list
 * of checks...) as a small HTML table of "name: value" rows, in the order given: a name that gives a
 * unit (see measured()) loses it to its value, written readably with the exact value as its title,
 * the name as given in the row label's title; any other value as attributeHtml writes it. Every text
 * escaped.
 */
export function parametersHtml(params, { time = (t) => t } = {}) {
  const rows = Object.entries(params || {}).map(([k, v]) => {
    const q = measured(k, v);
    const label = q ? q.label : attributeLabel(k);
    const value = q ? measuredHtml(q) : attributeHtml(v, { time, key: k }, 1);
    return `<tr><th title="${escapeHtml(k)}">${escapeHtml(label)}</th><td>${value}</td></tr>`;
  });
  return rows.length ? `<table class="attr-object params">${rows.join('')}</table>` : '—';
}

/**
 * The unit a quantity's name gives by its suffix: `_s` seconds, `_h` or `_hours` hours, `_m` metres,
 * `_km` kilometres, `_nm` nautical miles, `_kn` knots, `_deg` degrees. Null for any other name.
 * `{quantity, unit, base, name}`: quantity 'duration', 'distance', 'speed' or 'angle'; `base` the
 * value of 1 of the unit in seconds (durations) or metres (distances); `name` the name without it.
 */
export function unitOf(name) {
  const m = /^(.+)_(s|h|hours|m|km|nm|kn|deg)$/.exec(String(name));
  if (!m) return null;
  const [quantity, unit, base] = {
    s: ['duration', 's', 1], h: ['duration', 'h', 3600], hours: ['duration', 'h', 3600],
    m: ['distance', 'm', 1], km: ['distance', 'km', 1000], nm: ['distance', 'nm', 1852],
    kn: ['speed', 'kn', 1], deg: ['angle', '°', 1],
  }[m[2]];
  return { quantity, unit, base, name: m[1] };
}

/**
 * A quantity named with its unit (see unitOf) written readably, or null when the name gives no unit
 * or the value is not a finite number: `{label, text, title}`, the label the name made readable
 * without its unit, the text the value in words ("2 h 14 min", "45 s", "3 d 4 h"; "410 m", "12.3 km",
 * "3.24 nm"; "12.5 kn"; "35°"), the title the exact value (a duration in seconds, "8040 s"; a distance
 * as given and, when not in metres, in metres: "3.24 nm = 6000.48 m").
 */
export function measured(name, v) {
  const u = unitOf(name);
  if (!u || typeof v !== 'number' || !Number.isFinite(v)) return null;
  const label = attributeLabel(u.name);
  if (u.quantity === 'duration') {
    const s = v * u.base;
    return { label, text: durationText(s), title: u.unit === 's' ? `${exact(v)} s` : `${exact(v)} ${u.unit} = ${exact(s)} s` };
  }
  if (u.quantity === 'distance') {
    const title = u.unit === 'm' ? `${exact(v)} m` : `${exact(v)} ${u.unit} = ${exact(v * u.base)} m`;
    return { label, text: u.unit === 'nm' ? `${readable(v)} nm` : distanceText(v * u.base), title };
  }
  if (u.quantity === 'speed') return { label, text: `${readable(v)} kn`, title: `${exact(v)} kn` };
  return { label, text: `${readable(v)}°`, title: `${exact(v)}°` };
}

/** A measured quantity (as measured() gives it) as HTML: its text, its exact value on hover. */
function measuredHtml(q) {
  return `<span class="measured" title="${escapeHtml(q.title)}">${escapeHtml(q.text)}</span>`;
}

/** A number as it was given, without binary noise: at most 6 decimals. */
function exact(x) {
  return String(Math.round(x * 1e6) / 1e6);
}

/** A number to read: 2 decimals under 1, 1 under 100, none from 100 on (trailing zeros dropped). */
function readable(x) {
  const a = Math.abs(x);
  const d = a < 1 ? 2 : a < 100 ? 1 : 0;
  return String(Math.round(x * 10 ** d) / 10 ** d);
}

/**
 * A span of seconds in words: "45 s" (a tenth under 10 s: "2.5 s"), "6 min 20 s", "2 h 14 min",
 * "2 h 05 min", "24 h", and from 48 h on "3 d 4 h"; a part that is zero is left out ("30 min",
 * "2 d"). A negative span (a clock skew) has a minus sign. '—' for what is no number.
 */
export function durationText(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return '—';
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  const pad = (n) => String(n).padStart(2, '0');
  if (s < 59.5) return `${sign}${s < 9.95 ? Math.round(s * 10) / 10 : Math.round(s)} s`;
  const whole = Math.round(s);
  if (whole < 3600) return `${sign}${Math.floor(whole / 60)} min${whole % 60 ? ` ${pad(whole % 60)} s` : ''}`;
  const min = Math.round(whole / 60);
  if (min < 48 * 60) return `${sign}${Math.floor(min / 60)} h${min % 60 ? ` ${pad(min % 60)} min` : ''}`;
  const h = Math.round(min / 60);
  return `${sign}${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

/** A distance of metres in words: "410 m" (a tenth under 10 m), from 1 000 m on in km: "1.2 km", "12.3 km", "250 km". */
export function distanceText(metres) {
  if (typeof metres !== 'number' || !Number.isFinite(metres)) return '—';
  const a = Math.abs(metres);
  if (a < 999.5) return `${a < 9.95 ? Math.round(metres * 10) / 10 : Math.round(metres)} m`;
  return `${readable(metres / 1000)} km`;
}

/**
 * A measured value as text: numbers to at most 3 decimals, lists joined, objects as "key: value; …"
 * (a value whose key gives its unit in words, the key without it: "stop duration: 6 min 20 s").
 */
export function attributeText(v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map((x) => (isStructured(x) ? `(${attributeText(x)})` : attributeText(x))).join(', ') || '—';
  if (typeof v === 'object') {
    return Object.entries(v).map(([k, x]) => {
      const q = measured(k, x);
      return q ? `${q.label}: ${q.text}` : `${attributeLabel(k)}: ${isStructured(x) ? `(${attributeText(x)})` : attributeText(x)}`;
    }).join('; ') || '—';
  }
  return String(v);
}

/** Text made safe to place in HTML, in an element or a quoted attribute. */
export function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** Nesting deeper than this is written as text (attributeText), not as further tables. */
const MAX_DEPTH = 3;

/**
 * Any attribute value as HTML, every text escaped (names and values come from AIS and are not to be
 * trusted): a scalar as attributeText writes it (times by `time`, for an ISO instant or, under a key
 * ending in `_ms`, epoch milliseconds; a number under a key that gives its unit as measured() writes
 * it, the exact value on hover, and the key's label without the unit); a list of scalars joined by
 * commas; a list of objects as a table, one row per object and one column per key (in the order
 * first seen); an object as a table of "key: value" rows; other lists as a numbered list. `key` the
 * attribute name of `v`, when any.
 */
export function attributeHtml(v, { time = (t) => t, key = '' } = {}, depth = 0) {
  const sub = (x, k) => attributeHtml(x, { time, key: k }, depth + 1);
  if (!isStructured(v)) {
    if (Array.isArray(v)) return escapeHtml(v.map((x) => (isInstant(key, x) ? instantText(x, time) : attributeText(x))).join(', ') || '—');
    const q = measured(key, v);
    if (q) return measuredHtml(q);
    return isInstant(key, v) ? instantHtml(v, time) : escapeHtml(attributeText(v));
  }
  if (depth >= MAX_DEPTH) return escapeHtml(attributeText(v));
  if (Array.isArray(v)) {
    if (v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) {
      const keys = [...new Set(v.flatMap((x) => Object.keys(x)))];
      // a column of quantities of one unit: the unit is in each cell, not in the heading
      const label = (k) => (v.every((x) => !(k in x) || measured(k, x[k])) ? attributeLabel(unitOf(k)?.name ?? k) : attributeLabel(k));
      const head = keys.map((k) => `<th>${escapeHtml(label(k))}</th>`).join('');
      const body = v.map((x) => `<tr>${keys.map((k) => `<td>${k in x ? sub(x[k], k) : ''}</td>`).join('')}</tr>`).join('');
      return `<table class="attr-table"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
    }
    return `<ol class="attr-list">${v.map((x) => `<li>${sub(x, key)}</li>`).join('')}</ol>`;
  }
  const rows = Object.entries(v).map(([k, x]) => `<tr><th>${escapeHtml(measured(k, x)?.label ?? attributeLabel(k))}</th><td>${sub(x, k)}</td></tr>`).join('');
  return rows ? `<table class="attr-object">${rows}</table>` : '—';
}

/**
 * The parts of a port visit (`a` its attributes: `parts`, `part_count`, `port_name`) as an HTML
 * table, one row per part in time order: number, place (the anchorage's name, else the port's, and
 * which of the two it is; its id and point in the cell's title), from and to (by `time`; "last fix"
 * when the ship did not depart), the time stopped (its exact seconds on hover) and the stops, and the fixes. When the visit had
 * more parts than are listed (the API lists the first and the last ones, as many of each), a row
 * says how many are left out, where they were. Every text escaped.
 */
export function portPartsHtml(a, { time = (t) => t } = {}) {
  const parts = Array.isArray(a.parts) ? a.parts : [];
  const count = Number.isInteger(a.part_count) && a.part_count > parts.length ? a.part_count : parts.length;
  const head = count > parts.length ? Math.ceil(parts.length / 2) : parts.length;
  const at = (ms) => (typeof ms === 'number' && Number.isFinite(ms) ? instantHtml(ms, time) : '—');
  const row = (p, n) => {
    if (p === null || typeof p !== 'object') return `<tr><td>${n}</td><td colspan="5">${attributeHtml(p)}</td></tr>`;
    const anchorage = p.place === 'anchorage';
    const name = anchorage ? (p.anchorage_name || p.anchorage_id || 'anchorage') : (a.port_name || 'port');
    const where = [anchorage ? p.anchorage_id : a.port_id, Number.isFinite(p.lat) && Number.isFinite(p.lon) ? `${p.lat}, ${p.lon}` : null].filter(Boolean).join(' · ');
    const stops = Number(p.stop_count) || 0;
    const stoppedFor = measured('stop_duration_s', p.stop_duration_s);
    const stopped = stops === 0 ? 'no stop' : [stoppedFor ? `<span class="nowrap" title="${escapeHtml(stoppedFor.title)}">${escapeHtml(stoppedFor.text)}</span>` : null,
      `<span class="nowrap">(${stops} stop${stops === 1 ? '' : 's'})</span>`].filter(Boolean).join(' ');
    const to = `${at(p.end_ms)}${p.departed === false ? ' <small>last fix</small>' : ''}`;
    return `<tr><td>${n}</td><td${where ? ` title="${escapeHtml(where)}"` : ''}>${escapeHtml(name)} <small>${escapeHtml(p.place || '')}</small></td>`
      + `<td>${at(p.start_ms)}</td><td>${to}</td><td>${stopped}</td><td class="num">${escapeHtml(attributeText(p.fixes))}</td></tr>`;
  };
  const rows = parts.map((p, i) => row(p, i < head ? i + 1 : count - (parts.length - i) + 1));
  if (count > parts.length) {
    rows.splice(head, 0, `<tr class="parts-skipped"><td colspan="6">… ${count - parts.length} parts not listed …</td></tr>`);
  }
  return '<table class="attr-table parts"><thead><tr><th>#</th><th>Place</th><th>From</th><th>To</th><th>Stopped</th><th class="num">Fixes</th></tr></thead>'
    + `<tbody>${rows.join('')}</tbody></table>`;
}

/**
 * A time as the panels write it, in UTC: "2012-01-27 11:47:02Z" (fractions of a second dropped, and
 * ":00" seconds: "2026-11-01 10:00Z"); '—' for none and for what is no time. `t` an ISO instant or
 * epoch milliseconds.
 */
export function utcTime(t) {
  if (!t) return '—';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/:00Z$/, 'Z');
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
    return { state: 'down', text: since === null ? 'not live' : `stream lost ${durationText(Math.max(0, now - since) / 1000)} ago` };
  }
  if (lastData !== null && now - lastData > QUIET_AFTER_MS) {
    return { state: 'quiet', text: `live, no data for ${durationText((now - lastData) / 1000)}` };
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
