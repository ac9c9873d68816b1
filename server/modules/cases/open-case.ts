import type { Stage } from '../../../shared/cases.js';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, auditRead } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import { transitionsFrom } from './case-workflow.js';
import { caseFieldPolicy } from './field-policy.js';
import { findCaseWithMembers, stageBeforeSuspension } from './cases.repo.js';
import { presentCase } from './cases.present.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { breakGlassGrantFor } from './break-glass.js';

/** Reads a case as the actor may see it, without leaving a trace (used after writes). */
export async function readCase(ex: Executor, actor: Actor, id: string) {
  const { row, members } = await findCaseWithMembers(ex, actor, id, 'case.read');
  const stage = row.stage as Stage;
  const before = stage === 'suspended' ? ((await stageBeforeSuspension(ex, id)) as Stage | null) : null;
  // Moves a guard refuses whatever the day (a person returned by a government without an admission
  // date may not be assisted) are not offered; the day of the move itself is checked by the move.
  const offered = transitionsFrom({ kind: row.kind, stage, stageBeforeSuspension: before })
    .filter((tr) => !tr.guard?.({ kind: row.kind, stage, stageBeforeSuspension: before, admissionDate: row.admission_date, on: '9999-12-31' }));
  return presentCase(row, members, offered, actor, await caseFieldPolicy(ex, actor, row));
}

/**
 * Opening a case is a read of a sensitive record: it is audited, and answered only once its audit
 * row is committed (in a group with other opens, `auditRead`).
 */
export async function openCase({ caseId: id }: { caseId: string }, { actor, db }: UseCaseContext) {
  const view = await readCase(db, actor, id);
  // Opened through a break-glass grant: the entry names the grant (and so its reason).
  const grantId = await breakGlassGrantFor(db, actor, id);
  await auditRead(db, auditContextOf(actor), {
    event: 'case.opened', entityType: 'case', entityId: id, caseId: id, officeId: view.officeId,
    ...(grantId ? { details: { breakGlassGrantId: grantId } } : {}),
  });
  return view;
}
