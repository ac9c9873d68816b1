import { sql } from 'kysely';
import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseScope } from '../cases/index.js';
import { todayOf } from './present.js';
import { protectionPresenter } from './protection.repo.js';
import { openMeasureRow } from './measure-sealing.js';

/**
 * Open measures the actor owns, in cases the actor may read that are still being worked on (not
 * withdrawn or closed): overdue first, then by due date, each with its case's stage.
 */
export async function myTasks(_input: Record<string, never>, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'case.read');
  const today = todayOf(clock.now());
  const stored = await db
    .selectFrom('special_measure as m')
    .innerJoin('return_case as c', 'c.id', 'm.case_id')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .leftJoin('app_user as ow', 'ow.id', 'm.owner_id')
    .leftJoin('vulnerability as mv', 'mv.id', 'm.vulnerability_id')
    .select([
      'm.id', 'm.version', 'm.case_id', 'm.person_id', 'm.vulnerability_id', 'm.kind', 'm.title', 'm.owner_id', 'ow.name as owner_name', 'm.due_on',
      'm.status', 'm.notes', 'm.completed_at', 'mv.category as vulnerability_category', 'c.case_number', 'c.stage as case_stage', 'c.restricted', 'c.office_id', 'c.origin_office_id',
      'p.given_name', 'p.family_name',
    ])
    .where('m.owner_id', '=', actor.userId)
    .where('m.status', 'in', ['open', 'in_progress'])
    .where('c.stage', 'not in', ['withdrawn', 'closed'])
    .where(caseScope(actor, 'case.read'))
    .orderBy(sql`(m.due_on IS NOT NULL AND m.due_on < ${today}::date)`, 'desc')
    .orderBy('m.due_on', (ob) => ob.asc().nullsLast())
    .orderBy('c.case_number')
    .orderBy('m.id')
    .limit(500)
    .execute();
  const rows = await Promise.all(stored.map((m) => openMeasureRow(db, m)));
  // Each case's measures are presented for the actor's audience in that case (origin office: consent).
  const presenters = new Map<string, Awaited<ReturnType<typeof protectionPresenter>>>();
  for (const r of rows) {
    if (!presenters.has(r.case_id)) presenters.set(r.case_id, await protectionPresenter(db, actor, { id: r.case_id, office_id: r.office_id, origin_office_id: r.origin_office_id }, today));
  }
  return {
    items: rows.map((r) => ({
      ...presenters.get(r.case_id)!.measure(r),
      caseNumber: r.case_number,
      caseStage: r.case_stage,
      restricted: r.restricted,
      person: { givenName: r.given_name, familyName: r.family_name },
    })),
  };
}
