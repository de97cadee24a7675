// Watchkeeper web map: offline basemap, live vessels, vessel panel with track replay, event list,
// zones, search, layer toggles and charts. Everything it loads comes from its own origin.
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre's worker is a file of its own: shipped with the site and loaded from it.
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import land50m from 'world-atlas/land-50m.json';
import './style.css';
import { api, file } from './api.js';
import {
  landFromTopology, vesselsToGeoJSON, applyPosition, filterEvents, eventTarget, eventMarker, zoneFromVertices,
  parseZoneUpload, zonesToGeoJSON, trackToReplay, positionAt, searchVessels, vesselsExtent, CATEGORY_COLORS, CATEGORY_NAMES,
  validPosition, sourceFaults, vesselFilter, zoneChoices, exportRequest, unappliedText, dispositionName, readPastedZone,
  vesselSize,
} from './data.js';
import { drawCharts } from './charts.js';
import {
  INCIDENT_COLORS, INCIDENT_TYPES, categoryKey, incidentWhen, incidentsToGeoJSON, upsertIncident, withdrawIncident, nearbyOverlay, approachBetween, incidentFromForm, formFromIncident, formWhen,
  shareBody,
} from './incidents.js';
import { auth, ensureLogin } from './auth.js';
import { setupAdmin } from './admin.js';
import {
  EVENT_GROUPS, eventGroup, watchEntriesFor, watchLabel, watchBody, alertFor, alertText, eventFacts, utcTime, escapeHtml, pictureTime, isStale,
  streamHealth, eventCountText, zoneRights, watchRights, kindLabel,
} from './watch.js';

const EVENT_KINDS = ['gap', 'encounter', 'loitering', 'drift', 'sudden_speed_change', 'identity_conflict', 'position_jump',
  'invalid_identity', 'position_on_land', 'zone_entry', 'zone_exit', 'watchlist_activity', 'watchlist_gap', 'port_visit', 'chokepoint_transit'];
const EMPTY = { type: 'FeatureCollection', features: [] };
// the Events tab holds the newest this many stored events (of the From/To window when one is set)
const EVENT_LIMIT = 5000;
// the list draws at most this many of them (the newest that the filters keep)
const LIST_LIMIT = 1000;
const $ = (id) => document.getElementById(id);

const state = {
  vessels: new Map(), // mmsi → vessel
  events: [],
  selected: null,
  highlighted: [],
  replay: null, // {points, timer}
  drawing: null, // [[lon,lat], ...] while drawing a zone
  incidents: [], // incident reports the caller may see, time order
  incident: null, // the incident shown in the panel
  reporting: false, // the next map click places a new incident
  editing: null, // the incident the form edits (as the API gave it), or null: the form reports a new one
  dirty: false,
  ready: false,
  // the map has been fitted to the traffic, or the user has moved it: the view is left alone
  viewChosen: false,
  eventsTruncated: false, // the server had more stored events than the list holds (older ones)
  eventsWindowed: false, // the list was loaded for a From/To window, a kind or a vessel
  eventsQuery: null, // the server query the list was loaded with (from, to, kind, mmsi, zone)
  eventsVessel: null, // the MMSI the list was loaded for, if any
  zonesFc: null, // the zones of GET /api/zones
  zoneChoices: [], // the zones the events' zone filter offers
  pastePending: null, // a pasted zone whose values look the wrong way round, until the user chooses
  watchlist: [], // entries of GET /api/watchlist (users of the host organisation)
  alerted: new Set(), // ids of events an alert has been raised for
  unread: 0, // alerts raised since the Events tab was last looked at
};

// ---- Map ------------------------------------------------------------------------------------

/** Zoom from which the land is drawn from Natural Earth's 1:10m coastline instead of 1:50m. */
const DETAILED_LAND_ZOOM = 6;
let detailedLand = null; // the loading or loaded 1:10m land (a promise), once asked for

/**
 * Draws the land at 1:10m once the view is close enough to need it: a port approach at 1:50m is all
 * land or all sea. Loaded from the site itself (a chunk of its own, about 3 MB), only when first needed.
 */
function landForZoom() {
  if (detailedLand || map.getZoom() < DETAILED_LAND_ZOOM) return;
  detailedLand = import('world-atlas/land-10m.json')
    .then((m) => map.getSource('land').setData(landFromTopology(m.default)))
    .catch((e) => { detailedLand = null; console.warn('detailed land not loaded:', e); });
}

maplibregl.setWorkerUrl(maplibreWorkerUrl);
const map = new maplibregl.Map({
  container: 'map',
  center: [103.8, 1.25],
  zoom: 5,
  attributionControl: { compact: true, customAttribution: 'Land: Natural Earth (world-atlas)' },
  style: {
    version: 8,
    // No glyphs and no sprite: the map draws no text, so it needs no font server.
    sources: { land: { type: 'geojson', data: landFromTopology(land50m) } },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': '#cfe2ee' } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#f1eee4', 'fill-outline-color': '#b5ad96' } },
    ],
  },
});
map.addControl(new maplibregl.NavigationControl({ showCompass: true }), 'top-left');
map.addControl(new maplibregl.ScaleControl({ unit: 'nautical' }), 'bottom-left');

/** Ship symbols drawn on a canvas: a triangle pointing up (rotated by the map) and a dot. */
function addSymbols() {
  const size = 24;
  for (const [cat, color] of Object.entries(CATEGORY_COLORS)) {
    for (const shape of ['ship', 'dot']) {
      const c = document.createElement('canvas');
      c.width = c.height = size;
      const g = c.getContext('2d');
      g.fillStyle = color;
      g.strokeStyle = '#ffffff';
      g.lineWidth = 1.5;
      g.beginPath();
      if (shape === 'ship') {
        g.moveTo(size / 2, 2); g.lineTo(size - 6, size - 3); g.lineTo(size / 2, size - 7); g.lineTo(6, size - 3); g.closePath();
      } else {
        g.arc(size / 2, size / 2, 5, 0, Math.PI * 2);
      }
      g.fill(); g.stroke();
      map.addImage(`${shape}-${cat}`, g.getImageData(0, 0, size, size), { pixelRatio: 2 });
    }
  }
  // events: a diamond per group (incidents are round); a gap's is hollow, as the vessel went unseen
  for (const [group, { color }] of Object.entries(EVENT_GROUPS)) {
    const c = document.createElement('canvas');
    c.width = c.height = size;
    const g = c.getContext('2d');
    g.beginPath();
    g.moveTo(size / 2, 2); g.lineTo(size - 2, size / 2); g.lineTo(size / 2, size - 2); g.lineTo(2, size / 2); g.closePath();
    if (group === 'gap') {
      g.fillStyle = 'rgba(255,255,255,0.6)'; g.fill();
      g.strokeStyle = color; g.lineWidth = 3; g.stroke();
    } else {
      g.fillStyle = color; g.fill();
      g.strokeStyle = '#ffffff'; g.lineWidth = 2; g.stroke();
    }
    map.addImage(`ev-${group}`, g.getImageData(0, 0, size, size), { pixelRatio: 2 });
  }
}

