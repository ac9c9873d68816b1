import { requirePermission, type Actor } from '../../platform/actor.js';
import { caseScope } from '../cases/index.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { Deps, seesAllAppointments } from './sessions.repo.js';

/**
 * Upcoming appointments (scheduled sessions ahead) in the actor's case scope: a counsellor's own;
 * an office manager's view covers every counsellor, optionally one.
 */
export async function listAppointments(actor: Actor, input: { counsellorId?: string }, { db, clock }: Deps) {
  requirePermission(actor, 'counselling.write');
  const all = seesAllAppointments(actor);
  const counsellorId = all ? input.counsellorId : actor.userId;
  if (!all && input.counsellorId && input.counsellorId !== actor.userId) {
    throw platformErrors.FORBIDDEN({ field: 'counsellorId' }, 'You see only your own appointments.');
  }
  let q = db
    .selectFrom('counselling_session as s')
    .innerJoin('return_case as c', 'c.id', 's.case_id')
    .innerJoin('person as p', 'p.id', 'c.principal_person_id')
    .innerJoin('app_user as u', 'u.id', 's.counsellor_id')
    .select(['s.id', 's.case_id', 'c.case_number', 'p.given_name', 'p.family_name', 's.starts_at', 's.mode', 's.counsellor_id', 'u.name as counsellor_name', 's.topics', 's.languages', 's.interpreter_name', 's.interpreter_language'])
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>', clock.now())
    .where(caseScope(actor, 'case.read'));
  if (counsellorId) q = q.where('s.counsellor_id', '=', counsellorId);
  const rows = await q.orderBy('s.starts_at').orderBy('s.id').limit(500).execute();
  return {
    seesAll: all,
    items: rows.map((r) => ({
      id: r.id, caseId: r.case_id, caseNumber: r.case_number, principalName: `${r.given_name} ${r.family_name}`, startsAt: r.starts_at.toISOString(),
      mode: r.mode, counsellorId: r.counsellor_id, counsellorName: r.counsellor_name, topics: r.topics, languages: r.languages,
      interpreter: r.interpreter_name ? { name: r.interpreter_name, language: r.interpreter_language } : null,
    })),
  };
}
