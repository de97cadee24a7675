// Browser test of the Events tab against a fixture API that holds more stored events than the map
// loads (5 000): the newest are listed, the tab says that older ones exist and how to reach them,
// and a From/To window asks the server for that window's events.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CHROMIUM, launchChromium, openSignedIn, closeAll } from './chromium.js';
import { startMockServer, makeFixtures, MOCK_TOKEN } from './mock-server.js';

const SITE = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'classes', 'web');
const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium || Boolean(process.env.WATCHKEEPER_URL))('events tab with more stored events than it loads', () => {
  let server, browser, page, profile, firstName, fixtures;
  const now = Date.parse('2026-11-01T12:00:00Z');

  beforeAll(async () => {
    if (!existsSync(join(SITE, 'index.html'))) throw new Error(`${SITE}/index.html missing: run "npm run build" first`);
    const f = makeFixtures(200);
    fixtures = f;
    firstName = f.vessels[0].name;
    // 5 335 gaps, one a minute, the newest ending at `now`; then a zone entry, the newest event of all
    const events = Array.from({ length: 5335 }, (_, i) => {
      const v = f.vessels[i % f.vessels.length];
      const start = now - (5335 - i) * 60e3;
      return { id: `gap-${String(i).padStart(5, '0')}`, kind: 'gap', start: new Date(start).toISOString(), end: new Date(start + 30e3).toISOString(),
        vessels: [v.mmsi], lat: v.lat, lon: v.lon, parameters: {}, attributes: {} };
    });
    events.push({ id: 'zone-newest', kind: 'zone_entry', start: new Date(now).toISOString(), end: new Date(now).toISOString(), vessels: [f.vessels[0].mmsi],
      lat: f.vessels[0].lat, lon: f.vessels[0].lon, parameters: {}, attributes: { zone_id: 'zone-1', zone_name: 'Eastern anchorage' } });
    // the vessels come after the events: the list must still name them
    server = await startMockServer(SITE, { ...f, events, ongoing: [], delays: { '/api/vessels': 1500 }, exportMost: 5000 });
    ({ browser, profile } = await launchChromium('watchkeeper-chromium-events', { width: 1200, height: 800 }));
    page = browser.pages()[0] || await browser.newPage();
    await openSignedIn(page, server.url, MOCK_TOKEN);
  }, 120000);

  afterAll(() => closeAll({ browser, server, profile }));

  it('lists the newest events and says that older ones exist, and how to see them', async () => {
    await page.click('.tabs button[data-tab="events"]');
    expect(server.requests).toContain('GET /api/events?limit=5000&order=newest');
    // the newest event of all, the zone entry, heads the list
    expect(await page.locator('#event-list .event-item').first().getAttribute('data-id')).toBe('zone-newest');
    expect(await page.locator('#event-list .event-item .who').first().textContent()).toBe(firstName);
    // the mock's stream tells of one episode as it opens: listed beside the stored events
    await page.waitForFunction(() => window.watchkeeper.state.events.some((e) => e.id === 'ev-live-1'), null, { timeout: 10000 });
    const ids = await page.evaluate(() => window.watchkeeper.state.events.filter((e) => !e.ongoing).map((e) => e.id));
    expect(ids).toHaveLength(5000);
    expect(ids).not.toContain('gap-00000');
    expect(ids).toContain('gap-05334');
    // the list draws the newest 1 000 of them, and says so
    expect(await page.locator('#event-list .event-item').count()).toBe(1000);
    expect(await page.locator('#event-count').textContent()).toBe('5001 of 5001 events (1 under way); the newest 1,000 are listed: '
      + 'narrow the filters to list the others. Only the newest 5,000 are loaded: '
      + 'older events exist beyond these; set From/To (UTC) to load an earlier window.');
  });

  it('asks the server for the From/To window, so that the oldest events can be seen', async () => {
    // the first gap started 5 335 minutes before `now`: 2026-10-28T19:05Z; 56 start by 20:00
    await page.fill('#event-from', '2026-10-28T18:00');
    await page.fill('#event-to', '2026-10-28T20:00');
    await page.locator('#event-to').dispatchEvent('change');
    await page.waitForFunction(() => window.watchkeeper.state.events.some((e) => e.id === 'gap-00000'), null, { timeout: 10000 });
    expect(server.requests).toContain('GET /api/events?limit=5000&order=newest&from=2026-10-28T18%3A00%3A00Z&to=2026-10-28T20%3A00%3A00Z');
    expect(await page.locator('#event-count').textContent()).toBe('56 of 56 events');
    expect(await page.locator('#event-list .event-item').last().getAttribute('data-id')).toBe('gap-00000');
  });

  /** Waits until the list holds exactly the events of `ids` (in any order). */
  const listed = async (ids) => {
    await page.waitForFunction((want) => {
      const got = [...document.querySelectorAll('#event-list .event-item')].map((li) => li.dataset.id).sort();
      return JSON.stringify(got) === JSON.stringify(want);
    }, [...ids].sort(), { timeout: 10000 });
  };

  it('filters by one vessel\'s MMSI, asking the server for its events older than those loaded', async () => {
    await page.fill('#event-from', '');
    await page.fill('#event-to', '');
    await page.locator('#event-to').dispatchEvent('change');
    await page.waitForFunction(() => window.watchkeeper.state.eventsQuery === '{}' && !window.watchkeeper.state.events.some((e) => e.id === 'gap-00000'),
      null, { timeout: 10000 });
    const v = fixtures.vessels[0];
    // the vessel's gaps are every 200th, the oldest two before the newest 5 000; and the newest zone entry
    const mine = [...Array.from({ length: 27 }, (_, k) => `gap-${String(k * 200).padStart(5, '0')}`), 'zone-newest'];
    await page.fill('#event-vessel', v.mmsi);
    await listed(mine);
    expect(server.requests).toContain(`GET /api/events?limit=5000&order=newest&mmsi=${v.mmsi}`);
    expect(await page.locator('#event-count').textContent()).toBe('28 of 28 events');
    // each listed event names the vessel
    for (const who of await page.locator('#event-list .event-item .who').allTextContents()) expect(who).toBe(firstName);
  });

  it('filters by part of a vessel name, and by the start of MMSIs, in the loaded list', async () => {
    // the name of one vessel only: its MMSI is asked for, as if typed
    await page.fill('#event-vessel', firstName.toLowerCase());
    await page.waitForFunction((n) => document.getElementById('event-vessel').value === n, firstName.toLowerCase());
    await listed([...Array.from({ length: 27 }, (_, k) => `gap-${String(k * 200).padStart(5, '0')}`), 'zone-newest']);
    // a part of several names: the loaded list, filtered in the page (vessels 7, 17, 27, ... are the MONSOONs)
    const monsoons = fixtures.vessels.filter((x) => x.name.includes('MONSOON')).map((x) => x.mmsi);
    expect(monsoons).toHaveLength(20);
    await page.fill('#event-vessel', 'Monsoon');
    await page.waitForFunction(() => window.watchkeeper.state.eventsQuery === '{}', null, { timeout: 10000 });
    await page.waitForFunction(() => /^500 of 5000 events/.test(document.getElementById('event-count').textContent), null, { timeout: 10000 });
    const names = await page.locator('#event-list .event-item .who').allTextContents();
    expect(names).toHaveLength(500);
    for (const n of names) expect(n).toMatch(/^MONSOON /);
    // the first digits of MMSIs: the Malaysian vessels (MID 533) are every sixth
    const before = server.requests.length;
    await page.fill('#event-vessel', '533');
    await page.waitForFunction(() => /^850 of 5000 events\. Only/.test(document.getElementById('event-count').textContent), null, { timeout: 10000 });
    const ids = await page.evaluate(() => [...document.querySelectorAll('#event-list .event-item')].map((li) => li.dataset.id));
    const vesselsOf = await page.evaluate((list) => list.map((id) => window.watchkeeper.state.events.find((e) => e.id === id).vessels[0]), ids);
    for (const m of vesselsOf) expect(m.startsWith('533')).toBe(true);
    // a prefix is filtered in the page: the server is not asked again
    expect(server.requests.slice(before).filter((r) => r.startsWith('GET /api/events'))).toEqual([]);
  });

  it('filters by zone: its entries and exits, and events naming its id, asking the server for the zone\'s older ones', async () => {
    await page.fill('#event-vessel', '');
    await page.waitForFunction(() => /^5000 of 5000 events/.test(document.getElementById('event-count').textContent), null, { timeout: 10000 });
    const options = await page.locator('#event-zone option').allTextContents();
    expect(options).toEqual(['all zones', 'Eastern anchorage (zone-1)']);
    const before = server.requests.length;
    await page.selectOption('#event-zone', 'id:zone-1');
    await listed(['zone-newest']);
    // the list held only the newest events: the server is asked for the zone's, older ones too
    expect(server.requests.slice(before).filter((r) => r.startsWith('GET /api/events'))).toEqual(['GET /api/events?limit=5000&order=newest&zone=zone-1']);
    expect(await page.locator('#event-count').textContent()).toBe('1 of 1 events');
    await page.selectOption('#event-zone', '');
    await page.waitForFunction(() => document.querySelectorAll('#event-list .event-item').length === 1000, null, { timeout: 10000 });
  });

  it('keeps offering a zone when the list is loaded for a window without its events', async () => {
    await page.fill('#event-from', '2026-10-28T18:00');
    await page.fill('#event-to', '2026-10-28T20:00');
    await page.locator('#event-to').dispatchEvent('change');
    await page.waitForFunction(() => window.watchkeeper.state.events.some((e) => e.id === 'gap-00000'), null, { timeout: 10000 });
    expect(await page.locator('#event-zone option').allTextContents()).toEqual(['all zones', 'Eastern anchorage (zone-1)']);
    await page.selectOption('#event-zone', 'id:zone-1');
    await page.waitForFunction(() => /"zone":"zone-1"/.test(window.watchkeeper.state.eventsQuery), null, { timeout: 10000 });
    await listed([]);
    expect(server.requests).toContain('GET /api/events?limit=5000&order=newest&from=2026-10-28T18%3A00%3A00Z&to=2026-10-28T20%3A00%3A00Z&zone=zone-1');
    await page.selectOption('#event-zone', '');
    await page.fill('#event-from', '');
    await page.fill('#event-to', '');
    await page.locator('#event-to').dispatchEvent('change');
    await page.waitForFunction(() => window.watchkeeper.state.eventsQuery === '{}', null, { timeout: 10000 });
  });

  it('opens the Events tab on a vessel\'s events from its panel', async () => {
    const v = fixtures.vessels[1];
    await page.evaluate((m) => window.watchkeeper.selectVessel(m), v.mmsi);
    await page.locator('#vessel-show-events').click();
    expect(await page.locator('#tab-events').isVisible()).toBe(true);
    expect(await page.inputValue('#event-vessel')).toBe(v.mmsi);
    await page.waitForFunction((m) => window.watchkeeper.state.eventsVessel === m, v.mmsi, { timeout: 10000 });
    expect(server.requests).toContain(`GET /api/events?limit=5000&order=newest&mmsi=${v.mmsi}`);
    // vessel 1's gaps: 1, 201, ..., 5201 (27), two of them older than the newest 5 000
    await listed(Array.from({ length: 27 }, (_, k) => `gap-${String(k * 200 + 1).padStart(5, '0')}`));
  });

  it('exports the events of the window, kind, vessel and zone with the session, and names a filter an export leaves out', async () => {
    await page.fill('#event-vessel', '');
    await page.selectOption('#event-zone', '');
    await page.selectOption('#event-kind', 'gap');
    await page.fill('#event-from', '2026-10-28T18:00');
    await page.fill('#event-to', '2026-10-28T20:00');
    await page.locator('#event-to').dispatchEvent('change');
    await page.waitForFunction(() => /"kind":"gap"/.test(window.watchkeeper.state.eventsQuery) && /"to"/.test(window.watchkeeper.state.eventsQuery), null, { timeout: 10000 });
    // an episode under way has no window: the export of those says it leaves From/To out
    expect(await page.locator('#export-note').textContent()).toBe('The export of episodes under way leaves out: From/To.'
      + ' The file holds the episodes under way of the other filters.');
    const save = async (what, format) => {
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.click(`button[data-export="${what}"][data-format="${format}"]`)]);
      return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
    };
    const csv = await save('events', 'csv');
    expect(csv.name).toBe('events.csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,kind,start,end,vessels,lat,lon,attributes,tlp,owner_org,shared_with,recipients');
    expect(lines).toHaveLength(57); // the 56 gaps that start by 20:00
    expect(lines[1]).toMatch(/^gap-00000,gap,/);
    expect(server.requests).toContain('GET /api/export/events.csv?from=2026-10-28T18%3A00%3A00Z&to=2026-10-28T20%3A00%3A00Z&kind=gap');
    expect(await page.locator('#export-message').textContent()).toBe('Saved events.csv (56 events).');

    // one vessel and one zone, without kind or window: its MMSI and the zone's id go with the export
    const v = fixtures.vessels[0];
    await page.selectOption('#event-kind', '');
    await page.fill('#event-from', '');
    await page.fill('#event-to', '');
    await page.locator('#event-to').dispatchEvent('change');
    await page.fill('#event-vessel', v.mmsi);
    await page.waitForFunction((m) => window.watchkeeper.state.eventsVessel === m && !/"to"|"kind"/.test(window.watchkeeper.state.eventsQuery),
      v.mmsi, { timeout: 10000 });
    await page.selectOption('#event-zone', 'id:zone-1');
    expect(await page.locator('#export-note').textContent()).toBe('');
    const gj = await save('events', 'geojson');
    expect(gj.name).toBe('events.geojson');
    expect(JSON.parse(gj.text).features.map((f) => f.properties.id)).toEqual(['zone-newest']);
    expect(server.requests).toContain(`GET /api/export/events.geojson?mmsi=${v.mmsi}&zone=zone-1`);
    expect(await page.locator('#export-message').textContent()).toBe('Saved events.geojson (1 event).');
    // a window is no filter of the episodes under way: named
    await page.fill('#event-from', '2026-10-28T18:00');
    await page.locator('#event-from').dispatchEvent('change');
    await page.waitForFunction(() => /"from"/.test(window.watchkeeper.state.eventsQuery), null, { timeout: 10000 });
    expect(await page.locator('#export-note').textContent()).toBe('The export of episodes under way leaves out: From/To.'
      + ' The file holds the episodes under way of the other filters.');
    const kml = await save('ongoing', 'kml');
    expect(kml.name).toBe('ongoing.kml');
    expect(kml.text).toMatch(/^<\?xml/);
    expect(server.requests).toContain(`GET /api/export/ongoing.kml?mmsi=${v.mmsi}&zone=zone-1`);
  });

  it('shows the server\'s refusal of an export that would hold more than it may', async () => {
    await page.fill('#event-vessel', '');
    await page.selectOption('#event-zone', '');
    await page.selectOption('#event-kind', '');
    await page.fill('#event-from', '');
    await page.fill('#event-to', '');
    await page.locator('#event-to').dispatchEvent('change');
    await page.waitForFunction(() => window.watchkeeper.state.eventsQuery === '{}', null, { timeout: 10000 });
    expect(await page.locator('#export-note').textContent()).toBe('');
    let downloads = 0;
    page.on('download', () => { downloads += 1; });
    await page.click('button[data-export="events"][data-format="kml"]');
    await page.waitForFunction(() => /^Export: 422: more than 5000 events match/.test(document.getElementById('export-message').textContent), null, { timeout: 10000 });
    expect(downloads).toBe(0);
  });
});
