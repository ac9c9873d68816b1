// The web app's build (web/dist), shared by `npm ci`/`npm install` (the `prepare` script),
// `npm start` and the browser journeys: built when missing or older than its sources, otherwise
// left as it is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'web', 'dist', 'index.html');
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

/** Whether web/dist is at least as new as the web app's sources, the shared code and the build's configuration. */
export function webBuildIsFresh() {
  if (!existsSync(dist)) return false;
  const sources = Math.max(
    newest(path.join(root, 'web')),
    newest(path.join(root, 'shared')),
    mtime(path.join(root, 'vite.config.ts')),
    mtime(path.join(root, 'package-lock.json')),
  );
  return statSync(dist).mtimeMs >= sources;
}

/** Whether the build tools are installed (not in an install without devDependencies). */
export const canBuildWeb = () => existsSync(vite);

/** Builds web/dist unless it is fresh; returns the exit status (0: fresh or built). */
export function buildWebIfStale(say = (m) => console.log(`[homeward] ${m}`)) {
  if (webBuildIsFresh()) return 0;
  say('Building the web app');
  const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
  return build.status ?? 1;
}
