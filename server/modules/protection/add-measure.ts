import type { MeasureInput } from '../../../shared/schemas/protection.js';
import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { changeCase } from '../cases/index.js';
import { checkCaseStaff } from './restriction.js';
import { requireMember } from './protection.repo.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { presentOne } from './measures.present.js';
import { sealMeasureAuditValues, sealMeasureNotes } from './measure-sealing.js';

/** A measure added by hand (owner: the case owner unless another is chosen). */
export async function addMeasure({ caseId, measure: input }: { caseId: string; measure: MeasureInput }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'vulnerability.write');
  const id = await changeCase(ctx, { caseId, permission: 'vulnerability.write' }, async ({ trx, case: c }) => {
    await requireMember(trx, caseId, input.personId);
    if (input.vulnerabilityId) {
      const v = await trx.selectFrom('vulnerability').select('person_id').where('id', '=', input.vulnerabilityId).where('case_id', '=', caseId).executeTakeFirst();
      if (!v || v.person_id !== input.personId) throw platformErrors.VALIDATION_FAILED({ field: 'vulnerabilityId' }, 'The vulnerability is not this member’s.');
    }
    const ownerId = input.ownerId ?? c.owner_id;
    if (input.ownerId) await checkCaseStaff(trx, c, input.ownerId, 'ownerId');
    if (input.kind === 'other' && !input.title) throw platformErrors.VALIDATION_FAILED({ field: 'title' }, 'Give the measure a title.');
    const now = clock.now();
    const row = await trx
      .insertInto('special_measure')
      .values({
        case_id: caseId, person_id: input.personId, vulnerability_id: input.vulnerabilityId ?? null, kind: input.kind, title: input.title || null,
        owner_id: ownerId, due_on: input.dueOn ?? null, notes: await sealMeasureNotes(trx, input.personId, input.notes), created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'special_measure.created', entityType: 'special_measure', entityId: row.id, caseId, officeId: c.office_id, after: await sealMeasureAuditValues(trx, input.personId, { ...input, ownerId }) });
    return row.id;
  });
  return presentOne(db, actor, caseId, id, clock);
}
