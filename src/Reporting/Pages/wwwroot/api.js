// Calls to the service. Locally the caller types an API key once; it is kept in sessionStorage (see README:
// a key is a bearer secret, and field laptops are shared, so it goes when the tab closes). Behind App Service
// authentication the platform's sign-in cookie goes with every same-origin call and no key is needed.

import { language } from './i18n.js';

const KEY = 'reporting.apiKey';
const ME = 'reporting.me';

export function storedKey() {
  return sessionStorage.getItem(KEY);
}

export function keepKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function forget() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ME);
}

/** A call to the service with the caller's key (if any); throws only when the network is down. */
export function call(path, { method = 'GET', body, headers = {} } = {}) {
  // The service words its refusals in the page's language.
  const sent = { Accept: 'application/json', 'Accept-Language': language(), ...headers };
  const key = storedKey();
  if (key) sent['X-Api-Key'] = key;
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  return fetch(path, {
    method,
    headers: sent,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
}

/** A call whose answer is read as JSON (problem+json too): { response, data }. */
export async function callJson(path, options) {
  const response = await call(path, options);
  const type = response.headers.get('Content-Type') ?? '';
  const data = type.includes('json') ? await response.json() : null;
  return { response, data };
}

/**
 * Who the caller is (GET /api/me): { role, programmes, workerCode, signIn }. Remembered for the tab, so that a
 * field worker's page opened again without a connection still knows whose it is.
 * Answers { me } or { status } (401, 403, 0 for no connection).
 */
export async function whoAmI() {
  try {
    const { response, data } = await callJson('/api/me');
    if (response.ok) {
      sessionStorage.setItem(ME, JSON.stringify(data));
      return { me: data };
    }
    return { status: response.status };
  } catch {
    const kept = sessionStorage.getItem(ME);
    return kept ? { me: JSON.parse(kept), offline: true } : { status: 0 };
  }
}

/** The file name of a Content-Disposition header (filename* first). */
function fileName(disposition, fallback) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain ? plain[1] : fallback;
}

/** Downloads a file that needs the caller's key: fetched, then saved under the name the service gives it. */
export async function download(path, fallbackName) {
  const response = await call(path, { headers: { Accept: '*/*' } });
  if (!response.ok) {
    const type = response.headers.get('Content-Type') ?? '';
    const problem = type.includes('json') ? await response.json() : null;
    throw new Error(problem?.detail ?? `HTTP ${response.status}`);
  }
  const name = fileName(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** Reference data (GET /api/reference), kept in localStorage so that the forms still draw without a connection. */
export async function reference() {
  const kept = 'reporting.reference';
  try {
    const { response, data } = await callJson('/api/reference');
    if (response.ok) {
      localStorage.setItem(kept, JSON.stringify(data));
      return data;
    }
  } catch {
    // No connection: the copy from the last visit below.
  }
  const copy = localStorage.getItem(kept);
  return copy ? JSON.parse(copy) : null;
}
