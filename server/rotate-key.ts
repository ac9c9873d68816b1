import { loadConfig } from './platform/config.js';
import { FieldCipher } from './platform/crypto.js';
import { createDb } from './platform/db.js';
import { ownerTarget } from './platform/owner-target.js';
import { rotateMasterKey, usePersonKeyMaster, type MasterKeyColumn } from './platform/person-keys.js';
import type { Executor } from './platform/db.js';
import { reindexDocumentNumbers } from './modules/cases/index.js';

/** Every column encrypted with the master key alone, whichever module writes it. */
export const MASTER_KEY_COLUMNS: readonly MasterKeyColumn[] = [
  { table: 'app_user', id: 'id', column: 'totp_secret' },
  { table: 'travel_document', id: 'id', column: 'number_encrypted' },
  { table: 'service_provider', id: 'id', column: 'payment_encrypted' },
  { table: 'user_session', id: 'id', column: 'oidc_id_token' },
];

/**
 * The whole rotation, in the caller's transaction: `rotateMasterKey` over `MASTER_KEY_COLUMNS`, then
 * the blind indexes that depend on the master key (identity document numbers) are computed again
 * under the new key, which the person keys are then wrapped with (it becomes the one in use). Person
 * keys and documents are read a batch at a time (`batchSize`, 5,000 unless told) in the same transaction.
 */
export async function rotateKeys(ex: Executor, from: FieldCipher, to: FieldCipher, opts: { batchSize?: number } = {}) {
  const done = await rotateMasterKey(ex, from, to, MASTER_KEY_COLUMNS, opts);
  usePersonKeyMaster(to);
  return { ...done, documentNumberIndexes: await reindexDocumentNumbers(ex, opts) };
}

/**
 * `npm run key:rotate`: replaces the master key. Homeward stopped, run it with the new key in
 * HOMEWARD_SECRET_KEY and the old one in HOMEWARD_PREVIOUS_SECRET_KEY; in one transaction it
 * re-wraps every person's data key, encrypts the TOTP secrets, document numbers and payment
 * details again under the new key, and recomputes the blind index of identity document numbers. Then start Homeward with the new key alone (see
 * docs/data-protection.md). Run again, it changes nothing.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.secretKey || !config.previousSecretKey) {
    console.error('key:rotate: set HOMEWARD_SECRET_KEY to the new key and HOMEWARD_PREVIOUS_SECRET_KEY to the key in use.');
    return 2;
  }
  const from = new FieldCipher(config.previousSecretKey);
  const to = new FieldCipher(config.secretKey);
  const target = await ownerTarget(config);
  const db = createDb(target.url, 1);
  try {
    const done = await db.transaction().execute((trx) => rotateKeys(trx, from, to));
    console.log(`master key rotated: ${done.personKeys} person keys re-wrapped, ${done.values} values encrypted again, ${done.documentNumberIndexes} document number indexes recomputed`);
    return 0;
  } finally {
    await db.destroy();
    await target.stop();
  }
}

// Exit explicitly: the embedded PostgreSQL package's exit hook would otherwise end with 0.
if (process.argv[1]?.endsWith('rotate-key.ts')) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`key:rotate: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
