import type { AgreementInput } from '../../../shared/schemas/reintegration.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, isCaseAttachment } from '../cases/index.js';
import { openDraft } from './plan.repo.js';
import { errors } from './reintegration.errors.js';

/** The returnee agreed to the draft as it is: the day, the signed plan (a case attachment), the language. */
export async function recordAgreement({ caseId, expectedVersion, agreement }: { caseId: string; expectedVersion: number; agreement: AgreementInput }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'reintegration.plan');
  await changeCase(ctx, { caseId, expectedVersion, permission: 'reintegration.plan' }, async ({ trx, case: c, now }) => {
    const draft = await openDraft(trx, actor, c);
    const count = await trx.selectFrom('reintegration_component').select((eb) => eb.fn.countAll<number>().as('n')).where('version_id', '=', draft.id).executeTakeFirstOrThrow();
    if (Number(count.n) === 0) throw errors.PLAN_EMPTY();
    if (agreement.agreedOn > now.toISOString().slice(0, 10)) throw errors.PLAN_AGREEMENT_DATE_IN_FUTURE({ field: 'agreedOn' });
    if (!(await isCaseAttachment(trx, c, agreement.attachmentId))) throw errors.PLAN_AGREEMENT_ATTACHMENT_NOT_FOUND({ field: 'attachmentId' });
    await trx.updateTable('reintegration_plan_version').set({
      agreed_on: agreement.agreedOn, agreement_attachment_id: agreement.attachmentId, agreement_language: agreement.language,
      agreement_recorded_by: actor.userId, agreement_recorded_at: now,
    }).where('id', '=', draft.id).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'reintegration.plan.agreed', entityType: 'reintegration_plan', entityId: draft.id, caseId: c.id, officeId: c.office_id,
      after: { number: draft.number, agreedOn: agreement.agreedOn, attachmentId: agreement.attachmentId, language: agreement.language },
    });
  });
}
