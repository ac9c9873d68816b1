// `npm start`: builds the web app when it is missing or older than its sources, then runs the
// server (TypeScript through tsx). Arguments after `--` go to the server (--demo, --no-demo).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'web', 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(path.join(root, 'web')), newest(path.join(root, 'shared')), statSync(path.join(root, 'vite.config.ts')).mtimeMs);
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  console.log('[homeward] Building the web app');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The server runs in this same process (TypeScript through tsx's loader): one process to stop,
// and nothing left behind when it is killed.
await import('tsx');
await import(pathToFileURL(path.join(root, 'server', 'main.ts')).href);
