// Browser test of the Zones tab's paste box against a fixture API whose vessels are in Kiel Bay
// (latitudes and longitudes both within ±90, so values the wrong way round are still positions):
// a polygon pasted as "lat,lon" lines or as GeoJSON is saved where it reads; one whose values look
// the wrong way round is not saved until the user says which way they go.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CHROMIUM, launchChromium, openSignedIn, closeAll } from './chromium.js';
import { startMockServer, makeFixtures, MOCK_TOKEN } from './mock-server.js';

const SITE = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'classes', 'web');
const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium || Boolean(process.env.WATCHKEEPER_URL))('zones pasted as text', () => {
  let server, browser, page, profile;

  beforeAll(async () => {
    if (!existsSync(join(SITE, 'index.html'))) throw new Error(`${SITE}/index.html missing: run "npm run build" first`);
    const f = makeFixtures(80);
    // the vessels in Kiel Bay: lat 54.40 to 54.49, lon 10.15 to 10.29
    f.vessels.forEach((v, i) => {
      v.lat = Math.round((54.40 + (i % 10) * 0.01) * 1e5) / 1e5;
      v.lon = Math.round((10.15 + Math.floor(i / 10) * 0.02) * 1e5) / 1e5;
    });
    server = await startMockServer(SITE, { ...f, events: [], ongoing: [], incidents: [] });
    ({ browser, profile } = await launchChromium('watchkeeper-chromium-zones', { width: 1200, height: 800 }));
    page = browser.pages()[0] || await browser.newPage();
    await openSignedIn(page, server.url, MOCK_TOKEN);
    await page.click('.tabs button[data-tab="zones"]');
  }, 120000);

  afterAll(() => closeAll({ browser, server, profile }));

  const paste = async (name, text) => {
    await page.fill('#zone-name', name);
    await page.fill('#zone-paste', text);
    await page.click('#zone-paste-save');
  };
  const message = () => page.locator('#zone-message').textContent();
  const zonesListed = (n) => page.waitForFunction((k) => document.querySelectorAll('#zone-list li').length === k, n, { timeout: 10000 });
  const box = [[54.38, 10.12], [54.38, 10.30], [54.52, 10.30], [54.52, 10.12]];

  it('saves a polygon pasted as "lat,lon" lines where it reads', async () => {
    await paste('Kiel approach', `lat,lon\n${box.map(([la, lo]) => `${la},${lo}`).join('\n')}\n`);
    await zonesListed(1);
    expect(server.zones[0].properties.name).toBe('Kiel approach');
    expect(server.zones[0].geometry.coordinates[0]).toEqual([[10.12, 54.38], [10.3, 54.38], [10.3, 54.52], [10.12, 54.52], [10.12, 54.38]]);
    expect(await message()).toBe('Saved 1 zone(s).');
    expect(await page.inputValue('#zone-paste')).toBe('');
    expect(await page.locator('#zone-paste-asread').isHidden()).toBe(true);
    expect(await page.locator('#zone-paste-swapped').isHidden()).toBe(true);
  });

  it('does not save "lon,lat" lines that miss every vessel until told which way they go', async () => {
    await paste('Kiel approach 2', box.map(([la, lo]) => `${lo},${la}`).join('\n'));
    await page.locator('#zone-paste-swapped').waitFor({ state: 'visible', timeout: 10000 });
    expect(await message()).toMatch(/^Not saved: as read, the zone lies at 10\.21, 54\.45 \(lat, lon\) and holds none of the \d+ vessels on the map; with each position's two values exchanged it holds 80: they may be the wrong way round\. Save it as read, or with lat and lon exchanged\?$/);
    expect(await page.locator('#zone-paste-asread').isVisible()).toBe(true);
    expect(server.zones).toHaveLength(1);
    await page.click('#zone-paste-swapped');
    await zonesListed(2);
    expect(server.zones[1].properties.name).toBe('Kiel approach 2');
    expect(server.zones[1].geometry.coordinates[0][0]).toEqual([10.12, 54.38]);
    expect(await page.locator('#zone-paste-swapped').isHidden()).toBe(true);
  });

  it('saves such a polygon as read when the user says so', async () => {
    await paste('Gulf of Aden box', box.map(([la, lo]) => `${lo},${la}`).join('\n'));
    await page.locator('#zone-paste-asread').waitFor({ state: 'visible', timeout: 10000 });
    await page.click('#zone-paste-asread');
    await zonesListed(3);
    expect(server.zones[2].geometry.coordinates[0][0]).toEqual([54.38, 10.12]);
  });

  it('refuses GeoJSON positions given as [lat, lon] beyond ±90, and forgets the choice once the text is edited', async () => {
    const strait = { type: 'Feature', properties: { name: 'Singapore Strait' },
      geometry: { type: 'Polygon', coordinates: [[[1.1, 103.6], [1.1, 103.9], [1.3, 103.9], [1.3, 103.6], [1.1, 103.6]]] } };
    await paste('', JSON.stringify(strait));
    await page.locator('#zone-paste-swapped').waitFor({ state: 'visible', timeout: 10000 });
    expect(await message()).toBe('Not saved: a position has 103.6 as its latitude, beyond ±90: GeoJSON positions are [lon, lat],'
      + ' and these look like [lat, lon]. Save it with lat and lon exchanged?');
    // as read it is no place: only the exchanged one is offered
    expect(await page.locator('#zone-paste-asread').isHidden()).toBe(true);
    await page.fill('#zone-paste', JSON.stringify(strait).replace('103.6', '103.5'));
    expect(await page.locator('#zone-paste-swapped').isHidden()).toBe(true);
    expect(server.zones).toHaveLength(3);
    // a GeoJSON Feature in [lon, lat] that names itself: saved under its name
    const good = { type: 'Feature', properties: { name: 'Kiel inner' }, geometry: { type: 'Polygon', coordinates: [[[10.14, 54.39], [10.2, 54.39], [10.2, 54.45], [10.14, 54.39]]] } };
    await paste('', JSON.stringify(good));
    await zonesListed(4);
    expect(server.zones[3].properties.name).toBe('Kiel inner');
    expect(server.zones[3].geometry).toEqual(good.geometry);
  });

  it('says what is wrong with text that is no polygon', async () => {
    await paste('Broken', '54.4,10.2\nnorth,east\n54.5,10.3');
    expect(await message()).toBe('Pasted zone: line 2: "north,east" is not "lat,lon" (two numbers, as 1.2345,103.8765)');
    await paste('', box.map(([la, lo]) => `${la},${lo}`).join('\n'));
    expect(await message()).toBe('Pasted zone: a zone needs a name');
    expect(server.zones).toHaveLength(4);
  });
});
