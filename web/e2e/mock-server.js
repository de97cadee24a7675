// A small HTTP server for the browser test: serves the built site and answers the API contract's
// routes with fixture data generated from a fixed seed (shipping in the Malacca and Singapore
// Straits). Not part of the product; the same browser test can run against the real server.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Lane waypoints at sea: Malacca Strait north-west to the Singapore Strait and on into the South China Sea.
const LANE = [[97.5, 6.0], [99.0, 4.6], [100.4, 3.2], [101.3, 2.4], [102.6, 1.6], [103.55, 1.17], [103.85, 1.19], [104.3, 1.25], [105.0, 2.0], [107.0, 4.0]];
const MIDS = [['563', 'SG', 'Singapore'], ['533', 'MY', 'Malaysia'], ['525', 'ID', 'Indonesia'], ['477', 'HK', 'Hong Kong'], ['636', 'LR', 'Liberia'], ['538', 'MH', 'Marshall Islands']];
const TYPES_AIS = [[70, 'Cargo, all ships of this type'], [80, 'Tanker, all ships of this type'], [60, 'Passenger, all ships of this type'], [30, 'Fishing'], [52, 'Tug'], [71, 'Cargo, Hazardous category A']];
const NAMES = ['PACIFIC', 'ORIENT', 'MALACCA', 'STRAITS', 'LION', 'CORAL', 'JADE', 'MONSOON', 'HARBOUR', 'EASTERN'];
const SUFFIX = ['STAR', 'PIONEER', 'SPIRIT', 'TRADER', 'GLORY', 'VENTURE', 'DAWN', 'PEARL'];

/** IMO number with a valid check digit (the 7th digit is the sum of the first six times 7..2, mod 10). */
function imo(six) {
  const d = String(six).padStart(6, '0');
  let s = 0;
  for (let i = 0; i < 6; i++) s += Number(d[i]) * (7 - i);
  return Number(d + (s % 10));
}

