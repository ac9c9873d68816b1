import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db.js';
import { openIfSealed, sealColumnValues, sealNullableFor } from '../../platform/person-keys.js';

/**
 * A special measure's notes are stored sealed for the measure's person (`platform/person-keys.ts`,
 * migration 0066), whose key erasure destroys; notes written before are read in clear until the
 * job `platform.seal-clear-values` seals them.
 */
export const sealMeasureNotes = (ex: Executor, personId: string, notes: string | null | undefined) => sealNullableFor(ex, personId, notes || null);

/** A stored measure with its notes opened (the erased marker once the key is destroyed). */
export async function openMeasureRow<T extends { notes: string | null }>(ex: Executor, m: T): Promise<T> {
  return { ...m, notes: await openIfSealed(ex, m.notes) };
}

/** Audit values with the notes sealed for the measure's person, the rest as it is. */
export async function sealMeasureAuditValues<T extends { notes?: string | null }>(ex: Executor, personId: string, values: T): Promise<T> {
  return typeof values.notes === 'string' && values.notes ? { ...values, notes: await sealMeasureNotes(ex, personId, values.notes) } : values;
}

/** Seals the measure notes stored in clear (before migration 0066), for the background job. Answers how many it sealed. */
export const sealClearMeasureNotes = (db: Db) =>
  sealColumnValues(db, { table: 'special_measure', column: 'notes', from: 'clear', person: sql<string>`t.person_id` });
