import type { Selectable } from 'kysely';
import type { RetentionRuleInput, RetentionRulePatch, RetentionRunNowInput } from '../../../shared/schemas/retention.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './cases.errors.js';
import type { RetentionRunTable } from './retention.tables.js';

/**
 * The retention rules of the officer's organisation (docs/data-protection.md, "Retention"): made
 * by one data-protection officer, approved by another before the daily job applies them, disabled
 * or deleted (only before they were applied). Another organisation's rule does not exist for the
 * officer (404). Every change is audited.
 */

/** Runs shown with a rule, newest first. */
export const RULE_RUNS_SHOWN = 5;

export function presentRun(r: Selectable<RetentionRunTable>) {
  return {
    id: r.id, ruleId: r.rule_id, kind: r.kind, status: r.status, itemsTotal: r.items_total, itemsDone: r.items_done,
    reachedCount: r.reached_count, skippedCount: r.skipped_count, bytes: Number(r.bytes), errorCode: r.error_code,
    createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at,
  };
}

function rulesOf(ex: Executor, organisationId: string) {
  return ex
    .selectFrom('retention_rule as r')
    .innerJoin('app_user as a', 'a.id', 'r.created_by')
    .leftJoin('app_user as v', 'v.id', 'r.approved_by')
    .leftJoin('project as p', 'p.id', 'r.project_id')
    .leftJoin('office as o', 'o.id', 'r.office_id')
    .selectAll('r')
    .select(['a.name as created_by_name', 'v.name as approved_by_name', 'p.name as project_name', 'o.name as office_name'])
    .where('r.organisation_id', '=', organisationId);
}
type RuleRow = Awaited<ReturnType<ReturnType<typeof rulesOf>['executeTakeFirstOrThrow']>>;

async function present(ex: Executor, rows: RuleRow[]) {
  const runs = rows.length === 0 ? [] : await ex.selectFrom('retention_run').selectAll().where('rule_id', 'in', rows.map((r) => r.id))
    .orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, scope: r.scope, projectId: r.project_id, projectName: r.project_name, officeId: r.office_id, officeName: r.office_name,
    action: r.action, years: r.years, status: r.status, enabled: r.enabled,
    createdBy: { id: r.created_by, name: r.created_by_name }, createdAt: r.created_at,
    approvedBy: r.approved_by ? { id: r.approved_by, name: r.approved_by_name ?? '' } : null, approvedAt: r.approved_at,
    version: r.version,
    runs: runs.filter((x) => x.rule_id === r.id).slice(0, RULE_RUNS_SHOWN).map(presentRun),
  }));
}

/** A rule of the actor's organisation (locked for a change when asked), or 404. */
async function ownRule(ex: Executor, actor: Actor, id: string, lock = false) {
  let q = ex.selectFrom('retention_rule').selectAll().where('id', '=', id).where('organisation_id', '=', actor.organisationId);
  if (lock) q = q.forUpdate();
  const rule = await q.executeTakeFirst();
  if (!rule) throw errors.RETENTION_RULE_NOT_FOUND();
  return rule;
}

async function view(ex: Executor, actor: Actor, id: string) {
  const row = await rulesOf(ex, actor.organisationId).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw errors.RETENTION_RULE_NOT_FOUND();
  return (await present(ex, [row]))[0]!;
}

const snapshot = (r: { name: string; scope: string; project_id: string | null; office_id: string | null; action: string; years: number; status: string; enabled: boolean }) => ({
  name: r.name, scope: r.scope, projectId: r.project_id, officeId: r.office_id, action: r.action, years: r.years, status: r.status, enabled: r.enabled,
});

export async function listRetentionRules(_input: object, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'retention.manage');
  const rows = await rulesOf(db, actor.organisationId).orderBy('r.created_at', 'desc').orderBy('r.id').execute();
  return { items: await present(db, rows) };
}

export async function getRetentionRule({ id }: { id: string }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'retention.manage');
  return view(db, actor, id);
}