export function makeFixtures(n = 3000, seed = 42) {
  const r = rng(seed);
  const now = Date.parse('2026-11-01T12:00:00Z');
  const vessels = [];
  for (let i = 0; i < n; i++) {
    const seg = Math.floor(r() * (LANE.length - 1));
    const f = r();
    const [a, b] = [LANE[seg], LANE[seg + 1]];
    const off = (r() - 0.5) * 0.12;
    const lon = a[0] + (b[0] - a[0]) * f - off * (b[1] - a[1]);
    const lat = a[1] + (b[1] - a[1]) * f + off * (b[0] - a[0]);
    const [mid, flag] = MIDS[i % MIDS.length];
    const [shiptype, shiptypeText] = TYPES_AIS[Math.floor(r() * TYPES_AIS.length)];
    const east = r() < 0.5;
    const bearing = (Math.atan2(b[0] - a[0], b[1] - a[1]) * 180) / Math.PI;
    const course = Math.round(((east ? bearing : bearing + 180) + 360) % 360 * 10) / 10;
    const moving = r() > 0.15;
    const v = {
      mmsi: `${mid}${String(100000 + i).padStart(6, '0')}`,
      name: `${NAMES[i % NAMES.length]} ${SUFFIX[Math.floor(i / NAMES.length) % SUFFIX.length]} ${Math.floor(i / 80) + 1}`,
      callsign: `9V${1000 + i}`, imo: imo(900000 + i), shiptype, shiptype_text: shiptypeText, class: 'A', flag,
      lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5,
      speed: moving ? Math.round((8 + r() * 10) * 10) / 10 : 0.1, course,
      status: moving ? 0 : 1, status_text: moving ? 'Under way using engine' : 'At anchor',
      destination: east ? 'CN SHA' : 'NL RTM', draught: 9.5, to_bow: 150, to_stern: 40, to_port: 16, to_starboard: 16, length: 190, beam: 32,
      // every 50th vessel was last heard hours ago (a picture holds vessels that have left its receivers' range)
      last_seen: new Date(now - (i % 50 === 49 ? 3 * 3600e3 : 0) - Math.floor(r() * 600e3)).toISOString(), first_seen: new Date(now - 86400e3).toISOString(),
    };
    if (moving && r() > 0.2) v.heading = Math.round(course);
    vessels.push(v);
  }
  const pick = (i) => vessels[i];
  const ev = (id, kind, vs, start, end, extra = {}) => ({
    id, kind, start: new Date(start).toISOString(), ...(end ? { end: new Date(end).toISOString() } : {}),
    vessels: vs.map((v) => v.mmsi), lat: vs[0].lat, lon: vs[0].lon, parameters: {}, attributes: {}, ...extra,
  });
  const a = pick(10), b = pick(11);
  b.lat = Math.round((a.lat + 0.004) * 1e5) / 1e5; b.lon = Math.round((a.lon + 0.004) * 1e5) / 1e5;
  const events = [
    ev('ev-encounter-1', 'encounter', [a, b], now - 5 * 3600e3, now - 2 * 3600e3, { parameters: { max_distance_m: 500 }, attributes: { median_distance_m: 410 } }),
    // a gap of 2 h 14 min with the gap detector's parameters and attributes as the server gives them
    ev('ev-gap-1', 'gap', [pick(20)], now - 30 * 3600e3, now - 30 * 3600e3 + 8040e3, {
      parameters: { min_gap_h: 2, disabling_min_gap_h: 12, disabling_min_shore_distance_nm: 50, min_reception_positions_per_day: 10,
        reception_cell_deg: 1, reception_window_h: 24, min_positions_before: 14, regular_window_h: 12 },
      attributes: { duration_h: 8040 / 3600, distance_nm: 82.61, implied_speed_kn: 36.99, distance_from_shore_nm: 14.2, likely_disabling: true },
      geometry: { type: 'LineString', coordinates: [[pick(20).lon, pick(20).lat], [pick(20).lon + 1.2, pick(20).lat + 0.7]] } }),
    ev('ev-transit-1', 'chokepoint_transit', [pick(30)], now - 3 * 3600e3, now - 2.5 * 3600e3, { attributes: { chokepoint: 'Singapore Strait' } }),
    ev('ev-zone-1', 'zone_entry', [pick(40)], now - 3600e3, now - 3600e3, { attributes: { zone_id: 'zone-1', zone_name: 'Eastern anchorage', zone_category: 'anchorage' } }),
    ev('ev-watch-1', 'watchlist_activity', [pick(45)], now - 1800e3, now - 1800e3,
      { parameters: { period_s: 86400, entries: 1 }, attributes: { matched: [`mmsi:${pick(45).mmsi}`], note: ['boarded 2026-10'], mmsi: pick(45).mmsi, period_start: '2026-11-01T00:00:00Z' } }),
    visitOfParts('ev-visit-2', pick(52), now - 9 * 3600e3, ev),
    // the newest stored event has no position: a bad IMO number in a static report (type 5) of a ship
    // heard before any position of it (the server then gives neither lat/lon nor geometry)
    withoutPosition(ev('ev-identity-1', 'invalid_identity', [pick(70)], now - 600e3, now - 600e3, {
      parameters: { checks: ['mmsi_not_nine_digits', 'mmsi_invalid_pattern', 'mid_not_allocated', 'station_kind_mismatch',
        'imo_not_seven_digits', 'imo_bad_check_digit', 'name_empty', 'name_garbage'] },
      attributes: { reason: 'imo_bad_check_digit', mmsi: pick(70).mmsi, message_type: 5, value: '9074728', detail: 'check digit 9 expected, 8 sent' } })),
  ];
  // as the server's watchlist: the vessel of ev-watch-1 is on it
  const watchlist = [{ id: 'watch-1', mmsi: pick(45).mmsi, note: 'boarded 2026-10' }];
  // an episode under way (GET /api/ongoing): a port visit whose ship has not left yet
  const ongoing = [
    { ...ev('ev-visit-1', 'port_visit', [pick(50)], now - 6 * 3600e3, now - 60e3, { attributes: { port_name: 'Singapore', departed: false } }), ongoing: true },
  ];
  const incidents = [
    incident('asam-2022-148', new Date(now - 4 * 3600e3).toISOString(), 1.11667, 103.51667, 'robbery', 'CAT 3', { victim: { name: 'MAGNUM ENERGY', status: 'steaming' }, tlp: 'CLEAR', source: 'NGA ASAM', reference: '2022-148',
      possible_duplicates: [{ id: 'inc-fixture-2', source: 'IMB PRC', time: new Date(now - 2 * 3600e3).toISOString(), date_only: false, type: 'attempted_attack', distance_km: 3.217, days_apart: 0 }] }),
    incident('inc-fixture-2', new Date(now - 2 * 3600e3).toISOString(), pick(60).lat, pick(60).lon, 'attempted_attack', undefined, { victim: { mmsi: pick(60).mmsi, status: 'steaming' } }),
  ];
  return { vessels, events, now, incidents, ongoing, watchlist };
}

/** An event as the server gives one of no position: without lat, lon and geometry. */
function withoutPosition({ lat, lon, geometry, ...e }) {
  return e;
}

/**
 * A port visit of three parts as the server stores one (shaped as a real one of AMSA's log): the ship
 * waits at two anchorages of the port, then berths; it left at `start` + 5 h.
 */
function visitOfParts(id, v, start, ev) {
  const h = 3600e3;
  const part = (place, from, to, stops, stopped, fixes, extra) => ({ place, ...extra, start_ms: start + from * h, end_ms: start + to * h, departed: true,
    stop_count: stops, stop_duration_s: stopped, fixes });
  const outer = { anchorage_id: 'anchorage-10300-41407', anchorage_name: 'Singapore anchorage 1.2312N 103.9145E', lat: 1.231213, lon: 103.914508 };
  const inner = { anchorage_id: 'anchorage-10281-41330', anchorage_name: 'Singapore anchorage 1.2144N 103.8458E', lat: 1.214395, lon: 103.845812 };
  const parts = [part('anchorage', 0, 2.25, 1, 7620, 96, outer), part('anchorage', 2.5, 3, 0, 0, 14, inner),
    part('port', 3.5, 5, 1, 4980, 61, { lat: 1.264, lon: 103.84 })];
  return ev(id, 'port_visit', [v], start, start + 5 * h, { lat: outer.lat, lon: outer.lon, parameters: { merge_gap_s: 14400 }, attributes: {
    port_id: 'SGSIN', port_name: 'Singapore', unlocode: 'SGSIN', country: 'Singapore', anchorage_id: outer.anchorage_id, anchorage_name: outer.anchorage_name,
    port_source: 'anchorages.geojson', arrival_ms: start, departure_ms: start + 5 * h, departed: true, arrival_observed: true, stop_count: 2,
    stop_duration_s: 12600, gap_count: 0, fixes: 171, confidence: 4, part_count: 3, parts,
  } });
}

