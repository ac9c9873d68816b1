import type { Stage } from '../../../shared/cases.js';
import type { RecordDecisionInput } from '../../../shared/schemas/decisions.js';
import { requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db, Executor, Tx } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { eligibilityStatus } from '../eligibility/index.js';
import { findCase, loadMembers, moveCase, type CaseRow } from '../cases/index.js';
import { decisionStaff, loadApplications, loadDecisions, loadWithdrawals, type DecisionRow } from './decisions.repo.js';
import { travellersWithoutDecision } from './travellers.js';
import { errors } from './decisions.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
}

/** Stages at which the returnee has left (or never had a pre-departure part): nothing here may change any more. */
const AFTER_DEPARTURE: readonly string[] = ['departed', 'arrived', 'reintegration', 'monitoring', 'closed'];
/** Stages at which a decision may be recorded: from counselling until travel. */
const DECISION_STAGES: readonly string[] = ['counselling', 'decision_recorded', 'application_submitted', 'approved', 'travel_preparation'];

const departed = (c: CaseRow) => c.kind === 'post_arrival' || AFTER_DEPARTURE.includes(c.stage);

/** Whole years between a birth date and a day, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const presentDecision = (d: DecisionRow) => ({
  id: d.id,
  version: d.version,
  decidedOn: d.decided_on,
  decidedBy: d.decided_by,
  representativeName: d.representative_name,
  language: d.language,
  informationUnderstood: d.information_understood,
  noPressure: d.no_pressure,
  declaration: d.declaration_attachment_id ? { id: d.declaration_attachment_id, fileName: d.declaration_file_name } : null,
  counsellor: { id: d.counsellor_id, name: d.counsellor_name },
  recordedByName: d.recorded_by_name,
  recordedAt: d.recorded_at,
  endedAt: d.ended_at,
  endedReason: d.ended_reason,
});

/** The decisions of a case as its Decision tab shows them: travelling members, versions, withdrawals, applications. */
export async function decisionOverview(ex: Executor, actor: Actor, caseId: string, today: string) {
  const c = await findCase(ex, actor, caseId, 'case.read');
  const [members, decisions, applications, withdrawals, missing, staff] = await Promise.all([
    loadMembers(ex, caseId), loadDecisions(ex, caseId), loadApplications(ex, caseId), loadWithdrawals(ex, caseId),
    travellersWithoutDecision(ex, caseId), decisionStaff(ex, c.organisation_id),
  ]);
  return {
    id: c.id,
    version: c.version,
    stage: c.stage as Stage,
    members: members.map((m) => {
      const history = decisions.filter((d) => d.person_id === m.person_id).map(presentDecision);
      return {
        personId: m.person_id,
        name: `${m.given_name} ${m.family_name}`,
        birthDate: m.birth_date,
        isPrincipal: m.person_id === c.principal_person_id,
        travelling: m.travelling,
        minor: m.birth_date ? ageOn(m.birth_date, today) < 18 : false,
        current: history.find((d) => d.endedAt === null) ?? null,
        history,
      };
    }),
    withoutDecision: missing,
    withdrawals: withdrawals.map((w) => ({ id: w.id, fromStage: w.from_stage, reason: w.reason, recordedByName: w.recorded_by_name, at: w.at })),
    applications: applications.map((a) => ({
      id: a.id, submittedBy: { id: a.submitted_by, name: a.submitted_by_name }, submittedAt: a.submitted_at, outcome: a.outcome,
      decidedBy: a.decided_by ? { id: a.decided_by, name: a.decided_by_name } : null, decidedAt: a.decided_at, reason: a.reason,
    })),
    counsellors: staff.filter((s) => s.office_id === c.office_id || s.id === actor.userId).map((s) => ({ id: s.id, name: s.name })),
  };
}

/** Today's date by the clock, 'YYYY-MM-DD'. */
export const today = (clock: Clock) => clock.now().toISOString().slice(0, 10);

async function lockCase(trx: Tx, actor: Actor, caseId: string, expectedVersion: number) {
  const c = await findCase(trx, actor, caseId, 'case.read', true);
  if (c.version !== expectedVersion) throw staleVersion();
  return c;
}

async function bumpCase(trx: Tx, c: CaseRow, now: Date) {
  await trx.updateTable('return_case').set({ version: c.version + 1, updated_at: now }).where('id', '=', c.id).execute();
}

