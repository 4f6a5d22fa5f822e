// Service worker: keeps a copy of the page so that it works offline after the first visit.
// Cache first, never the network when a copy exists. The build replaces VERSION with a hash of
// the files, so a new build installs a new cache and drops the old one.
'use strict';
const CACHE = 'nianbao-VERSION';
const FILES = ['./', 'index.html', 'report.css', 'style.css', 'app.js', 'nianbao-glue.js',
  'nianbao-wasm.js', 'nianbao-readers-glue.js', 'nianbao-readers-wasm.js', 'manifest.webmanifest',
  'icon.svg'];

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((k) => k.startsWith('nianbao-') && k !== CACHE)
      .map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin) return;
  e.respondWith(caches.open(CACHE)
    .then((c) => c.match(e.request, { ignoreSearch: true }))
    .then((hit) => hit || fetch(e.request)));
});