/** An incident object of the API with the fields the web UI shows. */
export function incident(id, time, lat, lon, type, category, extra = {}) {
  return {
    id, time, lat, lon, type, ...(category ? { category, category_computed: category } : {}), category_basis: [],
    victim: { status: 'unknown' }, weapons: 'not_stated', crew_harm: 'not_stated', loss: 'not_stated', actions_taken: [],
    tlp: 'AMBER', owner_org: 'host', shared_with: [], recipients: [], created_by: 'local', created: time, updated: time, ...extra,
  };
}

/**
 * A report's `time`, `date_only` and `local_time` as the server reads them from a POST or PUT body
 * (IncidentJson.readReport): a time given as a date is a date-only report unless `date_only` says
 * otherwise; a date-only report is at its date's 00:00Z; `local_time` (hh:mm) only with `date_only`.
 * Answers {error} for what the server refuses, else the fields as the server writes them (`date_only`
 * only when true).
 */
export function reportTime(b) {
  if (typeof b.time !== 'string' || Number.isNaN(Date.parse(b.time))) return { error: 'time is required (an ISO-8601 time)' };
  if (b.date_only !== undefined && b.date_only !== null && typeof b.date_only !== 'boolean') return { error: 'date_only must be true or false' };
  const dateOnly = typeof b.date_only === 'boolean' ? b.date_only : /^\d{4}-\d{2}-\d{2}$/.test(b.time);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(b.time) ? `${b.time}T00:00:00Z` : b.time);
  const out = { time: dateOnly ? `${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z` : b.time };
  if (dateOnly) out.date_only = true;
  if (b.local_time !== undefined && b.local_time !== null) {
    if (typeof b.local_time !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(b.local_time)) {
      return { error: `local_time must be a time of day hh:mm (00:00..23:59): ${JSON.stringify(b.local_time)}` };
    }
    if (!dateOnly) {
      return { error: 'local_time is the local time of day of a report whose UTC time is not known: it goes with date_only true (or a time given as a date)' };
    }
    out.local_time = b.local_time;
  }
  return out;
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
function metres(lat1, lon1, lat2, lon2) {
  const r = (d) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

function json(res, status, body) {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(s) });
  res.end(s);
}

function track(v, from, to) {
  const t0 = Date.parse(from), t1 = Date.parse(to);
  const n = 48;
  const rad = (v.course * Math.PI) / 180;
  const pts = [];
  for (let i = 0; i < n; i++) {
    const back = (n - 1 - i) * 0.01;
    pts.push({ lon: v.lon - Math.sin(rad) * back, lat: v.lat - Math.cos(rad) * back, time: new Date(t0 + ((t1 - t0) * i) / (n - 1)).toISOString() });
  }
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: { type: 'LineString', coordinates: pts.map((p) => [p.lon, p.lat]) }, properties: { mmsi: v.mmsi, segment: 0, start: pts[0].time, end: pts[n - 1].time } },
      ...pts.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { time: p.time, speed: v.speed, course: v.course } })),
    ],
  };
}

/** The mock's admin token and password (the real server's come from its bootstrap, see the README). */
export const MOCK_TOKEN = 'wk_mock-admin-token-for-the-browser-test';
export const MOCK_PASSWORD = 'mock admin password';

async function readJson(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  try {
    return JSON.parse(body || 'null');
  } catch {
    return undefined;
  }
}

/** Starts the server on a free loopback port; resolves to {url, close, requests, zones, admin}. */
/** The anonymous reader of published data, as the server's GET /api/session gives it. */
const ANONYMOUS = { user: 'anonymous', org: 'public', role: 'viewer', host: false, anonymous: true,
  policy: { data_classes: ['positions', 'identities'] } };

