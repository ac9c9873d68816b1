import { sql } from 'kysely';
import type { RetentionReport } from '../../../shared/schemas/retention.js';
import type { Clock } from '../../platform/actor.js';
import { audit, type AuditContext } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { erasePersonIn } from './erase-person.js';
import { reachedReport, retentionBlockers, selectRetention, skippedEntry, type RetentionItem, type RetentionRule, type RetentionSelection } from './retention-selection.js';

/** The queue a run an officer asked for (a dry run, or "run now") runs on. */
export const RETENTION_RUN_QUEUE = 'cases.retention-run';
/** The daily run of every approved, enabled rule. */
export const RETENTION_DAILY_QUEUE = 'cases.retention-daily';

export interface RetentionJobDeps {
  db: Db;
  clock: Clock;
}

/** Progress is written at most every this many items (and at the end). */
const PROGRESS_EVERY = 10;

/**
 * Works one run of a rule (`retention_run`), dry or real, and answers its final status.
 *
 * Both kinds select with `selectRetention` (the one selection). A dry run stores what it found
 * and changes nothing. A real run applies it item by item, each in its own transaction that
 * checks the blockers again under lock: a person goes through the erasure itself
 * (`erasePersonIn`, crypto-shredding included); a case's files are emptied as an erasure empties
 * them. An item a blocker now holds is skipped and reported, never a failure. One audit entry
 * per run names the counts and the ids, never a name.
 */
export async function runRetention(runId: string, { db, clock }: RetentionJobDeps): Promise<'done' | 'failed'> {
  const claimed = await db.updateTable('retention_run').set({ status: 'running', started_at: clock.now() })
    .where('id', '=', runId).where('status', '=', 'queued').returningAll().executeTakeFirst();
  if (!claimed) return 'failed';
  const rule = await db.selectFrom('retention_rule').selectAll().where('id', '=', claimed.rule_id).executeTakeFirstOrThrow();
  const ctx: AuditContext = { actorId: claimed.requested_by, officeId: null, ip: null };
  const progress = (done: number, total: number) => (done === total || done % PROGRESS_EVERY === 0
    ? db.updateTable('retention_run').set({ items_total: total, items_done: done }).where('id', '=', runId).execute().then(() => undefined)
    : Promise.resolve());
  try {
    if (claimed.kind === 'real' && (rule.status !== 'approved' || !rule.enabled)) {
      await finish(db, clock, runId, { status: 'failed', errorCode: 'RETENTION_RULE_NOT_APPROVED' });
      return 'failed';
    }
    const now = clock.now();
    const found = await selectRetention(db, rule, now, claimed.kind === 'dry' ? progress : async () => {});
    // An officer's "run now" applies what its confirmed dry run listed, nothing more (the nightly run applies all it finds).
    const selection = claimed.kind === 'real' && claimed.requested_by !== null ? await withinConfirmedDryRun(db, claimed, found) : found;
    let report: RetentionReport;
    if (claimed.kind === 'dry') {
      report = { ...reachedReport(selection.reached), skipped: selection.skipped };
    } else {
      const applied: RetentionItem[] = [];
      const skipped = [...selection.skipped];
      await progress(0, selection.reached.length);
      for (const [i, item] of selection.reached.entries()) {
        const blockers = await applyItem(db, rule, item, { ctx, now, runId });
        if (blockers.length > 0) skipped.push(...skippedEntry(item, blockers));
        else applied.push(item);
        await progress(i + 1, selection.reached.length);
      }
      report = { ...reachedReport(applied), skipped };
    }
    const reachedCount = report.persons.length + report.attachments.length;
    const bytes = report.attachments.reduce((n, a) => n + a.sizeBytes, 0);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('retention_run').set({
        status: 'done', finished_at: clock.now(), reached_count: reachedCount, skipped_count: report.skipped.length, bytes, report: JSON.stringify(report),
      }).where('id', '=', runId).execute();
      await audit(trx, ctx, {
        event: 'retention.run.finished', entityType: 'retention_run', entityId: runId,
        details: {
          ruleId: rule.id, kind: claimed.kind, action: rule.action, years: rule.years, reached: reachedCount, skipped: report.skipped.length, bytes,
          personIds: report.persons.map((p) => p.personId), attachmentIds: report.attachments.map((a) => a.attachmentId),
          skippedIds: report.skipped.map((s) => ({ id: s.personId ?? s.attachmentId, blockers: s.blockers })),
        },
      });
    });
    return 'done';
  } catch (err) {
    await finish(db, clock, runId, { status: 'failed', errorCode: (err as { code?: string }).code ?? 'RETENTION_RUN_FAILED' });
    return 'failed';
  }
}

