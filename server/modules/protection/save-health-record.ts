import type { HealthInput } from '../../../shared/schemas/protection.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, isCaseAttachment } from '../cases/index.js';
import { openHealthRow, sealHealthAuditValues, sealHealthColumns } from './health-sealing.js';
import { presentHealth } from './present.js';
import { requireMember } from './protection.repo.js';
import { platformErrors } from '../../platform/platform.errors.js';

/**
 * Records or updates a member's health assessment and fit-to-travel record (case.health only).
 * A first record needs no If-Match; an existing one does (`expectedVersion(recordId)`). The free
 * text (conditions, medication, travel needs) is stored and audited sealed for the person.
 */
export async function saveHealthRecord(
  { caseId, personId, expectedVersion, health: input }: { caseId: string; personId: string; expectedVersion: (recordId: string) => number; health: HealthInput },
  ctx: UseCaseContext,
) {
  const { actor, clock } = ctx;
  requirePermission(actor, 'case.health');
  if (input.certifiedOn && input.validUntil && input.validUntil < input.certifiedOn) {
    throw platformErrors.VALIDATION_FAILED({ field: 'validUntil' }, 'The certificate cannot expire before it was issued.');
  }
  return changeCase(ctx, { caseId, permission: 'case.health' }, async ({ trx, case: c }) => {
    await requireMember(trx, caseId, personId);
    if (input.certificateAttachmentId) {
      if (!(await isCaseAttachment(trx, c, input.certificateAttachmentId))) throw platformErrors.VALIDATION_FAILED({ field: 'certificateAttachmentId' }, 'Choose an attachment of this case.');
    }
    const values = {
      conditions: input.conditions || null,
      medication: input.medication || null,
      travel_needs: input.travelNeeds || null,
      fit_to_travel: input.fitToTravel,
      certificate_attachment_id: input.certificateAttachmentId ?? null,
      certified_by: input.certifiedBy || null,
      certified_on: input.certifiedOn ?? null,
      valid_until: input.validUntil ?? null,
    };
    const now = clock.now();
    const stored = await trx.selectFrom('health_record').selectAll().where('case_id', '=', caseId).where('person_id', '=', personId).forUpdate().executeTakeFirst();
    const existing = stored && (await openHealthRow(trx, stored));
    const columns = { ...values, ...(await sealHealthColumns(trx, personId, values)) };
    let row;
    if (!existing) {
      row = await trx.insertInto('health_record')
        .values({ case_id: caseId, person_id: personId, ...columns, recorded_by: actor.userId, created_at: now, updated_at: now })
        .returningAll().executeTakeFirstOrThrow();
      await audit(trx, auditContextOf(actor), { event: 'health_record.saved', entityType: 'health_record', entityId: row.id, caseId, officeId: c.office_id, after: await sealHealthAuditValues(trx, personId, values) });
    } else {
      if (existing.version !== expectedVersion(existing.id)) throw platformErrors.PRECONDITION_FAILED();
      const before = {
        conditions: existing.conditions, medication: existing.medication, travel_needs: existing.travel_needs, fit_to_travel: existing.fit_to_travel,
        certificate_attachment_id: existing.certificate_attachment_id, certified_by: existing.certified_by, certified_on: existing.certified_on, valid_until: existing.valid_until,
      };
      const diff = changedFields(before as Record<string, unknown>, values as Record<string, unknown>);
      if (!Object.keys(diff.after).length) return presentHealth(existing);
      row = await trx.updateTable('health_record').set({ ...columns, recorded_by: actor.userId, version: existing.version + 1, updated_at: now })
        .where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow();
      await audit(trx, auditContextOf(actor), {
        event: 'health_record.saved', entityType: 'health_record', entityId: row.id, caseId, officeId: c.office_id,
        before: await sealHealthAuditValues(trx, personId, diff.before), after: await sealHealthAuditValues(trx, personId, diff.after),
      });
    }
    return presentHealth({ ...row, ...values });
  });
}
