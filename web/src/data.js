// Data handling of the web map: pure functions from API responses (see the HTTP API contract)
// to GeoJSON and chart series. No DOM and no map here, so every function is unit-tested.
import { feature } from 'topojson-client';
import { isStale, isFullMmsi } from './watch.js';

/**
 * Land polygons of a world-atlas TopoJSON topology (object `land`) as a GeoJSON FeatureCollection
 * that a flat map can fill. world-atlas is made for spherical rendering (d3-geo): its rings are
 * stitched across the antimeridian, so Eurasia runs on into Chukotka (an edge from -180° to 179.8°
 * at 65°N and another at 69°N), as do Wrangel Island and a Fiji islet, and Antarctica's coast is
 * one ring round the South Pole. MapLibre fills rings in the plane, where each such edge crosses
 * the whole world, and its tiler then filled bands of sea between them at low zoom. Every ring
 * is therefore cut at ±180° here (see cutAtAntimeridian); rings that do not cross it are kept as they are.
 */
export function landFromTopology(topology) {
  if (!topology || topology.type !== 'Topology' || !topology.objects || !topology.objects.land) {
    throw new Error('not a world-atlas land topology (needs objects.land)');
  }
  const land = feature(topology, topology.objects.land);
  const features = land.type === 'FeatureCollection' ? land.features : [land];
  return { type: 'FeatureCollection', features: features.map(planarLand) };
}

function planarLand(f) {
  const g = f.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return f;
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flatMap(cutAtAntimeridian);
  return { ...f, geometry: { type: 'MultiPolygon', coordinates: polygons } };
}

/**
 * A polygon of spherical rings ([lon, lat], outer ring first) as polygons of the plane with every
 * longitude in [-180, 180] and no edge longer than 180° of longitude. Each ring's longitudes are
 * made continuous (a step of more than 180° is taken the short way round the globe); a ring
 * that then ends 360° away from where it began goes round a pole and is closed through that pole;
 * the ring is clipped to each 360° wide band it reaches and shifted back into [-180, 180]. The
 * pieces of holes go to the piece of the outer ring that holds them.
 */
export function cutAtAntimeridian(polygon) {
  const pieces = polygon.map(splitRing);
  if (pieces.every((p) => p.length === 1 && p[0].unchanged)) return [polygon];
  const outers = pieces[0].map((p) => [p.ring]);
  for (const hole of pieces.slice(1).flat()) {
    const inside = hole.ring.find(([x]) => x > -180 && x < 180) || hole.ring[0];
    const owner = outers.find((o) => pointInRing(inside, o[0]));
    if (owner) owner.push(hole.ring);
  }
  return outers;
}

/** One ring as rings within [-180, 180]; {ring, unchanged} with unchanged when nothing was to cut. */
function splitRing(ring) {
  // Nearly every ring neither steps over 180° nor leaves [-180, 180]: keep it, allocating nothing.
  let crosses = false;
  for (let i = 0; i < ring.length && !crosses; i++) {
    const x = ring[i][0];
    crosses = x < -180 || x > 180 || (i > 0 && Math.abs(x - ring[i - 1][0]) > 180);
  }
  if (!crosses) return [{ ring, unchanged: true }];
  // x = longitude + 360° times the turns made so far round the globe (an integer: no drift)
  let turn = 0;
  let open = ring.map(([x, y], i) => {
    if (i > 0) {
      const d = x - ring[i - 1][0];
      if (d > 180) turn--;
      else if (d < -180) turn++;
    }
    return [x + 360 * turn, y];
  });
  if (turn !== 0) {
    // Round a pole: down the last meridian to the pole, along it, and back up to the start.
    const pole = ring.reduce((sum, [, y]) => sum + y, 0) < 0 ? -90 : 90;
    const first = open[0];
    const last = open[open.length - 1];
    open = [...open, [last[0], pole], [first[0], pole], first];
  }
  let minX = Infinity;
  let maxX = -Infinity;
  for (const [x] of open) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
  }
  const out = [];
  for (let k = Math.floor((minX + 180) / 360); k * 360 - 180 < maxX; k++) {
    const clipped = clipX(open, k * 360 - 180, k * 360 + 180);
    if (clipped.length < 4 || Math.abs(ringArea(clipped)) < 1e-9) continue;
    const shifted = clipped.map(([x, y]) => [Math.max(-180, Math.min(180, x - k * 360)), y]);
    out.push({ ring: shifted, unchanged: false });
  }
  return out;
}

/** Sutherland-Hodgman clipping of a closed ring to lo <= x <= hi; the result is closed. */
function clipX(ring, lo, hi) {
  const half = (pts, inside, cross) => {
    const res = [];
    for (let i = 0; i < pts.length - 1; i++) {
      const a = pts[i];
      const b = pts[i + 1];
      const add = (p) => {
        const q = res[res.length - 1];
        if (!q || q[0] !== p[0] || q[1] !== p[1]) res.push(p);
      };
      if (inside(a)) add(a);
      if (inside(a) !== inside(b)) add(cross(a, b));
    }
    if (res.length > 1 && res[0][0] === res[res.length - 1][0] && res[0][1] === res[res.length - 1][1]) res.pop();
    if (res.length) res.push(res[0]);
    return res;
  };
  const at = (x) => (a, b) => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
  const left = half(ring, (p) => p[0] >= lo, at(lo));
  return left.length ? half(left, (p) => p[0] <= hi, at(hi)) : [];
}

function ringArea(ring) {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return s / 2;
}

function pointInRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Ship type category from the AIS ship and cargo type code (ITU-R M.1371-5, Table 53): the first
 * digit groups the types (2x WIG, 4x high-speed craft, 6x passenger, 7x cargo, 8x tanker, 9x other),
 * the 3x and 5x decades are single special types.
 */
export function shipCategory(shiptype) {
  const t = Number(shiptype);
  if (shiptype === null || shiptype === undefined || !Number.isInteger(t) || t <= 0 || t > 99) return 'unknown';
  if (t === 30) return 'fishing';
  if (t === 31 || t === 32 || t === 52) return 'tug';
  if (t === 36 || t === 37) return 'pleasure';
  if (t === 35 || t === 55) return 'military';
  if (t >= 40 && t <= 49) return 'highspeed';
  if (t >= 60 && t <= 69) return 'passenger';
  if (t >= 70 && t <= 79) return 'cargo';
  if (t >= 80 && t <= 89) return 'tanker';
  if (t >= 50 && t <= 59) return 'special';
  return 'other';
}

/** Colour of each ship category, as drawn on the map, in the legend and in the charts. */
export const CATEGORY_COLORS = {
  cargo: '#2e7d32',
  tanker: '#c62828',
  passenger: '#1565c0',
  fishing: '#ef6c00',
  tug: '#00838f',
  highspeed: '#f9a825',
  pleasure: '#ad1457',
  military: '#37474f',
  special: '#6a1b9a',
  other: '#8d6e63',
  unknown: '#9e9e9e',
};

/** Display name of each category. */
export const CATEGORY_NAMES = {
  cargo: 'Cargo', tanker: 'Tanker', passenger: 'Passenger', fishing: 'Fishing', tug: 'Tug / towing',
  highspeed: 'High-speed craft', pleasure: 'Sailing / pleasure', military: 'Military / law enforcement',
  special: 'Pilot, SAR, port service', other: 'Other', unknown: 'Unknown type',
};