/**
 * The selection of a "run now" cut down to what the dry run the officer confirmed listed: the
 * rule's latest finished dry run made before this run (`requestRetentionRunNow`). An item found now
 * that it did not list is left for the next run.
 */
async function withinConfirmedDryRun(db: Db, run: { rule_id: string; created_at: Date }, found: RetentionSelection): Promise<RetentionSelection> {
  const dry = await db.selectFrom('retention_run').select('report').where('rule_id', '=', run.rule_id).where('kind', '=', 'dry').where('status', '=', 'done')
    .where('created_at', '<=', run.created_at).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const report = (dry?.report ?? { persons: [], attachments: [], skipped: [] }) as RetentionReport;
  const persons = new Set(report.persons.map((p) => p.personId));
  const attachments = new Set(report.attachments.map((a) => a.attachmentId));
  const reached = found.reached.flatMap((item): RetentionItem[] => {
    if (item.kind === 'person') return persons.has(item.personId) ? [item] : [];
    const listed = item.attachments.filter((a) => attachments.has(a.attachmentId));
    return listed.length > 0 ? [{ ...item, attachments: listed }] : [];
  });
  return { ...found, reached };
}

async function finish(db: Db, clock: Clock, runId: string, { status, errorCode }: { status: 'failed'; errorCode: string }) {
  await db.updateTable('retention_run').set({ status, error_code: errorCode, finished_at: clock.now() }).where('id', '=', runId).execute();
}

/** Applies one item of a real run in its own transaction; answers the blockers that held it (nothing changed then). */
async function applyItem(db: Db, rule: RetentionRule, item: RetentionItem, { ctx, now, runId }: { ctx: AuditContext; now: Date; runId: string }): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    if (item.kind === 'person') {
      const person = await trx.selectFrom('person').select(['id', 'birth_date', 'erased_at']).where('id', '=', item.personId).forUpdate().executeTakeFirstOrThrow();
      if (person.erased_at) return ['PERSON_ERASED'];
      const done = await erasePersonIn(trx, person, {
        audit: ctx, now, reason: `Retention rule "${rule.name}": every case of the person ended more than ${rule.years} years ago.`,
        details: { retentionRuleId: rule.id, retentionRunId: runId },
      });
      return 'blockers' in done ? done.blockers : [];
    }
    await trx.selectFrom('return_case').select('id').where('id', '=', item.caseId).forUpdate().execute();
    const blockers = await retentionBlockers(trx, item);
    if (blockers.length > 0) return blockers;
    // Emptied as an erasure empties a file: the row stays (the case's history names it), its bytes, name and description go.
    await trx.updateTable('case_attachment').set({
      content: Buffer.alloc(0), size_bytes: 0, file_name: 'erased', description: null, sha256: sql<string>`encode(sha256(''::bytea), 'hex')`,
    }).where('id', 'in', item.attachments.map((a) => a.attachmentId)).where('size_bytes', '>', 0).execute();
    return [];
  });
}

/**
 * The daily job: a real run of every approved, enabled rule of every organisation that has no run
 * queued or running. Answers the runs it made.
 */
export async function runScheduledRetention(deps: RetentionJobDeps): Promise<string[]> {
  const { db, clock } = deps;
  const rules = await db.selectFrom('retention_rule as r').select('r.id').where('r.status', '=', 'approved').where('r.enabled', '=', true)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('retention_run as x').select('x.id').whereRef('x.rule_id', '=', 'r.id').where('x.status', 'in', ['queued', 'running']))))
    .orderBy('r.created_at').execute();
  const runs: string[] = [];
  for (const rule of rules) {
    const run = await db.insertInto('retention_run').values({ rule_id: rule.id, kind: 'real', requested_by: null, items_total: null, report: null, error_code: null, created_at: clock.now() })
      .returning('id').executeTakeFirstOrThrow();
    await runRetention(run.id, deps);
    runs.push(run.id);
  }
  return runs;
}
