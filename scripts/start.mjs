// `npm start`: builds the web app when it is missing or older than its sources (`npm ci` built it
// already, see scripts/prepare.mjs), then runs the
// server (TypeScript through tsx). Arguments after `--` go to the server (--demo, --no-demo).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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

// The server runs in this same process (TypeScript through tsx's loader): one process to stop,
// and nothing left behind when it is killed.
await import('tsx');
await import(pathToFileURL(path.join(root, 'server', 'main.ts')).href);