function finite(x) {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * The direction to draw a vessel's symbol, degrees clockwise from north: the true heading when
 * reported (0..359), else the course over ground (0..<360) when the vessel moves (speed ≥ 0.5 kn),
 * else null (drawn as a dot, since a moored vessel's course is noise).
 */
export function drawDirection(v) {
  if (finite(v.heading) && v.heading >= 0 && v.heading < 360) return v.heading;
  if (finite(v.course) && v.course >= 0 && v.course < 360 && (!finite(v.speed) || v.speed >= 0.5)) return v.course;
  return null;
}

/**
 * A vessel's size for its panel, from the API's `length` and `beam` (metres overall): '225 × 23 m', or one of them
 * alone ('length 14 m', 'beam 5 m'), or '—' when neither is known. The distances from the reference point
 * (`to_bow` ... `to_starboard`, 0 = not available for that side) give them where a vessel object lacks both.
 */
export function vesselSize(v) {
  const known = (x) => finite(x) && x > 0;
  let length = v.length;
  let beam = v.beam;
  if (!known(length) && !known(beam)) {
    const sum = (a, b) => (finite(a) && finite(b) && a + b > 0 ? a + b : null);
    length = sum(v.to_bow, v.to_stern);
    beam = sum(v.to_port, v.to_starboard);
  }
  if (known(length) && known(beam)) return `${length} × ${beam} m`;
  if (known(length)) return `length ${length} m`;
  if (known(beam)) return `beam ${beam} m`;
  return '—';
}

/** True when the position is a real one (lat -90..90, lon -180..180, both present). */
export function validPosition(lat, lon) {
  return finite(lat) && finite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

/**
 * The area the map opens on: [minLon, minLat, maxLon, maxLat] around the vessels' valid positions,
 * leaving out the outermost 1 % on each side (a few stray positions far away would otherwise zoom
 * the map out to the world), or null when no vessel has a valid position. A single position, or
 * positions all at one place, give a box of zero size (the caller bounds the zoom).
 */
export function vesselsExtent(vessels) {
  const lons = [], lats = [];
  for (const v of vessels) {
    if (!validPosition(v.lat, v.lon)) continue;
    lons.push(v.lon);
    lats.push(v.lat);
  }
  if (!lons.length) return null;
  lons.sort((a, b) => a - b);
  lats.sort((a, b) => a - b);
  const cut = Math.floor(lons.length * 0.01);
  const last = lons.length - 1 - cut;
  return [lons[cut], lats[cut], lons[last], lats[last]];
}

/**
 * Vessels (contract objects) as a GeoJSON FeatureCollection of points for the map. Vessels with no
 * valid position are left out. Properties: mmsi, name, cat (ship category), rot (draw direction,
 * 0 when none), dir (1 when a direction is known, else 0) and stale (1 when the vessel was last
 * heard more than an hour before `now`, the picture's time in ms, else 0; all 0 without `now`).
 */
export function vesselsToGeoJSON(vessels, { now = null } = {}) {
  const features = [];
  for (const v of vessels) {
    if (!validPosition(v.lat, v.lon)) continue;
    const dir = drawDirection(v);
    features.push({
      type: 'Feature',
      id: Number(v.mmsi),
      geometry: { type: 'Point', coordinates: [v.lon, v.lat] },
      properties: {
        mmsi: v.mmsi,
        name: v.name || '',
        cat: shipCategory(v.shiptype),
        rot: dir === null ? 0 : dir,
        dir: dir === null ? 0 : 1,
        stale: isStale(v, now) ? 1 : 0,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Merges one live position (the `position` event of /api/stream) into the vessel table (a Map from
 * MMSI to vessel object). Returns true when the table changed. Older reports than the one held are
 * ignored, so out-of-order delivery never moves a vessel back.
 */
export function applyPosition(table, pos) {
  if (!pos || typeof pos.mmsi !== 'string' || !validPosition(pos.lat, pos.lon)) return false;
  const old = table.get(pos.mmsi);
  if (old && old.last_seen && pos.time && Date.parse(pos.time) < Date.parse(old.last_seen)) return false;
  const v = old ? { ...old } : { mmsi: pos.mmsi };
  v.lat = pos.lat;
  v.lon = pos.lon;
  for (const k of ['speed', 'course', 'heading']) {
    if (finite(pos[k])) v[k] = pos[k]; else delete v[k];
  }
  if (pos.shiptype !== undefined) v.shiptype = pos.shiptype;
  if (pos.name) v.name = pos.name;
  if (pos.time) {
    v.last_seen = pos.time;
    if (!v.first_seen) v.first_seen = pos.time;
  }
  table.set(pos.mmsi, v);
  return true;
}

/**
 * Events kept by the list filters: `kinds` a Set of kind names (empty or absent = all kinds),
 * `from` / `to` times (ms or ISO strings, absent = open). An event is kept when its interval
 * [start, end] (end absent = still open, i.e. now) overlaps [from, to]. `vessel` a filter of
 * {@link vesselFilter} (an event is kept when one of its vessels matches), `zone` a `{id, name}` of
 * {@link eventInZone}. Newest start first.
 */
export function filterEvents(events, { kinds, from, to, vessel, zone } = {}) {
  const f = from === undefined || from === null || from === '' ? -Infinity : toMillis(from);
  const t = to === undefined || to === null || to === '' ? Infinity : toMillis(to);
  return events
    .filter((e) => !kinds || kinds.size === 0 || kinds.has(e.kind))
    .filter((e) => !vessel || eventHasVessel(e, vessel))
    .filter((e) => !zone || eventInZone(e, zone))
    .filter((e) => {
      const s = Date.parse(e.start);
      const en = e.end ? Date.parse(e.end) : Infinity;
      return !(en < f || s > t);
    })
    .sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
}

/**
 * The vessel filter of the Events tab from what the user typed: a full MMSI (9 digits, or 10 up to
 * 1073741823, the largest an AIS message carries, as some stations send: that vessel), fewer digits
 * (MMSIs starting with them), or part of a vessel name, matched case-insensitively
 * against `vessels` (the loaded vessel list: an event names its vessels by MMSI only). Null when the
 * text is empty. `mmsi` is the one MMSI the filter stands for (a full MMSI, or a name part that only
 * one vessel's name holds), for asking the server for that vessel's events; else null.
 * Returns `{text, kind: 'mmsi' | 'prefix' | 'name', mmsi, mmsis}` (`mmsis`: the Set a name matched).
 */
export function vesselFilter(text, vessels = []) {
  const t = String(text ?? '').trim();
  if (!t) return null;
  const digits = t.replace(/\s+/g, '');
  if (isFullMmsi(digits)) return { text: t, kind: 'mmsi', mmsi: digits, mmsis: new Set([digits]) };
  if (/^\d{1,8}$/.test(digits)) return { text: t, kind: 'prefix', prefix: digits, mmsi: null, mmsis: null };
  const q = t.toUpperCase();
  const mmsis = new Set();
  for (const v of vessels) if (v && v.name && v.name.toUpperCase().includes(q)) mmsis.add(String(v.mmsi));
  return { text: t, kind: 'name', mmsi: mmsis.size === 1 ? [...mmsis][0] : null, mmsis };
}

/** Whether one of the vessels of event `e` matches `filter` of {@link vesselFilter}. */
export function eventHasVessel(e, filter) {
  const vs = (e.vessels || []).map(String);
  if (filter.kind === 'prefix') return vs.some((m) => m.startsWith(filter.prefix));
  return vs.some((m) => filter.mmsis.has(m));
}

const ZONE_KINDS = new Set(['zone_entry', 'zone_exit']);

/**
 * Whether event `e` concerns zone `{id, name}`: its attributes name the zone's id (`zone_id`, as a
 * zone entry or exit carries, with `zone_name` and `zone_category`), or it is a zone entry or exit
 * without an id that names the zone by name.
 */
export function eventInZone(e, zone) {
  const a = e.attributes || {};
  if (a.zone_id !== undefined && a.zone_id !== null) return zone.id !== undefined && String(a.zone_id) === String(zone.id);
  return ZONE_KINDS.has(e.kind) && typeof a.zone_name === 'string' && !!zone.name
    && a.zone_name.trim().toLowerCase() === String(zone.name).trim().toLowerCase();
}

/**
 * The zones the Events tab's zone filter offers: the zones of GET /api/zones (a FeatureCollection of
 * {@link zonesToGeoJSON}), those named by `events` (a zone of the server's own, as a territorial
 * sea, is not among the user's zones) and the `offered` choices of before (a list reloaded for a
 * window or a vessel may no longer hold an event naming a zone that was chosen), each once by id,
 * by name. Each `{key, id, name}`.
 */
export function zoneChoices(zonesFc, events = [], offered = []) {
  const out = new Map();
  for (const f of (zonesFc && zonesFc.features) || []) {
    const p = f.properties || {};
    if (p.id === undefined || p.id === null) continue;
    out.set(`id:${p.id}`, { key: `id:${p.id}`, id: String(p.id), name: p.name || String(p.id) });
  }
  for (const z of offered) if (!out.has(z.key)) out.set(z.key, z);
  for (const e of events) {
    const a = e.attributes || {};
    if (a.zone_id !== undefined && a.zone_id !== null) {
      const key = `id:${a.zone_id}`;
      if (!out.has(key)) out.set(key, { key, id: String(a.zone_id), name: a.zone_name || String(a.zone_id) });
    } else if (ZONE_KINDS.has(e.kind) && typeof a.zone_name === 'string' && a.zone_name.trim()) {
      const key = `name:${a.zone_name.trim().toLowerCase()}`;
      if (!out.has(key)) out.set(key, { key, id: undefined, name: a.zone_name.trim() });
    }
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.key.localeCompare(b.key));
}

function toMillis(x) {
  if (typeof x === 'number') return x;
  const ms = Date.parse(x);
  if (Number.isNaN(ms)) throw new Error(`not a time: ${x}`);
  return ms;
}

/** Bounding box [minLon, minLat, maxLon, maxLat] of any GeoJSON geometry. */
export function geometryBounds(geometry) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
    } else c.forEach(visit);
  };
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries) {
      const gb = geometryBounds(g);
      visit([[gb[0], gb[1]], [gb[2], gb[3]]]);
    }
  } else visit(geometry.coordinates);
  if (!Number.isFinite(b[0])) throw new Error('empty geometry');
  return b;
}

/**
 * Where the map goes for an event: `{bounds}` from its geometry when it has an extent, else
 * `{center}` from its lat/lon, else null.
 */
export function eventTarget(e) {
  if (e.geometry) {
    const b = geometryBounds(e.geometry);
    if (b[2] - b[0] > 1e-6 || b[3] - b[1] > 1e-6) return { bounds: b };
    return { center: [b[0], b[1]] };
  }
  if (validPosition(e.lat, e.lon)) return { center: [e.lon, e.lat] };
  return null;
}

/**
 * Where an event's symbol goes on the map: its own position (lat/lon: where a vessel crossed into or out
 * of a zone, the port's point of a port visit, a chokepoint's centre), else the middle of its geometry,
 * else null. A zone entry's geometry is the whole zone, so its middle would stack every entry and exit of
 * the zone at one point, away from where the vessels crossed.
 */
export function eventMarker(e) {
  if (validPosition(e.lat, e.lon)) return [e.lon, e.lat];
  const t = eventTarget(e);
  if (!t) return null;
  return t.center || [(t.bounds[0] + t.bounds[2]) / 2, (t.bounds[1] + t.bounds[3]) / 2];
}

/** Whether segments ab and cd cross or touch (plane geometry on lon/lat, as a drawn zone's edges are short). */
function segmentsCross(a, b, c, d) {
  const side = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const on = (p, q, r) => Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  const d1 = side(c, d, a), d2 = side(c, d, b), d3 = side(a, b, c), d4 = side(a, b, d);
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  return (d1 === 0 && on(c, d, a)) || (d2 === 0 && on(c, d, b)) || (d3 === 0 && on(a, b, c)) || (d4 === 0 && on(a, b, d));
}

/**
 * A zone drawn by clicking vertices: a GeoJSON Polygon Feature with the ring closed and
 * `properties.name`. Throws when fewer than 3 distinct vertices or no name.
 */
export function zoneFromVertices(name, vertices) {
  if (!name || !name.trim()) throw new Error('a zone needs a name');
  const ring = [];
  for (const v of vertices) {
    if (!validPosition(v[1], v[0])) throw new Error(`vertex out of range: ${v}`);
    const last = ring[ring.length - 1];
    if (!last || last[0] !== v[0] || last[1] !== v[1]) ring.push([v[0], v[1]]);
  }
  if (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]) ring.pop();
  if (ring.length < 3) throw new Error('a zone needs at least 3 distinct vertices');
  ring.push([ring[0][0], ring[0][1]]);
  // a ring that crosses itself has no well-defined inside (the server refuses it too): say so while the drawing is kept
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // the first and last edges share the first vertex
      if (segmentsCross(ring[i], ring[i + 1], ring[j], ring[j + 1])) {
        throw new Error(`the edges from vertex ${i + 1} and from vertex ${j + 1} cross: click the vertices in order around the zone`);
      }
    }
  }
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { name: name.trim() } };
}

