// Browser test of the anonymous reader of published data against the fixture API: the page opens as that
// reader with no login form, and its "Log in" opens the form (a reload alone opened the page as the
// anonymous reader again, so nobody could sign in from it); Cancel goes back to the public page, and a
// login starts the page afresh as the user.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CHROMIUM, launchChromium, closeAll } from './chromium.js';
import { startMockServer, makeFixtures, MOCK_TOKEN } from './mock-server.js';

const SITE = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'classes', 'web');
const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium || Boolean(process.env.WATCHKEEPER_URL))('the anonymous reader', () => {
  let server, browser, page, profile;
  const errors = [];

  beforeAll(async () => {
    if (!existsSync(join(SITE, 'index.html'))) throw new Error(`${SITE}/index.html missing: run "npm run build" first`);
    server = await startMockServer(SITE, { ...makeFixtures(), anonymous: true });
    ({ browser, profile } = await launchChromium('watchkeeper-chromium-anonymous'));
    page = browser.pages()[0] || await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 120000);

  afterAll(() => closeAll({ browser, server, profile }));

  const ready = () => page.waitForFunction(() => window.watchkeeper && window.watchkeeper.state.ready, null, { timeout: 60000 });

  it('opens as the anonymous reader, and its Log in opens the form', async () => {
    await page.goto(server.url);
    await ready();
    expect(await page.locator('#login').isHidden()).toBe(true);
    expect(await page.locator('#user-name').textContent()).toBe('public data');
    expect(await page.locator('#logout').textContent()).toBe('Log in');

    // Cancel: back to the public page, nothing reloaded
    await page.click('#logout');
    await page.locator('#login').waitFor({ state: 'visible', timeout: 10000 });
    expect(await page.locator('#login-cancel').isVisible()).toBe(true);
    const sessions = server.requests.filter((r) => r === 'GET /api/session').length;
    await page.click('#login-cancel');
    expect(await page.locator('#login').isHidden()).toBe(true);
    expect(server.requests.filter((r) => r === 'GET /api/session').length).toBe(sessions);
    expect(await page.locator('#user-name').textContent()).toBe('public data');

    // Log in: the page starts afresh as the user
    await page.click('#logout');
    await page.locator('#login').waitFor({ state: 'visible', timeout: 10000 });
    await page.fill('#login-token', MOCK_TOKEN);
    await page.click('#login-submit');
    await page.waitForFunction(() => document.getElementById('user-name').textContent === 'admin · Host organisation · admin', null, { timeout: 60000 });
    await ready();
    expect(await page.locator('#logout').textContent()).toBe('Log out');
    expect(errors).toEqual([]);
  });
});
