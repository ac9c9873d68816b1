import { DEFAULT_INSTRUMENT_KEY } from '../../../shared/monitoring/index.js';
import type { Answers, Definition, RecordVisitBody, VisitOutcome } from '../../../shared/schemas/monitoring.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { loadGrants } from '../../platform/session.js';
import {
  createInstrumentDraft, getCaseMonitoring, publishInstrumentVersion, recordVisit, requestRescore, runRescoreJobs,
} from '../../modules/monitoring/index.js';
import type { DemoCapability } from './demo-context.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

async function programmeManager(db: Db): Promise<Actor> {
  const user = await db.selectFrom('app_user').select(['id', 'name', 'email', 'office_id', 'organisation_id', 'preferred_language']).where('email', 'like', 'programme@%').executeTakeFirstOrThrow();
  const { roles, grants } = await loadGrants(db, user.id);
  return {
    userId: user.id, name: user.name, email: user.email, officeId: user.office_id, organisationId: user.organisation_id, preferredLanguage: user.preferred_language, grants,
    roles: roles.map((r) => ({ id: r.id, key: r.key, name: r.name, scope: r.scope })), totpEnabled: false, totpEnrolmentRequired: false, sessionTokenHash: 'demo', csrfToken: 'demo', ip: null,
  };
}

/** Survey answers from a level 0 (struggling) to 4 (doing well): each level answers a little better. */
const ANSWERS_BY_LEVEL: Answers[] = [
  { income_sources: ['none'], employed: 'no', debt: 'unmanageable', food: 's0', distress: 'yes', psychosocial_support: 'no', migrate_again: 'yes', safety: 's1' },
  { income_sources: ['assistance'], employed: 'no', debt: 'unmanageable', food: 's1', distress: 'yes', psychosocial_support: 'yes', migrate_again: 'yes', safety: 's2' },
  { income_sources: ['farming', 'remittances'], employed: 'no', debt: 'manageable', food: 's2', distress: 'no', psychosocial_support: 'yes', migrate_again: 'yes', safety: 's2' },
  { income_sources: ['work', 'remittances'], employed: 'yes', work_months: 3, debt: 'manageable', food: 's2', distress: 'no', psychosocial_support: 'yes', migrate_again: 'no', safety: 's3' },
  { income_sources: ['work'], employed: 'yes', work_months: 6, debt: 'none', food: 's3', distress: 'no', psychosocial_support: 'yes', migrate_again: 'no', safety: 's3' },
];
/** Where returnees start, by country of return: scores differ by country. */
const BASE_LEVEL: Record<string, number> = { IQ: 2, NG: 2, AF: 1, BR: 3, LK: 3, EC: 2 };

/** What befalls the n-th monitored case: most are reached; a few are not, in each way a visit can end. */
function storyOf(n: number): { first: VisitOutcome[]; trend: number } {
  switch (n) {
    case 0: return { first: ['not_reached', 'not_reached', 'not_reached'], trend: 0 };
    case 1: return { first: ['refused'], trend: 0 };
    case 2: return { first: ['reached', 'moved'], trend: 0 };
    case 3: return { first: ['reached', 'remigrated'], trend: -1 };
    case 4: return { first: ['reached', 'deceased'], trend: 0 };
    case 5: return { first: ['not_reached', 'reached'], trend: 1 };
    default: return { first: [], trend: n % 3 === 0 ? -1 : n % 3 === 1 ? 1 : 0 };
  }
}

const REASONS = ['no_answer', 'wrong_contact', 'not_at_address'] as const;

/**
 * Monitoring of the cases in reintegration and monitoring, once every case is walked: their
 * schedules, and each visit due by the end of the timeline recorded by the origin office's
 * monitoring officer (but the last one in every other ordinary case, left overdue for the worklist), in every outcome (one case lost to follow-up after three attempts), with
 * survey answers whose scores differ by country and move over time (some returnees improve, some
 * decline and fire follow-ups). Then a second version of the survey (the economic dimension
 * weighed double) is published and the Iraq cohort re-scored under it, so both scores show.
 */