function addLayers() {
  addSymbols();
  map.addSource('zones', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'zones-fill', type: 'fill', source: 'zones', paint: { 'fill-color': '#7e57c2', 'fill-opacity': 0.15 } });
  map.addLayer({ id: 'zones-line', type: 'line', source: 'zones', paint: { 'line-color': '#5e35b1', 'line-width': 1.5 } });
  map.addSource('track', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'track-line', type: 'line', source: 'track', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#d81b60', 'line-width': 2 } });
  map.addSource('replay', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'replay-point', type: 'circle', source: 'replay', paint: { 'circle-radius': 7, 'circle-color': '#d81b60', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
  map.addSource('events', { type: 'geojson', data: EMPTY });
  // gaps are many (every vessel gone silent): small, under the other events, with a toggle of their own
  map.addLayer({
    id: 'events-gap', type: 'symbol', source: 'events', filter: ['==', ['get', 'group'], 'gap'],
    layout: { 'icon-image': 'ev-gap', 'icon-allow-overlap': true, 'icon-ignore-placement': true,
      'icon-size': ['interpolate', ['linear'], ['zoom'], 4, 0.45, 10, 0.7] },
    paint: { 'icon-opacity': 0.8 },
  });
  map.addLayer({
    id: 'events', type: 'symbol', source: 'events', filter: ['!=', ['get', 'group'], 'gap'],
    layout: { 'icon-image': ['concat', 'ev-', ['get', 'group']], 'icon-allow-overlap': true, 'icon-ignore-placement': true,
      'icon-size': ['interpolate', ['linear'], ['zoom'], 4, 0.8, 10, 1.1] },
  });
  map.addSource('vessels', { type: 'geojson', data: EMPTY, cluster: true, clusterMaxZoom: 7, clusterRadius: 40 });
  map.addLayer({
    id: 'clusters', type: 'circle', source: 'vessels', filter: ['has', 'point_count'],
    paint: {
      'circle-color': ['step', ['get', 'point_count'], '#4f9dc9', 50, '#2f77a8', 500, '#1b4f72'],
      'circle-radius': ['step', ['get', 'point_count'], 9, 50, 14, 500, 20, 5000, 26],
      'circle-opacity': 0.85, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
    },
  });
  map.addLayer({
    id: 'vessels', type: 'symbol', source: 'vessels', filter: ['!', ['has', 'point_count']],
    layout: {
      'icon-image': ['concat', ['case', ['==', ['get', 'dir'], 1], 'ship-', 'dot-'], ['get', 'cat']],
      'icon-rotate': ['get', 'rot'], 'icon-rotation-alignment': 'map',
      'icon-allow-overlap': true, 'icon-ignore-placement': true,
      'icon-size': ['interpolate', ['linear'], ['zoom'], 4, 0.8, 10, 1.3, 14, 1.8],
    },
    // a vessel not heard for an hour before the newest report in the picture is faded
    paint: { 'icon-opacity': ['case', ['==', ['get', 'stale'], 1], 0.35, 1] },
  });
  map.addSource('nearby', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'nearby-line', type: 'line', source: 'nearby', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': ['match', ['get', 'role'], 'victim', '#6a1b9a', '#ff6f00'], 'line-width': ['match', ['get', 'role'], 'victim', 3, 1.5], 'line-opacity': 0.8 } });
  map.addLayer({ id: 'nearby-closest', type: 'circle', source: 'nearby', filter: ['==', ['get', 'role'], 'closest'], paint: { 'circle-radius': 5,
    // a point on the leg between two fixes is hollow: no fix was there, the ship passed it
    'circle-color': ['case', ['get', 'interpolated'], '#ffffff', '#ff6f00'], 'circle-stroke-color': ['case', ['get', 'interpolated'], '#ff6f00', '#fff'], 'circle-stroke-width': ['case', ['get', 'interpolated'], 2.5, 1.5] } });
  map.addSource('incidents', { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: 'incidents', type: 'circle', source: 'incidents',
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 4, 10, 8],
      'circle-color': ['match', ['get', 'cat'], '1', INCIDENT_COLORS[1], '2', INCIDENT_COLORS[2], '3', INCIDENT_COLORS[3], '4', INCIDENT_COLORS[4], INCIDENT_COLORS.none],
      'circle-stroke-color': '#212121', 'circle-stroke-width': ['case', ['get', 'overridden'], 2.5, 1],
    },
  });
  map.addSource('highlight', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'highlight', type: 'circle', source: 'highlight', paint: { 'circle-radius': 14, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': ['get', 'color'], 'circle-stroke-width': 3 } });
  map.addSource('drawing', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'drawing-line', type: 'line', source: 'drawing', paint: { 'line-color': '#5e35b1', 'line-width': 2, 'line-dasharray': [2, 1] } });
  map.addLayer({ id: 'drawing-points', type: 'circle', source: 'drawing', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4, 'circle-color': '#5e35b1' } });
}

/**
 * Cluster sizes as HTML labels over the cluster circles (the map has no font server, so it draws no
 * text itself). Only clusters in view get a label, and at most a few hundred.
 */
const clusterLabels = new Map(); // cluster_id → Marker
function updateClusterLabels() {
  const on = map.getLayoutProperty('clusters', 'visibility') !== 'none';
  const seen = new Set();
  if (on) {
    for (const f of map.queryRenderedFeatures({ layers: ['clusters'] }).slice(0, 400)) {
      const id = f.properties.cluster_id;
      if (seen.has(id)) continue;
      seen.add(id);
      let m = clusterLabels.get(id);
      if (!m) {
        const el = document.createElement('div');
        el.className = 'cluster-label';
        m = new maplibregl.Marker({ element: el });
        clusterLabels.set(id, m);
      }
      m.getElement().textContent = f.properties.point_count_abbreviated;
      m.setLngLat(f.geometry.coordinates).addTo(map);
    }
  }
  for (const [id, m] of clusterLabels) if (!seen.has(id)) { m.remove(); clusterLabels.delete(id); }
}

// ---- Vessels --------------------------------------------------------------------------------

function refreshVessels() {
  state.dirty = false;
  const now = pictureTime(state.vessels.values());
  map.getSource('vessels')?.setData(vesselsToGeoJSON(state.vessels.values(), { now }));
  let recent = 0;
  for (const v of state.vessels.values()) if (!isStale(v, now)) recent++;
  live.recent = recent;
  refreshHighlight();
  $('status').dataset.vessels = String(state.vessels.size);
  renderStatus();
}
setInterval(() => { if (state.dirty && state.ready) refreshVessels(); }, 1500);

function refreshHighlight() {
  const feats = [];
  const add = (mmsi, color) => {
    const v = state.vessels.get(mmsi);
    if (v && validPosition(v.lat, v.lon)) feats.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [v.lon, v.lat] }, properties: { mmsi, color } });
  };
  state.highlighted.forEach((m) => add(m, '#ff6f00'));
  if (state.selected) add(state.selected, '#d81b60');
  map.getSource('highlight')?.setData({ type: 'FeatureCollection', features: feats });
}

async function loadVessels() {
  const r = await api.vessels({ limit: 100000 });
  for (const v of r.vessels) state.vessels.set(v.mmsi, v);
  refreshVessels();
}

const fmt = {
  num: (x, d = 1, unit = '') => (typeof x === 'number' && Number.isFinite(x) ? `${x.toFixed(d)}${unit}` : '—'),
  time: utcTime,
  esc: escapeHtml,
};

function row(label, value) {
  return `<tr><th>${label}</th><td>${value}</td></tr>`;
}

async function selectVessel(mmsi, { fly = false } = {}) {
  state.selected = mmsi;
  stopReplay();
  map.getSource('track')?.setData(EMPTY);
  map.getSource('replay')?.setData(EMPTY);
  showTab('vessel');
  const panel = $('vessel-panel');
  const known = state.vessels.get(mmsi);
  if (fly && known && validPosition(known.lat, known.lon)) map.flyTo({ center: [known.lon, known.lat], zoom: Math.max(map.getZoom(), 10) });
  refreshHighlight();
  panel.innerHTML = `<p class="hint">Loading ${fmt.esc(mmsi)}…</p>`;
  let v;
  try {
    v = await api.vessel(mmsi);
  } catch (e) {
    panel.innerHTML = `<p class="message">${fmt.esc(e.message)}</p>`;
    return;
  }
  if (state.selected !== mmsi) return;
  const dims = vesselSize(v);
  const vesselEvents = [...(v.events || []), ...(v.ongoing || [])]; // stored, then under way
  panel.innerHTML = `
    <h2 class="vessel-name">${fmt.esc(v.name || 'Unnamed')}</h2>
    <div id="vessel-watch"></div>
    <table class="facts">
      ${row('MMSI', `<span class="mmsi">${fmt.esc(v.mmsi)}</span>`)}
      ${row('IMO', fmt.esc(v.imo ?? '—'))}
      ${row('Call sign', fmt.esc(v.callsign ?? '—'))}
      ${row('Flag', fmt.esc(v.flag ?? '—'))}
      ${row('Type', fmt.esc(v.shiptype_text ?? v.shiptype ?? '—'))}
      ${row('Class', fmt.esc(v.class ?? '—'))}
      ${row('Size', dims)}
      ${row('Draught', fmt.num(v.draught, 1, ' m'))}
      ${row('Destination', fmt.esc(v.destination ?? '—'))}
      ${row('Status', fmt.esc(v.status_text ?? '—'))}
      ${row('Last report', `<span class="last-seen">${fmt.time(v.last_seen)}</span>`)}
      ${row('Position', validPosition(v.lat, v.lon) ? `${v.lat.toFixed(4)}, ${v.lon.toFixed(4)}` : '—')}
      ${row('Speed', fmt.num(v.speed, 1, ' kn'))}
      ${row('Course', fmt.num(v.course, 1, '°'))}
      ${row('Heading', fmt.num(v.heading, 0, '°'))}
    </table>
    <div class="replay">
      <button id="track-load" type="button">Track, last 24 h</button>
      <button id="track-play" type="button" disabled>▶</button>
      <input id="track-slider" type="range" min="0" max="1000" value="1000" disabled>
      <div id="track-time" class="hint"></div>
    </div>
    <h3>Events <button id="vessel-show-events" type="button" title="This vessel's events in the Events tab (its other filters stay as they are)">Show in Events tab</button></h3>
    <ol class="list vessel-events">${vesselEvents.map(eventItem).join('') || '<li class="hint">none</li>'}</ol>
    ${(v.identity_history || []).length ? `<h3>Identity history</h3><ul class="list">${v.identity_history.map((h) =>
      `<li>${fmt.time(h.time)} ${fmt.esc(h.field)}: ${fmt.esc(h.old)} → ${fmt.esc(h.new)}</li>`).join('')}</ul>` : ''}`;
  panel.querySelectorAll('.vessel-events li[data-id]').forEach((li) => li.addEventListener('click', () => {
    showTab('events');
    jumpToEvent(li.dataset.id, vesselEvents);
  }));
  $('track-load').addEventListener('click', () => loadTrack(v));
  $('vessel-show-events').addEventListener('click', () => showVesselEvents(v.mmsi));
  state.selectedVessel = v;
  renderVesselWatch();
}

