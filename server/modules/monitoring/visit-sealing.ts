import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db.js';
import { ERASED_VALUE, openIfSealed, openManySealed, sealColumnValues, sealNullableFor } from '../../platform/person-keys.js';

/**
 * A visit's sensitive notes are stored sealed for the returnee visited (a visit is of the case's
 * household: its principal applicant), `platform/person-keys.ts`, migration 0066: erasing that
 * person destroys the key. Notes written before are read in clear until the job
 * `platform.seal-clear-values` seals them; a legacy import seals the notes of each batch it writes
 * (`import-visits.ts`).
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

/**
 * Of the visits given with the notes a legacy file has for them, those whose stored notes, sealed,
 * are the same once opened (all opened together: one read of their persons' keys): the import's
 * classification counts them unchanged although SQL cannot compare the sealed column.
 */
export async function sameSealedVisitNotes(ex: Executor, given: readonly { id: string; notes: string | null }[]): Promise<string[]> {
  if (!given.length) return [];
  const stored = await ex.selectFrom('monitoring_visit').select(['id', 'sensitive_notes']).where('id', 'in', given.map((g) => g.id))
    .where('sensitive_notes', 'is not', null).execute();
  const opened = await openManySealed(ex, stored.map((v) => v.sensitive_notes));
  const wanted = new Map(given.map((g) => [g.id, g.notes]));
  return stored.filter((v, i) => opened[i] !== ERASED_VALUE && opened[i] === wanted.get(v.id)).map((v) => v.id);
}
