// Browser test of signing in against the fixture API: a page opened before any login asks who is
// signed in (GET api/session, answered 200 either way) and shows its form with nothing on the
// console; a session that ended is said so; a failing server is still an error, on the page and
// on the console.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CHROMIUM, launchChromium, closeAll } from './chromium.js';
import { startMockServer, MOCK_TOKEN } from './mock-server.js';

const SITE = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'classes', 'web');
const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium || Boolean(process.env.WATCHKEEPER_URL))('signing in', () => {
  let server, browser, page, profile;
  const errors = [];

  beforeAll(async () => {
    if (!existsSync(join(SITE, 'index.html'))) throw new Error(`${SITE}/index.html missing: run "npm run build" first`);
    server = await startMockServer(SITE);
    ({ browser, profile } = await launchChromium('watchkeeper-chromium-login'));
    page = browser.pages()[0] || await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 120000);

  afterAll(() => closeAll({ browser, server, profile }));

  const ready = () => page.waitForFunction(() => window.watchkeeper && window.watchkeeper.state.ready, null, { timeout: 60000 });

  it('shows the login form before any login without an error on the console', async () => {
    await page.goto(server.url);
    await page.locator('#login').waitFor({ state: 'visible', timeout: 60000 });
    await page.waitForTimeout(500);
    expect(errors).toEqual([]);
    expect(server.requests).toContain('GET /api/session');
    expect(server.requests).not.toContain('GET /api/me');
    expect(await page.locator('#login-message').textContent()).toBe('');
    // a wrong token is refused: the form says why (the browser logs the 401 of that POST, as for any refused request)
    await page.fill('#login-token', 'wk_not-a-valid-token');
    await page.click('#login-submit');
    await page.waitForFunction(() => document.getElementById('login-message').textContent === 'wrong user name or password', null, { timeout: 10000 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/401/);
    errors.length = 0;
    await page.fill('#login-token', MOCK_TOKEN);
    await page.click('#login-submit');
    await ready();
    expect(await page.locator('#user-name').textContent()).toBe('admin · Host organisation · admin');
    expect(errors).toEqual([]);
  });

  it('opens signed in with a session, and says so when the session has ended', async () => {
    await page.reload();
    await ready();
    expect(await page.locator('#login').isHidden()).toBe(true);
    expect(await page.locator('#user-name').textContent()).toBe('admin · Host organisation · admin');
    // the session's token is revoked: the page opened again asks for a login and says why
    server.endSessions();
    await page.reload();
    await page.locator('#login').waitFor({ state: 'visible', timeout: 60000 });
    expect(await page.locator('#login-message').textContent()).toBe('Your session ended (the token was revoked); log in again.');
    await page.waitForTimeout(500);
    expect(errors).toEqual([]);
    await page.fill('#login-token', MOCK_TOKEN);
    await page.click('#login-submit');
    await ready();
    expect(errors).toEqual([]);
  });

  it('still shows a server that fails as an error, on the page and on the console', async () => {
    server.failures['/api/session'] = 500;
    try {
      await page.reload();
      await page.waitForFunction(() => /^Cannot ask the server who is signed in: 500: mock failure of \/api\/session$/.test(document.getElementById('status').textContent),
        null, { timeout: 30000 });
      expect(await page.locator('#login').isHidden()).toBe(true);
      await page.waitForTimeout(500);
      expect(errors.some((e) => /status of 500/.test(e))).toBe(true);
      expect(errors.some((e) => /mock failure of \/api\/session/.test(e))).toBe(true);
    } finally {
      delete server.failures['/api/session'];
      errors.length = 0;
    }
  });
});
