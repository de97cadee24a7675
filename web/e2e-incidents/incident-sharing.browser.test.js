// Browser test of incident reporting and partner sharing against a REAL Watchkeeper server (not the
// mock). It is started by the app module's IncidentSharingBrowserTest, which runs a server in-process
// on a replayed real AIS log, creates the partner organisations, their policies and users through the
// API, and passes everything in WK_* environment variables:
//   WK_URL             the server's site, e.g. http://127.0.0.1:PORT/
//   WK_ANALYST         "user:password" of a host analyst, who reports and shares
//   WK_PARTNER_IN      "user:password" of a partner the incident is shared with and whose policy grants incidents there
//   WK_PARTNER_OUTSIDE "user:password" of a partner it is shared with but whose policy area excludes the place
//   WK_PARTNER_UNSHARED "user:password" of a partner whose policy grants incidents everywhere, not shared with
//   WK_SHARE_ORGS      organisation ids to type in the share dialog, comma separated
//   WK_LAT, WK_LON     where to click (a place where the log has vessels)
//   WK_TIME            the incident time, YYYY-MM-DDTHH:MM in UTC (the form's date and time fields take its two parts)
//   WK_NEAR_MMSI       a vessel that was there (it must be listed by "who was there")
//   WK_OUT             folder for screenshots and result.json
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, launchChromium, jumpTo } from '../e2e/chromium.js';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: this test is run by the app module's IncidentSharingBrowserTest`);
  return v;
};
const account = (name) => {
  const v = env(name);
  const i = v.indexOf(':');
  return { user: v.slice(0, i), password: v.slice(i + 1) };
};

