// `npm start`: builds the web app when it is missing or older than its sources (`npm ci` built it
// already, see scripts/prepare.mjs), then runs the
// server (its build in server/dist, made again when a server source changed). Arguments after `--` go to the server (--demo, --no-demo).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServerIfStale, serverBundle } from './server-build.mjs';
import { buildWebIfStale, canBuildWeb, root, webBuildIsFresh } from './web-build.mjs';

// Normally built already by `npm ci` (the `prepare` script); rebuilt here after the sources changed.
if (!webBuildIsFresh()) {
  if (canBuildWeb()) {
    const status = buildWebIfStale();
    if (status !== 0) process.exit(status);
  } else {
    console.log('[homeward] web/dist is missing or older than its sources, and vite is not installed to rebuild it (`npm ci` installs it); serving it as it is.');
  }
}

// The server runs in this same process: one process to stop, and nothing left behind when it is
// killed. Its build (scripts/server-build.mjs) when it can, otherwise TypeScript through tsx's loader.
if (await buildServerIfStale()) {
  process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources
  await import(pathToFileURL(serverBundle).href);
} else {
  await import('tsx');
  await import(pathToFileURL(path.join(root, 'server', 'main.ts')).href);
}
