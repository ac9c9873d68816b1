import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, hasDeparted, setMemberTravelling } from '../cases/index.js';
import { errors } from './decisions.errors.js';

export interface SetTravellingInput {
  caseId: string;
  personId: string;
  expectedVersion: number;
  travelling: boolean;
}

/** Whether a household member travels. The principal applicant always does; nothing changes after departure. */
export async function setTravelling({ caseId, personId, expectedVersion, travelling }: SetTravellingInput, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'case.update');
  await changeCase(ctx, { caseId, expectedVersion, permission: 'case.update' }, async ({ trx, case: c, unchanged }) => {
    if (hasDeparted(c)) throw errors.TRAVELLING_AFTER_DEPARTURE({ stage: c.stage });
    const member = await trx.selectFrom('case_member').select(['id', 'travelling']).where('case_id', '=', caseId).where('person_id', '=', personId).executeTakeFirst();
    if (!member) throw errors.MEMBER_NOT_FOUND();
    if (personId === c.principal_person_id && !travelling) throw errors.PRINCIPAL_ALWAYS_TRAVELS({ personId });
    if (member.travelling === travelling) return unchanged();
    await setMemberTravelling(trx, c, member.id, travelling);
    await audit(trx, auditContextOf(actor), {
      event: 'case.member.travelling.changed', entityType: 'person', entityId: personId, caseId, officeId: c.office_id,
      before: { travelling: member.travelling }, after: { travelling },
    });
  });
}