/**
 * Zones of an uploaded GeoJSON file (text) checked before POST /api/zones: a Feature or
 * FeatureCollection of Polygon / MultiPolygon features. A feature without a name is named
 * `<fallbackName>` (numbered when several). Throws with a message saying what is wrong.
 */
export function parseZoneUpload(text, fallbackName = 'zone') {
  let g;
  try {
    g = JSON.parse(text);
  } catch (e) {
    throw new Error(`not JSON: ${e.message}`);
  }
  let features;
  if (g && g.type === 'FeatureCollection' && Array.isArray(g.features)) features = g.features;
  else if (g && g.type === 'Feature') features = [g];
  else if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon')) features = [{ type: 'Feature', geometry: g, properties: {} }];
  else throw new Error('expected a GeoJSON Feature or FeatureCollection');
  if (features.length === 0) throw new Error('the FeatureCollection has no features');
  return {
    type: 'FeatureCollection',
    features: features.map((f, i) => {
      const type = f && f.geometry && f.geometry.type;
      if (type !== 'Polygon' && type !== 'MultiPolygon') throw new Error(`feature ${i}: geometry must be Polygon or MultiPolygon, not ${type}`);
      const polys = type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const poly of polys) {
        for (const ring of poly) {
          if (!Array.isArray(ring) || ring.length < 4) throw new Error(`feature ${i}: a ring needs at least 4 positions`);
          for (const c of ring) if (!validPosition(c[1], c[0])) throw new Error(`feature ${i}: position out of range: ${c}`);
          const a = ring[0], z = ring[ring.length - 1];
          if (a[0] !== z[0] || a[1] !== z[1]) throw new Error(`feature ${i}: ring not closed`);
        }
      }
      const name = f.properties && typeof f.properties.name === 'string' && f.properties.name.trim()
        ? f.properties.name.trim() : features.length > 1 ? `${fallbackName} ${i + 1}` : fallbackName;
      return { type: 'Feature', geometry: f.geometry, properties: { ...(f.properties || {}), name } };
    }),
  };
}

