// How the browser tests start Debian's Chromium (playwright-core drives it; it downloads no browser):
// headless, software WebGL for the map, nothing that reaches out to the network by itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Starts Chromium on a new empty profile; resolves to {browser, profile} (remove the profile when done). */
export async function launchChromium(name, viewport = { width: 1400, height: 860 }) {
  const profile = mkdtempSync(join(tmpdir(), `${name}-`));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  return { browser, profile };
}

/**
 * Opens the map at `url` and signs in with `token` through the login form; resolves once the map has
 * loaded its data (window.watchkeeper.state.ready).
 */
export async function openSignedIn(page, url, token) {
  await page.goto(url);
  await page.locator('#login').waitFor({ state: 'visible', timeout: 60000 });
  await page.fill('#login-token', token);
  await page.click('#login-submit');
  await page.waitForFunction(() => window.watchkeeper && window.watchkeeper.state.ready, null, { timeout: 60000 });
}

/**
 * Moves the map's camera at once (MapLibre's jumpTo with `camera`, e.g. {center: [lon, lat], zoom}); resolves
 * to nothing. map.jumpTo returns the map itself, and page.evaluate would copy whatever the page function
 * returns out of the page: the whole map with its tiles and sources, tens of seconds of CPU for a value no
 * test reads.
 */
export async function jumpTo(page, camera) {
  await page.evaluate((c) => { window.watchkeeper.map.jumpTo(c); }, camera);
}

/**
 * Ends what a browser test's beforeAll started, each part only when it was started: the browser, the
 * server it was pointed at (the mock or a proxy) and the browser's profile folder.
 */
export async function closeAll({ browser, server, profile }) {
  if (browser) await browser.close();
  if (server) await server.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
}
