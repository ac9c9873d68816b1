import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db.js';
import { openSealed, sealColumnValues, sealFor } from '../../platform/person-keys.js';

/**
 * A travel document's number is stored sealed for the document's person (`platform/person-keys.ts`,
 * migration 0066): erasing them destroys the key. Numbers stored before under the master key alone
 * (`v1.`) are still read, and sealed per person by the job `platform.seal-clear-values`.
 */
export const sealTravelDocumentNumber = (ex: Executor, personId: string, number: string) => sealFor(ex, personId, number);

/** A stored number in clear (the erased marker once the person's key is destroyed). */
export const openTravelDocumentNumber = async (ex: Executor, stored: string) => (await openSealed(ex, stored))!;

/** Seals per person the numbers still under the master key alone, for the background job. Answers how many it sealed. */
export const sealClearTravelDocumentNumbers = (db: Db) =>
  sealColumnValues(db, { table: 'travel_document', column: 'number_encrypted', from: 'master', person: sql<string>`t.person_id` });
