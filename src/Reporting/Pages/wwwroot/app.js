// The start of every page: the language, who the caller is (the platform's sign-in, or an API key typed once),
// and the view of their role.

import { h, fill } from './dom.js';
import { t, setLanguage, language, LANGUAGES } from './i18n.js';
import { whoAmI, keepKey, forget, storedKey } from './api.js';
import { fieldWorkerView } from './fieldworker.js';
import { coordinatorView } from './coordinator.js';
import { funderView } from './funder.js';

const main = document.getElementById('main');
const who = document.getElementById('who');
const signOut = document.getElementById('sign-out');

function drawChrome() {
  document.documentElement.lang = language();
  document.title = t('title');
  document.getElementById('title').textContent = t('title');
  document.getElementById('skip').textContent = t('skip');
  document.getElementById('language-label').textContent = t('language');
  signOut.textContent = t('signOut');
  const select = document.getElementById('language');
  fill(select, LANGUAGES.map(l => h('option', { value: l, selected: l === language() }, t(`lang_${l}`))));
}

/**
 * Whether App Service authentication fronts the app: its /.auth/me answers (200 signed in, 401 not); elsewhere
 * the path does not exist (404).
 */
async function platformSignIn() {
  try {
    const response = await fetch('/.auth/me', { credentials: 'same-origin', cache: 'no-store' });
    return response.status !== 404;
  } catch {
    return false;
  }
}

function signInForm(problem, platform) {
  const input = h('input', { type: 'password', id: 'api-key', name: 'key', required: true, autocomplete: 'current-password', 'aria-describedby': 'key-hint' });
  const form = h('form', { className: 'sign-in' },
    h('h2', {}, t('signIn')),
    platform ? h('p', {}, h('a', { className: 'platform-sign-in', href: `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(location.pathname)}` }, t('platformSignIn'))) : null,
    h('p', { id: 'key-hint', className: 'hint' }, t('keyHint')),
    problem ? h('p', { className: 'notice', role: 'alert' }, problem) : null,
    h('div', { className: 'field' }, h('label', { for: 'api-key' }, t('apiKey')), input),
    h('button', { type: 'submit', className: 'primary' }, t('signInButton')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (!input.value.trim()) return;
    keepKey(input.value.trim());
    start();
  });
  fill(main, form);
  input.focus();
}

async function start() {
  drawChrome();
  fill(main, h('p', { className: 'loading' }, t('loading')));
  const { me, status, offline } = await whoAmI();
  if (!me) {
    who.textContent = '';
    signOut.hidden = true;
    if (status === 0) {
      fill(main, h('p', { className: 'notice', role: 'alert' }, t('offlineSignIn')));
      return;
    }
    const hadKey = storedKey() !== null;
    forget();
    signInForm(hadKey ? t(status === 401 ? 'keyRefused' : 'roleRefused') : null, !hadKey && await platformSignIn());
    return;
  }
  who.textContent = [t(`role_${me.role}`), me.programmes.join(', '), me.workerCode].filter(Boolean).join(' · ') + (offline ? ` · ${t('offline')}` : '');
  signOut.hidden = me.signIn !== 'key';
  document.body.dataset.role = me.role;
  const views = { fieldWorker: fieldWorkerView, coordinator: coordinatorView, funder: funderView };
  await views[me.role](main, me, language());
}

document.getElementById('language').addEventListener('change', event => {
  setLanguage(event.target.value);
  // Drawn again from the start: every label of the page and of the reference data in the new language.
  location.reload();
});
signOut.addEventListener('click', () => {
  forget();
  location.reload();
});

// The pages keep working without a connection once loaded: the service worker keeps a copy of these files.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js').catch(() => {});
}

start();