/**
 * Zones from GET /api/zones as a FeatureCollection with `properties.id` and `properties.name`:
 * accepts a FeatureCollection or `{zones:[{id,name,geometry}]}`.
 */
export function zonesToGeoJSON(resp) {
  if (resp && resp.type === 'FeatureCollection') {
    return {
      type: 'FeatureCollection',
      features: resp.features.map((f) => ({ ...f, properties: { ...(f.properties || {}), id: f.properties?.id ?? f.id } })),
    };
  }
  const zones = Array.isArray(resp) ? resp : resp && Array.isArray(resp.zones) ? resp.zones : [];
  return {
    type: 'FeatureCollection',
    features: zones.filter((z) => z.geometry).map((z) => ({
      type: 'Feature', geometry: z.geometry, properties: { ...(z.properties || {}), id: z.id, name: z.name ?? z.properties?.name },
    })),
  };
}

/**
 * Replay points of a track (GeoJSON FeatureCollection of /api/vessels/{mmsi}/track): the Point
 * features (properties.time) when present, else the LineString vertices with times spread evenly
 * between the segment's start and end. Sorted by time; each `{t (ms), lon, lat, speed?, course?}`.
 */
export function trackToReplay(fc) {
  const feats = (fc && fc.features) || [];
  const points = feats.filter((f) => f.geometry && f.geometry.type === 'Point' && f.properties && f.properties.time);
  const out = [];
  if (points.length > 0) {
    for (const f of points) {
      const [lon, lat] = f.geometry.coordinates;
      const p = { t: Date.parse(f.properties.time), lon, lat };
      if (finite(f.properties.speed)) p.speed = f.properties.speed;
      if (finite(f.properties.course)) p.course = f.properties.course;
      out.push(p);
    }
  } else {
    for (const f of feats) {
      if (!f.geometry || f.geometry.type !== 'LineString') continue;
      const cs = f.geometry.coordinates;
      const s = Date.parse(f.properties?.start), e = Date.parse(f.properties?.end);
      if (Number.isNaN(s) || Number.isNaN(e) || cs.length === 0) continue;
      cs.forEach(([lon, lat], i) => out.push({ t: cs.length === 1 ? s : s + ((e - s) * i) / (cs.length - 1), lon, lat }));
    }
  }
  return out.filter((p) => !Number.isNaN(p.t)).sort((a, b) => a.t - b.t);
}

/**
 * Position on a replay at time t (ms): linear between the two fixes around t, clamped to the ends;
 * null for an empty track.
 */
export function positionAt(points, t) {
  if (points.length === 0) return null;
  if (t <= points[0].t) return { lon: points[0].lon, lat: points[0].lat };
  const last = points[points.length - 1];
  if (t >= last.t) return { lon: last.lon, lat: last.lat };
  let lo = 0, hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid].t <= t) lo = mid; else hi = mid;
  }
  const a = points[lo], b = points[hi];
  const f = b.t === a.t ? 0 : (t - a.t) / (b.t - a.t);
  return { lon: a.lon + (b.lon - a.lon) * f, lat: a.lat + (b.lat - a.lat) * f };
}

/**
 * Vessels matching a search text, best first: exact MMSI or IMO, then MMSI/IMO prefix, then name
 * (case-insensitive, name start before substring). At most `limit`.
 */
export function searchVessels(vessels, query, limit = 20) {
  const q = String(query || '').trim().toUpperCase();
  if (!q) return [];
  const scored = [];
  for (const v of vessels) {
    const imo = v.imo === undefined || v.imo === null ? '' : String(v.imo);
    const name = (v.name || '').toUpperCase();
    let s = 0;
    if (v.mmsi === q || imo === q || `IMO${imo}` === q.replace(/\s+/g, '')) s = 4;
    else if (/^\d+$/.test(q) && (v.mmsi.startsWith(q) || imo.startsWith(q))) s = 3;
    else if (name.startsWith(q)) s = 2;
    else if (name.includes(q)) s = 1;
    if (s > 0) scored.push([s, v]);
  }
  scored.sort((a, b) => b[0] - a[0] || (a[1].name || '').localeCompare(b[1].name || ''));
  return scored.slice(0, limit).map((x) => x[1]);
}

// ---- Charts ---------------------------------------------------------------------------------

function rowsOf(resp, ...keys) {
  if (Array.isArray(resp)) return resp;
  for (const k of keys) if (resp && Array.isArray(resp[k])) return resp[k];
  return [];
}

function dayOf(r) {
  const d = r.day ?? r.date ?? r.time;
  return typeof d === 'string' ? d.slice(0, 10) : null;
}

