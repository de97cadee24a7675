// Client of the Watchkeeper HTTP API (see the API contract). Paths are relative to the page, so the
// site works wherever the server mounts it; every call goes to the page's own origin.

/**
 * Calls the API; answers 4xx/5xx with an Error "status: message". A 401 (not logged in, or the session
 * ended) also raises the window event "watchkeeper:unauthorized" so the login form can come back.
 */
export async function json(path, init) {
  const r = await call(path, init);
  const data = parsed(await r.text());
  if (!r.ok) throw failure(r, data, path);
  return data;
}

/**
 * Fetches a file of the API (an export) with the session, for saving: the Response when it is 2xx,
 * else an Error "status: message" as {@link json} throws.
 */
export async function file(path) {
  const r = await call(path, { credentials: 'same-origin' });
  if (!r.ok) throw failure(r, parsed(await r.text()), path);
  return r;
}

async function call(path, init) {
  const r = await fetch(path, init);
  if (r.status === 401 && !path.startsWith('api/login') && !path.startsWith('api/me') && !path.startsWith('api/session')) {
    window.dispatchEvent(new CustomEvent('watchkeeper:unauthorized'));
  }
  return r;
}

/** The JSON of an answer's body, or null when it is empty or not JSON (reported by the status when an error). */
function parsed(body) {
  try {
    return body ? JSON.parse(body) : null;
  } catch {
    return null;
  }
}

function failure(r, data, path) {
  return new Error(data && data.error ? `${r.status}: ${data.error}` : `${r.status} ${r.statusText} for ${path}`);
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const api = {
  vessels: (params = {}) => json(`api/vessels${query(params)}`),
  vessel: (mmsi) => json(`api/vessels/${encodeURIComponent(mmsi)}`),
  // the first 100 000 fixes at most (the server's largest answer); the FeatureCollection's truncated says whether that cut it
  track: (mmsi, from, to) => json(`api/vessels/${encodeURIComponent(mmsi)}/track${query({ from, to, points: 'true', limit: '100000' })}`),
  events: (params = {}) => json(`api/events${query(params)}`),
  event: (id) => json(`api/events/${encodeURIComponent(id)}`),
  ongoing: (params = {}) => json(`api/ongoing${query(params)}`),
  zones: () => json('api/zones'),
  createZones: (geojson) => json('api/zones', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(geojson) }),
  deleteZone: (id) => json(`api/zones/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  watchlist: () => json('api/watchlist'),
  addWatch: (body) => json('api/watchlist', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  deleteWatch: (id) => json(`api/watchlist/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  stats: () => json('api/stats'),
  series: (params = {}) => json(`api/stats/series${query({ metric: 'messages', ...params })}`),
  chokepoints: (params = {}) => json(`api/stats/chokepoints${query(params)}`),
  portCalls: (params = {}) => json(`api/stats/port-calls${query(params)}`),
  incidents: (params = {}) => json(`api/incidents${query(params)}`),
  incident: (id) => json(`api/incidents/${encodeURIComponent(id)}`),
  createIncident: (body) => json('api/incidents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  // a PUT replaces the report's fields (its sharing stays: shareIncident changes it)
  updateIncident: (id, body) => json(`api/incidents/${encodeURIComponent(id)}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  shareIncident: (id, body) => json(`api/incidents/${encodeURIComponent(id)}/share`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  setCategory: (id, category, reason) => json(`api/incidents/${encodeURIComponent(id)}/category`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ category, reason }) }),
  nearby: (id, params = {}) => json(`api/incidents/${encodeURIComponent(id)}/nearby${query(params)}`),
  streamUrl: (kinds = 'position,event,ongoing,stats,incident') => `api/stream${query({ kinds })}`,
};
