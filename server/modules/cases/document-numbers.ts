import { sql } from 'kysely';
import { normaliseDocumentNumber } from '../../../shared/cases.js';
import type { Db, Executor } from '../../platform/db.js';
import { blindIndex, ERASED_VALUE, isSealed, openManySealed, openSealed, SEALED_PATTERN, sealFor, sealManyFor } from '../../platform/person-keys.js';

/**
 * An identity document's number is stored sealed for the document's person (`identity_document.number`,
 * a `p1.` value: `platform/person-keys.ts`), so that erasing them destroys it everywhere. Its search
 * form (`number_norm`) is a keyed blind index: the digest, under the master key, of the number
 * upper-cased without spaces or dashes; an exact search or comparison by number matches the digest,
 * and a dump shows no number. Rows written before are converted by the job
 * `platform.seal-clear-values` (a converted row's number starts with `p1.`).
 */
export const DOCUMENT_NUMBER_INDEX = 'identity-document';

/** The blind index of a document number as typed (normalised first). */
export const documentNumberIndex = (number: string): string => blindIndex(DOCUMENT_NUMBER_INDEX, normaliseDocumentNumber(number));

export const sealDocumentNumber = (ex: Executor, personId: string, number: string) => sealFor(ex, personId, number);

/** A stored number in clear: opened when sealed (the erased marker once the key is destroyed), as it is when not yet converted. */
export const openDocumentNumber = async (ex: Executor, stored: string): Promise<string> => (isSealed(stored) ? (await openSealed(ex, stored))! : stored);

/** The documents of rows read, with their numbers opened. */
export const openDocumentNumbers = <T extends { number: string }>(ex: Executor, docs: T[]): Promise<T[]> =>
  Promise.all(docs.map(async (d) => ({ ...d, number: await openDocumentNumber(ex, d.number) })));

/** Seals the given documents' numbers (in clear) for their persons and writes their blind index, in the caller's transaction. */
async function sealRows(ex: Executor, rows: { id: string; person_id: string; number: string }[]): Promise<number> {
  if (!rows.length) return 0;
  const sealed = await sealManyFor(ex, rows.map((r) => ({ personId: r.person_id, plain: r.number })));
  const ids: string[] = [];
  const numbers: string[] = [];
  const norms: string[] = [];
  rows.forEach((r, i) => {
    if (sealed[i] === null) return; // the person was erased: their documents go with them
    ids.push(r.id);
    numbers.push(sealed[i]!);
    norms.push(documentNumberIndex(r.number));
  });
  if (!ids.length) return 0;
  await sql`UPDATE identity_document d SET number = v.number, number_norm = v.norm
              FROM unnest(${ids}::uuid[], ${numbers}::text[], ${norms}::text[]) AS v(id, number, norm)
             WHERE d.id = v.id`.execute(ex);
  return ids.length;
}

/**
 * Converts the documents stored before their numbers were sealed, for the background job: 100 rows
 * per transaction, rows another process holds skipped for the next start. Answers how many it converted.
 */
export async function sealClearIdentityDocumentNumbers(db: Db): Promise<number> {
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const found = await db.transaction().execute(async (trx) => {
      const rows = await sql<{ id: string; person_id: string; number: string }>`
        SELECT t.id::text AS id, t.person_id::text AS person_id, t.number FROM identity_document t
         WHERE t.number !~ ${SEALED_PATTERN} AND t.id > ${after}::uuid
         ORDER BY t.id LIMIT 100 FOR UPDATE OF t SKIP LOCKED`.execute(trx);
      return { last: rows.rows.at(-1)?.id ?? null, sealed: await sealRows(trx, rows.rows) };
    });
    done += found.sealed;
    if (!found.last) return done;
    after = found.last;
  }
}

/** Documents a rotation reads, opens and writes at once (`reindexDocumentNumbers`). */
export const REINDEX_BATCH = 5_000;

/**
 * Recomputes every blind index under the master key now in use (after a rotation, in its
 * transaction, once `usePersonKeyMaster` has the new key): the numbers are opened with the persons'
 * keys, which a rotation does not change. A document whose person's key was destroyed keeps its
 * index. The documents are read `batchSize` at a time in id order (keyset), each batch's keys read
 * together and its indexes written with one statement, so memory stays bounded whatever the number
 * of documents, while the caller's one transaction keeps the rotation atomic.
 */
export async function reindexDocumentNumbers(ex: Executor, { batchSize = REINDEX_BATCH }: { batchSize?: number } = {}): Promise<number> {
  let done = 0;
  let after: string | null = null;
  for (;;) {
    let q = ex.selectFrom('identity_document').select(['id', 'number']).orderBy('id').limit(batchSize);
    if (after !== null) q = q.where('id', '>', after);
    const rows = await q.execute();
    if (!rows.length) return done;
    after = rows.at(-1)!.id;
    // Only the sealed numbers are opened; a number not yet converted is the number itself.
    const sealed = rows.filter((r) => isSealed(r.number));
    const opened = await openManySealed(ex, sealed.map((r) => r.number));
    const clearOf = new Map(sealed.map((r, i) => [r.id, opened[i]!]));
    const ids: string[] = [];
    const norms: string[] = [];
    for (const r of rows) {
      const clear = clearOf.get(r.id) ?? r.number;
      if (clearOf.has(r.id) && clear === ERASED_VALUE) continue;
      ids.push(r.id);
      norms.push(documentNumberIndex(clear));
    }
    if (ids.length) {
      await sql`UPDATE identity_document d SET number_norm = v.norm FROM unnest(${ids}::uuid[], ${norms}::text[]) AS v(id, norm) WHERE d.id = v.id`.execute(ex);
    }
    done += ids.length;
  }
}
