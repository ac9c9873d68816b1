import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

/** Every version of the informed decisions of a case, with the names the screens show. */
export function loadDecisions(ex: Executor, caseId: string) {
  return ex
    .selectFrom('informed_decision as d')
    .innerJoin('app_user as cu', 'cu.id', 'd.counsellor_id')
    .innerJoin('app_user as ru', 'ru.id', 'd.recorded_by')
    .leftJoin('case_attachment as a', 'a.id', 'd.declaration_attachment_id')
    .select([
      'd.id', 'd.person_id', 'd.version', 'd.decided_on', 'd.decided_by', 'd.representative_name', 'd.language', 'd.information_understood',
      'd.no_pressure', 'd.declaration_attachment_id', 'a.file_name as declaration_file_name', 'd.counsellor_id', 'cu.name as counsellor_name',
      'ru.name as recorded_by_name', 'd.recorded_at', 'd.ended_at', 'd.ended_reason',
    ])
    .where('d.case_id', '=', caseId)
    .orderBy('d.person_id')
    .orderBy('d.version', 'desc')
    .execute();
}
export type DecisionRow = Awaited<ReturnType<typeof loadDecisions>>[number];

export function loadApplications(ex: Executor, caseId: string) {
  return ex
    .selectFrom('application as ap')
    .innerJoin('app_user as su', 'su.id', 'ap.submitted_by')
    .leftJoin('app_user as du', 'du.id', 'ap.decided_by')
    .select(['ap.id', 'ap.submitted_by', 'su.name as submitted_by_name', 'ap.submitted_at', 'ap.outcome', 'ap.decided_by', 'du.name as decided_by_name', 'ap.decided_at', 'ap.reason'])
    .where('ap.case_id', '=', caseId)
    .orderBy('ap.submitted_at', 'desc')
    .execute();
}

export function loadWithdrawals(ex: Executor, caseId: string) {
  return ex
    .selectFrom('withdrawal as w')
    .innerJoin('app_user as u', 'u.id', 'w.recorded_by')
    .select(['w.id', 'w.from_stage', 'w.reason', 'u.name as recorded_by_name', 'w.at'])
    .where('w.case_id', '=', caseId)
    .orderBy('w.at', 'desc')
    .execute();
}

/** Active staff of an organisation who may record decisions: the counsellors a decision can name. */
export function decisionStaff(ex: Executor, organisationId: string) {
  return ex
    .selectFrom('app_user as u')
    .select(['u.id', 'u.name', 'u.office_id'])
    .where('u.organisation_id', '=', organisationId)
    .where('u.active', '=', true)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('user_role as ur')
          .innerJoin('role as r', 'r.id', 'ur.role_id')
          .select('ur.user_id')
          .whereRef('ur.user_id', '=', 'u.id')
          .where(sql<boolean>`'decision.record' = ANY(r.permissions)`),
      ),
    )
    .orderBy('u.name')
    .execute();
}
