import type { MeasurePatch } from '../../../shared/schemas/protection.js';
import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import { changeCase } from '../cases/index.js';
import { checkCaseStaff } from './restriction.js';
import { errors } from './protection.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { presentOne } from './measures.present.js';
import { openMeasureRow, sealMeasureAuditValues, sealMeasureNotes } from './measure-sealing.js';

/** Edits a measure's owner, due date, status, title or notes (If-Match). */
export async function updateMeasure({ caseId, measureId: id, expectedVersion, patch }: { caseId: string; measureId: string; expectedVersion: number; patch: MeasurePatch }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'vulnerability.write');
  await changeCase(ctx, { caseId, permission: 'vulnerability.write' }, async ({ trx, case: c }) => {
    const stored = await trx.selectFrom('special_measure').selectAll().where('case_id', '=', caseId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!stored) throw errors.MEASURE_NOT_FOUND();
    const m = await openMeasureRow(trx, stored);
    if (m.version !== expectedVersion) throw staleVersion();
    if (patch.ownerId && patch.ownerId !== m.owner_id) await checkCaseStaff(trx, c, patch.ownerId, 'ownerId');
    const before = { title: m.title, ownerId: m.owner_id, dueOn: m.due_on, status: m.status, notes: m.notes };
    const after = {
      title: patch.title === undefined ? m.title : patch.title || null,
      ownerId: patch.ownerId === undefined ? m.owner_id : patch.ownerId,
      dueOn: patch.dueOn === undefined ? m.due_on : patch.dueOn,
      status: patch.status ?? m.status,
      notes: patch.notes === undefined ? m.notes : patch.notes || null,
    };
    if (m.kind === 'other' && !after.title) throw platformErrors.VALIDATION_FAILED({ field: 'title' }, 'Give the measure a title.');
    const diff = changedFields(before, after);
    if (!Object.keys(diff.after).length) return;
    const now = clock.now();
    const completedAt = after.status === 'done' ? (m.status === 'done' ? m.completed_at : now) : null;
    await trx.updateTable('special_measure')
      .set({ title: after.title, owner_id: after.ownerId, due_on: after.dueOn, status: after.status, notes: 'notes' in diff.after ? await sealMeasureNotes(trx, m.person_id, after.notes) : stored.notes, completed_at: completedAt, version: m.version + 1, updated_at: now })
      .where('id', '=', id).execute();
    await audit(trx, auditContextOf(actor), { event: 'special_measure.updated', entityType: 'special_measure', entityId: id, caseId, officeId: c.office_id,
      before: await sealMeasureAuditValues(trx, m.person_id, diff.before), after: await sealMeasureAuditValues(trx, m.person_id, diff.after) });
  });
  return presentOne(db, actor, caseId, id, clock);
}