/** The selected vessel's watchlist entries (with their notes), and for analysts the add/remove controls. */
function renderVesselWatch() {
  const box = $('vessel-watch');
  const v = state.selectedVessel;
  const rights = watchRights(auth.me);
  if (!box || !v || !rights.see) {
    if (box) box.innerHTML = '';
    return;
  }
  const held = watchEntriesFor(state.watchlist, v);
  box.innerHTML = (held.length
    ? `<div class="watch-flag">On the watchlist (${held.map((e) => `${fmt.esc(watchLabel(e))}${e.note ? `: <span class="watch-note">${fmt.esc(e.note)}</span>` : ''}`).join('; ')})</div>`
    : '')
    + (rights.change ? `<div class="watch-tools">${held.length
      ? held.map((e) => `<button type="button" class="watch-remove" data-watch="${fmt.esc(e.id)}" data-label="${fmt.esc(watchLabel(e))}">Remove ${fmt.esc(watchLabel(e))} from watchlist</button>`).join('')
      : `<input id="vessel-watch-note" type="text" placeholder="note"><button type="button" id="vessel-watch-add">Add to watchlist</button>`}</div>` : '')
    + '<p id="vessel-watch-message" class="message"></p>';
  const say = (text) => { $('vessel-watch-message').textContent = text; };
  $('vessel-watch-add')?.addEventListener('click', async () => {
    try {
      await api.addWatch(watchBody('mmsi', v.mmsi, $('vessel-watch-note').value));
      await loadWatchlist();
    } catch (e) {
      say(e.message);
    }
  });
  box.querySelectorAll('button[data-watch]').forEach((b) => b.addEventListener('click', async () => {
    if (!window.confirm(`Remove ${b.dataset.label} from the watchlist?`)) return;
    try {
      await api.deleteWatch(b.dataset.watch);
      await loadWatchlist();
    } catch (e) {
      say(e.message);
    }
  }));
}

// ---- Track replay ---------------------------------------------------------------------------

async function loadTrack(v) {
  const end = v.last_seen ? Date.parse(v.last_seen) : Date.now();
  let fc;
  try {
    fc = await api.track(v.mmsi, new Date(end - 24 * 3600e3).toISOString(), new Date(end).toISOString());
  } catch (e) {
    if (state.selected === v.mmsi) $('track-time').textContent = `Track: ${e.message}`;
    return;
  }
  if (state.selected !== v.mmsi) return;
  map.getSource('track').setData(fc);
  const points = trackToReplay(fc);
  state.replay = { points, timer: null };
  const slider = $('track-slider');
  const label = $('track-time');
  if (points.length === 0) {
    label.textContent = 'No track in the last 24 h.';
    return;
  }
  // a loop, not Math.min(...list): a day of fixes can be more arguments than a call takes
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const p of points) {
    w = Math.min(w, p.lon); e = Math.max(e, p.lon); s = Math.min(s, p.lat); n = Math.max(n, p.lat);
  }
  map.fitBounds([[w, s], [e, n]], { padding: 60, maxZoom: 12 });
  const cut = fc.truncated ? ' (the first of the 24 h: the track holds more)' : '';
  const t0 = points[0].t, t1 = points[points.length - 1].t;
  const show = () => {
    const t = t0 + ((t1 - t0) * Number(slider.value)) / 1000;
    const p = positionAt(points, t);
    state.replayPosition = p;
    map.getSource('replay').setData({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: {} });
    label.textContent = `${fmt.time(t)} · ${points.length} fixes${cut}`;
  };
  slider.disabled = false;
  slider.oninput = show;
  slider.value = '0';
  show();
  const play = $('track-play');
  play.disabled = false;
  play.onclick = () => {
    if (state.replay.timer) return stopReplay();
    if (Number(slider.value) >= 1000) slider.value = '0';
    play.textContent = '❚❚';
    state.replay.timer = setInterval(() => {
      slider.value = String(Math.min(1000, Number(slider.value) + 4));
      show();
      if (Number(slider.value) >= 1000) stopReplay();
    }, 50);
  };
}

function stopReplay() {
  if (state.replay && state.replay.timer) clearInterval(state.replay.timer);
  if (state.replay) state.replay.timer = null;
  const play = $('track-play');
  if (play) play.textContent = '▶';
}

// ---- Events ---------------------------------------------------------------------------------

function eventItem(e) {
  const who = (e.vessels || []).map((m) => state.vessels.get(m)?.name || m).join(', ');
  return `<li data-id="${fmt.esc(e.id)}" class="event-item"><span class="kind kind-${fmt.esc(e.kind)}">${eventSymbol(e.kind)}${fmt.esc(kindLabel(e.kind))}</span>
    <span class="when">${fmt.time(e.start)}${e.ongoing ? ' <span class="ongoing">under way</span>' : ''}</span><span class="who">${fmt.esc(who)}</span></li>`;
}

function currentEventFilter() {
  const kind = $('event-kind').value;
  const from = $('event-from').value, to = $('event-to').value;
  const zone = state.zoneChoices.find((z) => z.key === $('event-zone').value);
  return {
    kinds: kind ? new Set([kind]) : undefined, from: from ? `${from}:00Z` : undefined, to: to ? `${to}:00Z` : undefined,
    vessel: vesselFilter($('event-vessel').value, [...state.vessels.values()]) || undefined, zone,
  };
}

/** The query of GET /api/events for the filters: the window, the kind, and the MMSI when the vessel filter is one vessel. */
function eventQuery(f = currentEventFilter()) {
  return { from: f.from, to: f.to, kind: $('event-kind').value || undefined, mmsi: f.vessel?.mmsi || undefined,
    zone: f.zone?.id || undefined };
}

/** The zone filter's choices: the user's zones and those the events name or have named; the chosen one stays chosen. */
function renderZoneChoices() {
  const choices = zoneChoices(state.zonesFc, state.events, state.zoneChoices);
  const keys = choices.map((z) => z.key).join('\n');
  if (keys === state.zoneChoices.map((z) => z.key).join('\n')) return;
  const sel = $('event-zone');
  const chosen = sel.value;
  state.zoneChoices = choices;
  sel.innerHTML = '<option value="">all zones</option>'
    + choices.map((z) => `<option value="${fmt.esc(z.key)}">${fmt.esc(z.name)}${z.id && z.id !== z.name ? ` (${fmt.esc(z.id)})` : ''}</option>`).join('');
  if (chosen && !choices.some((z) => z.key === chosen)) {
    // a zone chosen that is no longer offered (deleted) is still the filter: kept as a choice
    const gone = document.createElement('option');
    gone.value = chosen;
    gone.textContent = chosen.replace(/^(id|name):/, '');
    sel.append(gone);
  }
  sel.value = chosen;
}

/** The filters as the export routes are asked for them: those of the list, with the kind chosen. */
function exportFilter() {
  return { ...currentEventFilter(), kind: $('event-kind').value || undefined };
}

/** Says next to the export buttons which of the filters set an export leaves out. */
function renderExportNote() {
  const f = exportFilter();
  $('export-note').textContent = ['events', 'ongoing'].map((w) => unappliedText(w, exportRequest(w, 'csv', f).unapplied)).filter(Boolean).join(' ');
}

/**
 * Downloads an export of the filters: fetched with the session (its cookie), then saved from a Blob
 * through a link with a download name; a refusal (more rows than one export holds, a filter the
 * server refuses) shows the server's message.
 */
async function downloadExport(what, format) {
  const { url, unapplied } = exportRequest(what, format, exportFilter());
  const msg = $('export-message');
  msg.className = 'message';
  msg.textContent = `Exporting ${what === 'events' ? 'events' : 'episodes under way'} as ${format.toUpperCase()}…`;
  let r;
  try {
    r = await file(url);
  } catch (e) {
    msg.textContent = `Export: ${e.message}`;
    return;
  }
  const blob = await r.blob();
  const name = dispositionName(r.headers.get('Content-Disposition')) || `${what}.${format}`;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  const count = r.headers.get('Watchkeeper-Export-Count');
  const rows = what === 'events' ? ['event', 'events'] : ['episode under way', 'episodes under way'];
  msg.className = 'message ok';
  msg.textContent = `Saved ${name}${count !== null ? ` (${count} ${count === '1' ? rows[0] : rows[1]})` : ''}`
    + `${unapplied.length ? `, without: ${unapplied.join('; ')}` : ''}.`;
}

