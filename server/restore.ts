import { access } from 'node:fs/promises';
import path from 'node:path';
import { BackupError, readHeader, runBackupCommand, verifyChecksum } from './platform/backup-file.js';
import { backupKey, restoreBackup } from './platform/backup.js';
import { loadConfig } from './platform/config.js';
import { ownerTarget } from './platform/owner-target.js';
import { ALL_QUEUES } from './jobs.js';

const HELP = `npm run restore -- FILE [--force]

Restores a backup made by npm run backup into Homeward's database (DATABASE_URL, or the embedded
one of HOMEWARD_DATA_DIR, created if the data directory is new; Homeward must be stopped).
The whole file is checked first (its .sha256, the key, the authentication tag); nothing is
written before. The database must be empty; --force replaces everything in it.
The key: HOMEWARD_BACKUP_KEY if the backup was made with it, else the secret key of the Homeward
that made it (HOMEWARD_SECRET_KEY, or its data directory's secrets.json copied to this one).

Exit codes: 0 restored, 1 failure, 2 usage, 3 damaged or unreadable file, 4 wrong key,
5 backup from a newer Homeward, 6 target database not empty.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  if (files.length !== 1 || files[0]!.startsWith('-')) {
    console.error(HELP);
    return 2;
  }
  const file = path.resolve(files[0]!);
  // The file is checked before any database is touched (or an embedded one started).
  const { header } = await readHeader(file);
  await verifyChecksum(file);
  const config = loadConfig();
  const keyGiven = header.keySource === 'backup-key' ? config.backupKey : config.secretKey;
  if (!config.databaseUrl && !keyGiven && !(await access(path.join(config.dataDir, 'secrets.json')).then(() => true, () => false))) {
    // A new data directory would make a new secret key, which cannot open the backup.
    throw new BackupError('wrong-key', `No key for this backup: ${config.dataDir} has no secrets.json. Copy the secrets.json of the Homeward that made the backup into it (or set ${header.keySource === 'backup-key' ? 'HOMEWARD_BACKUP_KEY' : 'HOMEWARD_SECRET_KEY'}), then restore.`);
  }
  const target = await ownerTarget(config, { requireStopped: true, create: true });
  try {
    const { material } = backupKey({ backupKey: config.backupKey, secretKey: target.secretKey }, header.keySource);
    const started = Date.now();
    const result = await restoreBackup(target.url, file, material, { force, queues: ALL_QUEUES, log: (m) => !m.startsWith('Applied migration') && console.log(`[restore] ${m}`) });
    console.log(`restored: ${result.tables} tables, ${result.rows} rows from the backup of ${result.header.createdAt} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (result.newerMigrations.length) console.log(`${result.newerMigrations.length} newer migrations of this Homeward are applied at its next start.`);
    console.log('Check the audit trail with: npm run audit:verify');
    return 0;
  } finally {
    await target.stop();
  }
}

runBackupCommand('restore', main);
