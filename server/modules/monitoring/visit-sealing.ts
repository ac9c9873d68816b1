import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db.js';
import { openIfSealed, sealColumnValues, sealNullableFor } from '../../platform/person-keys.js';

/**
 * A visit's sensitive notes are stored sealed for the returnee visited (a visit is of the case's
 * household: its principal applicant), `platform/person-keys.ts`, migration 0066: erasing that
 * person destroys the key. Notes written before, or by a legacy import (set-based SQL cannot call
 * the cipher), are read in clear until the job `platform.seal-clear-values` seals them.
 */
export const sealVisitNotes = (ex: Executor, personId: string, notes: string | null | undefined) => sealNullableFor(ex, personId, notes || null);

/** A stored visit with its sensitive notes opened (the erased marker once the key is destroyed). */
export async function openVisitRow<T extends { sensitive_notes: string | null }>(ex: Executor, v: T): Promise<T> {
  return { ...v, sensitive_notes: await openIfSealed(ex, v.sensitive_notes) };
}

/** Seals the sensitive notes stored in clear, for the background job. Answers how many it sealed. */
export const sealClearVisitNotes = (db: Db) =>
  sealColumnValues(db, {
    table: 'monitoring_visit', column: 'sensitive_notes', from: 'clear',
    person: sql<string>`(SELECT c.principal_person_id FROM return_case c WHERE c.id = t.case_id)`,
  });