/** A new rule of the officer's organisation, pending a second officer's approval. */
export async function createRetentionRule(input: RetentionRuleInput, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'retention.manage');
  const projectId = input.scope === 'project' ? input.projectId : null;
  const officeId = input.scope === 'office' ? input.officeId : null;
  if ((input.scope === 'project') !== Boolean(input.projectId) || (input.scope === 'office') !== Boolean(input.officeId)) throw errors.RETENTION_SCOPE_INVALID();
  return db.transaction().execute(async (trx) => {
    if (projectId && !(await trx.selectFrom('project').select('id').where('id', '=', projectId).where('organisation_id', '=', actor.organisationId).executeTakeFirst())) {
      throw errors.RETENTION_SCOPE_INVALID();
    }
    if (officeId && !(await trx.selectFrom('office').select('id').where('id', '=', officeId).where('organisation_id', '=', actor.organisationId).executeTakeFirst())) {
      throw errors.RETENTION_SCOPE_INVALID();
    }
    const now = clock.now();
    const rule = await trx.insertInto('retention_rule').values({
      organisation_id: actor.organisationId, name: input.name, scope: input.scope, project_id: projectId, office_id: officeId,
      action: input.action, years: input.years, created_by: actor.userId, created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'retention.rule.created', entityType: 'retention_rule', entityId: rule.id, after: snapshot(rule) });
    return view(trx, actor, rule.id);
  });
}

/** Renames, enables or disables a rule, or changes its years (which asks for a new approval). */
export async function updateRetentionRule({ id, patch }: { id: string; patch: RetentionRulePatch }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'retention.manage');
  return db.transaction().execute(async (trx) => {
    const before = await ownRule(trx, actor, id, true);
    const yearsChanged = patch.years !== undefined && patch.years !== before.years;
    const after = await trx.updateTable('retention_rule').set((eb) => ({
      name: patch.name ?? before.name, years: patch.years ?? before.years, enabled: patch.enabled ?? before.enabled,
      ...(yearsChanged ? { status: 'pending_approval' as const, approved_by: null, approved_at: null } : {}),
      updated_at: clock.now(), version: eb('version', '+', 1),
    })).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'retention.rule.updated', entityType: 'retention_rule', entityId: id, before: snapshot(before), after: snapshot(after) });
    return view(trx, actor, id);
  });
}

/** The four-eyes approval: a data-protection officer other than the rule's author. */
export async function approveRetentionRule({ id }: { id: string }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'retention.manage');
  return db.transaction().execute(async (trx) => {
    const rule = await ownRule(trx, actor, id, true);
    if (rule.status === 'approved') throw errors.RETENTION_RULE_ALREADY_APPROVED();
    if (rule.created_by === actor.userId) throw errors.RETENTION_RULE_SELF_APPROVAL();
    const now = clock.now();
    await trx.updateTable('retention_rule').set((eb) => ({ status: 'approved', approved_by: actor.userId, approved_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id).execute();
    await audit(trx, auditContextOf(actor), { event: 'retention.rule.approved', entityType: 'retention_rule', entityId: id, details: { name: rule.name, action: rule.action, years: rule.years, author: rule.created_by } });
    return view(trx, actor, id);
  });
}

/** Deletes a rule never applied (its dry runs go with it); an applied rule is disabled instead. */
export async function deleteRetentionRule({ id }: { id: string }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'retention.manage');
  await db.transaction().execute(async (trx) => {
    const rule = await ownRule(trx, actor, id, true);
    if (await trx.selectFrom('retention_run').select('id').where('rule_id', '=', id).where('kind', '=', 'real').executeTakeFirst()) throw errors.RETENTION_RULE_HAS_RUNS();
    await trx.deleteFrom('retention_rule').where('id', '=', id).execute();
    await audit(trx, auditContextOf(actor), { event: 'retention.rule.deleted', entityType: 'retention_rule', entityId: id, before: snapshot(rule) });
  });
}