function renderEvents() {
  renderZoneChoices();
  renderExportNote();
  const shown = filterEvents(state.events, currentEventFilter());
  const underWay = shown.filter((e) => e.ongoing).length;
  const listed = Math.min(shown.length, LIST_LIMIT);
  $('event-count').textContent = eventCountText({ shown: shown.length, held: state.events.length, truncated: state.eventsTruncated,
    limit: EVENT_LIMIT, underWay, windowed: state.eventsWindowed, listed, vessel: state.eventsVessel });
  $('event-count').classList.toggle('truncated', state.eventsTruncated || listed < shown.length);
  $('event-list').innerHTML = shown.slice(0, listed).map(eventItem).join('');
  if (state.lastEvent) $('event-list').querySelector(`.event-item[data-id="${CSS.escape(String(state.lastEvent.id))}"]`)?.classList.add('active');
  const points = shown.map((e) => {
    const c = eventMarker(e);
    if (!c) return null;
    return { type: 'Feature', geometry: { type: 'Point', coordinates: c }, properties: { id: e.id, kind: e.kind, group: eventGroup(e.kind) } };
  }).filter(Boolean)
    // the newest on top
    .reverse();
  map.getSource('events')?.setData({ type: 'FeatureCollection', features: points });
}

/**
 * The stored events and the episodes under way (GET /api/ongoing: a port visit not over yet, a
 * loitering still going on...), each once: an episode that ends comes again on the stream as an
 * event with the same id and replaces it. Episodes under way are left out if that route fails.
 * The newest EVENT_LIMIT stored events are asked for, of the From/To window when one is set: with
 * more stored, the count says that older events exist and how to reach them.
 */
let eventLoads = 0;
async function loadEvents() {
  const q = eventQuery();
  const { kind } = q;
  const load = ++eventLoads;
  const [done, underWay] = await Promise.allSettled([
    api.events({ limit: EVENT_LIMIT, order: 'newest', ...q }), api.ongoing({ limit: EVENT_LIMIT })]);
  // the answer to a filter changed since is dropped: the list is the latest filter's
  if (load !== eventLoads) return;
  if (done.status === 'rejected') throw done.reason;
  state.eventsTruncated = !!done.value.truncated;
  state.eventsWindowed = !!(q.from || q.to || q.kind || q.mmsi || q.zone);
  state.eventsQuery = JSON.stringify(q);
  state.eventsVessel = q.mmsi || null;
  state.events = withOngoing(done.value.events, underWay.status === 'fulfilled' ? underWay.value.events : []);
  const kinds = new Set([...EVENT_KINDS, ...state.events.map((e) => e.kind)]);
  $('event-kind').innerHTML = '<option value="">all kinds</option>' + [...kinds].map((k) => `<option value="${fmt.esc(k)}">${fmt.esc(k.replace(/_/g, ' '))}</option>`).join('');
  if (kind) $('event-kind').value = kind;
  $('event-message').textContent = '';
  renderEvents();
}

/**
 * A filter changed: the list is filtered in the page when it holds every stored event, or when the
 * server's part of the filters (window, kind, one vessel's MMSI, a zone's id) is what the list was loaded with;
 * else the server is asked again for the filters' events (a vessel's older events come so).
 */
async function eventFilterChanged() {
  if ((!state.eventsTruncated && !state.eventsWindowed) || JSON.stringify(eventQuery()) === state.eventsQuery) return renderEvents();
  try {
    await loadEvents();
  } catch (e) {
    $('event-message').textContent = `Events: ${e.message}`;
  }
  return undefined;
}

/** The Events tab with vessel `mmsi` as its vessel filter (the other filters as they are). */
function showVesselEvents(mmsi) {
  $('event-vessel').value = mmsi;
  showTab('events');
  return eventFilterChanged();
}

/**
 * Asks for the episodes under way again (the stream tells of them as they open and end, but not of
 * one that closes without an event): entries under way are replaced by the new list, ended ones
 * stay as the stream gave them.
 */
async function refreshOngoing() {
  state.events = withOngoing(state.events, (await api.ongoing({ limit: 5000 })).events);
  renderEvents();
}

/** The events of `events` that have ended, then the episodes of `ongoing` that have not ended meanwhile. */
function withOngoing(events, ongoing) {
  const ended = events.filter((e) => !e.ongoing);
  const ids = new Set(ended.map((e) => e.id));
  return [...ended, ...ongoing.filter((e) => !ids.has(e.id))];
}

setInterval(() => { if (state.ready) refreshOngoing().catch(() => {}); }, 60000);

/** Flies to an event, highlights its vessels and shows its details. */
async function jumpToEvent(id, pool = state.events) {
  let e = pool.find((x) => String(x.id) === String(id)) || state.events.find((x) => String(x.id) === String(id));
  if (!e) {
    try {
      e = await api.event(id);
    } catch (err) {
      $('event-message').textContent = `Event ${id}: ${err.message}`;
      return;
    }
  }
  showEventDetail(e);
  document.querySelectorAll('.event-item.active').forEach((li) => li.classList.remove('active'));
  document.querySelectorAll(`.event-item[data-id="${CSS.escape(String(id))}"]`).forEach((li) => li.classList.add('active'));
  state.highlighted = e.vessels || [];
  refreshHighlight();
  const target = eventTarget(e);
  if (target && target.bounds) map.fitBounds([[target.bounds[0], target.bounds[1]], [target.bounds[2], target.bounds[3]]], { padding: 80, maxZoom: 12 });
  else if (target) map.flyTo({ center: target.center, zoom: Math.max(map.getZoom(), 11) });
  state.lastEvent = e;
}

/**
 * The details of an event above the list: its facts (kind, times, zone, watchlist note, measured
 * attributes, the parameters that fired it), its vessels by name (a click opens one) and how many evidence observations the
 * stored event holds (asked of GET /api/events/{id}; an episode under way has none stored yet).
 */
async function showEventDetail(e) {
  const box = $('event-detail');
  // a structured attribute (a port visit's parts, a list of objects) spans the panel's width under its label
  // a quantity (a duration, a distance...) shows its exact value on hover
  const facts = (evidence) => eventFacts(e, { evidence, time: fmt.time }).map(([k, v]) => {
    if (typeof v === 'string') return row(fmt.esc(k), fmt.esc(v));
    if (v.html === undefined) return row(fmt.esc(k), `<span class="measured" title="${fmt.esc(v.title)}">${fmt.esc(v.text)}</span>`);
    return `<tr class="nested-label"><th colspan="2">${fmt.esc(k)}</th></tr><tr class="nested"><td colspan="2">${v.html}</td></tr>`;
  }).join('');
  const vessels = (e.vessels || []).map((m) => `<span class="vessel-link" data-mmsi="${fmt.esc(m)}">${fmt.esc(state.vessels.get(m)?.name || 'Unnamed')} (${fmt.esc(m)})</span>`).join(', ');
  const draw = (evidence, note = '') => {
    box.innerHTML = `<button type="button" class="detail-close" title="Close">×</button>
      <h3>${eventSymbol(e.kind)}${fmt.esc(kindLabel(e.kind))}</h3>
      <table class="facts">${row('Vessels', vessels || '—')}${facts(evidence)}</table>${note ? `<p class="hint">${fmt.esc(note)}</p>` : ''}`;
    box.querySelectorAll('.vessel-link').forEach((s) => s.addEventListener('click', () => selectVessel(s.dataset.mmsi, { fly: true })));
    box.querySelector('.detail-close').addEventListener('click', () => { box.hidden = true; box.dataset.id = ''; });
  };
  box.hidden = false;
  box.dataset.id = e.id;
  draw(undefined);
  if (e.ongoing) return draw(undefined, 'Under way: its evidence is stored when it ends.');
  try {
    const full = Array.isArray(e.evidence) ? e : await api.event(e.id);
    if (box.dataset.id === e.id) draw((full.evidence || []).length);
  } catch (err) {
    if (box.dataset.id === e.id) draw(undefined, `Evidence: ${err.message}`);
  }
  return undefined;
}

// ---- Zones ----------------------------------------------------------------------------------

async function loadZones() {
  const fc = zonesToGeoJSON(await api.zones());
  state.zonesFc = fc;
  renderZoneChoices();
  map.getSource('zones')?.setData(fc);
  // a delete button only where the server would take it: the user's organisation's zones (any, for a host admin)
  const rights = zoneRights(auth.me);
  $('zone-list').innerHTML = fc.features.map((f) => `<li>${fmt.esc(f.properties.name)}${
    rights.remove(f.properties) ? ` <button type="button" data-zone="${fmt.esc(f.properties.id)}" data-name="${fmt.esc(f.properties.name)}">delete</button>` : ''}</li>`).join('');
  $('zone-list').querySelectorAll('button[data-zone]').forEach((b) => b.addEventListener('click', async () => {
    if (!window.confirm(`Delete zone "${b.dataset.name}"? Its entries and exits are no longer detected.`)) return;
    try {
      await api.deleteZone(b.dataset.zone);
      zoneMessage(`Deleted zone ${b.dataset.name}.`, true);
    } catch (e) {
      zoneMessage(e.message);
    }
    try {
      await loadZones();
    } catch (e) {
      zoneMessage(`Zones: ${e.message}`);
    }
  }));
}

