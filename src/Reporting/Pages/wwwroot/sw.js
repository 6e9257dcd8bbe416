// Keeps a copy of the pages' files so that a field worker can open the page again without a connection. Files are
// fetched from the network first (a new version is seen at once) and from the copy only when that fails. Calls to
// the service (/api/… outside /api/app/) are never answered from here.

const CACHE = 'reporting-pages-v1';
const FILES = ['./', 'index.html', 'style.css', 'app.js', 'api.js', 'dom.js', 'i18n.js', 'outbox.js', 'forms.js', 'records.js',
  'reports.js', 'fieldworker.js', 'coordinator.js', 'funder.js', 'icon.svg'];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k !== CACHE).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/api/app/')) return;
  event.respondWith(fetch(event.request)
    .then(response => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then(cache => cache.put(event.request, copy));
      }
      return response;
    })
    .catch(() => caches.match(event.request, { ignoreSearch: true })));
});
