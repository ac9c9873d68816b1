import type { Clock } from '../../platform/actor.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';

export interface DemoResult {
  signIns: { role: string; email: string; password: string }[];
}

/** Placeholder replaced by the demo data generator. */
export async function loadDemoData(_deps: { db: Db; clock: Clock; cipher: FieldCipher }, _log: (m: string) => void): Promise<DemoResult> {
  throw new Error('demo data not written yet');
}
