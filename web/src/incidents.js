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

/**
 * The POST body of a new report from the form's values (strings as typed). Throws an Error naming
 * the first bad field. {@code time} is a datetime-local value, read as UTC.
 */
export function incidentFromForm(f) {
  const lat = Number(f.lat), lon = Number(f.lon);
  if (f.lat === '' || !Number.isFinite(lat) || Math.abs(lat) > 90) throw new Error('latitude must be -90..90');
  if (f.lon === '' || !Number.isFinite(lon) || Math.abs(lon) > 180) throw new Error('longitude must be -180..180');
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(f.time || '')) throw new Error('time is required (UTC)');
  const time = `${f.time.length === 16 ? `${f.time}:00` : f.time}Z`;
  if (Number.isNaN(Date.parse(time))) throw new Error(`time is not a date: ${f.time}`);
  if (!INCIDENT_TYPES.includes(f.type)) throw new Error('choose an incident type');
  const body = { time, lat, lon, type: f.type };
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
  if (Object.keys(victim).length) body.victim = victim;
  if (f.tlp) {
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
  const body = { tlp, shared_with: listOf(orgsText), recipients: listOf(recipientsText) };
  if (tlp === 'RED' && body.recipients.length === 0) throw new Error('TLP:RED needs named recipients');
  return body;
}
