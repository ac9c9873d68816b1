// The server's build: server/main.ts and everything it imports, in one JavaScript file
// (server/dist/main.mjs, packages left in node_modules), made by esbuild (which tsx brings).
// Node.js loads it in about a second; through tsx's loader, file by file, the same start took
// several. Built at install (`prepare`) and again by `npm start` when a server source changed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { root } from './web-build.mjs';

export const serverBundle = path.join(root, 'server', 'dist', 'main.mjs');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Whether server/dist/main.mjs is at least as new as the server's and the shared sources and the lock file. */
export function serverBuildIsFresh() {
  if (!existsSync(serverBundle)) return false;
  const lock = path.join(root, 'package-lock.json');
  const sources = Math.max(newest(path.join(root, 'server')), newest(path.join(root, 'shared')), existsSync(lock) ? statSync(lock).mtimeMs : 0);
  return statSync(serverBundle).mtimeMs >= sources;
}

/** Builds server/dist/main.mjs unless it is fresh; false when it cannot (then the server runs through tsx). */
export async function buildServerIfStale() {
  if (serverBuildIsFresh()) return true;
  try {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [path.join(root, 'server', 'main.ts')],
      outfile: serverBundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'error',
    });
    return true;
  } catch (err) {
    console.log(`[homeward] The server could not be built (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); running it through tsx.`);
    return false;
  }
}