function renderDrawing() {
  const pts = state.drawing || [];
  const feats = pts.map((c) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: c }, properties: {} }));
  if (pts.length > 1) feats.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [...pts, pts[0]] }, properties: {} });
  map.getSource('drawing')?.setData({ type: 'FeatureCollection', features: feats });
  $('zone-finish').disabled = pts.length < 3;
}

function zoneMessage(text, ok = false) {
  $('zone-message').textContent = text;
  $('zone-message').className = ok ? 'message ok' : 'message';
}

/** Posts zones; says what came of it, and whether they were saved. */
async function submitZones(geojson) {
  try {
    await api.createZones(geojson);
  } catch (e) {
    zoneMessage(e.message);
    return false;
  }
  zoneMessage(`Saved ${geojson.features ? geojson.features.length : 1} zone(s).`, true);
  try {
    await loadZones();
  } catch (e) {
    zoneMessage(`Zones: ${e.message}`);
  }
  return true;
}

function setupZones() {
  $('zone-draw').addEventListener('click', () => {
    state.drawing = [];
    $('zone-cancel').disabled = false;
    map.getCanvas().style.cursor = 'crosshair';
    zoneMessage('Click the vertices on the map.', true);
    renderDrawing();
  });
  const end = () => {
    state.drawing = null;
    $('zone-cancel').disabled = true;
    map.getCanvas().style.cursor = '';
    renderDrawing();
  };
  $('zone-cancel').addEventListener('click', end);
  $('zone-finish').addEventListener('click', async () => {
    let f;
    try {
      f = zoneFromVertices($('zone-name').value, state.drawing || []);
    } catch (e) {
      return zoneMessage(e.message);
    }
    // the drawing stays until the server has taken it (a name already held is a 409 to mend, not to redraw)
    if (await submitZones(f)) {
      end();
      $('zone-name').value = '';
    }
  });
  // a pasted polygon: saved when it reads plainly; when its values look the wrong way round, saved
  // only once the user has chosen which way they go
  const pasteChoice = (pending) => {
    state.pastePending = pending;
    $('zone-paste-asread').hidden = !(pending && pending.fc);
    $('zone-paste-swapped').hidden = !(pending && pending.swapped);
  };
  const savePasted = async (fc) => {
    pasteChoice(null);
    if (await submitZones(fc)) {
      $('zone-paste').value = '';
      $('zone-name').value = '';
    }
  };
  $('zone-paste').addEventListener('input', () => pasteChoice(null));
  $('zone-paste-save').addEventListener('click', async () => {
    pasteChoice(null);
    let r;
    try {
      r = readPastedZone($('zone-paste').value, $('zone-name').value, [...state.vessels.values()]);
    } catch (e) {
      return zoneMessage(`Pasted zone: ${e.message}`);
    }
    if (!r.warning) return savePasted(r.fc);
    pasteChoice(r);
    return zoneMessage(`Not saved: ${r.warning}. ${r.fc ? 'Save it as read, or with lat and lon exchanged?' : 'Save it with lat and lon exchanged?'}`);
  });
  $('zone-paste-asread').addEventListener('click', () => state.pastePending && savePasted(state.pastePending.fc));
  $('zone-paste-swapped').addEventListener('click', () => state.pastePending && savePasted(state.pastePending.swapped));
  $('zone-file').addEventListener('change', async (ev) => {
    const file = ev.target.files[0];
    if (!file) return;
    try {
      const fc = parseZoneUpload(await file.text(), file.name.replace(/\.(geo)?json$/i, ''));
      await submitZones(fc);
    } catch (e) {
      zoneMessage(`${file.name}: ${e.message}`);
    }
    ev.target.value = '';
  });
}

// ---- Watchlist ------------------------------------------------------------------------------

function watchMessage(text, ok = false) {
  $('watch-message').textContent = text;
  $('watch-message').className = ok ? 'message ok' : 'message';
}

/** The watchlist (users of the host organisation), then the tab and the vessel panel drawn from it. */
async function loadWatchlist() {
  if (!watchRights(auth.me).see) return;
  state.watchlist = (await api.watchlist()).entries || [];
  renderWatchlist();
  renderVesselWatch();
}

function renderWatchlist() {
  const change = watchRights(auth.me).change;
  $('watch-list').innerHTML = state.watchlist.map((e) => `<li data-id="${fmt.esc(e.id)}"><span class="watch-key">${fmt.esc(watchLabel(e))}</span>
    <span class="watch-note">${fmt.esc(e.note || '')}</span>${change ? `<button type="button" data-watch="${fmt.esc(e.id)}" data-label="${fmt.esc(watchLabel(e))}">delete</button>` : ''}</li>`).join('')
    || '<li class="hint">The watchlist is empty.</li>';
}

function setupWatchlist(me) {
  const rights = watchRights(me);
  $('watchlist-tab').hidden = !rights.see;
  $('watch-form').hidden = !rights.change;
  if (!rights.see) return;
  $('watch-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const added = await api.addWatch(watchBody($('watch-by').value, $('watch-value').value, $('watch-note').value));
      $('watch-value').value = '';
      $('watch-note').value = '';
      // the server keeps an IMO number whose check digit fails, and says so
      watchMessage(`Added ${watchLabel(added)}.${added.warning ? ` Note: ${added.warning}.` : ''}`, true);
    } catch (e) {
      return watchMessage(e.message);
    }
    return loadWatchlist().catch((e) => watchMessage(e.message));
  });
  $('watch-list').addEventListener('click', async (ev) => {
    const b = ev.target.closest('button[data-watch]');
    if (!b) return;
    if (!window.confirm(`Remove ${b.dataset.label} from the watchlist?`)) return;
    try {
      await api.deleteWatch(b.dataset.watch);
      watchMessage(`Removed ${b.dataset.label}.`, true);
    } catch (e) {
      watchMessage(e.message);
    }
    loadWatchlist().catch((e) => watchMessage(e.message));
  });
  $('watchlist-tab').addEventListener('click', () => loadWatchlist().catch((e) => watchMessage(e.message)));
}

// ---- Alerts ---------------------------------------------------------------------------------

const MAX_ALERTS_SHOWN = 4;

/**
 * An event that came in over the live stream: raises an alert when it is one to raise (zone entry or
 * exit, watchlist activity, any event of a watchlisted vessel), once per event id, and counts it
 * as unread on the Events tab until that tab is looked at.
 */
function maybeAlert(e) {
  if (state.alerted.has(e.id)) return;
  const a = alertFor(e, { vessels: state.vessels, watchlist: state.watchlist });
  if (!a) return;
  state.alerted.add(e.id);
  state.unread++;
  renderUnread();
  const el = document.createElement('div');
  el.className = 'alert';
  el.dataset.id = a.id;
  el.style.borderLeftColor = EVENT_GROUPS[eventGroup(a.kind)].color;
  el.setAttribute('role', 'button');
  el.innerHTML = `<span class="alert-kind">${fmt.esc(a.label)}</span><button type="button" class="alert-close" title="Dismiss">×</button>
    <span class="alert-what">${fmt.esc(alertText({ ...a, label: '' }).replace(/^ · /, ''))}</span>
    <span class="alert-time">${fmt.time(a.time)}</span>`;
  el.addEventListener('click', (ev) => {
    el.remove();
    renderAlertOverflow();
    if (ev.target.closest('.alert-close')) return;
    showTab('events');
    jumpToEvent(a.id);
  });
  $('alerts').prepend(el);
  renderAlertOverflow();
}

/** At most a few alerts on the map, newest first; the rest are behind "N more", which opens the list. */
function renderAlertOverflow() {
  const box = $('alerts');
  box.querySelector('.more')?.remove();
  const all = [...box.querySelectorAll('.alert')];
  all.forEach((el, i) => { el.hidden = i >= MAX_ALERTS_SHOWN; });
  if (all.length > MAX_ALERTS_SHOWN) {
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'more';
    more.textContent = `${all.length - MAX_ALERTS_SHOWN} more alert(s) · dismiss all`;
    more.addEventListener('click', () => {
      box.innerHTML = '';
      showTab('events');
    });
    box.append(more);
  }
}

function renderUnread() {
  $('events-unread').hidden = state.unread === 0;
  $('events-unread').textContent = String(state.unread);
}

// ---- Incidents ------------------------------------------------------------------------------

