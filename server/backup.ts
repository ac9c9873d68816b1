import path from 'node:path';
import { runBackupCommand } from './platform/backup-file.js';
import { backupKey, scheduledName, writeBackup } from './platform/backup.js';
import { loadConfig } from './platform/config.js';
import { ownerTarget } from './platform/owner-target.js';

const HELP = `npm run backup [-- --out FILE]

Writes a consistent, compressed and encrypted backup of Homeward's database to FILE (default
<data directory>/backups/homeward-<time>.hwbackup) and its SHA-256 to FILE.sha256. Works while
Homeward runs. The database is found as npm start finds it (DATABASE_URL, or the embedded one of
HOMEWARD_DATA_DIR). The key: HOMEWARD_BACKUP_KEY if set, else the secret key (HOMEWARD_SECRET_KEY
or the data directory's secrets.json). Keep that key apart from the backups: without it they
cannot be restored.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const at = args.indexOf('--out');
  const out = at >= 0 ? args[at + 1] : undefined;
  if ((at >= 0 && !out) || args.some((a, i) => a !== '--out' && i !== at + 1)) {
    console.error(HELP);
    return 2;
  }
  const config = loadConfig();
  const target = await ownerTarget(config);
  try {
    const { material, source } = backupKey({ backupKey: config.backupKey, secretKey: target.secretKey });
    const file = path.resolve(out ?? path.join(config.dataDir, 'backups', scheduledName(new Date())));
    const started = Date.now();
    const result = await writeBackup(target.url, file, material, source);
    console.log(`backup written: ${result.file} (${result.bytes} bytes, ${result.tables} tables, ${result.rows} rows, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log(`sha256 ${result.sha256} in ${result.file}.sha256; encrypted with ${source === 'backup-key' ? 'HOMEWARD_BACKUP_KEY' : 'the secret key'}`);
    return 0;
  } finally {
    await target.stop();
  }
}

runBackupCommand('backup', main);
