import type { Tx } from '../../platform/db.js';

/** Whether every component of a version is delivered or cancelled. */
export async function allDone(trx: Tx, versionId: string) {
  const open = await trx.selectFrom('reintegration_component').select('id').where('version_id', '=', versionId).where('status', 'in', ['planned', 'in_progress']).executeTakeFirst();
  return !open;
}
