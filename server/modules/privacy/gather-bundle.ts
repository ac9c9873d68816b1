import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { casesSubjectRecords } from '../cases/index.js';
import { communitySubjectRecords } from '../community/index.js';
import { counsellingSubjectRecords } from '../counselling/index.js';
import { decisionsSubjectRecords } from '../decisions/index.js';
import { eligibilitySubjectRecords } from '../eligibility/index.js';
import { financeSubjectRecords } from '../finance/index.js';
import { handoverSubjectRecords } from '../handover/index.js';
import { importsSubjectRecords } from '../imports/index.js';
import { monitoringSubjectRecords } from '../monitoring/index.js';
import { paymentsSubjectRecords } from '../payments/index.js';
import { protectionSubjectRecords } from '../protection/index.js';
import { reintegrationSubjectRecords } from '../reintegration/index.js';
import { travelSubjectRecords } from '../travel/index.js';
import { BUNDLE_TABLES, type BundleModule } from './bundle-tables.js';

interface Subject { personId: string; caseIds: string[] }
type Rows = Record<string, unknown>[];

/**
 * The audit entries about the person: every entry of their cases (in the officer's scope) and every
 * entry whose entity is the person: who (name), when, what (event, entity, the names of the fields
 * it changed). Values are left out: they may be another household member's.
 */
async function platformSubjectRecords(ex: Executor, { personId, caseIds }: Subject) {
  const rows = await ex
    .selectFrom('audit_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select([
      sql<string>`e.id::text`.as('id'), 'e.at', 'e.event', 'e.actor_id', 'u.name as actor_name', 'e.entity_type', 'e.entity_id', 'e.case_id',
      sql<string[]>`coalesce((SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(CASE WHEN jsonb_typeof(e.after) = 'object' THEN e.after ELSE '{}'::jsonb END) k), '{}')`.as('changed_fields'),
    ])
    .where(sql<boolean>`(e.case_id IN (${sql.join(caseIds)}) OR (e.entity_type = 'person' AND e.entity_id = ${personId}))`)
    .orderBy('e.id')
    .execute();
  return { audit_event: rows };
}

/** Each module's reader, in the bundle's order (`BUNDLE_TABLES` says which tables each answers). */
const READERS: Record<BundleModule, (ex: Executor, s: Subject) => Promise<Record<string, Rows>>> = {
  cases: casesSubjectRecords,
  counselling: counsellingSubjectRecords,
  decisions: decisionsSubjectRecords,
  eligibility: eligibilitySubjectRecords,
  protection: protectionSubjectRecords,
  travel: travelSubjectRecords,
  handover: handoverSubjectRecords,
  reintegration: reintegrationSubjectRecords,
  payments: paymentsSubjectRecords,
  monitoring: monitoringSubjectRecords,
  community: communitySubjectRecords,
  finance: financeSubjectRecords,
  imports: importsSubjectRecords,
  platform: platformSubjectRecords,
};

/** Progress is counted per module read. */
export const BUNDLE_SECTION_COUNT = Object.keys(BUNDLE_TABLES).length;

/**
 * Reads every table of `BUNDLE_TABLES` about the person through its module, calling `progress`
 * after each module. A reader that answers other tables than the list gives for it is an error
 * (the list is the one place that says what the bundle holds).
 */
export async function gatherBundle(ex: Executor, subject: Subject, progress: (done: number) => Promise<void>) {
  const tables: Record<string, Rows> = {};
  let done = 0;
  for (const module of Object.keys(BUNDLE_TABLES) as BundleModule[]) {
    const got = await READERS[module](ex, subject);
    const expected: readonly string[] = BUNDLE_TABLES[module];
    const answered = Object.keys(got);
    if (answered.length !== expected.length || answered.some((t) => !expected.includes(t))) {
      throw new Error(`The ${module} reader answers ${answered.join(', ')}, the bundle lists ${expected.join(', ')}.`);
    }
    for (const t of expected) tables[t] = got[t];
    await progress(++done);
  }
  return tables;
}