/**
 * Chokepoint transits per day by ship type (GET /api/stats/chokepoints: the server's rows
 * `{date, chokepoint, count, by_shiptype: {cargo: n, tanker: n, ...}}`, its PortWatch ship type groups;
 * also rows `{day, shiptype_text | shiptype, count}`, one per type) as a stacked bar chart:
 * `{labels: days ascending, datasets: [{label, category, data[]}]}`, one dataset per ship category,
 * counts summed over chokepoints. `chokepoint` keeps only that one; `window` keeps the last `window`
 * days of the data ({@link lastDays}).
 */
export function chokepointChart(resp, chokepoint, window = Infinity) {
  const rows = lastDays(rowsOf(resp, 'days', 'rows', 'transits').filter((r) => !chokepoint || r.chokepoint === chokepoint), window);
  const days = [...new Set(rows.map(dayOf).filter(Boolean))].sort();
  const idx = new Map(days.map((d, i) => [d, i]));
  const byCat = new Map();
  for (const r of rows) {
    const d = dayOf(r);
    if (!d) continue;
    const parts = r.by_shiptype && typeof r.by_shiptype === 'object'
      ? Object.entries(r.by_shiptype).map(([group, n]) => [group in CATEGORY_COLORS ? group : 'other', n])
      : [[r.shiptype !== undefined ? shipCategory(r.shiptype) : categoryOfText(r.shiptype_text ?? r.type), r.count]];
    for (const [cat, n] of parts) {
      if (!byCat.has(cat)) byCat.set(cat, new Array(days.length).fill(0));
      byCat.get(cat)[idx.get(d)] += Number(n) || 0;
    }
  }
  const order = Object.keys(CATEGORY_COLORS);
  const datasets = [...byCat.entries()]
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([cat, data]) => ({ label: CATEGORY_NAMES[cat], category: cat, data }));
  return { labels: days, datasets };
}

/**
 * The rows whose day (UTC, `YYYY-MM-DD`) lies in the `n` days ending with the newest day among them,
 * so a replayed or archived log charts its own last month rather than the month before today.
 */
export function lastDays(rows, n) {
  if (!Number.isFinite(n)) return rows;
  let newest = '';
  for (const r of rows) {
    const d = dayOf(r);
    if (d && d > newest) newest = d;
  }
  if (!newest) return rows;
  const first = new Date(Date.parse(`${newest}T00:00:00Z`) - (n - 1) * 86400e3).toISOString().slice(0, 10);
  return rows.filter((r) => {
    const d = dayOf(r);
    return d && d >= first;
  });
}

/** Category of a ship type name such as gpsd's shiptype_text ("Cargo, all ships of this type"). */
export function categoryOfText(text) {
  const t = String(text || '').toLowerCase();
  if (!t) return 'unknown';
  for (const [re, cat] of [[/tanker/, 'tanker'], [/cargo/, 'cargo'], [/passenger/, 'passenger'], [/fishing/, 'fishing'],
    [/tug|towing/, 'tug'], [/high speed|high-speed|hsc/, 'highspeed'], [/sailing|pleasure/, 'pleasure'],
    [/military|law enforcement/, 'military'], [/pilot|search and rescue|sar|port tender|medical|anti-pollution/, 'special']]) {
    if (re.test(t)) return cat;
  }
  return 'other';
}

/**
 * Port calls per day, by the UTC day the ship arrived: the visits that ended, as the server counts them
 * (GET /api/stats/port-calls, rows `{date | day, port, count}`, summed over ports), and the visits
 * under way (`ongoing`: GET /api/ongoing?kind=port_visit's events, each counted on the day of its
 * `start`; other kinds are left out), over the last `window` days of either ({@link lastDays}).
 * `{labels: days ascending, data: ended visits per day, underWay: visits under way per day}`.
 */
export function portCallChart(resp, window = Infinity, ongoing = []) {
  const rows = rowsOf(resp, 'days', 'rows', 'port_calls').map((r) => ({ day: dayOf(r), ended: Number(r.count) || 0, underWay: 0 }));
  for (const e of ongoing || []) {
    if (e.kind && e.kind !== 'port_visit') continue;
    const t = Date.parse(e.start);
    if (!Number.isNaN(t)) rows.push({ day: new Date(t).toISOString().slice(0, 10), ended: 0, underWay: 1 });
  }
  const sums = new Map();
  for (const r of lastDays(rows, window)) {
    if (!r.day) continue;
    const x = sums.get(r.day) || { ended: 0, underWay: 0 };
    x.ended += r.ended;
    x.underWay += r.underWay;
    sums.set(r.day, x);
  }
  const labels = [...sums.keys()].sort();
  return { labels, data: labels.map((d) => sums.get(d).ended), underWay: labels.map((d) => sums.get(d).underWay) };
}

/**
 * What each chart of the Charts tab says instead of drawing, when it has nothing to draw: what the
 * chart counts and why it is empty; null for a chart with data. `drawn` as drawCharts gives it:
 * `{chokepoints, portCalls, messages}` ({@link chokepointChart}, {@link portCallChart},
 * {@link messageSeries}); `hours` the span of the messages chart.
 */