export const monitoringDemo: DemoCapability = {
  name: 'monitoring',
  async finish({ db, actorOf, officeId, clockAt, end }) {
    const instrument = await db.selectFrom('monitoring_instrument').select('id').where('key', '=', DEFAULT_INSTRUMENT_KEY).executeTakeFirstOrThrow();
    const v1 = await db.selectFrom('monitoring_instrument_version').select(['id', 'definition']).where('instrument_id', '=', instrument.id).where('number', '=', 1).executeTakeFirstOrThrow();
    // Visits due in the last ten days are left for the worklist (overdue), like those of the coming week.
    const endDay = new Date(end.getTime() - 10 * DAY).toISOString().slice(0, 10);
    const cases = await db.selectFrom('return_case').select(['id', 'case_number', 'country_of_return', 'office_id', 'origin_office_id'])
      // Restricted cases are left out: only their owner and assigned staff see them.
      .where('stage', 'in', ['reintegration', 'monitoring']).where('restricted', '=', false).orderBy('case_number').execute();
    let n = 0;
    /** Per country, the cases with an ordinary story seen so far: every other one keeps its last due visit unrecorded. */
    const ordinary = new Map<string, number>();
    for (const c of cases) {
      const prefix = c.country_of_return;
      const office = officeId(prefix);
      if (!office || (c.office_id !== office && c.origin_office_id !== office)) continue;
      let officer: Actor;
      try {
        officer = actorOf(prefix, 'monitor', 'monitoring.visit.record');
      } catch {
        continue;
      }
      const story = storyOf(n);
      n += 1;
      const first = await getCaseMonitoring({ caseId: c.id }, { actor: officer, db, clock: clockAt(end) });
      // The officer's worklist shows work today: in every other ordinary case of each country, the
      // last visit due is not recorded yet, so it is overdue.
      let toRecord = Infinity;
      if (story.first.length === 0) {
        const k = ordinary.get(prefix) ?? 0;
        ordinary.set(prefix, k + 1);
        if (k % 2 === 0) toRecord = first.visits.filter((v) => v.status === 'planned' && v.plannedOn <= endDay).length - 1;
      }
      let level = BASE_LEVEL[prefix] ?? 2;
      for (let step = 0; step < 8 && step < toRecord; step += 1) {
        const m = step === 0 ? first : await getCaseMonitoring({ caseId: c.id }, { actor: officer, db, clock: clockAt(end) });
        const visit = m.visits.filter((v) => v.status === 'planned' && v.plannedOn <= endDay).sort((a, b) => a.plannedOn.localeCompare(b.plannedOn))[0];
        if (!visit) break;
        const outcome = story.first[step] ?? 'reached';
        const body: RecordVisitBody & { componentUse: { componentKey: string; use: string }[] } = {
          method: step % 2 ? 'phone' : 'on_site', visitedOn: visit.plannedOn, outcome, componentUse: [],
        };
        if (outcome === 'not_reached') body.notReachedReason = REASONS[step % REASONS.length];
        if (outcome === 'reached') {
          const l = Math.max(0, Math.min(4, level));
          body.instrumentVersionId = v1.id;
          body.answers = ANSWERS_BY_LEVEL[l];
          body.nextSteps = l <= 1 ? 'Refer to the psychosocial partner; call again in two weeks.' : 'Next visit as planned.';
          if (l <= 1) body.sensitiveNotes = 'Spoke of pressure from a creditor; asked that the family not be told.';
          level += story.trend;
        }
        await recordVisit({ visitId: visit.id, expectedVersion: visit.version, body }, { actor: officer, db, clock: clockAt(new Date(new Date(`${visit.plannedOn}T00:00:00Z`).getTime() + 14 * HOUR)) });
        if (['refused', 'moved', 'remigrated', 'deceased'].includes(outcome)) break;
      }
    }

    // A second version weighing the economic dimension double; the Iraq cohort re-scored under it.
    const pm = await programmeManager(db);
    const at = new Date(end.getTime() - 3 * DAY);
    const definition = structuredClone(v1.definition) as Definition;
    definition.dimensions = definition.dimensions.map((d) => (d.key === 'economic' ? { ...d, weight: 2 } : d));
    const draft = await createInstrumentDraft({ instrumentId: instrument.id, definition }, { actor: pm, db, clock: clockAt(at) });
    const v2 = await publishInstrumentVersion({ versionId: draft.id, expectedVersion: draft.version }, { actor: pm, db, clock: clockAt(new Date(at.getTime() + HOUR)) });
    await requestRescore({ fromVersionId: v1.id, toVersionId: v2.id, country: 'IQ' }, { actor: pm, db, clock: clockAt(new Date(at.getTime() + 2 * HOUR)) });
    await runRescoreJobs(db, clockAt(new Date(at.getTime() + 2 * HOUR + 60_000)));
  },
};