function incidentItem(i) {
  const k = categoryKey(i.category);
  return `<li data-id="${fmt.esc(i.id)}" class="incident-item"><span class="cat" style="background:${INCIDENT_COLORS[k]}">${fmt.esc(i.category || '—')}</span>
    <span class="kind">${fmt.esc(i.type.replace(/_/g, ' '))}</span> <span class="when">${fmt.esc(incidentWhen(i, fmt.time))}</span>
    <span class="who">${fmt.esc(i.victim?.name || i.place || '')}</span> <span class="tlp">${fmt.esc(i.tlp)}</span></li>`;
}

function renderIncidents() {
  map.getSource('incidents')?.setData(incidentsToGeoJSON(state.incidents));
  $('incident-count').textContent = `${state.incidents.length} incidents`;
  const latest = state.incidents.slice(-500).reverse();
  $('incident-list').innerHTML = latest.map(incidentItem).join('');
}

async function loadIncidents() {
  const r = await api.incidents({ summary: 'true', limit: 20000 });
  state.incidents = r.incidents;
  renderIncidents();
}

function incidentMessage(text, ok = false) {
  $('incident-message').textContent = text;
  $('incident-message').className = ok ? 'message ok' : 'message';
}

async function selectIncident(id, { fly = false } = {}) {
  showTab('incidents');
  let i;
  try {
    i = await api.incident(id);
  } catch (e) {
    return incidentMessage(e.message);
  }
  state.incident = i;
  document.querySelectorAll('.incident-item').forEach((li) => li.classList.toggle('active', li.dataset.id === i.id));
  if (fly) map.flyTo({ center: [i.lon, i.lat], zoom: Math.max(map.getZoom(), 9) });
  const v = i.victim || {};
  const o = i.category_override;
  $('incident-panel').innerHTML = `
    <h2 class="incident-title">${fmt.esc(i.type.replace(/_/g, ' '))}${v.name ? ` — ${fmt.esc(v.name)}` : ''}</h2>
    <table class="facts">
      ${row('Time', `${fmt.esc(incidentWhen(i, fmt.time))}${i.date_only ? (i.local_time ? ' (local time, zone not given)' : ' (date only)') : ''}`)}
      ${row('Position', `${i.lat.toFixed(4)}, ${i.lon.toFixed(4)}`)}
      ${row('Place', fmt.esc(i.place ?? '—'))}
      ${row('Category', `<span class="incident-category">${fmt.esc(i.category ?? 'none')}</span>${o ? ` (set by ${fmt.esc(o.by)}: ${fmt.esc(o.reason)}; computed ${fmt.esc(i.category_computed ?? 'none')})` : ''}`)}
      ${row('Basis', fmt.esc((i.category_basis || []).join('; ')))}
      ${row('Victim', fmt.esc([v.name, v.imo && `IMO ${v.imo}`, v.mmsi && `MMSI ${v.mmsi}`, v.flag, v.type, v.status, v.description].filter(Boolean).join(' · ') || '—'))}
      ${row('Perpetrators', fmt.esc(i.perpetrators ?? '—'))}
      ${row('Weapons', fmt.esc(i.weapons.replace(/_/g, ' ')))}
      ${row('Crew', fmt.esc(i.crew_harm.replace(/_/g, ' ')))}
      ${row('Stolen', fmt.esc(i.items_stolen ?? i.loss.replace(/_/g, ' ')))}
      ${row('Actions', fmt.esc((i.actions_taken || []).join(', ') || '—'))}
      ${row('Source', fmt.esc([i.source, i.reference].filter(Boolean).join(' ') || '—'))}
      ${(i.possible_duplicates || []).length ? row('Also reported', i.possible_duplicates.map((d) => `<a href="#" class="duplicate-link" data-id="${fmt.esc(d.id)}">${fmt.esc([d.source || d.id, d.reference].filter(Boolean).join(' '))}</a> <small>${fmt.num(d.distance_km, 1, ' km')} · ${fmt.esc(incidentWhen(d, fmt.time))}</small>`).join('<br>')) : ''}
      ${row('Marking', `<span class="tlp incident-tlp">TLP:${fmt.esc(i.tlp)}</span> ${fmt.esc(i.owner_org)}${(i.shared_with || []).length ? ` → ${fmt.esc(i.shared_with.join(', '))}` : ''}${(i.recipients || []).length ? ` · to ${fmt.esc(i.recipients.join(', '))}` : ''}`)}
    </table>
    ${i.narrative ? `<p class="narrative">${fmt.esc(i.narrative)}</p>` : ''}
    <div class="replay">
      <label>Radius <input id="nearby-radius" type="number" min="0.1" max="500" step="0.1" value="10"> km</label>
      <label>± <input id="nearby-hours" type="number" min="0" max="168" step="0.5" value="6"> h</label>
      <button id="nearby-load" type="button">Who was there</button>
      <button id="incident-edit" type="button"${mayChange(i) ? '' : ' hidden'}>Edit…</button>
      <button id="incident-share" type="button"${mayChange(i) ? '' : ' hidden'}>Share…</button>
    </div>
    <p id="nearby-summary" class="hint"></p>
    <ol id="nearby-list" class="list nearby"></ol>`;
  $('incident-panel').querySelectorAll('a.duplicate-link').forEach((a) => a.addEventListener('click', (e) => {
    e.preventDefault();
    selectIncident(a.dataset.id, { fly: true });
  }));
  $('nearby-load').addEventListener('click', () => whoWasThere(i.id));
  $('incident-edit').addEventListener('click', () => openEdit(i));
  $('incident-share').addEventListener('click', () => openShare(i));
}

async function whoWasThere(id) {
  const radius = $('nearby-radius').value, hours = $('nearby-hours').value;
  let r;
  try {
    r = await api.nearby(id, { radius_km: radius, hours });
  } catch (e) {
    $('nearby-summary').textContent = e.message;
    return;
  }
  const o = nearbyOverlay(r);
  map.getSource('nearby')?.setData(o.tracks);
  state.highlighted = o.mmsis;
  refreshHighlight();
  $('nearby-summary').textContent = `${r.count} vessel(s) within ${radius} km, ${fmt.time(r.from)} – ${fmt.time(r.to)}${r.victim ? `; victim track ${r.victim.mmsi} (${r.victim.matched_by})` : ''}`;
  $('nearby-list').innerHTML = (r.vessels || []).map((v) => `<li data-mmsi="${fmt.esc(v.mmsi)}" class="nearby-item">${fmt.esc(v.name || v.mmsi)}
    <small>${fmt.esc(v.mmsi)} · ${fmt.num(v.distance_m / 1000, 2, ' km')} at ${fmt.time(v.time)}${fmt.esc(approachBetween(v, fmt.time))}</small></li>`).join('');
  $('nearby-list').querySelectorAll('li[data-mmsi]').forEach((li) => li.addEventListener('click', () => selectVessel(li.dataset.mmsi, { fly: true })));
}

/** Whether the signed-in user may edit and share the incident: an analyst or admin of its owning organisation. */
function mayChange(i) {
  const me = auth.me;
  return !!me && !me.anonymous && me.role !== 'viewer' && me.org === i.owner_org;
}

function openShare(i) {
  $('share-tlp').value = i.tlp;
  $('share-orgs').value = (i.shared_with || []).join(', ');
  $('share-recipients').value = (i.recipients || []).join(', ');
  $('share-message').textContent = '';
  $('share-dialog').showModal();
}

/** The form's named fields. */
function incidentFields() {
  return [...$('incident-form').elements].filter((e) => e.name);
}

/**
 * The date and time fields filled in part (a time with its hours and no minutes): the browser gives such
 * a field's value as empty, which would read as no time, so the line under them names it instead (the
 * browser's own check keeps the form from being sent).
 */
const WHEN_FIELDS = { 'incident-date': 'Date (UTC)', 'incident-time': 'Time (UTC)', 'incident-local-time': 'Local time' };
function partWhen() {
  const id = Object.keys(WHEN_FIELDS).find((k) => $(k).validity.badInput);
  return id ? `${WHEN_FIELDS[id]} is filled in part: complete it or clear it.` : null;
}

/** Says under the date and time fields what they make of the report: timed, or known only to its date (and its local time). */
function showFormWhen() {
  const f = Object.fromEntries(incidentFields().map((e) => [e.name, e.value]));
  const part = partWhen();
  $('incident-when').textContent = part || formWhen(f);
  $('incident-when').classList.toggle('date-only', !part && Boolean(f.date) && !f.time.trim());
}

/** Sets the form to report a new incident (fields emptied after an edit) or to edit {@code i}. */
function formMode(i) {
  if (state.editing && !i) $('incident-form').reset();
  state.editing = i;
  $('incident-form-title').textContent = i
    ? `Editing ${i.id}${i.source ? ` (${[i.source, i.reference].filter(Boolean).join(' ')})` : ''}; date and time in UTC.`
    : 'Position from the map click; date and time in UTC.';
  // a PUT keeps the report's sharing: the share dialog changes it
  $('incident-form-tlp').disabled = Boolean(i);
  $('incident-form-tlp').title = i ? 'Sharing: use Share… in the incident panel' : '';
}