export function emptyChartText(drawn, hours = 6) {
  const sum = (xs) => (xs || []).reduce((a, n) => a + (Number(n) || 0), 0);
  const c = drawn.chokepoints;
  const p = drawn.portCalls;
  const points = (drawn.messages || []).reduce((a, s) => a + s.points.length, 0);
  return {
    chokepoints: c && c.datasets.some((d) => sum(d.data) > 0) ? null
      : 'No chokepoint transits stored yet. This chart counts the passages of ships through the chokepoints'
        + ' (straits and canals such as Gibraltar, Hormuz or Malacca) once they have ended, by the day they began; none has been detected.',
    portCalls: p && sum(p.data) + sum(p.underWay) > 0 ? null
      : 'No port calls yet. This chart counts port visits by the day the ship arrived, those that have ended and'
        + ' those under way; no ship has been seen to arrive at a port.',
    messages: points > 0 ? null
      : `No messages received in the last ${hours} hours. This chart counts the AIS messages the server received per minute, all sources together.`,
  };
}

/**
 * The sources that cannot deliver now, from a stats object (GET /api/stats or the stream's `stats`
 * message: `{sources:[{name, up, error?}]}`): one line `name: error` each, in the server's order;
 * empty when every source works or the object lists none.
 */
export function sourceFaults(stats) {
  const sources = stats && Array.isArray(stats.sources) ? stats.sources : [];
  return sources.filter((x) => typeof x.error === 'string' && x.error !== '').map((x) => `${x.name}: ${x.error}`);
}

/**
 * Messages over time (GET /api/stats/series?metric=messages: the server's one series
 * `{metric, source?, interval_s, points:[{time,count}]}`, all sources together unless `source` was asked;
 * also `{series:[{source, points:[{time,count}] | [[time,count]]}]}`) as line datasets
 * `{source, points:[{x: ms, y}]}`.
 */
export function messageSeries(resp) {
  const list = resp && !Array.isArray(resp) && Array.isArray(resp.points) ? [{ ...resp, source: resp.source ?? 'all sources' }] : rowsOf(resp, 'series');
  return list.map((s) => ({
    source: s.source ?? s.name ?? 'all',
    points: (s.points || s.data || [])
      .map((p) => (Array.isArray(p) ? { x: Date.parse(p[0]), y: Number(p[1]) } : { x: Date.parse(p.time), y: Number(p.count ?? p.value) }))
      .filter((p) => !Number.isNaN(p.x) && Number.isFinite(p.y))
      .sort((a, b) => a.x - b.x),
  }));
}

// ---- Exports --------------------------------------------------------------------------------

/**
 * The export of the Events tab's list (`what` = 'events': GET /api/export/events.<format>) or of the
 * episodes under way ('ongoing': /api/export/ongoing.<format>) for the tab's filters `f` (as
 * {@link filterEvents} takes them, with `kind` the kind chosen): `{url, unapplied}`, `unapplied` the
 * filters the route does not take, each named as the tab names it. The events export takes the
 * window, the kind and one MMSI; the episodes' export the kind and one MMSI (an episode under way
 * is open: it has no window). A zone, or a vessel filter that is not one vessel, no export takes.
 */
export function exportRequest(what, format, f = {}) {
  const params = {};
  const unapplied = [];
  if (what === 'events') {
    if (f.from) params.from = f.from;
    if (f.to) params.to = f.to;
  } else if (f.from || f.to) {
    unapplied.push('From/To');
  }
  if (f.kind) params.kind = f.kind;
  if (f.vessel) {
    if (f.vessel.mmsi) params.mmsi = f.vessel.mmsi;
    else unapplied.push(`Vessel "${f.vessel.text}" (the export takes one vessel's MMSI)`);
  }
  // the server keeps a zone's events by the zone id their attributes name (zone_id)
  if (f.zone && f.zone.id !== undefined && f.zone.id !== null && f.zone.id !== '') params.zone = f.zone.id;
  else if (f.zone) unapplied.push(`Zone "${f.zone.name}" (the export takes a zone by its id)`);
  const q = new URLSearchParams(params).toString();
  return { url: `api/export/${what}.${format}${q ? `?${q}` : ''}`, unapplied };
}

/** What the export buttons say of filters their export leaves out (`unapplied` of {@link exportRequest}), or ''. */
export function unappliedText(what, unapplied) {
  if (!unapplied.length) return '';
  const list = what === 'events' ? 'events' : 'episodes under way';
  return `${what === 'events' ? 'The events export' : 'The export of episodes under way'} leaves out: ${unapplied.join('; ')}.`
    + ` The file holds the ${list} of the other filters.`;
}

/** The file name of a Content-Disposition header (`attachment; filename="events.csv"`), or null. */
export function dispositionName(header) {
  const m = /filename="?([^";]+)"?/i.exec(header || '');
  return m ? m[1].trim() : null;
}

// ---- Pasted zones ---------------------------------------------------------------------------

/** `fc` with the two values of every position exchanged ([lon, lat] read as [lat, lon]). */
export function swapPositions(fc) {
  const swap = (c) => (typeof c[0] === 'number' ? [c[1], c[0], ...c.slice(2)] : c.map(swap));
  return { ...fc, features: fc.features.map((f) => ({ ...f, geometry: { ...f.geometry, coordinates: swap(f.geometry.coordinates) } })) };
}

/** Whether the point (lon, lat) is inside a Polygon or MultiPolygon geometry (ray casting; holes are outside). */
export function insideGeometry(geometry, lon, lat) {
  const inRing = (ring) => pointInRing([lon, lat], ring);
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polys.some((poly) => poly.length > 0 && inRing(poly[0]) && !poly.slice(1).some(inRing));
}

/** How many of `vessels` (with lat, lon) lie inside one of the zones of `fc`. */
export function vesselsInside(fc, vessels) {
  let n = 0;
  for (const v of vessels) {
    if (!validPosition(v.lat, v.lon)) continue;
    if (fc.features.some((f) => insideGeometry(f.geometry, v.lon, v.lat))) n += 1;
  }
  return n;
}

