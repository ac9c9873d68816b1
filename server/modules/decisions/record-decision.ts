import type { RecordDecisionInput } from '../../../shared/schemas/decisions.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, stageAllows } from '../cases/index.js';
import { errors } from './decisions.errors.js';
import { ageOn, today } from './decisions.present.js';
import { decisionStaff } from './decisions.repo.js';
import { travellersWithoutDecision } from './travellers.js';

/**
 * Records the informed and voluntary decision of one travelling member. A current decision of the
 * same member is superseded (history keeps it). When every travelling member then has a current
 * decision and the case is at counselling, the case moves to decision_recorded.
 */
export async function recordDecision({ caseId, expectedVersion, decision: input }: { caseId: string; expectedVersion: number; decision: RecordDecisionInput }, ctx: UseCaseContext) {
  const { actor, clock } = ctx;
  requirePermission(actor, 'decision.record');
  if (!input.informationUnderstood || !input.noPressure) {
    throw errors.DECISION_NOT_INFORMED_OR_VOLUNTARY({ field: !input.informationUnderstood ? 'informationUnderstood' : 'noPressure' });
  }
  const representativeName = input.decidedBy === 'self' ? null : input.representativeName?.trim() || null;
  if (input.decidedBy !== 'self' && !representativeName) {
    throw errors.DECISION_REPRESENTATIVE_NAME_REQUIRED({ field: 'representativeName' });
  }
  await changeCase(ctx, { caseId, expectedVersion, permission: 'decision.record' }, async ({ trx, case: c, now, move }) => {
    if (c.stage === 'registered') {
      throw errors.DECISION_NEEDS_COUNSELLING({ stage: c.stage });
    }
    if (c.stage === 'withdrawn' || c.stage === 'ineligible') {
      throw errors.DECISION_CASE_NOT_OPEN({ stage: c.stage });
    }
    if (!stageAllows('decision.record', c)) {
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
    // The last missing decision moves the case on; otherwise the change bumps the case's version.
    if (c.stage === 'counselling' && (await travellersWithoutDecision(trx, caseId)).length === 0) {
      await move('decision_recorded', 'decision');
    }
  });
}