export async function startMockServer(siteDir, fixtures = makeFixtures()) {
  const { vessels, events, now } = fixtures;
  const ongoing = fixtures.ongoing || [];
  const incidents = fixtures.incidents || [];
  const watchlist = fixtures.watchlist || [];
  // the stats routes' rows ({chokepoints, portCalls, series}: each the days or points to answer); those not given are made up around `now`
  const stats = fixtures.stats || {};
  let watchSeq = watchlist.length;
  // answers of these paths wait this many ms (an answer that comes after the others, as a busy server's may)
  const delays = fixtures.delays || {};
  // when set, the live stream is refused (503), as by a server that is down or restarting
  const streamControl = { refuse: false };
  // the session cookie the mock admits (endSessions() makes a new one: the old ones are refused, as revoked)
  let session = 'mock-session-1';
  // paths answered with an error of this status, as by a failing server
  const failures = {};
  let incidentSeq = 0;
  const byMmsi = new Map(vessels.map((v) => [v.mmsi, v]));
  const zones = [];
  const requests = [];
  const incidentBodies = []; // the bodies of POST and PUT /api/incidents[/{id}], as sent
  const streams = new Set();
  let zoneSeq = 0;
  // Organisations, users, tokens, policies: enough of the real routes for the admin tab.
  const admin = {
    orgs: [{ id: 'host', name: 'Host organisation', host: true }],
    users: [{ name: 'admin', org: 'host', role: 'admin', password: false, disabled: false }],
    tokens: [{ id: 't-1', user: 'admin', kind: 'api', label: 'bootstrap', created: new Date(now).toISOString() }],
    policies: {},
    published: [],
  };
  const me = { user: 'admin', org: 'host', org_name: 'Host organisation', role: 'admin', host: true, anonymous: false };
  // as the server's Access.require: a viewer may read, not change
  const forbidden = (res, what) => json(res, 403, { error: `role ${me.role} may not ${what}; it needs analyst`, status: 403 });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const p = url.pathname;
    const q = url.searchParams;
    requests.push(`${req.method} ${p}${url.search}`);
    if (delays[p]) await new Promise((resolve) => setTimeout(resolve, delays[p]));
    if (failures[p]) return json(res, failures[p], { error: `mock failure of ${p}`, status: failures[p] });
    let m;
    if (p === '/api/login' && req.method === 'POST') {
      const b = await readJson(req);
      const ok = b && (b.token === MOCK_TOKEN || (b.user === 'admin' && b.password === MOCK_PASSWORD));
      if (!ok) return json(res, 401, { error: 'wrong user name or password', status: 401 });
      res.setHeader('Set-Cookie', `wk_session=${session}; Path=/; HttpOnly; SameSite=Strict`);
      return json(res, 200, me);
    }
    const cookie = (req.headers.cookie || '').split(/;\s*/).find((c) => c.startsWith('wk_session='));
    const loggedIn = cookie === `wk_session=${session}`;
    // as the server's GET /api/session: 200 whether or not anyone is signed in
    if (p === '/api/session') {
      if (loggedIn) return json(res, 200, { ...me, signed_in: true });
      // a server that publishes data to the anonymous reader (fixtures.anonymous) answers with that reader
      if (fixtures.anonymous && !cookie) return json(res, 200, { ...ANONYMOUS, signed_in: false });
      const refused = Boolean(cookie && cookie !== 'wk_session=');
      return json(res, 200, { signed_in: false, anonymous: false, refused,
        reason: refused ? 'the token was revoked' : "authentication required: send 'Authorization: Bearer <token>' or log in" });
    }
    const anonymousRead = fixtures.anonymous && !cookie && req.method === 'GET';
    if (p.startsWith('/api/') && !loggedIn && !anonymousRead) return json(res, 401, { error: 'authentication required', status: 401 });
    if (p === '/api/me') return json(res, 200, me);
    if (p === '/api/logout') {
      res.setHeader('Set-Cookie', 'wk_session=; Path=/; Max-Age=0');
      res.writeHead(204);
      return res.end();
    }
    if (p === '/api/orgs' && req.method === 'GET') return json(res, 200, { orgs: admin.orgs.map((o) => ({ ...o, users: admin.users.filter((u) => u.org === o.id).length })) });
    if (p === '/api/orgs' && req.method === 'POST') {
      const b = await readJson(req);
      if (!b || !/^[a-z0-9][a-z0-9-]*$/.test(b.id || '')) return json(res, 400, { error: 'bad organisation id', status: 400 });
      admin.orgs.push({ id: b.id, name: b.name || b.id, host: !!b.host });
      return json(res, 201, { id: b.id, name: b.name || b.id, host: !!b.host, users: 0 });
    }
    if (p === '/api/users' && req.method === 'GET') return json(res, 200, { users: admin.users });
    if (p === '/api/users' && req.method === 'POST') {
      const b = await readJson(req);
      const u = { name: b.name, org: b.org, role: b.role, password: !!b.password, disabled: false };
      admin.users.push(u);
      return json(res, 201, u);
    }
    if (p === '/api/tokens' && req.method === 'GET') return json(res, 200, { tokens: admin.tokens });
    if (p === '/api/tokens' && req.method === 'POST') {
      const b = await readJson(req);
      const t = { id: `t-${admin.tokens.length + 1}`, user: b.user, kind: 'api', label: b.label || '', created: new Date(now).toISOString() };
      // an expiry as the server writes an instant: to the nanosecond (Java's Instant.toString)
      if (b.ttl_s) t.expires = new Date(Date.now() + b.ttl_s * 1000).toISOString().replace(/Z$/, '320745Z');
      admin.tokens.push(t);
      return json(res, 201, { ...t, token: `wk_mock-${t.id}` });
    }
    if ((m = p.match(/^\/api\/policies\/([^/]+)$/))) {
      const org = decodeURIComponent(m[1]);
      if (req.method === 'PUT') admin.policies[org] = await readJson(req);
      return json(res, 200, admin.policies[org] || { data_classes: [], areas: null, delay_s: 0 });
    }
    if (p === '/api/published') {
      if (req.method === 'PUT') admin.published = (await readJson(req)).data_classes;
      return json(res, 200, { data_classes: admin.published });
    }
    if (p === '/api/vessels') {
      const text = (q.get('q') || '').toUpperCase();
      const list = vessels.filter((v) => !text || v.name.includes(text) || v.mmsi.startsWith(text) || String(v.imo) === text);
      const limit = Number(q.get('limit') || 1000);
      return json(res, 200, { count: list.length, vessels: list.slice(0, limit) });
    }
    if ((m = p.match(/^\/api\/vessels\/(\d{9})\/track$/))) {
      const v = byMmsi.get(m[1]);
      if (!v) return json(res, 404, { error: `no vessel ${m[1]}`, status: 404 });
      // as the server: the track of the window, and whether limit cut it (the mock's tracks are short)
      return json(res, 200, { ...track(v, q.get('from'), q.get('to')), truncated: false });
    }
    if ((m = p.match(/^\/api\/vessels\/(\d{9})$/))) {
      const v = byMmsi.get(m[1]);
      if (!v) return json(res, 404, { error: `no vessel ${m[1]}`, status: 404 });
      return json(res, 200, { ...v, identity_history: [], events: events.filter((e) => e.vessels.includes(v.mmsi)),
        ongoing: ongoing.filter((e) => e.vessels.includes(v.mmsi)) });
    }
    if (p === '/api/ongoing') {
      const mmsi = q.get('mmsi');
      const kind = q.get('kind');
      const list = ongoing.filter((e) => (!mmsi || e.vessels.some((v) => Number(v) === Number(mmsi))) && (!kind || kind.split(',').includes(e.kind)));
      return json(res, 200, { as_of: new Date(now).toISOString(), count: list.length, total: list.length, events: list });
    }
    if (p === '/api/events') {
      // as the server: events overlapping [from, to], by start then id (order=newest: the reverse), at most limit
      const kind = q.get('kind');
      const order = q.get('order') || 'oldest';
      if (order !== 'oldest' && order !== 'newest') {
        return json(res, 400, { error: `unknown order '${order}'; choices: oldest (the default: by start, then id), newest (the reverse)`, status: 400 });
      }
      const from = q.get('from') ? Date.parse(q.get('from')) : -Infinity;
      const to = q.get('to') ? Date.parse(q.get('to')) : Infinity;
      const limit = Number(q.get('limit') || 10000);
      const mmsi = q.get('mmsi');
      if (mmsi !== null && !/^\d{1,9}$/.test(mmsi)) return json(res, 400, { error: `mmsi: not an MMSI (1-9 digits): ${mmsi}`, status: 400 });
      const zone = q.get('zone');
      const list = events.filter((e) => (!kind || kind.split(',').includes(e.kind)) && Date.parse(e.start) <= to && Date.parse(e.end || e.start) >= from
        && (!mmsi || e.vessels.some((v) => Number(v) === Number(mmsi))) && (!zone || String((e.attributes || {}).zone_id) === zone))
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (order === 'newest') list.reverse();
      const out = list.slice(0, limit);
      return json(res, 200, { count: out.length, truncated: list.length > limit, events: out });
    }
    if ((m = p.match(/^\/api\/export\/(events|ongoing)\.(csv|geojson|kml)$/))) {
      // as the server: the filters of the list exported and only those (another is a 400), every matching row
      const takes = m[1] === 'events' ? ['kind', 'from', 'to', 'bbox', 'mmsi', 'zone', 'order', 'limit'] : ['kind', 'bbox', 'mmsi', 'zone', 'limit'];
      const unknown = [...q.keys()].find((k) => !takes.includes(k));
      if (unknown) return json(res, 400, { error: `unknown query parameter '${unknown}' for an export of ${m[1]}; known: ${takes.join(', ')}`, status: 400 });
      const kind = q.get('kind'), mmsi = q.get('mmsi'), zone = q.get('zone');
      const from = q.get('from') ? Date.parse(q.get('from')) : -Infinity;
      const to = q.get('to') ? Date.parse(q.get('to')) : Infinity;
      const rows = (m[1] === 'events' ? events : ongoing).filter((e) => (!kind || kind.split(',').includes(e.kind))
        && Date.parse(e.start) <= to && Date.parse(e.end || e.start) >= from && (!mmsi || e.vessels.some((v) => Number(v) === Number(mmsi)))
        && (!zone || String((e.attributes || {}).zone_id) === zone))
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (rows.length > (fixtures.exportMost || 100000)) {
        return json(res, 422, { error: `more than ${fixtures.exportMost || 100000} ${m[1]} match, more than one export holds: narrow it (from, to, bbox, ...) or ask for the first N with limit=N (up to 100000)`, status: 422 });
      }
      let body, type;
      if (m[2] === 'csv') {
        type = 'text/csv; charset=utf-8';
        // as the server: the episodes' rows say they are under way, in a column before the marking
        const episodes = m[1] === 'ongoing';
        body = [`id,kind,start,end,vessels,lat,lon,attributes,${episodes ? 'ongoing,' : ''}tlp,owner_org,shared_with,recipients`, ...rows.map((e) => [e.id, e.kind, e.start, e.end || '', e.vessels.join(' '), e.lat ?? '', e.lon ?? '',
          `"${JSON.stringify(e.attributes || {}).replace(/"/g, '""')}"`, ...(episodes ? ['true'] : []), e.tlp ?? '', e.owner_org ?? '', (e.shared_with || []).join(' '),
          (e.recipients || []).join(' ')].join(','))].join('\r\n') + '\r\n';
      } else if (m[2] === 'geojson') {
        type = 'application/geo+json';
        body = JSON.stringify({ type: 'FeatureCollection', features: rows.map(({ geometry, ...e }) => ({ type: 'Feature',
          geometry: typeof e.lat === 'number' ? { type: 'Point', coordinates: [e.lon, e.lat] } : null, properties: e })) });
      } else {
        type = 'application/vnd.google-earth.kml+xml';
        body = `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n<name>Watchkeeper ${m[1]}</name>\n${
          rows.map((e) => `<Placemark><name>${e.kind} ${e.id}</name>${typeof e.lat === 'number' ? `<Point><coordinates>${e.lon},${e.lat}</coordinates></Point>` : ''}</Placemark>`).join('\n')}\n</Document>\n</kml>\n`;
      }
      res.writeHead(200, { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${m[1]}.${m[2]}"`,
        'Watchkeeper-Export-Count': String(rows.length), 'Watchkeeper-Export-Truncated': 'false' });
      return res.end(body);
    }
    if (p === '/api/watchlist' && req.method === 'GET') return json(res, 200, { entries: watchlist });
    if (p === '/api/watchlist' && req.method === 'POST') {
      if (me.role === 'viewer') return forbidden(res, 'change the watchlist');
      const b = await readJson(req);
      const keys = ['mmsi', 'imo', 'name'].filter((k) => b && b[k] !== undefined && b[k] !== null);
      if (!b || keys.length !== 1) return json(res, 400, { error: 'give exactly one of mmsi, imo or name', status: 400 });
      if (typeof b.mmsi === 'string' && /^\d+$/.test(b.mmsi) && b.mmsi.length !== 9) {
        const hint = b.mmsi.length < 9 ? ` (if you mean ${b.mmsi.padStart(9, '0')}, write that)` : '';
        return json(res, 400, { error: `mmsi '${b.mmsi}' has ${b.mmsi.length} digits: an MMSI is 9 digits${hint}`, status: 400 });
      }
      const held = watchlist.find((w) => w[keys[0]] !== undefined && String(w[keys[0]]).toUpperCase() === String(b[keys[0]]).toUpperCase());
      if (held) return json(res, 409, { error: `the watchlist holds this ${keys[0] === 'mmsi' ? 'MMSI' : keys[0] === 'imo' ? 'IMO number' : 'name'} as ${held.id}; change its note by deleting it and adding it again`, status: 409 });
      const e = { id: `watch-${++watchSeq}`, [keys[0]]: keys[0] === 'imo' ? Number(b.imo) : keys[0] === 'mmsi' ? String(b.mmsi) : String(b.name).trim(), note: b.note || '' };
      watchlist.push(e);
      return json(res, 201, e);
    }
    if ((m = p.match(/^\/api\/watchlist\/([^/]+)$/)) && req.method === 'DELETE') {
      if (me.role === 'viewer') return forbidden(res, 'change the watchlist');
      const i = watchlist.findIndex((w) => w.id === decodeURIComponent(m[1]));
      if (i < 0) return json(res, 404, { error: `no watchlist entry with id ${m[1]}`, status: 404 });
      watchlist.splice(i, 1);
      res.writeHead(204);
      return res.end();
    }
    if ((m = p.match(/^\/api\/events\/([^/]+)$/))) {
      const e = events.find((x) => x.id === decodeURIComponent(m[1]));
      if (!e) return json(res, 404, { error: 'no such event', status: 404 });
      // an event of no position (one from a static report) holds no evidence position, as the server's
      return json(res, 200, { ...e, evidence: e.vessels.filter((mm) => byMmsi.has(mm) && typeof e.lat === 'number').map((mm) => ({ time: e.start, mmsi: mm, lat: byMmsi.get(mm).lat, lon: byMmsi.get(mm).lon, source: 'fixture' })) });
    }
    if (p === '/api/zones' && req.method === 'GET') return json(res, 200, { type: 'FeatureCollection', features: zones });
    if (p === '/api/zones' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      let g;
      try {
        g = JSON.parse(body);
      } catch {
        return json(res, 400, { error: 'body is not JSON', status: 400 });
      }
      const given = g.type === 'FeatureCollection' ? g.features : [g];
      // as the server: a zone name held already is a 409
      const held = given.map((f) => zones.find((z) => z.properties.name.toLowerCase() === String(f.properties && f.properties.name).toLowerCase())).find(Boolean);
      if (held) return json(res, 409, { error: `feature 0: the name '${held.properties.name}' is held by zone ${held.id}; give each zone its own name (a zone's events name it)`, status: 409 });
      if (me.role === 'viewer') return forbidden(res, 'add zones');
      const created = given.map((f) => ({ ...f, id: `z${++zoneSeq}`, properties: { ...f.properties, id: `z${zoneSeq}`, tlp: 'GREEN', owner_org: me.org } }));
      zones.push(...created);
      return json(res, 201, { type: 'FeatureCollection', features: created });
    }
    if ((m = p.match(/^\/api\/zones\/([^/]+)$/)) && req.method === 'DELETE') {
      if (me.role === 'viewer') return forbidden(res, 'delete zones');
      const i = zones.findIndex((z) => z.id === m[1]);
      if (i < 0) return json(res, 404, { error: `no zone with id ${m[1]}`, status: 404 });
      if (zones[i].properties.owner_org !== me.org && !(me.host && me.role === 'admin')) {
        return json(res, 403, { error: `zone ${m[1]} belongs to organisation '${zones[i].properties.owner_org}'`, status: 403 });
      }
      zones.splice(i, 1);
      res.writeHead(204);
      return res.end();
    }
    if (p === '/api/incidents' && req.method === 'GET') return json(res, 200, { count: incidents.length, incidents });
    if (p === '/api/incidents' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      let b;
      try {
        b = JSON.parse(body);
      } catch {
        return json(res, 400, { error: 'body is not valid JSON', status: 400 });
      }
      incidentBodies.push({ method: 'POST', body: b });
      if (!(Math.abs(b.lat) <= 90 && Math.abs(b.lon) <= 180) || !b.time || !b.type) return json(res, 400, { error: 'time, lat, lon and type are required', status: 400 });
      const when = reportTime(b);
      if (when.error) return json(res, 400, { error: when.error, status: 400 });
      const { date_only: _d, local_time: _l, ...rest } = b;
      const created = incident(`inc-${++incidentSeq}`, when.time, b.lat, b.lon, b.type, undefined, { ...rest, ...when, tlp: b.tlp || 'AMBER', victim: { status: 'unknown', ...(b.victim || {}) } });
      incidents.push(created);
      return json(res, 201, created);
    }
    if ((m = p.match(/^\/api\/incidents\/([^/]+)\/nearby$/))) {
      const i = incidents.find((x) => x.id === decodeURIComponent(m[1]));
      if (!i) return json(res, 404, { error: `no incident with id ${m[1]}`, status: 404 });
      const radius = Number(q.get('radius_km') || 10) * 1000;
      const hours = Number(q.get('hours') || 6);
      const t = Date.parse(i.time);
      const near = vessels.map((v) => ({ v, d: metres(i.lat, i.lon, v.lat, v.lon) })).filter((x) => x.d <= radius).sort((a, b) => a.d - b.d);
      return json(res, 200, {
        incident: i.id, lat: i.lat, lon: i.lon, radius_km: radius / 1000, from: new Date(t - hours * 3600e3).toISOString(), to: new Date(t + hours * 3600e3).toISOString(),
        count: near.length,
        vessels: near.map(({ v, d }) => ({ mmsi: v.mmsi, name: v.name, distance_m: Math.round(d * 10) / 10, time: i.time, lat: v.lat, lon: v.lon, track_points: 2, track: { type: 'LineString', coordinates: [[v.lon - 0.01, v.lat], [v.lon, v.lat]] } })),
      });
    }
    if ((m = p.match(/^\/api\/incidents\/([^/]+)\/share$/)) && req.method === 'POST') {
      const i = incidents.find((x) => x.id === decodeURIComponent(m[1]));
      if (!i) return json(res, 404, { error: `no incident with id ${m[1]}`, status: 404 });
      let body = '';
      for await (const chunk of req) body += chunk;
      const b = JSON.parse(body || '{}');
      Object.assign(i, { tlp: b.tlp || i.tlp, shared_with: b.shared_with || i.shared_with, recipients: b.recipients || i.recipients });
      return json(res, 200, i);
    }
    if ((m = p.match(/^\/api\/incidents\/([^/]+)$/))) {
      const k = incidents.findIndex((x) => x.id === decodeURIComponent(m[1]));
      if (k < 0) return json(res, 404, { error: `no incident with id ${m[1]}`, status: 404 });
      const i = incidents[k];
      if (req.method === 'PUT') {
        // as the server's: the body replaces the report's fields; its sharing stays (a different one is refused)
        if (me.role === 'viewer') return forbidden(res, 'edit incidents');
        const b = await readJson(req);
        if (!b || typeof b !== 'object' || Array.isArray(b)) return json(res, 400, { error: 'the body must be a JSON object', status: 400 });
        incidentBodies.push({ method: 'PUT', id: i.id, body: b });
        if (!(Math.abs(b.lat) <= 90 && Math.abs(b.lon) <= 180) || !b.type) return json(res, 400, { error: 'lat, lon and type are required', status: 400 });
        const when = reportTime(b);
        if (when.error) return json(res, 400, { error: when.error, status: 400 });
        if (b.tlp !== undefined && b.tlp !== i.tlp) {
          return json(res, 400, { error: `tlp, shared_with and recipients differ from the incident's: a PUT edits the report, POST /api/incidents/${i.id}/share changes its sharing`, status: 400 });
        }
        const { date_only: _d, local_time: _l, ...rest } = b;
        const { tlp, owner_org, shared_with, recipients, created_by, created, category, category_computed } = i;
        incidents[k] = incident(i.id, when.time, b.lat, b.lon, b.type, undefined, { ...rest, ...when, victim: { status: 'unknown', ...(b.victim || {}) },
          ...(category ? { category, category_computed } : {}), tlp, owner_org, shared_with, recipients, created_by, created, updated: new Date().toISOString() });
        return json(res, 200, incidents[k]);
      }
      return json(res, 200, i);
    }
    if (p === '/api/stats') return json(res, 200, { sources: [{ name: 'replay', kind: 'file', up: true, messages: 123456, messages_per_second: 41.5, last_message: new Date(now).toISOString() }], rejected: { bad_checksum: 3 }, vessels: vessels.length, events: events.length, messages_per_second: 41.5 });
    if (p === '/api/stats/series') {
      // as the server gives it: one series of all sources, a point per minute
      if (stats.series) return json(res, 200, { metric: 'messages', interval_s: 60, points: stats.series });
      const points = Array.from({ length: 60 }, (_, i) => ({ time: new Date(now - (59 - i) * 60e3).toISOString(), count: Math.round(2000 + 500 * Math.sin(i / 6)) }));
      return json(res, 200, { metric: 'messages', interval_s: 60, points });
    }
    if (p === '/api/stats/chokepoints') {
      if (stats.chokepoints) return json(res, 200, { days: stats.chokepoints });
      const days = [];
      for (let d = 6; d >= 0; d--) {
        const day = new Date(now - d * 86400e3).toISOString().slice(0, 10);
        // as the server gives it: a row per day and chokepoint, counted by PortWatch ship type group
        const by = { cargo: 40 + ((d * 7) % 9), tanker: 22 + ((d * 7 + 3) % 9), passenger: 5 + ((d * 7 + 6) % 9) };
        days.push({ date: day, chokepoint: 'Singapore Strait', count: by.cargo + by.tanker + by.passenger, by_shiptype: by });
      }
      return json(res, 200, { days });
    }
    if (p === '/api/stats/port-calls') {
      if (stats.portCalls) return json(res, 200, { days: stats.portCalls });
      return json(res, 200, { days: Array.from({ length: 7 }, (_, d) => ({ date: new Date(now - (6 - d) * 86400e3).toISOString().slice(0, 10), port: 'SGSIN', count: 30 + ((d * 5) % 11) })) });
    }
    if (p === '/api/stream') {
      if (streamControl.refuse) return json(res, 503, { error: 'the server is restarting', status: 503 });
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
      res.write(': watchkeeper mock stream\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      // the stream's opening arrival, stats and episode, unless the fixtures hold them back (streamOpening: false)
      const t = fixtures.streamOpening === false ? null : setTimeout(() => {
        res.write(`event: position\ndata: ${JSON.stringify({ mmsi: '563999001', lat: 1.21, lon: 103.95, speed: 11.2, course: 75.3, heading: 76, time: new Date(now + 60e3).toISOString(), shiptype: 80, name: 'LIVE ARRIVAL' })}\n\n`);
        res.write(`event: stats\ndata: ${JSON.stringify({ messages_per_second: 41.5, sources: [{ name: 'replay', kind: 'file', up: true }, { name: 'receiver', kind: 'tcp', up: false, error: 'cannot connect to 192.168.1.20:10110: Connection refused' }] })}\n\n`);
        res.write(`event: ongoing\ndata: ${JSON.stringify({ id: 'ev-live-1', kind: 'loitering', start: new Date(now).toISOString(), end: new Date(now + 60e3).toISOString(), vessels: ['563999001'], lat: 1.21, lon: 103.95, geometry: { type: 'Point', coordinates: [103.95, 1.21] }, attributes: {}, ongoing: true })}\n\n`);
      }, 300);
      if (t) req.on('close', () => clearTimeout(t));
      return undefined;
    }
    if (p.startsWith('/api/')) return json(res, 404, { error: `no route ${p}`, status: 404 });
    // Static site.
    const rel = normalize(p === '/' ? '/index.html' : decodeURIComponent(p)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(siteDir, rel));
      res.writeHead(200, { 'Content-Type': TYPES[extname(rel)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
    return undefined;
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    zones,
    incidents,
    incidentBodies,
    admin,
    watchlist,
    /** Paths to answer with an error: `failures['/api/session'] = 500`; delete the entry to answer again. */
    failures,
    /** Ends every web session, as revoking their tokens does: the cookies sent so far are refused. */
    endSessions: () => { session = `mock-session-${Number(session.split('-').pop()) + 1}`; },
    /** The episodes under way GET /api/ongoing answers with: add to it as a detector opens one. */
    ongoing,
    /** The signed-in user the mock answers as ({role, org, host, ...}): change it to test another role. */
    me,
    /** Ends every open live stream; with `refuse` set, new ones are refused until it is cleared. */
    dropStreams: (refuse) => {
      streamControl.refuse = refuse;
      for (const s of streams) s.end();
      streams.clear();
    },
    allowStreams: () => { streamControl.refuse = false; },
    /** Sends one message to every open /api/stream, as the real server's live stream does (an event is stored too, as there). */
    broadcast: (name, data) => {
      if (name === 'event') {
        const i = events.findIndex((e) => e.id === data.id);
        if (i >= 0) events[i] = data; else events.push(data);
      }
      for (const s of streams) s.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close: () => new Promise((resolve) => {
      for (const s of streams) s.end();
      server.close(resolve);
    }),
  };
}
