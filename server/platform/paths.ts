import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout's root (the folder of Homeward's package.json), found from this file wherever it
 * runs from: server/platform/ (through tsx) or the server's build in server/dist/. Files Homeward
 * reads at run time (migrations, translations) are named from it, not from the calling file.
 */
export const repoRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'server', 'db', 'migrations'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Homeward cannot find its own folder (package.json and server/db/migrations).');
    dir = parent;
  }
  return dir;
})();
