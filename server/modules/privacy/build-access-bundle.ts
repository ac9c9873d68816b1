import { isSealed, openSealed, openSealedValues } from '../../platform/person-keys.js';
import type { Clock } from '../../platform/actor.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { userNow } from '../access/index.js';
import { personInScope } from './access-requests.repo.js';
import { bundleCsv, bundleJson, bundlePdf, plainRow, type Bundle } from './bundle-files.js';
import { gatherBundle } from './gather-bundle.js';

/** The queue access requests are built on, and the hourly removal of expired bundles (created at migration time). */
export const ACCESS_REQUEST_QUEUE = 'privacy.access-request';
export const ACCESS_REQUEST_PURGE_QUEUE = 'privacy.access-request-purge';

export interface AccessRequestJobDeps { db: Db; clock: Clock; cipher?: FieldCipher }

/** The requester as they are now (active, current grants), or null when disabled or without the permission. */
const requesterNow = (db: Db, userId: string) => userNow(db, userId, 'person.access_request');

/**
 * The job: reads everything about the person in the requester's scope as it is now (through each
 * module's reader), recording progress per module, then writes the bundle as JSON, CSV and PDF
 * into the request's row. A request already finished is left as it is (a retried job does nothing).
 */
export async function buildAccessBundle(requestId: string, { db, clock, cipher }: AccessRequestJobDeps): Promise<'done' | 'failed' | 'skipped'> {
  const claimed = await db.updateTable('access_request').set({ status: 'running', sections_done: 0 })
    .where('id', '=', requestId).where('status', 'in', ['queued', 'running']).returningAll().executeTakeFirst();
  if (!claimed) return 'skipped';
  const fail = async (code: string) => {
    await db.updateTable('access_request').set({ status: 'failed', error_code: code, finished_at: clock.now() }).where('id', '=', requestId).where('status', '=', 'running').execute();
    return 'failed' as const;
  };
  const actor = await requesterNow(db, claimed.requested_by);
  if (!actor) return fail('ACCESS_REQUEST_PERMISSION_LOST');
  try {
    const subject = await personInScope(db, actor, claimed.person_id).catch(() => null);
    if (!subject) return fail('ACCESS_REQUEST_PERSON_OUT_OF_SCOPE');
    const tables = await gatherBundle(db, subject, async (done) => {
      await db.updateTable('access_request').set({ sections_done: done }).where('id', '=', requestId).execute();
    });
    // Values sealed for a person (health, vulnerability details, sensitive notes, and within the
    // audit trail's values, names and other identifying values) are opened with their key: the
    // returnee reads them in clear ("[erased]" where a key was destroyed).
    const isJson = (v: unknown) => Array.isArray(v) || (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype);
    const openRow = async (row: Record<string, unknown>) => {
      const out: Record<string, unknown> = { ...row };
      for (const [k, v] of Object.entries(row)) {
        if (isSealed(v)) out[k] = await openSealed(db, v);
        else if (isJson(v)) out[k] = await openSealedValues(db, v);
      }
      return plainRow(out, cipher);
    };
    const sections: Record<string, Record<string, unknown>[]> = {};
    for (const [t, rows] of Object.entries(tables)) sections[t] = await Promise.all(rows.map((r) => openRow(r as Record<string, unknown>)));
    const person = tables.person[0] as { id: string; given_name: string; family_name: string };
    const bundle: Bundle = {
      format: 'homeward.access-request/1',
      request: { id: claimed.id, reference: claimed.reference, language: claimed.language, requestedAt: claimed.created_at.toISOString(), generatedAt: clock.now().toISOString() },
      person: { id: person.id, givenName: person.given_name, familyName: person.family_name },
      sections,
    };
    const [json, csv, pdf] = [bundleJson(bundle), bundleCsv(bundle), await bundlePdf(bundle)];
    // Only a request still running takes its files: one failed meanwhile (its person erased) stays failed.
    const written = await db.updateTable('access_request').set({ status: 'done', bundle_json: json, bundle_csv: csv, bundle_pdf: pdf, finished_at: clock.now() })
      .where('id', '=', requestId).where('status', '=', 'running').returning('id').executeTakeFirst();
    return written ? 'done' : 'failed';
  } catch (err) {
    await fail('ACCESS_REQUEST_FAILED');
    throw err;
  }
}

/** Bundles past their retention lose their files, every hour (the row stays: who asked, for whom, when). */
export async function purgeAccessBundles({ db, clock }: AccessRequestJobDeps) {
  const removed = await db.updateTable('access_request').set({ bundle_json: null, bundle_csv: null, bundle_pdf: null })
    .where('expires_at', '<=', clock.now()).where('bundle_json', 'is not', null).returning('id').execute();
  return removed.length;
}