/** Opens the form on a report, its fields as the API gave them (a date-only report without a time). */
function openEdit(i) {
  state.reporting = false;
  map.getCanvas().style.cursor = '';
  formMode(i);
  const values = formFromIncident(i);
  for (const e of incidentFields()) if (e.name in values) e.value = values[e.name];
  showFormWhen();
  $('incident-form').hidden = false;
  incidentMessage(i.date_only ? 'This report gives a date only: leave the UTC time empty to keep it so.' : 'Edit the report and save.', true);
}

function setupIncidents() {
  $('incident-type').innerHTML = INCIDENT_TYPES.map((t) => `<option value="${t}">${t.replace(/_/g, ' ')}</option>`).join('');
  $('incident-report').addEventListener('click', () => {
    if (state.editing) {
      $('incident-form').hidden = true;
      formMode(null);
    }
    state.reporting = true;
    map.getCanvas().style.cursor = 'crosshair';
    incidentMessage('Click the incident position on the map.', true);
  });
  $('incident-form-cancel').addEventListener('click', () => {
    $('incident-form').hidden = true;
    formMode(null);
  });
  // a field filled in part fires no input event (its value stays empty): keys and leaving it update the line too
  for (const id of Object.keys(WHEN_FIELDS)) for (const type of ['input', 'keyup', 'blur']) $(id).addEventListener(type, showFormWhen);
  $('incident-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const editing = state.editing;
    let body;
    try {
      body = incidentFromForm(Object.fromEntries(new FormData($('incident-form')).entries()), editing);
    } catch (e) {
      return incidentMessage(e.message);
    }
    try {
      const saved = editing ? await api.updateIncident(editing.id, body) : await api.createIncident(body);
      upsertIncident(state.incidents, saved);
      renderIncidents();
      $('incident-form').hidden = true;
      formMode(null);
      incidentMessage(`Saved ${saved.id}.`, true);
      await selectIncident(saved.id);
    } catch (e) {
      incidentMessage(e.message);
    }
  });
  $('incident-list').addEventListener('click', (ev) => {
    const li = ev.target.closest('li[data-id]');
    if (li) selectIncident(li.dataset.id, { fly: true });
  });
  $('share-form').addEventListener('submit', async (ev) => {
    if (ev.submitter && ev.submitter.value === 'cancel') return;
    ev.preventDefault();
    const i = state.incident;
    try {
      const body = shareBody($('share-tlp').value, $('share-orgs').value, $('share-recipients').value);
      const shared = await api.shareIncident(i.id, body);
      upsertIncident(state.incidents, shared);
      renderIncidents();
      $('share-dialog').close();
      await selectIncident(shared.id);
      incidentMessage(`Shared as TLP:${shared.tlp}.`, true);
    } catch (e) {
      $('share-message').textContent = e.message;
    }
  });
}

/** A map click while reporting: fills the form's position and shows it. */
function placeIncident(lngLat) {
  state.reporting = false;
  map.getCanvas().style.cursor = '';
  formMode(null);
  $('incident-lat').value = lngLat.lat.toFixed(5);
  $('incident-lon').value = lngLat.lng.toFixed(5);
  if (!$('incident-date').value) {
    const now = new Date().toISOString();
    $('incident-date').value = now.slice(0, 10);
    $('incident-time').value = now.slice(11, 16);
  }
  showFormWhen();
  $('incident-form').hidden = false;
  showTab('incidents');
  incidentMessage('Fill in the report and save.', true);
}

// ---- Search, toggles, tabs, status ------------------------------------------------------------

function setupSearch() {
  const input = $('search'), list = $('search-results');
  let timer = null;
  const show = (vs) => {
    list.innerHTML = vs.map((v) => `<li data-mmsi="${fmt.esc(v.mmsi)}">${fmt.esc(v.name || 'Unnamed')} <small>${fmt.esc(v.mmsi)}${v.imo ? ` · IMO ${fmt.esc(v.imo)}` : ''}</small></li>`).join('')
      || '<li class="hint">no match</li>';
    list.hidden = false;
    list.querySelectorAll('li[data-mmsi]').forEach((li) => li.addEventListener('click', () => {
      list.hidden = true;
      input.value = '';
      selectVessel(li.dataset.mmsi, { fly: true });
    }));
  };
  // the vessels matching q: those already loaded, else the server's answer
  const find = async (q) => {
    const local = searchVessels(state.vessels.values(), q);
    if (local.length) return local;
    try {
      const r = await api.vessels({ q, limit: 20 });
      r.vessels.forEach((v) => { if (!state.vessels.has(v.mmsi)) state.vessels.set(v.mmsi, v); });
      return r.vessels;
    } catch {
      return [];
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value;
    if (!q.trim()) { list.hidden = true; return; }
    timer = setTimeout(async () => show(await find(q)), 150);
  });
  input.addEventListener('keydown', async (e) => {
    if (e.key === 'Escape') list.hidden = true;
    if (e.key !== 'Enter' || !input.value.trim()) return;
    // Enter picks the best match, also when typed faster than the list is shown
    clearTimeout(timer);
    const found = await find(input.value);
    show(found);
    list.querySelector('li[data-mmsi]')?.click();
  });
}

const LAYER_GROUPS = { vessels: ['clusters', 'vessels', 'highlight'], events: ['events'], gaps: ['events-gap'], zones: ['zones-fill', 'zones-line'], track: ['track-line', 'replay-point'], incidents: ['incidents', 'nearby-line', 'nearby-closest'] };

function setupToggles() {
  document.querySelectorAll('#layer-toggles input').forEach((cb) => cb.addEventListener('change', () => {
    for (const id of LAYER_GROUPS[cb.dataset.layer]) map.setLayoutProperty(id, 'visibility', cb.checked ? 'visible' : 'none');
  }));
}

function showTab(name) {
  if (name === 'events' && state.unread) {
    state.unread = 0;
    renderUnread();
  }
  document.querySelectorAll('.tabs button').forEach((b) => b.classList.toggle('active', b.dataset.tab === name));
  document.querySelectorAll('.tab').forEach((s) => s.classList.toggle('active', s.id === `tab-${name}`));
  if (name === 'charts') drawCharts(api).then(
    (drawn) => { state.charts = drawn; $('chart-message').textContent = ''; },
    (e) => { $('chart-message').textContent = `Charts: ${e.message}`; },
  );
}

/** An event kind's symbol as the list, the details and the legend show it: its group's colour, a gap's hollow as on the map. */
function eventSymbol(kind) {
  const g = eventGroup(kind);
  const color = EVENT_GROUPS[g].color;
  return `<i class="sym" style="background:${g === 'gap' ? '#fff' : color}; box-shadow: inset 0 0 0 2px ${color}"></i>`;
}

function setupLegend() {
  // ships by category (squares), incidents by ReCAAP category (round, ringed), events by kind (diamonds), as drawn on the map;
  // folded away with its heading, so that it does not hide the map's lower left and the scale
  $('legend').innerHTML = '<button id="legend-toggle" class="legend-head" type="button" aria-expanded="true">Legend ▾</button>'
    + Object.entries(CATEGORY_COLORS).filter(([c]) => c !== 'unknown')
    .map(([c, color]) => `<span><i style="background:${color}"></i>${CATEGORY_NAMES[c]}</span>`).join('')
    + `<span class="stale-key"><i class="stale" style="background:${CATEGORY_COLORS.cargo}"></i>Not heard for 1 h (faded)</span>`
    + ['1', '2', '3', '4', 'none'].map((c) => `<span class="incident-key"><i class="dot" style="background:${INCIDENT_COLORS[c]}"></i>`
      + `${c === 'none' ? 'Incident, no category' : `Incident CAT ${c}`}</span>`).join('')
    + Object.entries(EVENT_GROUPS).filter(([, g]) => g.kinds.length).map(([k, g]) => `<span class="event-key">`
      + `<i class="diamond" style="background:${k === 'gap' ? '#fff' : g.color}; border: 2px solid ${g.color}"></i>${g.label}</span>`).join('');
  $('legend-toggle').addEventListener('click', () => {
    const folded = $('legend').classList.toggle('folded');
    $('legend-toggle').setAttribute('aria-expanded', String(!folded));
    $('legend-toggle').textContent = folded ? 'Legend ▸' : 'Legend ▾';
  });
}

