// Browser test of the page's layout at common window widths, against the fixture API signed in as a
// host admin (every tab shown: Watchlist and Admin too) with an unread alert on the Events tab: the
// page is never wider than the window, so it never scrolls sideways, and every tab is in sight and
// opens with one click where it is drawn, without moving the window.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CHROMIUM, launchChromium, openSignedIn, closeAll } from './chromium.js';
import { startMockServer, MOCK_TOKEN } from './mock-server.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SITE = join(HERE, '..', 'target', 'classes', 'web');
const OUT = process.env.WATCHKEEPER_SCREENSHOTS || join(HERE, '..', 'target', 'browser');
const hasChromium = existsSync(CHROMIUM);
const WIDTHS = [1024, 1280, 1400, 1920];
const TABS = ['vessel', 'events', 'watchlist', 'incidents', 'zones', 'charts', 'admin'];

describe.skipIf(!hasChromium || Boolean(process.env.WATCHKEEPER_URL))('layout at common window widths', () => {
  let server, browser, page, profile;
  let alerts = 0;

  beforeAll(async () => {
    if (!existsSync(join(SITE, 'index.html'))) throw new Error(`${SITE}/index.html missing: run "npm run build" first`);
    mkdirSync(OUT, { recursive: true });
    server = await startMockServer(SITE);
    ({ browser, profile } = await launchChromium('watchkeeper-chromium-layout'));
    page = browser.pages()[0] || await browser.newPage();
    await openSignedIn(page, server.url, MOCK_TOKEN);
  }, 120000);

  afterAll(() => closeAll({ browser, server, profile }));

  /** A live zone entry: an alert, so the Events tab carries its unread badge (the widest the tab row gets). */
  const raiseAlert = async () => {
    const v = await page.evaluate(() => [...window.watchkeeper.state.vessels.values()][5]);
    const t = new Date().toISOString();
    alerts++;
    server.broadcast('event', { id: `ev-layout-${alerts}`, kind: 'zone_entry', start: t, end: t, vessels: [v.mmsi], lat: v.lat, lon: v.lon,
      parameters: {}, attributes: { zone_id: 'zone-9', zone_name: 'Pilot boarding ground' } });
    await page.waitForFunction(() => !document.getElementById('events-unread').hidden, null, { timeout: 10000 });
  };

  /** How far the page reaches beyond the window, and where the window is scrolled to. */
  const extent = () => page.evaluate(() => ({
    width: window.innerWidth,
    doc: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    header: [document.querySelector('header').scrollWidth, document.querySelector('header').clientWidth],
    tabs: [document.querySelector('.tabs').scrollWidth, document.querySelector('.tabs').clientWidth],
    scroll: [window.scrollX, window.scrollY, document.documentElement.scrollLeft, document.body.scrollLeft],
  }));

  for (const width of WIDTHS) {
    it(`at ${width} px the page fits the window, and every tab is in sight and opens in place`, async () => {
      await page.setViewportSize({ width, height: 860 });
      await page.click('.tabs button[data-tab="vessel"]');
      await raiseAlert();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const e = await extent();
      expect(e.width).toBe(width);
      expect(e.doc).toBeLessThanOrEqual(width);
      expect(e.body).toBeLessThanOrEqual(width);
      expect(e.header[0]).toBeLessThanOrEqual(e.header[1]);
      expect(e.tabs[0]).toBeLessThanOrEqual(e.tabs[1]);
      expect(e.scroll).toEqual([0, 0, 0, 0]);
      // the host admin sees all seven tabs
      expect(await page.locator('.tabs button:visible').count()).toBe(TABS.length);
      // Events last: opening it clears the badge that widens it
      for (const tab of [...TABS.filter((t) => t !== 'events'), 'events']) {
        const box = await page.evaluate((name) => {
          const b = document.querySelector(`.tabs button[data-tab="${name}"]`);
          const r = b.getBoundingClientRect();
          const x = r.left + r.width / 2;
          const y = r.top + r.height / 2;
          const hit = document.elementFromPoint(x, y);
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, x, y, onTop: Boolean(hit && b.contains(hit)) };
        }, tab);
        expect(box.left, `${tab} tab's left edge`).toBeGreaterThanOrEqual(0);
        expect(box.right, `${tab} tab's right edge`).toBeLessThanOrEqual(width);
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.bottom).toBeLessThanOrEqual(860);
        expect(box.onTop, `${tab} tab is the element drawn at its centre`).toBe(true);
        // a click where the tab is drawn opens it, and the window stays where it is
        await page.mouse.click(box.x, box.y);
        await page.waitForFunction((name) => document.querySelector(`.tabs button[data-tab="${name}"]`).classList.contains('active')
          && document.getElementById(`tab-${name}`).classList.contains('active'), tab, { timeout: 5000 });
        if (tab === 'charts') await page.waitForFunction(() => window.watchkeeper.state.charts, null, { timeout: 10000 });
        if (tab === 'admin') await page.waitForFunction(() => document.querySelectorAll('#admin-tokens li').length > 0, null, { timeout: 10000 });
        const after = await extent();
        expect(after.scroll, `window scrolled by opening the ${tab} tab`).toEqual([0, 0, 0, 0]);
        expect(after.doc, `page wider than the window with the ${tab} tab open`).toBeLessThanOrEqual(width);
        const panel = await page.evaluate((name) => {
          const r = document.getElementById(`tab-${name}`).getBoundingClientRect();
          return { left: r.left, right: r.right, width: r.width };
        }, tab);
        expect(panel.left).toBeGreaterThanOrEqual(0);
        expect(panel.right).toBeLessThanOrEqual(width);
        expect(panel.width).toBeGreaterThan(300);
        if (tab === 'admin') await page.screenshot({ path: join(OUT, `layout-${width}-admin.png`) });
      }
      // the brand in the header's corner is whole: nothing pushed it off the left edge
      const brand = await page.locator('header .brand').boundingBox();
      expect(brand.x).toBeGreaterThanOrEqual(0);
      expect(await page.locator('header .brand').textContent()).toBe('Watchkeeper');
    });
  }
});
