/* global self, caches, Request, Response, __HOMEWARD_SHELL__ */
// Homeward's service worker: keeps the app shell (index.html, the built scripts and styles, the
// manifest and icons) so that the app opens without a connection, for offline monitoring visits.
// The build (vite.config.ts, `serviceWorker()`) writes it to /sw.js with the list of files of that
// build and its release id in place of the two placeholders below, so each release is a new
// worker that replaces the cache of the one before.
//
// Never cached: /api (personal data: answers are `no-store` and the offline store is the app's
// encrypted IndexedDB, not this cache). Pages are asked from the network first and the cached
// index.html is used only when the network fails, so a connected user always gets the latest page.
const RELEASE = '__HOMEWARD_RELEASE__';
const SHELL = __HOMEWARD_SHELL__;
const CACHE = `homeward-shell-${RELEASE}`;

/** A kept response as a fresh one: a navigation may not be answered with a response that followed a redirect. */
const plain = (response) => (response.redirected
  ? response.blob().then((body) => new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers }))
  : response);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('homeward-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname === '/sw.js') return;

  if (request.mode === 'navigate') {
    // The page: the network first (a new release at once), the kept shell when offline.
    event.respondWith(
      fetch(request).catch(() => caches.match('/', { cacheName: CACHE }).then((cached) => (cached ? plain(cached) : Response.error()))),
    );
    return;
  }
  // Scripts, styles, fonts, icons: named after their content (assets) or part of this release.
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((cached) => cached ?? fetch(request)),
  );
});
