// Browser test of the Events tab against a fixture API that holds more stored events than the map
// loads (5 000): the newest are listed, the tab says that older ones exist and how to reach them,
// and a From/To window asks the server for that window's events.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CHROMIUM, launchChromium, openSignedIn } from './chromium.js';
import { startMockServer, makeFixtures, MOCK_TOKEN } from './mock-server.js';

const SITE = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'classes', 'web');
const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium || Boolean(process.env.WATCHKEEPER_URL))('events tab with more stored events than it loads', () => {
  let server, browser, page, profile, firstName;
  const now = Date.parse('2026-11-01T12:00:00Z');

  beforeAll(async () => {
    if (!existsSync(join(SITE, 'index.html'))) throw new Error(`${SITE}/index.html missing: run "npm run build" first`);
    const f = makeFixtures(200);
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
    server = await startMockServer(SITE, { ...f, events, ongoing: [], delays: { '/api/vessels': 1500 } });
    ({ browser, profile } = await launchChromium('watchkeeper-chromium-events', { width: 1200, height: 800 }));
    page = browser.pages()[0] || await browser.newPage();
    await openSignedIn(page, server.url, MOCK_TOKEN);
  }, 120000);

  afterAll(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

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
    expect(await page.locator('#event-count').textContent()).toBe('5001 of 5001 events (1 under way). Only the newest 5,000 are loaded: '
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
});
