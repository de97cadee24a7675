// Browser test of the built site against a fixture API that holds no vessel yet, as a server does
// whose feed has just started: the map opens where it always does, then moves to the traffic once
// the first positions have come in over the live stream, and leaves the view alone after that.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CHROMIUM, launchChromium, openSignedIn, closeAll } from './chromium.js';
import { startMockServer, MOCK_TOKEN } from './mock-server.js';

const SITE = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'classes', 'web');
const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium || Boolean(process.env.WATCHKEEPER_URL))('web map opened on a server without traffic yet', () => {
  let server, browser, page, profile;

  beforeAll(async () => {
    if (!existsSync(join(SITE, 'index.html'))) throw new Error(`${SITE}/index.html missing: run "npm run build" first`);
    // the stream opens silent (the mock's opening arrival would start the map's 3 s fit timer while the first test runs)
    server = await startMockServer(SITE, { vessels: [], events: [], now: Date.parse('2026-11-01T12:00:00Z'), stats: { chokepoints: [], portCalls: [], series: [] },
      streamOpening: false });
    ({ browser, profile } = await launchChromium('watchkeeper-chromium-empty', { width: 1200, height: 800 }));
    page = browser.pages()[0] || await browser.newPage();
    await openSignedIn(page, server.url, MOCK_TOKEN);
    // the stream is open once the page has asked for it
    for (let i = 0; i < 100 && !server.requests.some((r) => r.startsWith('GET /api/stream')); i++) await page.waitForTimeout(100);
  }, 120000);

  afterAll(() => closeAll({ browser, server, profile }));

  it('says in each empty chart what it counts and why it is empty, and draws port visits under way alone', async () => {
    await page.click('.tabs button[data-tab="charts"]');
    await page.waitForFunction(() => window.watchkeeper.state.charts, null, { timeout: 10000 });
    const shown = await page.evaluate(() => ['chokepoints', 'portcalls', 'messages'].map((id) => ({
      text: document.getElementById(`chart-${id}-empty`).textContent,
      note: !document.getElementById(`chart-${id}-empty`).hidden,
      canvas: !document.getElementById(`chart-${id}`).hidden,
    })));
    expect(shown.map((x) => [x.note, x.canvas])).toEqual([[true, false], [true, false], [true, false]]);
    expect(shown[0].text).toMatch(/^No chokepoint transits stored yet\./);
    expect(shown[1].text).toMatch(/^No port calls yet\. This chart counts port visits by the day the ship arrived, those that have ended and those under way/);
    expect(shown[2].text).toMatch(/^No messages received in the last 6 hours\./);
    expect(await page.locator('#chart-message').textContent()).toBe('');
    // a ship arrives and stays: its visit under way is a port call, though no visit has ended
    server.ongoing.push({ id: 'ev-visit-live', kind: 'port_visit', start: '2026-11-01T09:30:00Z', end: '2026-11-01T11:59:00Z', vessels: ['563000001'],
      lat: 1.26, lon: 103.84, parameters: {}, attributes: { port_name: 'Singapore', departed: false }, ongoing: true });
    await page.click('.tabs button[data-tab="vessel"]');
    await page.evaluate(() => { window.watchkeeper.state.charts = null; });
    await page.click('.tabs button[data-tab="charts"]');
    await page.waitForFunction(() => window.watchkeeper.state.charts, null, { timeout: 10000 });
    const drawn = await page.evaluate(() => window.watchkeeper.state.charts.portCalls);
    expect(drawn).toEqual({ labels: ['2026-11-01'], data: [0], underWay: [1] });
    expect(await page.locator('#chart-portcalls-empty').isHidden()).toBe(true);
    expect(await page.locator('#chart-portcalls').isVisible()).toBe(true);
    expect(await page.locator('#chart-chokepoints-empty').isVisible()).toBe(true);
    await page.click('.tabs button[data-tab="vessel"]');
  });

  const center = () => page.evaluate(() => window.watchkeeper.map.getCenter().toArray());

  it('moves to the first positions that come in, then leaves the view to the user', async () => {
    const [lon0, lat0] = await center();
    expect(lon0).toBeCloseTo(103.8, 1); // nothing to show yet: where the map always opens
    expect(lat0).toBeCloseTo(1.25, 1);
    expect(server.requests.some((r) => r.startsWith('GET /api/stream'))).toBe(true);
    // a feed starts: one arrival off Singapore, then ten vessels off Skagen
    server.broadcast('position', { mmsi: '563999001', lat: 1.21, lon: 103.95, speed: 11.2, time: '2026-11-01T12:00:00Z' });
    for (let i = 0; i < 10; i++) {
      server.broadcast('position', { mmsi: `21900000${i}`, lat: 57.7 + i * 0.02, lon: 10.6 + i * 0.03, speed: 10, time: '2026-11-01T12:00:00Z' });
    }
    await page.waitForFunction(() => window.watchkeeper.state.viewChosen, null, { timeout: 20000, polling: 200 });
    const seen = await page.evaluate(() => {
      const b = window.watchkeeper.map.getBounds();
      const vs = [...window.watchkeeper.state.vessels.values()];
      return { n: vs.length, inside: vs.filter((v) => b.contains([v.lon, v.lat])).length, zoom: window.watchkeeper.map.getZoom() };
    });
    expect(seen.n).toBe(11);
    expect(seen.inside).toBe(11); // fitted to every vessel heard: Skagen and Singapore both in view
    expect(seen.zoom).toBeLessThan(5);
    // more traffic far away later does not move the view again
    const [lon1, lat1] = await center();
    server.broadcast('position', { mmsi: '710000001', lat: -30, lon: -40, speed: 10, time: '2026-11-01T12:00:05Z' });
    await page.waitForFunction(() => window.watchkeeper.state.vessels.size === 12, null, { timeout: 10000 });
    await page.waitForTimeout(4000);
    const [lon2, lat2] = await center();
    expect(lon2).toBeCloseTo(lon1, 6);
    expect(lat2).toBeCloseTo(lat1, 6);
  });
});
