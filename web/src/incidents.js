// Incident reports on the map: data shaping for the incident layer, the "who was there" overlay,
// the report form and the share dialog. Pure functions, no DOM and no map, so they are unit-tested.

/** Colours by ReCAAP ISC category (CAT 1 very significant … CAT 4 least) and for incidents without one. */
export const INCIDENT_COLORS = { 1: '#b71c1c', 2: '#ef6c00', 3: '#f9a825', 4: '#7cb342', none: '#607d8b' };

export const INCIDENT_TYPES = ['boarding', 'robbery', 'hijacking', 'kidnapping', 'attempted_attack', 'suspicious_approach', 'firing_upon', 'other'];
export const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

/** '1'..'4' from "CAT 2", or 'none'. */
/**
 * When an incident happened, as the list and panel show it: the UTC date alone for a report known only to
 * the day (`date_only`, as many ASAM and IMB rows are), not a midnight it does not know, followed by the
 * local time of day when the report gives one without its zone (`local_time`: "2015-01-08 14:30 LT");
 * else `time(t)`.
 */
export function incidentWhen(i, time) {
  if (i.date_only && typeof i.time === 'string' && /^\d{4}-\d{2}-\d{2}/.test(i.time)) {
    const day = i.time.slice(0, 10);
    return typeof i.local_time === 'string' && /^\d{2}:\d{2}$/.test(i.local_time) ? `${day} ${i.local_time} LT` : day;
  }
  return time(i.time);
}

export function categoryKey(category) {
  const m = /^CAT ([1-4])$/.exec(category || '');
  return m ? m[1] : 'none';
}

/** Incident objects of the API as GeoJSON points; properties hold what the layer styles by. */
export function incidentsToGeoJSON(incidents) {
  const features = [];
  for (const i of incidents) {
    if (!(Number.isFinite(i.lat) && Number.isFinite(i.lon) && Math.abs(i.lat) <= 90 && Math.abs(i.lon) <= 180)) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [i.lon, i.lat] },
      properties: { id: i.id, cat: categoryKey(i.category), type: i.type, tlp: i.tlp || 'CLEAR', overridden: Boolean(i.category_override) },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Inserts or replaces an incident (by id) in a list, keeping time order; returns the list. */
export function upsertIncident(list, incident) {
  const i = list.findIndex((x) => x.id === incident.id);
  if (i >= 0) list[i] = incident; else list.push(incident);
  list.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1));
  return list;
}

/** The list without the incident of that id (a new list; the same one when it is not there). */
export function withdrawIncident(list, id) {
  return list.some((x) => x.id === id) ? list.filter((x) => x.id !== id) : list;
}

/**
 * The "who was there" answer as map data: the MMSIs to highlight, their track snippets (and the
 * victim's, marked) as line features, and the closest-approach points.
 */
export function nearbyOverlay(nearby) {
  const mmsis = [];
  const features = [];
  for (const v of nearby.vessels || []) {
    mmsis.push(v.mmsi);
    if (v.track) features.push({ type: 'Feature', geometry: v.track, properties: { mmsi: v.mmsi, role: 'nearby' } });
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [v.lon, v.lat] },
      properties: { mmsi: v.mmsi, role: 'closest', distance_m: v.distance_m, time: v.time, interpolated: v.interpolated === true } });
  }
  if (nearby.victim && nearby.victim.track) {
    features.push({ type: 'Feature', geometry: nearby.victim.track, properties: { mmsi: nearby.victim.mmsi, role: 'victim' } });
  }
  return { mmsis, tracks: { type: 'FeatureCollection', features } };
}

/**
 * How a closest approach was found, for the "who was there" list: '' for a fix, else the two fixes it
 * lies between (the server follows the straight leg between fixes at most 2 h and 60 km apart).
 */
export function approachBetween(v, time = String) {
  if (!v.interpolated || !Array.isArray(v.between) || v.between.length !== 2) return '';
  return ` · on the leg between fixes at ${time(v.between[0])} and ${time(v.between[1])}`;
}

