import { DEFAULT_INSTRUMENT_KEY } from '../../../shared/monitoring/index.js';
import { OFFLINE_PACK_DAYS } from '../../../shared/schemas/monitoring.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseScope } from '../cases/index.js';
import { approvedComponents } from '../reintegration/index.js';
import { definitionOf, selectVersions } from './instruments.repo.js';
import { addDays, dayOf, ensureMissingSchedules, MONITORED_STAGES } from './schedules.repo.js';

/** At most this many visits go into one pack. */
const PACK_LIMIT = 200;

/**
 * The visits an officer takes along where there is no network: the planned visits of the
 * worklist (`mine`: theirs; `office`: every visit in their scope), overdue and due in the next
 * month, each with what recording it needs (case number, the principal applicant's name, the
 * country and place of return, the approved plan's components) and the latest published version
 * of the built-in instrument. Nothing else of the case: no notes, no legal status, no health
 * information. Each case in the pack is audited as read (one event per case, in one transaction
 * with nothing else), since the pack leaves the server for a device.
 */
export async function offlinePack({ scope }: { scope: 'mine' | 'office' }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'monitoring.visit.record');
  const now = clock.now();
  await ensureMissingSchedules(db, now, actor);
  const today = dayOf(now);
  let q = db.selectFrom('monitoring_visit as v')
    .innerJoin('return_case as c', 'c.id', 'v.case_id')
    .innerJoin('person as p', 'p.id', 'c.principal_person_id')
    .leftJoin('arrival as a', 'a.case_id', 'c.id')
    .leftJoin('app_user as u', 'u.id', 'v.officer_id')
    .select(['v.id', 'v.version', 'v.case_id', 'c.case_number', 'c.office_id', 'c.country_of_return', 'v.planned_on', 'v.slot', 'u.name as officer_name', 'p.given_name', 'p.family_name', 'a.place'])
    .where('v.status', '=', 'planned')
    .where('v.planned_on', '<=', addDays(today, OFFLINE_PACK_DAYS))
    .where('c.stage', 'in', [...MONITORED_STAGES])
    .where(caseScope(actor, 'monitoring.visit.record'));
  if (scope === 'mine') q = q.where('v.officer_id', '=', actor.userId);
  const rows = await q.orderBy('v.planned_on').orderBy('c.case_number').limit(PACK_LIMIT).execute();

  const components = new Map<string, { componentKey: string; type: string }[]>();
  for (const caseId of new Set(rows.map((r) => r.case_id))) {
    components.set(caseId, (await approvedComponents(db, caseId)).map((x) => ({ componentKey: x.component_key, type: x.type })));
  }
  const latest = await selectVersions(db).where('i.key', '=', DEFAULT_INSTRUMENT_KEY).where('v.status', '=', 'published')
    .orderBy('v.number', 'desc').limit(1).executeTakeFirst();

  await db.transaction().execute(async (trx) => {
    const cases = new Map(rows.map((r) => [r.case_id, r]));
    for (const [caseId, r] of cases) {
      await audit(trx, auditContextOf(actor), {
        event: 'monitoring.offline_pack.downloaded', entityType: 'case', entityId: caseId, caseId, officeId: r.office_id,
        details: { visits: rows.filter((x) => x.case_id === caseId).map((x) => x.id), scope, fields: ['caseNumber', 'returneeName', 'countryOfReturn', 'place', 'components'] },
      });
    }
  });

  return {
    downloadedAt: now,
    userId: actor.userId,
    instrumentVersion: latest ? { id: latest.id, number: latest.number, instrumentName: latest.instrument_name, definition: definitionOf(latest) } : null,
    visits: rows.map((r) => ({
      visitId: r.id, version: r.version, caseId: r.case_id, caseNumber: r.case_number, plannedOn: r.planned_on, slot: r.slot, overdue: r.planned_on < today,
      officerName: r.officer_name ?? null, returneeName: `${r.given_name} ${r.family_name}`.trim(), countryOfReturn: r.country_of_return, place: r.place ?? null,
      components: components.get(r.case_id) ?? [],
    })),
  };
}
