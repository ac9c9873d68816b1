import { sql, type Selectable } from 'kysely';
import type { RetentionReport } from '../../../shared/schemas/retention.js';
import type { Executor } from '../../platform/db.js';
import { ENDED_STAGES, erasureBlockers, erasureTarget, type ErasureBlocker } from './erasure-inventory.js';
import type { RetentionRuleTable } from './retention.tables.js';

/**
 * What a retention rule reaches now, and what it leaves and why: the ONE selection both its dry
 * run and its real run use (`run-retention.ts`), so that a dry run shows exactly what the real run
 * would do. It changes nothing.
 *
 * - `anonymise_closed_cases`: every person, not yet erased, who is a member of a case of the
 *   rule's scope that ended (closed, withdrawn, ineligible) more than `years` ago, and whose every
 *   case (in any scope) ended that long ago. A person a legal hold or an open payment holds is
 *   skipped with that blocker (`erasureBlockers`, the erasure's own check).
 * - `delete_attachments`: every file (not yet emptied) of a case of the rule's scope that ended
 *   more than `years` ago; the files of a case with an open payment, or a member under a legal
 *   hold, are skipped with that blocker.
 */
export type RetentionRule = Selectable<RetentionRuleTable>;

export type RetentionItem =
  | { kind: 'person'; personId: string; caseNumbers: string[] }
  | { kind: 'attachments'; caseId: string; caseNumber: string; attachments: { attachmentId: string; sizeBytes: number }[] };

export interface RetentionSelection {
  reached: RetentionItem[];
  skipped: RetentionReport['skipped'];
}

/** The instant before which a case must have ended: `years` calendar years before `now`. */
export function retentionCutoff(now: Date, years: number) {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}

/** A case `c` of the rule's scope (its organisation, project or office) that ended before the cutoff. */
const inRule = (rule: RetentionRule, cutoff: Date, c: string) => sql<boolean>`${sql.ref(`${c}.organisation_id`)} = ${rule.organisation_id}
  AND ${rule.scope === 'project' ? sql`${sql.ref(`${c}.project_id`)} = ${rule.project_id}` : rule.scope === 'office' ? sql`${sql.ref(`${c}.office_id`)} = ${rule.office_id}` : sql`true`}
  AND ${endedBefore(cutoff, c)}`;
const endedBefore = (cutoff: Date, c: string) => sql<boolean>`${sql.ref(`${c}.stage`)} = ANY(${[...ENDED_STAGES]}::text[]) AND ${sql.ref(`${c}.stage_changed_at`)} < ${cutoff}`;

/** The candidates, before the blockers are checked (cheap, in SQL). */
async function candidates(ex: Executor, rule: RetentionRule, now: Date): Promise<RetentionItem[]> {
  const cutoff = retentionCutoff(now, rule.years);
  if (rule.action === 'anonymise_closed_cases') {
    const { rows } = await sql<{ person_id: string; case_numbers: string[] }>`
      SELECT p.id AS person_id, array_agg(c.case_number ORDER BY c.case_number) AS case_numbers
        FROM person p JOIN case_member m ON m.person_id = p.id JOIN return_case c ON c.id = m.case_id
       WHERE p.erased_at IS NULL
         AND EXISTS (SELECT 1 FROM case_member m2 JOIN return_case c2 ON c2.id = m2.case_id WHERE m2.person_id = p.id AND ${inRule(rule, cutoff, 'c2')})
         AND NOT EXISTS (SELECT 1 FROM case_member m3 JOIN return_case c3 ON c3.id = m3.case_id WHERE m3.person_id = p.id AND NOT (${endedBefore(cutoff, 'c3')}))
       GROUP BY p.id ORDER BY p.id`.execute(ex);
    return rows.map((r) => ({ kind: 'person', personId: r.person_id, caseNumbers: r.case_numbers }));
  }
  const { rows } = await sql<{ case_id: string; case_number: string; id: string; size_bytes: number }>`
    SELECT c.id AS case_id, c.case_number, a.id, a.size_bytes
      FROM case_attachment a JOIN return_case c ON c.id = a.case_id
     WHERE a.size_bytes > 0 AND ${inRule(rule, cutoff, 'c')}
     ORDER BY c.case_number, a.id`.execute(ex);
  const byCase = new Map<string, Extract<RetentionItem, { kind: 'attachments' }>>();
  for (const r of rows) {
    const item = byCase.get(r.case_id) ?? { kind: 'attachments', caseId: r.case_id, caseNumber: r.case_number, attachments: [] };
    item.attachments.push({ attachmentId: r.id, sizeBytes: Number(r.size_bytes) });
    byCase.set(r.case_id, item);
  }
  return [...byCase.values()];
}

/** What holds one item now: the erasure's blockers (a legal hold, an open payment, an active case). */
export async function retentionBlockers(ex: Executor, item: RetentionItem): Promise<ErasureBlocker[]> {
  if (item.kind === 'person') return erasureBlockers(ex, await erasureTarget(ex, item.personId));
  // A case's files: its open payments, and a legal hold on any of its members.
  const members = await ex.selectFrom('case_member').select('person_id').where('case_id', '=', item.caseId).execute();
  const found = new Set<ErasureBlocker>();
  for (const m of members) for (const b of await erasureBlockers(ex, { personId: m.person_id, cases: [item.caseId], soleCases: [] })) found.add(b);
  return [...found];
}

/** A skipped item as the report names it: ids and case numbers, and the blockers. */
export const skippedEntry = (item: RetentionItem, blockers: string[]): RetentionReport['skipped'] => item.kind === 'person'
  ? [{ personId: item.personId, caseNumbers: item.caseNumbers, blockers }]
  : item.attachments.map((a) => ({ attachmentId: a.attachmentId, caseNumbers: [item.caseNumber], blockers }));

/**
 * The rule's reach now: the candidates whom nothing holds, and the skipped ones with their
 * blockers. `progress(done, total)` is told after each candidate.
 */
export async function selectRetention(ex: Executor, rule: RetentionRule, now: Date, progress: (done: number, total: number) => Promise<void> = async () => {}): Promise<RetentionSelection> {
  const all = await candidates(ex, rule, now);
  const reached: RetentionItem[] = [];
  const skipped: RetentionReport['skipped'] = [];
  await progress(0, all.length);
  for (const [i, item] of all.entries()) {
    const blockers = await retentionBlockers(ex, item);
    if (blockers.length > 0) skipped.push(...skippedEntry(item, blockers));
    else reached.push(item);
    await progress(i + 1, all.length);
  }
  return { reached, skipped };
}

/** The report's lists of what was (or would be) reached. */
export function reachedReport(items: RetentionItem[]): Pick<RetentionReport, 'persons' | 'attachments'> {
  return {
    persons: items.flatMap((i) => (i.kind === 'person' ? [{ personId: i.personId, caseNumbers: i.caseNumbers }] : [])),
    attachments: items.flatMap((i) => (i.kind === 'attachments' ? i.attachments.map((a) => ({ attachmentId: a.attachmentId, caseNumber: i.caseNumber, sizeBytes: a.sizeBytes })) : [])),
  };
}
