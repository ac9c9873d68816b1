import type { Stage } from '../../../shared/cases.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { findCase, loadMembers } from '../cases/index.js';
import { ageOn, presentDecision, today } from './decisions.present.js';
import { decisionStaff, loadApplications, loadDecisions, loadWithdrawals } from './decisions.repo.js';
import { travellersWithoutDecision } from './travellers.js';

/** The decisions of a case as its Decision tab shows them: travelling members, versions, withdrawals, applications. */
export async function decisionOverview({ caseId }: { caseId: string }, { actor, db, clock }: UseCaseContext) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const on = today(clock);
  const [members, decisions, applications, withdrawals, missing, staff] = await Promise.all([
    loadMembers(db, caseId), loadDecisions(db, caseId), loadApplications(db, caseId), loadWithdrawals(db, caseId),
    travellersWithoutDecision(db, caseId), decisionStaff(db, c.organisation_id),
  ]);
  return {
    id: c.id,
    version: c.version,
    stage: c.stage as Stage,
    members: members.map((m) => {
      const history = decisions.filter((d) => d.person_id === m.person_id).map(presentDecision);
      return {
        personId: m.person_id,
        name: `${m.given_name} ${m.family_name}`,
        birthDate: m.birth_date,
        isPrincipal: m.person_id === c.principal_person_id,
        travelling: m.travelling,
        minor: m.birth_date ? ageOn(m.birth_date, on) < 18 : false,
        current: history.find((d) => d.endedAt === null) ?? null,
        history,
      };
    }),
    withoutDecision: missing,
    withdrawals: withdrawals.map((w) => ({ id: w.id, fromStage: w.from_stage, reason: w.reason, recordedByName: w.recorded_by_name, at: w.at })),
    applications: applications.map((a) => ({
      id: a.id, submittedBy: { id: a.submitted_by, name: a.submitted_by_name }, submittedAt: a.submitted_at, outcome: a.outcome,
      decidedBy: a.decided_by ? { id: a.decided_by, name: a.decided_by_name } : null, decidedAt: a.decided_at, reason: a.reason,
    })),
    counsellors: staff.filter((s) => s.office_id === c.office_id || s.id === actor.userId).map((s) => ({ id: s.id, name: s.name })),
  };
}
