import type { Db, Executor } from '../../platform/db.js';
import { openFor, sealNullableFor } from '../../platform/person-keys.js';

/** The fields of a health record sealed for the person (migration 0063): free text about their health. */
export const SEALED_HEALTH_FIELDS = ['conditions', 'medication', 'travel_needs'] as const;
type SealedField = (typeof SEALED_HEALTH_FIELDS)[number];
type ClearHealth = Record<SealedField, string | null>;
type StoredHealth = ClearHealth & { person_id: string; conditions_encrypted: string | null; medication_encrypted: string | null; travel_needs_encrypted: string | null };

/** A stored record with its sealed fields opened (or the erased marker); rows written before 0063 and not yet sealed are read in clear. */
export async function openHealthRow<T extends StoredHealth>(ex: Executor, row: T): Promise<T> {
  const open = async (f: SealedField) => {
    const sealed = row[`${f}_encrypted`];
    return sealed === null ? row[f] : openFor(ex, row.person_id, sealed);
  };
  return { ...row, conditions: await open('conditions'), medication: await open('medication'), travel_needs: await open('travel_needs') };
}

/** The columns to store for the clear values of a record: sealed, the clear columns emptied. */
export async function sealHealthColumns(ex: Executor, personId: string, values: ClearHealth) {
  return {
    conditions: null, medication: null, travel_needs: null,
    conditions_encrypted: await sealNullableFor(ex, personId, values.conditions),
    medication_encrypted: await sealNullableFor(ex, personId, values.medication),
    travel_needs_encrypted: await sealNullableFor(ex, personId, values.travel_needs),
  };
}

/** Audit values with the sealed fields sealed for the person, the others as they are. */
export async function sealHealthAuditValues<T extends Partial<ClearHealth>>(ex: Executor, personId: string, values: T): Promise<T> {
  const out: Record<string, unknown> = { ...values };
  for (const f of SEALED_HEALTH_FIELDS) if (typeof out[f] === 'string') out[f] = await sealNullableFor(ex, personId, out[f] as string);
  return out as T;
}

/**
 * Seals the health records stored in clear before migration 0063 (the background job
 * `platform.seal-clear-values`): batches of 100 rows, each in its own transaction, rows another
 * process holds skipped for the next round. Answers how many records it sealed.
 */
export async function sealClearHealthRecords(db: Db): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('health_record').select(['id', 'person_id', 'conditions', 'medication', 'travel_needs'])
        .where((eb) => eb.or([eb('conditions', 'is not', null), eb('medication', 'is not', null), eb('travel_needs', 'is not', null)]))
        .limit(100).forUpdate().skipLocked().execute();
      for (const r of rows) {
        // A record rewritten since keeps its sealed values; only what is still in clear is sealed.
        const sealed = await sealHealthColumns(trx, r.person_id, r);
        const set: Record<string, string | null> = { conditions: null, medication: null, travel_needs: null };
        for (const f of SEALED_HEALTH_FIELDS) if (r[f] !== null) set[`${f}_encrypted`] = sealed[`${f}_encrypted`];
        await trx.updateTable('health_record').set(set).where('id', '=', r.id).execute();
      }
      return rows.length;
    });
    if (!n) return done;
    done += n;
  }
}