/** IMO number check digit (IMO Res. A.1117(30)): the 7th digit is the sum of the first six times 7..2, mod 10. */
export function validImo(s) {
  if (!/^\d{7}$/.test(String(s))) return false;
  const d = String(s);
  let sum = 0;
  for (let k = 0; k < 6; k++) sum += Number(d[k]) * (7 - k);
  return sum % 10 === Number(d[6]);
}

/** A UTC time of day as the form's time field gives it: hh:mm or hh:mm:ss. */
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
/** A local time of day as the API's `local_time` holds it: hh:mm, 00:00..23:59. */
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The form's values (strings, as its fields hold them) of a report read from the API, to edit it. The
 * UTC date and time of day are two fields: a report known only to the day (`date_only`) has its date and
 * an empty time, not the 00:00 its `time` carries, and its local time of day (`local_time`, "14:30", the
 * zone not given) in a field of its own. Values "not stated" and "unknown" are the selects' empty choice.
 */
export function formFromIncident(i) {
  const t = typeof i.time === 'string' ? i.time : '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(t);
  const dateOnly = i.date_only === true;
  const v = i.victim || {};
  const stated = (x) => (typeof x === 'string' && x !== 'not_stated' ? x : '');
  const str = (x) => (x === undefined || x === null ? '' : String(x));
  return {
    lat: str(i.lat),
    lon: str(i.lon),
    date: m ? m[1] : t.slice(0, 10),
    // seconds only when the report has some, as a time field shows them
    time: dateOnly || !m ? '' : m[2] + (m[3] && m[3] !== ':00' ? m[3] : ''),
    local_time: dateOnly && typeof i.local_time === 'string' ? i.local_time : '',
    type: str(i.type),
    place: str(i.place),
    victim_name: str(v.name),
    victim_imo: v.imo ? String(v.imo) : '',
    victim_mmsi: str(v.mmsi),
    victim_status: v.status && v.status !== 'unknown' ? v.status : '',
    perpetrators: str(i.perpetrators),
    weapons: stated(i.weapons),
    crew_harm: stated(i.crew_harm),
    loss: stated(i.loss),
    items_stolen: str(i.items_stolen),
    tlp: str(i.tlp),
    narrative: str(i.narrative),
  };
}

/**
 * What the form's date, UTC time and local time make of the report, as the form says under them: a
 * timed report, or one known only to its date (with its local time of day when one is given). Names the
 * conflict when a local time stands beside a UTC time (the API takes a local time only for a date-only
 * report).
 */
export function formWhen(f) {
  const date = f.date || '';
  const time = (f.time || '').trim();
  const local = (f.local_time || '').trim();
  if (!date) return 'Enter the date (UTC).';
  if (time) {
    return local
      ? `Timed report, ${date} ${time}Z: the local time ${local} goes only with a report known only to its date; clear it to save with this UTC time.`
      : `Timed report: ${date} ${time}Z.`;
  }
  return local
    ? `Date only: ${date}, local time ${local} (its zone not given), no UTC time of day. Enter a UTC time only if the report gives one.`
    : `Date only: ${date}, no time of day. Enter a UTC time only if the report gives one.`;
}

/**
 * The body of a new report (POST) or of an edit (PUT, with {@code original}, the report as the API gave
 * it) from the form's values (strings as typed). Throws an Error naming the first bad field.
 *
 * {@code date} (yyyy-mm-dd) and {@code time} (hh:mm or hh:mm:ss) are UTC. An empty time makes a report
 * known only to its date: {@code date_only} true, {@code time} the date's 00:00Z, and {@code local_time}
 * (hh:mm, the local time of day the report gives without its zone) when the form has one; a time entered
 * makes it a timed report ({@code date_only} false), which takes no local time. An edit sends the
 * original's {@code time} itself when the form's date and time are the original's (its milliseconds
 * kept), and keeps the fields the form does not show (the victim's flag, type and description, actions
 * taken, source, reference), as a PUT replaces the whole report; it leaves out {@code tlp}, which the
 * share dialog changes.
 */