describe('incident reporting and sharing against the real server', () => {
  let browser, page, profile, base, out;
  const result = {};

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install -y chromium)`);
    base = env('WK_URL').replace(/\/?$/, '/');
    out = env('WK_OUT');
    mkdirSync(out, { recursive: true });
    ({ browser, profile } = await launchChromium('watchkeeper-incidents-chromium'));
    page = browser.pages()[0] || await browser.newPage();
  }, 120000);

  afterAll(async () => {
    writeFileSync(join(out || tmpdir(), 'result.json'), JSON.stringify(result, null, 2));
    if (browser) await browser.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const idle = async () => {
    await page.waitForFunction(() => {
      const { map } = window.watchkeeper;
      return map.loaded() && map.areTilesLoaded() && !map.isMoving();
    }, null, { timeout: 60000, polling: 100 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  };

  /** Opens the site on a fresh page (no session), logs in through the form, waits until the map is ready. */
  const login = async ({ user, password }) => {
    await page.goto(base);
    await page.locator('#login').waitFor({ state: 'visible', timeout: 60000 });
    await page.fill('#login-user', user);
    await page.fill('#login-password', password);
    await page.click('#login-submit');
    await page.waitForFunction(() => window.watchkeeper && window.watchkeeper.state.ready, null, { timeout: 90000 });
    expect(await page.locator('#login').isHidden()).toBe(true);
    expect(await page.locator('#user-name').textContent()).toContain(user);
  };

  const logout = async () => {
    await Promise.all([page.waitForEvent('load', { timeout: 60000 }), page.click('#logout')]);
    await page.locator('#login').waitFor({ state: 'visible', timeout: 60000 });
  };

  /** What the signed-in user's page holds and what the API answers it for the incident. */
  const seen = async (id) => page.evaluate(async (iid) => ({
    inList: window.watchkeeper.state.incidents.some((x) => x.id === iid),
    listed: [...document.querySelectorAll('#incident-list li')].some((li) => li.dataset.id === iid),
    status: (await fetch(`api/incidents/${encodeURIComponent(iid)}`)).status,
  }), id);

  it('a host analyst reports an incident on the map, sees who was there, and shares it', async () => {
    const lat = Number(env('WK_LAT'));
    const lon = Number(env('WK_LON'));
    await login(account('WK_ANALYST'));
    await jumpTo(page, { center: [lon, lat], zoom: 12 });
    await idle();
    await page.click('.tabs button[data-tab="incidents"]');
    await page.click('#incident-report');
    const box = await page.locator('#map canvas').boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await page.locator('#incident-form').isVisible()).toBe(true);
    expect(Number(await page.inputValue('#incident-lat'))).toBeCloseTo(lat, 2);
    expect(Number(await page.inputValue('#incident-lon'))).toBeCloseTo(lon, 2);
    await page.fill('#incident-date', env('WK_TIME').slice(0, 10));
    await page.fill('#incident-time', env('WK_TIME').slice(11, 16));
    await page.selectOption('#incident-type', 'suspicious_approach');
    await page.click('#incident-save');
    await page.waitForFunction(() => document.querySelector('#incident-panel .incident-title'), null, { timeout: 20000 });
    const created = await page.evaluate(() => window.watchkeeper.state.incident);
    expect(created.id).toMatch(/^inc-/);
    expect(created.tlp).toBe('AMBER');
    expect(created.owner_org).toBe('host');
    expect(created.time).toBe(`${env('WK_TIME')}:00Z`);
    result.id = created.id;
    result.lat = created.lat;
    result.lon = created.lon;

    // Who was there: the panel lists the vessels the server finds within 10 km and ±6 h, a known one among them.
    await page.click('#nearby-load');
    await page.waitForFunction(() => document.querySelectorAll('#nearby-list li').length > 0, null, { timeout: 30000 });
    const listed = await page.evaluate(() => [...document.querySelectorAll('#nearby-list li')].map((li) => li.textContent));
    const api = await page.evaluate(async (iid) => (await fetch(`api/incidents/${iid}/nearby?radius_km=10&hours=6`)).json(), created.id);
    expect(api.count).toBeGreaterThan(0);
    expect(listed.length).toBe(api.vessels.length);
    const mmsis = api.vessels.map((v) => v.mmsi);
    expect(mmsis).toContain(env('WK_NEAR_MMSI'));
    for (const m of mmsis) expect(listed.some((t) => t.includes(m))).toBe(true);
    // an approach on the leg between two fixes says so, one at a fix does not
    api.vessels.forEach((v, k) => expect(listed[k].includes('on the leg between fixes at')).toBe(v.interpolated === true));
    const highlighted = await page.evaluate(() => window.watchkeeper.state.highlighted);
    expect(highlighted).toEqual(expect.arrayContaining(mmsis));
    expect(await page.locator('#nearby-summary').textContent()).toMatch(new RegExp(`${api.count} vessel\\(s\\) within 10 km`));
    result.nearby = mmsis;
    await idle();
    await page.screenshot({ path: join(out, 'incident-who-was-there.png') });

    await page.click('#incident-share');
    await page.selectOption('#share-tlp', 'AMBER');
    await page.fill('#share-orgs', env('WK_SHARE_ORGS'));
    await page.click('#share-submit');
    await page.waitForFunction(() => /Shared as TLP:AMBER/.test(document.getElementById('incident-message').textContent), null, { timeout: 20000 });
    const shared = await page.evaluate(() => window.watchkeeper.state.incident);
    expect(shared.shared_with).toEqual(env('WK_SHARE_ORGS').split(',').map((s) => s.trim()));
    expect(await page.locator('.incident-tlp').textContent()).toBe('TLP:AMBER');
    await page.screenshot({ path: join(out, 'incident-shared.png') });

    // A report known only to its date with the local time it gives (as IMB's "1430 LT" rows), opened in
    // the form and saved with only its narrative changed: the server keeps it date-only, its local time too.
    const day = env('WK_TIME').slice(0, 10);
    const dated = await page.evaluate(async (b) => {
      const r = await fetch('api/incidents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
      return { status: r.status, body: await r.json() };
    }, { time: day, local_time: '14:30', lat, lon, type: 'boarding', narrative: `${day}: 1430 LT: boarded at anchor.` });
    expect(dated.status).toBe(201);
    expect(dated.body).toMatchObject({ time: `${day}T00:00:00Z`, date_only: true, local_time: '14:30' });
    await page.evaluate((iid) => window.watchkeeper.selectIncident(iid), dated.body.id);
    await page.waitForFunction((iid) => window.watchkeeper.state.incident?.id === iid, dated.body.id, { timeout: 20000 });
    await page.click('#incident-edit');
    expect(await page.inputValue('#incident-date')).toBe(day);
    expect(await page.inputValue('#incident-time')).toBe('');
    expect(await page.inputValue('#incident-local-time')).toBe('14:30');
    expect(await page.locator('#incident-when').textContent()).toMatch(new RegExp(`^Date only: ${day}, local time 14:30`));
    const narrative = `${day}: 1430 LT: two robbers boarded at anchor and escaped when the alarm was raised.`;
    await page.fill('#incident-form textarea[name="narrative"]', narrative);
    await page.click('#incident-save');
    await page.waitForFunction((iid) => document.getElementById('incident-message').textContent === `Saved ${iid}.`, dated.body.id,
      { timeout: 20000 });
    const kept = await page.evaluate(async (iid) => (await fetch(`api/incidents/${iid}`)).json(), dated.body.id);
    expect(kept).toMatchObject({ time: `${day}T00:00:00Z`, date_only: true, local_time: '14:30', narrative, type: 'boarding' });
    result.dateOnly = { id: dated.body.id, day, narrative };
    await logout();
  });

  it('the partner it is shared with, whose policy grants incidents there, sees it and who was there', async () => {
    expect(result.id).toBeTruthy();
    await login(account('WK_PARTNER_IN'));
    const s = await seen(result.id);
    expect(s).toEqual({ inList: true, listed: true, status: 200 });
    await page.click('.tabs button[data-tab="incidents"]');
    await page.click(`#incident-list li[data-id="${result.id}"]`);
    await page.waitForFunction((iid) => window.watchkeeper.state.incident && window.watchkeeper.state.incident.id === iid,
      result.id, { timeout: 20000 });
    expect(await page.locator('.incident-tlp').textContent()).toBe('TLP:AMBER');
    // Only the owning organisation's analysts share it further.
    expect(await page.locator('#incident-share').isHidden()).toBe(true);
    expect(await page.locator('#incident-report').isDisabled()).toBe(true);
    await page.click('#nearby-load');
    await page.waitForFunction(() => document.querySelectorAll('#nearby-list li').length > 0, null, { timeout: 30000 });
    const partnerNear = await page.evaluate(() => window.watchkeeper.state.highlighted);
    expect(partnerNear).toEqual(expect.arrayContaining([env('WK_NEAR_MMSI')]));
    await idle();
    await page.screenshot({ path: join(out, 'incident-partner-sees.png') });
    result.partnerIn = s;

    // The owner shares it with fewer while the partner's map is open: the live stream withdraws it
    // from the partner's map and list at once, and the panel says why; shared again, it comes back.
    const owner = account('WK_ANALYST');
    const signIn = await fetch(`${base}api/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: owner.user, password: owner.password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie').split(';')[0];
    const share = async (orgs) => {
      const r = await fetch(`${base}api/incidents/${encodeURIComponent(result.id)}/share`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify({ shared_with: orgs }),
      });
      expect(r.status).toBe(200);
    };
    const orgs = env('WK_SHARE_ORGS').split(',').map((x) => x.trim());
    const partnerOrg = await page.evaluate(async () => (await (await fetch('api/me')).json()).org);
    expect(orgs).toContain(partnerOrg);
    await share(orgs.filter((o) => o !== partnerOrg));
    await page.waitForFunction((iid) => !window.watchkeeper.state.incidents.some((x) => x.id === iid), result.id,
      { timeout: 20000 });
    expect(await page.locator(`#incident-list li[data-id="${result.id}"]`).count()).toBe(0);
    expect(await page.locator('#incident-message').textContent()).toBe('This incident is no longer shared with you.');
    expect(await page.locator('.incident-tlp').count()).toBe(0);
    await share(orgs);
    await page.waitForFunction((iid) => window.watchkeeper.state.incidents.some((x) => x.id === iid), result.id,
      { timeout: 20000 });
    await logout();
  });

  it('a partner it is shared with but whose policy area excludes the place does not see it', async () => {
    await login(account('WK_PARTNER_OUTSIDE'));
    const s = await seen(result.id);
    expect(s).toEqual({ inList: false, listed: false, status: 404 });
    result.partnerOutside = s;
    await logout();
  });

  it('a partner whose policy grants incidents but that the AMBER report is not shared with does not see it', async () => {
    await login(account('WK_PARTNER_UNSHARED'));
    const s = await seen(result.id);
    expect(s).toEqual({ inList: false, listed: false, status: 404 });
    await page.screenshot({ path: join(out, 'incident-unshared-partner.png') });
    result.partnerUnshared = s;
  });
});