// connected: the stream is open; lostAt: when it was lost (ms); lastData: when the last position or event came (ms)
let live = { connected: false, mps: null, faults: [], recent: null, lostAt: null, lastData: null };
function renderStatus() {
  const recent = live.recent !== null && live.recent < state.vessels.size ? ` (${live.recent.toLocaleString('en')} heard in the last hour)` : '';
  const parts = [`${state.vessels.size.toLocaleString('en')} vessels${recent}`];
  if (live.mps !== null) parts.push(`${live.mps.toFixed(1)} msg/s`);
  const health = streamHealth({ connected: live.connected, since: live.lostAt, lastData: live.lastData, now: Date.now() });
  parts.push(health.text);
  if (live.faults.length) parts.push(`${live.faults.length} source${live.faults.length === 1 ? '' : 's'} failing`);
  $('status').textContent = parts.join(' · ');
  $('status').className = `status ${health.state}${live.faults.length ? ' fault' : ''}`;
  // what each failing source says (a feed that cannot be reached, a read error), on hover
  $('status').title = live.faults.join('\n');
  const banner = $('stream-banner');
  banner.hidden = health.state !== 'down' || live.lostAt === null;
  if (!banner.hidden) {
    banner.textContent = `Live stream disconnected since ${fmt.time(live.lostAt)}: the map is not updating. Reconnecting…`;
  }
}
setInterval(renderStatus, 5000);

/**
 * Opens the map on the traffic the server holds, once, unless the user has already picked something
 * to look at: at start, or, on a server that held none yet (a feed just started), when the first
 * positions have come in over the stream.
 */
function fitToTraffic() {
  if (state.viewChosen || state.selected) return;
  const extent = vesselsExtent(state.vessels.values());
  if (!extent) return;
  state.viewChosen = true;
  map.fitBounds([[extent[0], extent[1]], [extent[2], extent[3]]], { padding: 40, maxZoom: 10, duration: 0 });
}

let fitTimer = null;

/**
 * The live stream. The browser reconnects by itself after a break; when it gives up (the server
 * answered with an error), a new stream is opened after a while. After a break, what came meanwhile
 * is asked of the history: the vessels' latest state and the newest events.
 */
function connectStream() {
  const es = new EventSource(api.streamUrl());
  es.onopen = () => {
    const wasLost = live.lostAt !== null;
    live.connected = true;
    live.lostAt = null;
    renderStatus();
    if (wasLost) {
      Promise.allSettled([loadVessels(), loadEvents()]).then((rs) => rs.filter((r) => r.status === 'rejected').forEach((r) => console.warn(r.reason)));
    }
  };
  es.onerror = () => {
    if (live.connected || live.lostAt === null) live.lostAt = Date.now();
    live.connected = false;
    renderStatus();
    if (es.readyState === EventSource.CLOSED) setTimeout(connectStream, 5000);
  };
  const data = () => { live.lastData = Date.now(); };
  es.addEventListener('position', (m) => {
    data();
    if (applyPosition(state.vessels, JSON.parse(m.data))) state.dirty = true;
    // the first positions of a map opened on an empty server: fit once they have come in for a few seconds
    if (!state.viewChosen && !fitTimer) fitTimer = setTimeout(() => { fitTimer = null; fitToTraffic(); }, 3000);
  });
  es.addEventListener('event', (m) => {
    data();
    const e = JSON.parse(m.data);
    const i = state.events.findIndex((x) => x.id === e.id);
    if (i >= 0) state.events[i] = e; else state.events.push(e);
    renderEvents();
    maybeAlert(e);
  });
  // an episode as the detectors open it (a port visit begun, a vessel gone silent): listed as under
  // way until its event comes under the same id; one the list has already is left as it is
  es.addEventListener('ongoing', (m) => {
    data();
    const e = JSON.parse(m.data);
    if (state.events.some((x) => x.id === e.id)) return;
    state.events.push(e);
    renderEvents();
    maybeAlert(e);
  });
  es.addEventListener('incident', (m) => {
    const i = JSON.parse(m.data);
    upsertIncident(state.incidents, i);
    renderIncidents();
    if (state.incident && state.incident.id === i.id) selectIncident(i.id);
  });
  // an incident deleted, or re-marked so that this caller may no longer see it: off the map and list
  es.addEventListener('incident_withdrawn', (m) => {
    const w = JSON.parse(m.data);
    state.incidents = withdrawIncident(state.incidents, w.id);
    renderIncidents();
    if (state.incident && state.incident.id === w.id) {
      state.incident = null;
      $('incident-panel').innerHTML = '';
      incidentMessage(w.reason === 'deleted' ? 'This incident was deleted.' : 'This incident is no longer shared with you.');
    }
  });
  es.addEventListener('stats', (m) => {
    const s = JSON.parse(m.data);
    if (typeof s.messages_per_second === 'number') live.mps = s.messages_per_second;
    if (Array.isArray(s.sources)) live.faults = sourceFaults(s);
    renderStatus();
  });
}

// ---- Start ----------------------------------------------------------------------------------

document.querySelectorAll('.tabs button').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab)));
['event-kind', 'event-from', 'event-to', 'event-zone'].forEach((id) => $(id).addEventListener('change', eventFilterChanged));
// the vessel filter applies as it is typed, once the typing pauses
let vesselTyping = null;
$('event-vessel').addEventListener('input', () => {
  clearTimeout(vesselTyping);
  vesselTyping = setTimeout(eventFilterChanged, 300);
});
document.querySelectorAll('button[data-export]').forEach((b) => b.addEventListener('click', () => downloadExport(b.dataset.export, b.dataset.format)));
$('event-list').addEventListener('click', (ev) => {
  const li = ev.target.closest('li[data-id]');
  if (li) jumpToEvent(li.dataset.id);
});
setupLegend();
setupSearch();
setupZones();
setupIncidents();

map.on('load', async () => {
  addLayers();
  setupToggles();
  map.on('zoomend', landForZoom);
  landForZoom();
  map.on('click', (ev) => {
    if (state.drawing) {
      state.drawing.push([ev.lngLat.lng, ev.lngLat.lat]);
      return renderDrawing();
    }
    if (state.reporting) return placeIncident(ev.lngLat);
    const hit = map.queryRenderedFeatures(ev.point, { layers: ['vessels', 'clusters', 'events', 'events-gap', 'incidents'] })[0];
    if (!hit) return;
    if (hit.layer.id === 'vessels') selectVessel(hit.properties.mmsi);
    else if (hit.layer.id === 'incidents') selectIncident(hit.properties.id);
    else if (hit.layer.id === 'events' || hit.layer.id === 'events-gap') { showTab('events'); jumpToEvent(hit.properties.id); }
    else map.getSource('vessels').getClusterExpansionZoom(hit.properties.cluster_id)
      .then((z) => map.easeTo({ center: hit.geometry.coordinates, zoom: z }));
  });
  for (const id of ['vessels', 'clusters', 'events', 'events-gap', 'incidents']) {
    map.on('mouseenter', id, () => { if (!state.drawing && !state.reporting) map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', id, () => { if (!state.drawing && !state.reporting) map.getCanvas().style.cursor = ''; });
  }
  map.on('idle', updateClusterLabels);
  // the server cannot say who is signed in (an error answer, none at all): said in the header, and the error goes on to the console
  const me = await ensureLogin().catch((e) => {
    $('status').textContent = `Cannot ask the server who is signed in: ${e.message}`;
    $('status').className = 'status down';
    throw e;
  });
  setupAdmin(me);
  setupWatchlist(me);
  // controls the role cannot use are not shown (the server refuses them: 403)
  $('incident-report').disabled = me.anonymous || me.role === 'viewer';
  $('incident-report').hidden = $('incident-report').disabled;
  $('zone-edit').hidden = !zoneRights(me).draw;
  // a part that fails to load says why in its own tab; the rest of the map goes on
  const results = await Promise.allSettled([
    loadVessels().catch((e) => { $('status').title = `Vessels: ${e.message}`; throw e; }),
    loadEvents().catch((e) => { $('event-message').textContent = `Events: ${e.message}`; throw e; }),
    loadZones().catch((e) => { zoneMessage(`Zones: ${e.message}`); throw e; }),
    loadIncidents().catch((e) => { incidentMessage(`Incidents: ${e.message}`); throw e; }),
    loadWatchlist().catch((e) => { watchMessage(`Watchlist: ${e.message}`); throw e; }),
  ]);
  results.filter((r) => r.status === 'rejected').forEach((r) => console.warn(r.reason));
  // the events list names vessels from the vessel list: drawn again once both have come, in whichever order
  renderEvents();
  // open on the traffic this server holds, unless the user has already picked something to look at
  fitToTraffic();
  // a move by the user (drag, wheel, the zoom buttons) chooses the view: live traffic no longer moves it
  map.on('movestart', (e) => { if (e.originalEvent) state.viewChosen = true; });
  state.ready = true;
  connectStream();
});

// Handle for tests and for the browser console.
window.watchkeeper = { map, state, live, selectVessel, jumpToEvent, selectIncident, whoWasThere, refreshOngoing, loadEvents, showVesselEvents };
