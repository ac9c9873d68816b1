import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db.js';
import { openIfSealed, sealColumnValues, sealNullableFor } from '../../platform/person-keys.js';

/**
 * A session's notes and next steps concern the household: they are stored sealed for the case's
 * principal applicant (`platform/person-keys.ts`, migration 0066), whose key erasure destroys.
 * Values written before are read in clear until the job `platform.seal-clear-values` seals them.
 */
export const SEALED_SESSION_FIELDS = ['notes', 'next_steps'] as const;

/** A stored session with its notes and next steps opened (the erased marker once the key is destroyed). */
export async function openSessionRow<T extends { notes: string | null; next_steps: string | null }>(ex: Executor, row: T): Promise<T> {
  return { ...row, notes: await openIfSealed(ex, row.notes), next_steps: await openIfSealed(ex, row.next_steps) };
}

/** A text of a session as stored: sealed for the principal applicant (empty text stays absent). */
export const sealSessionText = (ex: Executor, principalPersonId: string, text: string | null | undefined) => sealNullableFor(ex, principalPersonId, text || null);

/** Audit values with the next steps sealed for the principal applicant (the notes are never audited, only that they were written). */
export async function sealSessionAuditValues<T extends { nextSteps?: string | null }>(ex: Executor, principalPersonId: string, values: T): Promise<T> {
  return typeof values.nextSteps === 'string' && values.nextSteps ? { ...values, nextSteps: await sealSessionText(ex, principalPersonId, values.nextSteps) } : values;
}

/** Seals the notes and next steps stored in clear (before migration 0066), for the background job. Answers how many values it sealed. */
export async function sealClearSessionTexts(db: Db): Promise<number> {
  let done = 0;
  for (const column of SEALED_SESSION_FIELDS) {
    done += await sealColumnValues(db, {
      table: 'counselling_session', column, from: 'clear',
      person: sql<string>`(SELECT c.principal_person_id FROM return_case c WHERE c.id = t.case_id)`,
    });
  }
  return done;
}
