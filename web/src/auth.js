// Login for the web UI: asks GET api/session who is signed in (answered 200 either way, so a page
// opened before a login makes no error answer); when nobody is, shows the login form (user name and
// password, or an API token such as the admin token `demo` prints) and POSTs api/login, which sets the
// HttpOnly session cookie that every later call and the live stream's EventSource send by themselves.
import { json } from './api.js';

const $ = (id) => document.getElementById(id);
const post = (path, body) => json(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** The signed-in caller ({user, org, role, host, anonymous, policy?}), once known. */
export const auth = { me: null };

/**
 * Shows the login form; resolves to the caller once a login succeeds. With `cancellable` (the anonymous
 * reader's "Log in") the form has a Cancel button, which hides it and resolves to null.
 */
function showForm(cancellable = false) {
  $('login').hidden = false;
  $('login-cancel').hidden = !cancellable;
  $('login-user').focus();
  return new Promise((resolve) => {
    $('login-cancel').onclick = () => {
      $('login').hidden = true;
      $('login-message').textContent = '';
      resolve(null);
    };
    $('login-form').onsubmit = async (ev) => {
      ev.preventDefault();
      const token = $('login-token').value.trim();
      const body = token ? { token } : { user: $('login-user').value.trim(), password: $('login-password').value };
      $('login-message').textContent = '';
      try {
        const me = await post('api/login', body);
        $('login-password').value = '';
        $('login-token').value = '';
        $('login').hidden = true;
        resolve(me);
      } catch (e) {
        $('login-message').textContent = e.message.replace(/^401: /, '');
      }
    };
  });
}

function renderUser() {
  const me = auth.me;
  $('user').hidden = !me;
  if (!me) return;
  $('user-name').textContent = me.anonymous ? 'public data' : `${me.user} · ${me.org_name || me.org} · ${me.role}`;
  $('logout').textContent = me.anonymous ? 'Log in' : 'Log out';
}

/**
 * Resolves to the caller, showing the login form first when nobody is signed in (and saying so when
 * the session the browser held was refused: expired or revoked). The anonymous reader of published
 * data is a caller. Rejects when the server cannot say (an error answer, no answer): a real error.
 */
export async function ensureLogin() {
  const s = await json('api/session');
  if (s && s.user) {
    auth.me = s;
  } else {
    if (s && s.refused) $('login-message').textContent = `Your session ended (${s.reason}); log in again.`;
    auth.me = await showForm();
  }
  renderUser();
  return auth.me;
}

// "Log out" ends the session; the anonymous reader's "Log in" opens the form (a reload alone would open the
// page as the anonymous reader again) and starts afresh once signed in.
$('logout').addEventListener('click', async () => {
  if (auth.me.anonymous) {
    if (await showForm(true)) window.location.reload();
    return;
  }
  await post('api/logout', {}).catch(() => {});
  window.location.reload();
});

// A session that ended while the page was open: log in again, then start afresh.
let asking = false;
window.addEventListener('watchkeeper:unauthorized', async () => {
  if (asking || !auth.me) return;
  asking = true;
  $('login-message').textContent = 'Your session ended; log in again.';
  await showForm();
  window.location.reload();
});