export function incidentFromForm(f, original = null) {
  const lat = Number(f.lat), lon = Number(f.lon);
  if (f.lat === '' || !Number.isFinite(lat) || Math.abs(lat) > 90) throw new Error('latitude must be -90..90');
  if (f.lon === '' || !Number.isFinite(lon) || Math.abs(lon) > 180) throw new Error('longitude must be -180..180');
  const date = String(f.date || '').trim();
  if (!/^\d{4}-\d\d-\d\d$/.test(date)) throw new Error('date is required (UTC)');
  const midnight = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 10) !== date) throw new Error(`date is not a date: ${date}`);
  const clock = String(f.time || '').trim();
  const local = String(f.local_time || '').trim();
  let when;
  if (clock) {
    if (!TIME_OF_DAY.test(clock)) throw new Error(`time must be hh:mm (UTC), or empty for a report known only to its date: ${clock}`);
    if (local) throw new Error(`local time ${local} goes only with a report known only to its date: clear it, or clear the UTC time`);
    const before = original && original.date_only !== true ? formFromIncident(original) : null;
    const time = before && before.date === date && before.time === clock ? original.time : `${date}T${clock.length === 5 ? `${clock}:00` : clock}Z`;
    when = { time, date_only: false };
  } else {
    if (local && !LOCAL_TIME.test(local)) throw new Error(`local time must be hh:mm (00:00..23:59): ${local}`);
    when = { time: `${date}T00:00:00Z`, date_only: true };
    if (local) when.local_time = local;
  }
  if (!INCIDENT_TYPES.includes(f.type)) throw new Error('choose an incident type');
  const body = { ...when, lat, lon, type: f.type };
  const text = (k, v) => { if (v && String(v).trim()) body[k] = String(v).trim(); };
  text('place', f.place);
  text('narrative', f.narrative);
  text('items_stolen', f.items_stolen);
  for (const k of ['weapons', 'crew_harm', 'loss']) if (f[k]) body[k] = f[k];
  if (f.perpetrators !== undefined && f.perpetrators !== '') {
    const n = Number(f.perpetrators);
    if (!Number.isInteger(n) || n < 0) throw new Error('perpetrators must be a whole number');
    body.perpetrators = n;
  }
  const victim = {};
  if (f.victim_name && f.victim_name.trim()) victim.name = f.victim_name.trim();
  if (f.victim_imo && f.victim_imo.trim()) {
    if (!validImo(f.victim_imo.trim())) throw new Error(`IMO number ${f.victim_imo.trim()} fails its check digit`);
    victim.imo = Number(f.victim_imo.trim());
  }
  if (f.victim_mmsi && f.victim_mmsi.trim()) {
    if (!/^\d{9}$/.test(f.victim_mmsi.trim())) throw new Error('MMSI has nine digits');
    victim.mmsi = f.victim_mmsi.trim();
  }
  if (f.victim_status) victim.status = f.victim_status;
  if (original) {
    const v = original.victim || {};
    for (const k of ['flag', 'type', 'description']) if (v[k]) victim[k] = v[k];
    if (Array.isArray(original.actions_taken) && original.actions_taken.length) body.actions_taken = [...original.actions_taken];
    for (const k of ['source', 'reference']) if (original[k]) body[k] = original[k];
  }
  if (Object.keys(victim).length) body.victim = victim;
  if (f.tlp && !original) {
    if (!TLPS.includes(f.tlp)) throw new Error(`unknown TLP ${f.tlp}`);
    body.tlp = f.tlp;
  }
  return body;
}

/** Splits "a, b c" into ['a', 'b', 'c'] (commas, spaces or new lines), dropping repeats. */
export function listOf(text) {
  return [...new Set(String(text || '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];
}

/** The body of POST /api/incidents/{id}/share from the dialog's values. */
export function shareBody(tlp, orgsText, recipientsText) {
  if (!TLPS.includes(tlp)) throw new Error(`unknown TLP ${tlp}`);
  // each list counts under one TLP only (the server refuses one given under another): AMBER shares with
  // organisations, RED names recipients; the other is left out, so the report keeps it for a later change back
  const body = { tlp };
  if (tlp === 'AMBER') body.shared_with = listOf(orgsText);
  if (tlp === 'RED') body.recipients = listOf(recipientsText);
  if (tlp === 'RED' && body.recipients.length === 0) throw new Error('TLP:RED needs named recipients');
  return body;
}
