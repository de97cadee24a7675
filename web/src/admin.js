// Admin tab (admins of the host organisation): organisations, users, API tokens, the sharing policy
// of each partner organisation (data classes, areas as GeoJSON polygons, delay) and the data classes
// published for anonymous reading.
import { json } from './api.js';
import { utcTime } from './watch.js';

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const send = (method, path, body) => json(path, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const CLASSES = ['positions', 'identities', 'events', 'incidents'];

function message(text, ok = false) {
  $('admin-message').textContent = text;
  $('admin-message').className = ok ? 'message ok' : 'message';
}

async function act(fn, done) {
  try {
    const r = await fn();
    if (done) message(done(r), true);
    await render();
  } catch (e) {
    message(e.message);
  }
}

let state = { orgs: [], users: [], tokens: [] };

async function render() {
  const [orgs, users, tokens, published] = await Promise.all([json('api/orgs'), json('api/users'), json('api/tokens'), json('api/published')]);
  state = { orgs: orgs.orgs, users: users.users, tokens: tokens.tokens };
  $('admin-orgs').innerHTML = state.orgs.map((o) => `<li>${esc(o.id)} — ${esc(o.name)}${o.host ? ' (host)' : ''}, ${o.users} user(s)
    ${o.users === 0 ? `<button type="button" data-del-org="${esc(o.id)}">delete</button>` : ''}</li>`).join('');
  $('admin-users').innerHTML = state.users.map((u) => `<li>${esc(u.name)} — ${esc(u.org)}, ${esc(u.role)}${u.disabled ? ', disabled' : ''}
    <button type="button" data-del-user="${esc(u.name)}">delete</button></li>`).join('');
  const live = state.tokens.filter((t) => !t.revoked && (!t.expires || Date.parse(t.expires) > Date.now()));
  $('admin-tokens').innerHTML = live.map((t) => `<li>${esc(t.id)} — ${esc(t.user)}, ${esc(t.kind)}${t.label ? `, ${esc(t.label)}` : ''}${t.expires ? `, until ${esc(utcTime(t.expires))}` : ''}
    <button type="button" data-revoke="${esc(t.id)}">revoke</button></li>`).join('');
  const orgOptions = (filter) => state.orgs.filter(filter).map((o) => `<option value="${esc(o.id)}">${esc(o.id)}</option>`).join('');
  $('admin-user-org').innerHTML = orgOptions(() => true);
  $('admin-token-user').innerHTML = state.users.map((u) => `<option>${esc(u.name)}</option>`).join('');
  const policyOrg = $('admin-policy-org').value;
  $('admin-policy-org').innerHTML = orgOptions((o) => !o.host);
  if (policyOrg && state.orgs.some((o) => o.id === policyOrg)) $('admin-policy-org').value = policyOrg;
  await loadPolicy();
  document.querySelectorAll('#admin-published input').forEach((c) => { c.checked = published.data_classes.includes(c.value); });
}

async function loadPolicy() {
  const org = $('admin-policy-org').value;
  $('admin-policy').hidden = !org;
  if (!org) return;
  const p = await json(`api/policies/${encodeURIComponent(org)}`);
  document.querySelectorAll('#admin-policy-classes input').forEach((c) => { c.checked = p.data_classes.includes(c.value); });
  $('admin-policy-areas').value = p.areas ? JSON.stringify(p.areas) : '';
  $('admin-policy-delay').value = p.delay_s || 0;
}

const checked = (sel) => [...document.querySelectorAll(`${sel} input:checked`)].map((c) => c.value);

/** Shows the Admin tab for admins of the host organisation. */
export function setupAdmin(me) {
  if (!(me && me.role === 'admin' && me.host)) return;
  $('admin-tab').hidden = false;
  const boxes = (id) => { $(id).innerHTML = CLASSES.map((c) => `<label><input type="checkbox" value="${c}"> ${c}</label>`).join(''); };
  boxes('admin-policy-classes');
  boxes('admin-published');
  $('admin-tab').addEventListener('click', () => render().catch((e) => message(e.message)));
  $('admin-org-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(() => send('POST', 'api/orgs', { id: $('admin-org-id').value.trim(), name: $('admin-org-name').value.trim(), host: $('admin-org-host').checked }),
      (o) => `Organisation ${o.id} created.`);
  });
  $('admin-user-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const password = $('admin-user-password').value;
    act(() => send('POST', 'api/users', { name: $('admin-user-name').value.trim(), org: $('admin-user-org').value, role: $('admin-user-role').value, password: password || null }),
      (u) => `User ${u.name} created.`);
    $('admin-user-password').value = '';
  });
  $('admin-token-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const days = Number($('admin-token-days').value);
    act(() => send('POST', 'api/tokens', { user: $('admin-token-user').value, label: $('admin-token-label').value, ...(days > 0 ? { ttl_s: Math.round(days * 86400) } : {}) }),
      (t) => { $('admin-token-new').textContent = t.token; $('admin-token-shown').hidden = false; return `Token ${t.id} for ${t.user}: copy it now, it is not shown again.`; });
  });
  $('admin-policy-org').addEventListener('change', () => loadPolicy().catch((e) => message(e.message)));
  $('admin-policy-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    let areas = null;
    const text = $('admin-policy-areas').value.trim();
    if (text) {
      try { areas = JSON.parse(text); } catch (e) { return message(`Areas: not JSON (${e.message})`); }
    }
    const org = $('admin-policy-org').value;
    return act(() => send('PUT', `api/policies/${encodeURIComponent(org)}`, { data_classes: checked('#admin-policy-classes'), areas, delay_s: Number($('admin-policy-delay').value) || 0 }),
      () => `Policy of ${org} saved.`);
  });
  $('admin-published-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(() => send('PUT', 'api/published', { data_classes: checked('#admin-published') }), (p) => `Published: ${p.data_classes.join(', ') || 'nothing'}.`);
  });
  document.getElementById('tab-admin').addEventListener('click', (ev) => {
    const b = ev.target.closest('button[data-del-org], button[data-del-user], button[data-revoke]');
    if (!b) return;
    if (b.dataset.delOrg) act(() => send('DELETE', `api/orgs/${encodeURIComponent(b.dataset.delOrg)}`), () => `Organisation ${b.dataset.delOrg} deleted.`);
    if (b.dataset.delUser) act(() => send('DELETE', `api/users/${encodeURIComponent(b.dataset.delUser)}`), () => `User ${b.dataset.delUser} deleted.`);
    if (b.dataset.revoke) act(() => send('DELETE', `api/tokens/${encodeURIComponent(b.dataset.revoke)}`), () => `Token ${b.dataset.revoke} revoked.`);
  });
}