/** Whether a household member travels. The principal applicant always does; nothing changes after departure. */
export async function setTravelling(actor: Actor, caseId: string, personId: string, expectedVersion: number, travelling: boolean, { db, clock }: Deps) {
  requirePermission(actor, 'case.update');
  await db.transaction().execute(async (trx) => {
    const c = await findCase(trx, actor, caseId, 'case.update', true);
    if (c.version !== expectedVersion) throw staleVersion();
    if (departed(c)) throw errors.TRAVELLING_AFTER_DEPARTURE({ stage: c.stage });
    const member = await trx.selectFrom('case_member').select(['id', 'travelling']).where('case_id', '=', caseId).where('person_id', '=', personId).executeTakeFirst();
    if (!member) throw errors.MEMBER_NOT_FOUND();
    if (personId === c.principal_person_id && !travelling) {
      throw errors.PRINCIPAL_ALWAYS_TRAVELS({ personId });
    }
    if (member.travelling === travelling) return;
    const now = clock.now();
    await trx.updateTable('case_member').set({ travelling }).where('id', '=', member.id).execute();
    await bumpCase(trx, c, now);
    await audit(trx, auditContextOf(actor), {
      event: 'case.member.travelling.changed', entityType: 'person', entityId: personId, caseId, officeId: c.office_id,
      before: { travelling: member.travelling }, after: { travelling },
    });
  });
}

/**
 * Records the informed and voluntary decision of one travelling member. A current decision of the
 * same member is superseded (history keeps it). When every travelling member then has a current
 * decision and the case is at counselling, the case moves to decision_recorded.
 */
export async function recordDecision(actor: Actor, caseId: string, expectedVersion: number, input: RecordDecisionInput, { db, clock }: Deps) {
  requirePermission(actor, 'decision.record');
  if (!input.informationUnderstood || !input.noPressure) {
    throw errors.DECISION_NOT_INFORMED_OR_VOLUNTARY({ field: !input.informationUnderstood ? 'informationUnderstood' : 'noPressure' });
  }
  const representativeName = input.decidedBy === 'self' ? null : input.representativeName?.trim() || null;
  if (input.decidedBy !== 'self' && !representativeName) {
    throw errors.DECISION_REPRESENTATIVE_NAME_REQUIRED({ field: 'representativeName' });
  }
  await db.transaction().execute(async (trx) => {
    const c = await findCase(trx, actor, caseId, 'decision.record', true);
    if (c.version !== expectedVersion) throw staleVersion();
    if (c.stage === 'registered') {
      throw errors.DECISION_NEEDS_COUNSELLING({ stage: c.stage });
    }
    if (c.stage === 'withdrawn' || c.stage === 'ineligible') {
      throw errors.DECISION_CASE_NOT_OPEN({ stage: c.stage });
    }
    if (!DECISION_STAGES.includes(c.stage)) {
      throw errors.DECISION_STAGE_INVALID({ stage: c.stage }, `A decision cannot be recorded at the stage ${c.stage}.`);
    }
    const member = await trx
      .selectFrom('case_member as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.travelling', 'p.birth_date'])
      .where('m.case_id', '=', caseId)
      .where('m.person_id', '=', input.personId)
      .executeTakeFirst();
    if (!member) throw errors.MEMBER_NOT_FOUND({ field: 'personId' });
    if (!member.travelling) throw errors.DECISION_MEMBER_NOT_TRAVELLING({ field: 'personId' });
    if (input.decidedBy === 'self' && member.birth_date && ageOn(member.birth_date, input.decidedOn) < 18) {
      throw errors.DECISION_CHILD_NEEDS_GUARDIAN({ field: 'decidedBy' });
    }
    if (input.decidedOn > today(clock)) throw errors.DECISION_DATE_IN_FUTURE({ field: 'decidedOn' });
    const declaration = await trx.selectFrom('case_attachment').select('id').where('id', '=', input.declarationAttachmentId).where('case_id', '=', caseId).executeTakeFirst();
    if (!declaration) throw errors.DECISION_DECLARATION_NOT_FOUND({ field: 'declarationAttachmentId' });
    const counsellor = (await decisionStaff(trx, c.organisation_id)).find((s) => s.id === input.counsellorId);
    if (!counsellor) throw errors.DECISION_COUNSELLOR_INVALID({ field: 'counsellorId' });

    const now = clock.now();
    const current = await trx
      .selectFrom('informed_decision')
      .select(['id', 'version'])
      .where('case_id', '=', caseId)
      .where('person_id', '=', input.personId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (current) {
      await trx.updateTable('informed_decision').set({ ended_at: now, ended_reason: 'superseded' }).where('id', '=', current.id).execute();
      await audit(trx, auditContextOf(actor), {
        event: 'decision.superseded', entityType: 'informed_decision', entityId: current.id, caseId, officeId: c.office_id,
        before: { version: current.version, ended: false }, after: { ended: true, endedReason: 'superseded' },
      });
    }
    const last = await trx
      .selectFrom('informed_decision')
      .select((eb) => eb.fn.max<number>('version').as('v'))
      .where('case_id', '=', caseId)
      .where('person_id', '=', input.personId)
      .executeTakeFirst();
    const values = {
      case_id: caseId, person_id: input.personId, version: (last?.v ?? 0) + 1, decided_on: input.decidedOn, decided_by: input.decidedBy,
      representative_name: representativeName, language: input.language, information_understood: true, no_pressure: true,
      declaration_attachment_id: input.declarationAttachmentId, counsellor_id: input.counsellorId, recorded_by: actor.userId, recorded_at: now,
    };
    const row = await trx.insertInto('informed_decision').values(values).returning('id').executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'decision.recorded', entityType: 'informed_decision', entityId: row.id, caseId, officeId: c.office_id,
      after: { personId: input.personId, version: values.version, decidedOn: values.decided_on, decidedBy: values.decided_by, representativeName,
        language: values.language, declarationAttachmentId: values.declaration_attachment_id, counsellorId: values.counsellor_id, supersedes: current?.id ?? null },
    });
    if (c.stage === 'counselling' && (await travellersWithoutDecision(trx, caseId)).length === 0) {
      await moveCase(trx, actor, c, 'decision_recorded', 'decision', undefined, now);
    } else {
      await bumpCase(trx, c, now);
    }
  });
}

