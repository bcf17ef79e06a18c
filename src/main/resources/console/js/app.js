// The console's shell: sign-in, navigation by the URL fragment, and one place that shows the API's
// errors. Each view is a function (context, ...route arguments) -> Promise<Node>.
import { Api, ApiError } from './api.js';
import * as session from './session.js';
import { partnersView } from './views/partners.js';
import { partnerView } from './views/partner.js';
import { contactPointsView } from './views/contact-points.js';
import { contactPointView } from './views/contact-point.js';
import { expiryView } from './views/expiry.js';
import { quarantineView, quarantineEntryView } from './views/quarantine.js';
import { deadLettersView } from './views/dead-letters.js';
import { traceView } from './views/trace.js';
import { auditView } from './views/audit.js';

const api = new Api(session.token);
const $ = id => document.getElementById(id);
let user = null;
let rendering = 0;

/** [first path segment, number of further segments] -> view. */
const ROUTES = {
  'partners/0': partnersView,
  'partners/1': partnerView,
  'contact-points/0': contactPointsView,
  'contact-points/1': contactPointView,
  'expiry/0': expiryView,
  'quarantine/0': quarantineView,
  'quarantine/1': quarantineEntryView,
  'dead-letters/0': deadLettersView,
  'trace/0': traceView,
  'trace/1': traceView,
  'audit/0': auditView,
};

/** admin or auditor, however the API spells it. */
function role() {
  return String(user?.role ?? '').toLowerCase();
}

function segments() {
  const fragment = location.hash.replace(/^#\/?/, '');
  return fragment === '' ? [] : fragment.split('/').map(decodeURIComponent);
}

function context() {
  return {
    api,
    user,
    // Auditors read only: the views do not even build the buttons that write.
    canWrite: role() === 'admin',
    /** Runs a write; on success shows its message and renders the view again, else shows the error. */
    async act(button, action) {
      button.disabled = true;
      clearMessages();
      try {
        const message = await action();
        await render();
        if (message) {
          showFlash(message);
        }
      } catch (e) {
        handle(e);
      } finally {
        button.disabled = false;
      }
    },
    /** Shows an error without giving up the page (a 401 still signs out). */
    fail(error) {
      handle(error);
    },
    go(...parts) {
      location.hash = '#/' + parts.map(encodeURIComponent).join('/');
    },
  };
}

async function render() {
  const ticket = ++rendering;
  const [first = 'partners', ...rest] = segments();
  const view = ROUTES[first + '/' + rest.length];
  const target = $('view');
  target.setAttribute('aria-busy', 'true');
  markNavigation(first);
  try {
    const node = view ? await view(context(), ...rest) : notFound();
    if (ticket === rendering) {
      target.replaceChildren(node);
    }
  } catch (e) {
    if (ticket === rendering) {
      target.replaceChildren();
      handle(e);
    }
  } finally {
    if (ticket === rendering) {
      target.setAttribute('aria-busy', 'false');
    }
  }
}

function notFound() {
  const p = document.createElement('p');
  p.textContent = 'There is no such page in the console.';
  return p;
}

function markNavigation(current) {
  for (const a of $('nav').querySelectorAll('a')) {
    a.classList.toggle('current', a.getAttribute('href') === '#/' + current);
  }
}

function handle(error) {
  if (error instanceof ApiError && error.status === 401) {
    // The token was revoked or mistyped: nothing more can be read with it.
    signOut();
  }
  showError(error);
}

function showError(error) {
  const box = $('error');
  const code = error instanceof ApiError ? error.code : 'CONSOLE_ERROR';
  const strong = document.createElement('strong');
  strong.className = 'code';
  strong.textContent = code;
  const message = document.createElement('span');
  message.className = 'message';
  message.textContent = error.message;
  box.replaceChildren(strong, ' ', message);
  box.hidden = false;
}

function showFlash(text) {
  $('flash').textContent = text;
  $('flash').hidden = false;
}

function clearMessages() {
  $('error').hidden = true;
  $('error').replaceChildren();
  $('flash').hidden = true;
  $('flash').textContent = '';
}

function showLogin() {
  user = null;
  $('nav').hidden = true;
  $('who').hidden = true;
  $('logout').hidden = true;
  $('view').hidden = true;
  $('view').replaceChildren();
  $('login').hidden = false;
  $('token').value = '';
  $('token').focus();
}

function signOut() {
  session.forget();
  showLogin();
}

async function signIn() {
  user = await api.get('session');
  $('login').hidden = true;
  $('who').textContent = user.name + ' (' + role() + ')';
  $('who').hidden = false;
  $('logout').hidden = false;
  $('nav').hidden = false;
  $('view').hidden = false;
  document.body.dataset.role = role();
  await render();
}

async function start() {
  $('login-form').addEventListener('submit', async event => {
    event.preventDefault();
    clearMessages();
    session.remember($('token').value.trim());
    try {
      await signIn();
    } catch (e) {
      handle(e);
    }
  });
  $('logout').addEventListener('click', () => {
    clearMessages();
    signOut();
  });
  window.addEventListener('hashchange', () => {
    if (user) {
      clearMessages();
      render();
    }
  });
  if (!session.token()) {
    showLogin();
    return;
  }
  try {
    await signIn();
  } catch (e) {
    handle(e);
    if (!user) {
      showLogin();
    }
  }
}

start();