const NUMBER = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)';
const PAIR = new RegExp(`^(${NUMBER})\\s*[,;\\s]\\s*(${NUMBER})$`);
const HEADER = /^lat(itude)?\s*[,;\s]\s*lon(gitude)?$/i;

/**
 * A zone pasted as text, read before POST /api/zones: GeoJSON (a Polygon or MultiPolygon geometry,
 * or a Feature or FeatureCollection of them; positions are [lon, lat]), or "lat,lon" pairs one per
 * line (a comma, semicolon, tab or space between; blank lines and lines starting with # skipped;
 * the ring is closed if it is not). A zone without a name of its own is named `name`.
 *
 * Values the wrong way round put a zone in the wrong place without an error, so two things are
 * checked: a latitude beyond ±90 (the values can then only be the other way round), and, with
 * `vessels` (the vessels on the map), a polygon that holds none of them while the polygon with each
 * position's values exchanged holds some.
 *
 * Returns `{fc, swapped, warning}`: `fc` the zones as read (null when they cannot be: a latitude
 * beyond ±90), `swapped` the zones with the values exchanged (null when those cannot be), `warning`
 * why the values look the wrong way round, or null. Throws when the text is no polygon either way.
 */
export function readPastedZone(text, name = '', vessels = []) {
  const t = String(text ?? '').trim();
  if (!t) throw new Error('paste a polygon: GeoJSON, or "lat,lon" pairs one per line');
  const zoneName = String(name ?? '').trim();
  let fc = null, swapped = null, warning = null;
  if (t.startsWith('{')) {
    let g;
    try {
      g = JSON.parse(t);
    } catch (e) {
      throw new Error(`not JSON: ${e.message}`);
    }
    const read = (obj) => {
      const out = parseZoneUpload(JSON.stringify(obj), zoneName || '\u0000');
      if (out.features.some((f) => f.properties.name.startsWith('\u0000'))) throw new Error('a zone needs a name: type one in the name box');
      return out;
    };
    let problem = null;
    try {
      fc = read(g);
    } catch (e) {
      problem = e;
    }
    try {
      swapped = read(swapPositions(parseLoose(g)));
    } catch {
      swapped = null; // not a polygon with the values exchanged either
    }
    if (!fc && !swapped) throw problem;
    if (!fc) {
      const bad = firstBadLatitude(g);
      warning = `${bad !== null ? `a position has ${bad} as its latitude, beyond ±90: ` : ''}GeoJSON positions are [lon, lat], and these look like [lat, lon]`;
    }
  } else {
    const vertices = [];
    let bad = null;
    t.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#') || HEADER.test(line)) return;
      const m = PAIR.exec(line);
      if (!m) throw new Error(`line ${i + 1}: "${line}" is not "lat,lon" (two numbers, as 1.2345,103.8765)`);
      const lat = Number(m[1]), lon = Number(m[2]);
      if (bad === null && Math.abs(lat) > 90) bad = { line: i + 1, lat };
      vertices.push([lon, lat]);
    });
    if (vertices.length === 0) throw new Error('paste a polygon: GeoJSON, or "lat,lon" pairs one per line');
    let problem = null;
    try {
      fc = { type: 'FeatureCollection', features: [zoneFromVertices(zoneName, vertices)] };
    } catch (e) {
      problem = e;
    }
    try {
      swapped = { type: 'FeatureCollection', features: [zoneFromVertices(zoneName, vertices.map(([a, b]) => [b, a]))] };
    } catch {
      swapped = null;
    }
    if (!fc && (!swapped || !bad)) throw problem;
    if (bad) {
      warning = `line ${bad.line}: ${bad.lat} is beyond ±90, so it is not a latitude: the lines are read as "lat,lon", and these look like "lon,lat"`;
    }
  }
  const placed = vessels.filter((v) => validPosition(v.lat, v.lon));
  if (!warning && fc && swapped && placed.length) {
    const asRead = vesselsInside(fc, placed), other = vesselsInside(swapped, placed);
    if (asRead === 0 && other > 0) {
      const [w, s, e, n] = geometryBounds({ type: 'GeometryCollection', geometries: fc.features.map((f) => f.geometry) });
      warning = `as read, the zone lies at ${((s + n) / 2).toFixed(2)}, ${((w + e) / 2).toFixed(2)} (lat, lon) and holds none of the`
        + ` ${placed.length} vessels on the map; with each position's two values exchanged it holds ${other}: they may be the wrong way round`;
    }
  }
  return { fc, swapped, warning };
}

/** A Feature, FeatureCollection or geometry as a FeatureCollection, unchecked (to exchange its values before checking). */
function parseLoose(g) {
  const features = g.type === 'FeatureCollection' ? g.features : g.type === 'Feature' ? [g] : [{ type: 'Feature', geometry: g, properties: {} }];
  return { type: 'FeatureCollection', features: (features || []).map((f) => ({ ...f, properties: f.properties || {} })) };
}

/** The first latitude beyond ±90 among the positions of GeoJSON `g` (the second value of each), or null. */
function firstBadLatitude(g) {
  let bad = null;
  const visit = (c) => {
    if (bad !== null || !Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      if (Math.abs(c[1]) > 90) bad = c[1];
    } else c.forEach(visit);
  };
  for (const f of parseLoose(g).features) if (f && f.geometry) visit(f.geometry.coordinates);
  return bad;
}