/**
 * The returnee withdraws, effective at once: the withdrawal is kept, every current decision ends,
 * a pending application ends, open bookings are flagged for cancellation and the case becomes
 * withdrawn. Refused once the returnee has departed.
 */
export async function withdrawCase(actor: Actor, caseId: string, expectedVersion: number, input: { reason?: string | null }, { db, clock }: Deps) {
  requirePermission(actor, 'case.transition');
  const reason = input.reason?.trim() || null;
  await db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, actor, caseId, expectedVersion);
    if (departed(c)) {
      throw errors.WITHDRAWAL_AFTER_DEPARTURE({ stage: c.stage });
    }
    if (c.stage === 'withdrawn') throw errors.WITHDRAWAL_ALREADY_WITHDRAWN({ stage: c.stage });
    if (c.stage === 'ineligible' || c.stage === 'suspended') {
      throw errors.WITHDRAWAL_STAGE_INVALID({ stage: c.stage }, `A ${c.stage} case cannot be withdrawn; reopen or resume it first.`);
    }
    const now = clock.now();
    const w = await trx.insertInto('withdrawal').values({ case_id: caseId, from_stage: c.stage, reason, recorded_by: actor.userId, at: now }).returning('id').executeTakeFirstOrThrow();
    const ended = await trx
      .updateTable('informed_decision')
      .set({ ended_at: now, ended_reason: 'withdrawn' })
      .where('case_id', '=', caseId)
      .where('ended_at', 'is', null)
      .returning('id')
      .execute();
    const flagged = await trx
      .updateTable('travel_booking')
      .set({ cancellation_flagged_at: now, updated_at: now })
      .where('case_id', '=', caseId)
      .where('status', 'in', ['requested', 'booked', 'ticketed'])
      .where('cancellation_flagged_at', 'is', null)
      .returning('id')
      .execute();
    const pending = await trx
      .updateTable('application')
      .set({ outcome: 'withdrawn', decided_at: now })
      .where('case_id', '=', caseId)
      .where('outcome', 'is', null)
      .returning('id')
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'case.withdrawn', entityType: 'withdrawal', entityId: w.id, caseId, officeId: c.office_id,
      before: { stage: c.stage },
      after: { reason, endedDecisions: ended.map((d) => d.id), flaggedBookings: flagged.map((b) => b.id), endedApplications: pending.map((a) => a.id) },
    });
    await moveCase(trx, actor, c, 'withdrawn', 'withdrawal', reason ?? undefined, now);
  });
}

/**
 * The project's eligibility, checked on submission and again on approval: a current check (not
 * outdated by a change of the case's facts) whose outcome is eligible; the approval also needs it
 * confirmed by a person with the right (eligibility.confirm).
 */