/** Queues a dry run of a rule (approved or not): the caller sends the job (`run-retention.ts`). */
export async function requestRetentionDryRun({ id }: { id: string }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'retention.manage');
  return db.transaction().execute(async (trx) => {
    const rule = await ownRule(trx, actor, id, true);
    if (await trx.selectFrom('retention_run').select('id').where('rule_id', '=', rule.id).where('status', 'in', ['queued', 'running']).executeTakeFirst()) {
      throw errors.RETENTION_RUN_IN_PROGRESS();
    }
    const run = await trx.insertInto('retention_run').values({ rule_id: rule.id, kind: 'dry', requested_by: actor.userId, items_total: null, report: null, error_code: null, created_at: clock.now() })
      .returningAll().executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'retention.run.requested', entityType: 'retention_run', entityId: run.id, details: { ruleId: rule.id, kind: 'dry' } });
    return presentRun(run);
  });
}

/**
 * Queues a real run of an approved, enabled rule now, instead of waiting for the night: only once
 * a dry run of the rule finished after its last change, as the rule's latest run, and the officer
 * confirms it by the number of items it reached. The run applies what the selection finds that
 * this dry run listed (`run-retention.ts`), nothing more. The caller sends the job. Audited with
 * the rule, the dry run and its counts, never a person.
 */
export async function requestRetentionRunNow({ id, input }: { id: string; input: RetentionRunNowInput }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'retention.manage');
  return db.transaction().execute(async (trx) => {
    const rule = await ownRule(trx, actor, id, true);
    if (rule.status !== 'approved' || !rule.enabled) throw errors.RETENTION_RULE_NOT_APPROVED();
    if (await trx.selectFrom('retention_run').select('id').where('rule_id', '=', rule.id).where('status', 'in', ['queued', 'running']).executeTakeFirst()) {
      throw errors.RETENTION_RUN_IN_PROGRESS();
    }
    const dry = await trx.selectFrom('retention_run').selectAll().where('id', '=', input.dryRunId).where('rule_id', '=', rule.id)
      .where('kind', '=', 'dry').where('status', '=', 'done').executeTakeFirst();
    // No other run of the rule since (the dry run is its latest), and none of the rule's changes after it.
    const since = dry && await trx.selectFrom('retention_run').select('id').where('rule_id', '=', rule.id).where('id', '<>', dry.id).where('created_at', '>=', dry.created_at).executeTakeFirst();
    if (!dry || since || dry.created_at < rule.updated_at || dry.reached_count !== input.reachedCount) throw errors.RETENTION_DRY_RUN_REQUIRED();
    const run = await trx.insertInto('retention_run').values({ rule_id: rule.id, kind: 'real', requested_by: actor.userId, items_total: null, report: null, error_code: null, created_at: clock.now() })
      .returningAll().executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'retention.run.requested', entityType: 'retention_run', entityId: run.id,
      details: { ruleId: rule.id, kind: 'real', dryRunId: dry.id, reached: dry.reached_count, skipped: dry.skipped_count },
    });
    return presentRun(run);
  });
}

/** A run of a rule of the officer's organisation with its report, or 404. */
export async function getRetentionRun({ id }: { id: string }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'retention.manage');
  const run = await db.selectFrom('retention_run as x').innerJoin('retention_rule as r', 'r.id', 'x.rule_id').selectAll('x')
    .where('x.id', '=', id).where('r.organisation_id', '=', actor.organisationId).executeTakeFirst();
  if (!run) throw errors.RETENTION_RUN_NOT_FOUND();
  return { ...presentRun(run), report: run.report as never };
}

/** The projects and offices of the officer's organisation a rule may apply to. */
export async function retentionScopes(_input: object, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'retention.manage');
  const [projects, offices] = await Promise.all([
    db.selectFrom('project').select(['id', 'name']).where('organisation_id', '=', actor.organisationId).orderBy('name').orderBy('id').execute(),
    db.selectFrom('office').select(['id', 'name']).where('organisation_id', '=', actor.organisationId).orderBy('name').orderBy('id').execute(),
  ]);
  return { projects, offices };
}