async function assertEligibility(trx: Tx, caseId: string, now: Date, mustBeConfirmed: boolean) {
  const e = await eligibilityStatus(trx, caseId, now);
  if (e.status === 'none') {
    throw errors.APPLICATION_NEEDS_ELIGIBILITY({ eligibility: e.status });
  }
  if (e.status === 'outdated') {
    throw errors.APPLICATION_ELIGIBILITY_OUTDATED({ eligibility: e.status, checkId: e.checkId });
  }
  if (e.outcome !== 'eligible') {
    throw errors.APPLICATION_NOT_ELIGIBLE({ eligibility: e.status, checkId: e.checkId });
  }
  if (mustBeConfirmed && e.status !== 'confirmed') {
    throw errors.APPLICATION_ELIGIBILITY_UNCONFIRMED({ eligibility: e.status, checkId: e.checkId });
  }
}

const needsDecisions = (code: 'APPLICATION_NEEDS_DECISIONS' | 'TRAVEL_NEEDS_DECISIONS', message: string, members: { personId: string; name: string }[]) =>
  errors[code]({ members }, message);

/** Submits the application: only when every travelling member has a current decision and the case is eligible. */
export async function submitApplication(actor: Actor, caseId: string, expectedVersion: number, { db, clock }: Deps) {
  requirePermission(actor, 'application.submit');
  await db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, actor, caseId, expectedVersion);
    if (c.stage !== 'decision_recorded') {
      throw errors.APPLICATION_STAGE_INVALID({ stage: c.stage });
    }
    const missing = await travellersWithoutDecision(trx, caseId);
    if (missing.length) {
      throw needsDecisions('APPLICATION_NEEDS_DECISIONS', `Record a current decision for every travelling member first: ${missing.map((m) => m.name).join(', ')}.`, missing);
    }
    const now = clock.now();
    await assertEligibility(trx, caseId, now, false);
    const row = await trx.insertInto('application').values({ case_id: caseId, submitted_by: actor.userId, submitted_at: now }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'application.submitted', entityType: 'application', entityId: row.id, caseId, officeId: c.office_id, after: { submittedBy: actor.userId } });
    await moveCase(trx, actor, c, 'application_submitted', 'application', undefined, now);
  });
}

/** A second person approves (case approved) or rejects with a reason (case ineligible). The submitter cannot. */
export async function decideApplication(actor: Actor, caseId: string, expectedVersion: number, input: { outcome: 'approved' | 'rejected'; reason?: string | null }, { db, clock }: Deps) {
  requirePermission(actor, 'case.approve');
  const reason = input.reason?.trim() || null;
  if (input.outcome === 'rejected' && !reason) throw errors.APPLICATION_REJECTION_REASON_REQUIRED({ field: 'reason' });
  await db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, actor, caseId, expectedVersion);
    const pending = await trx.selectFrom('application').select(['id', 'submitted_by']).where('case_id', '=', caseId).where('outcome', 'is', null).executeTakeFirst();
    if (!pending || c.stage !== 'application_submitted') {
      throw errors.APPLICATION_NOT_PENDING({ stage: c.stage });
    }
    if (pending.submitted_by === actor.userId) {
      throw errors.APPLICATION_SELF_APPROVAL();
    }
    const now = clock.now();
    if (input.outcome === 'approved') await assertEligibility(trx, caseId, now, true);
    await trx.updateTable('application').set({ outcome: input.outcome, decided_by: actor.userId, decided_at: now, reason }).where('id', '=', pending.id).execute();
    await audit(trx, auditContextOf(actor), {
      event: input.outcome === 'approved' ? 'application.approved' : 'application.rejected', entityType: 'application', entityId: pending.id, caseId, officeId: c.office_id,
      before: { outcome: null }, after: { outcome: input.outcome, reason },
    });
    await moveCase(trx, actor, c, input.outcome === 'approved' ? 'approved' : 'ineligible', 'application', reason ?? undefined, now);
  });
}

/** The gate of travel bookings: throws 409 TRAVEL_NEEDS_DECISIONS listing members without a current decision. */
export async function assertCanBookTravel(ex: Executor, caseId: string): Promise<void> {
  const missing = await travellersWithoutDecision(ex, caseId);
  if (missing.length) {
    throw needsDecisions('TRAVEL_NEEDS_DECISIONS', `Travel cannot be booked before every travelling member has a current decision: ${missing.map((m) => m.name).join(', ')}.`, missing);
  }
}
