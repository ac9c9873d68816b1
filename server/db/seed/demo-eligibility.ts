import type { RulesInput } from '../../../shared/schemas/eligibility.js';
import { projectBody, rulesBody, type ProjectInput } from '../../../shared/schemas/eligibility.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { loadGrants } from '../../platform/session.js';
import { assignProject, confirmCheck, createDraft, createProject, publishRules, runCheck, setHostArrivalDate } from '../../modules/eligibility/index.js';
import type { DemoCapability, DemoCaseContext } from './demo-context.js';

const DAY = 86_400_000;
const HOSTS = ['BE', 'DE', 'NL', 'GB'];
const none = { perAdultMinor: null, perChildMinor: null, householdCapMinor: null, overrides: [] };

interface DemoProject {
  input: ProjectInput;
  /** Published versions in order; the last may stay a draft. */
  versions: RulesInput[];
  draft?: RulesInput;
}

const reintegration = (adult: number, child: number, cap: number): RulesInput['entitlements'] => ({
  currency: 'EUR',
  components: [
    { component: 'travel', perPersonMinor: 0, ...none },
    { component: 'installation_grant', perPersonMinor: 20_000, ...none },
    {
      component: 'reintegration_cash', perPersonMinor: null, perAdultMinor: adult, perChildMinor: child, householdCapMinor: cap,
      overrides: [{ country: 'AF', perPersonMinor: null, perAdultMinor: Math.round(adult * 0.8), perChildMinor: Math.round(child * 0.8), householdCapMinor: Math.round(cap * 0.8) }],
    },
    { component: 'reintegration_in_kind', perPersonMinor: null, perAdultMinor: 100_000, perChildMinor: 50_000, householdCapMinor: 300_000, overrides: [] },
  ],
});

/** Projects with differing rules and donors: reintegration to Iraq and Afghanistan, travel only, vulnerable returnees, a closed one. */
export const DEMO_PROJECTS: DemoProject[] = [
  {
    input: {
      code: 'AVRR-IQAF', name: 'Return and reintegration to Iraq and Afghanistan', status: 'active', startsOn: '2024-01-01', endsOn: '2027-12-31',
      hostCountries: HOSTS, returnCountries: ['IQ', 'AF'], budgetMinor: 480_000_000, currency: 'EUR',
      donors: [{ name: 'European Union – Asylum, Migration and Integration Fund', sharePercent: 75 }, { name: 'Federal Office for Migration and Refugees', sharePercent: 25 }],
    },
    versions: [
      {
        criteria: { legalStatuses: ['asylum_pending', 'asylum_rejected', 'irregular_stay'], returnCountries: ['IQ', 'AF'], previousAssistance: { mode: 'withinYears', years: 5 }, unaccompaniedMinorsAccepted: false },
        entitlements: reintegration(120_000, 40_000, 350_000),
        notes: 'First rules of the project.',
      },
      {
        criteria: { legalStatuses: ['asylum_pending', 'asylum_rejected', 'irregular_stay'], returnCountries: ['IQ', 'AF'], previousAssistance: { mode: 'withinYears', years: 5 }, unaccompaniedMinorsAccepted: false, minimumStayMonths: 3 },
        entitlements: reintegration(150_000, 50_000, 400_000),
        notes: 'Amounts raised after the mid-term review; minimum stay of three months.',
      },
    ],
  },
  {
    input: {
      code: 'RET-TRAVEL', name: 'Assisted return (travel only)', status: 'active', startsOn: '2024-01-01', endsOn: '2027-12-31',
      hostCountries: [...HOSTS, 'MA', 'ID', 'MX'], returnCountries: ['IQ', 'AF', 'NG', 'LK', 'BR', 'EC'], budgetMinor: 120_000_000, currency: 'EUR',
      donors: [{ name: 'Ministry of the Interior', sharePercent: 60 }, { name: 'European Union – Return Fund', sharePercent: 40 }],
    },
    versions: [{ criteria: { principalAge: { min: 18, max: null } }, entitlements: { currency: 'EUR', components: [{ component: 'travel', perPersonMinor: 0, ...none }] }, notes: 'Nothing beyond travel.' }],
  },
  {
    input: {
      code: 'VULN-CARE', name: 'Return of vulnerable people with medical and reintegration support', status: 'active', startsOn: '2025-01-01', endsOn: '2027-06-30',
      hostCountries: HOSTS, returnCountries: ['IQ', 'AF', 'NG', 'LK', 'BR'], budgetMinor: 90_000_000, currency: 'EUR',
      donors: [{ name: 'Humanitarian Aid Foundation', sharePercent: 50 }, { name: 'European Union – AMIF', sharePercent: 40 }],
    },
    versions: [
      {
        criteria: { vulnerability: { mode: 'any', categories: [] } },
        entitlements: {
          currency: 'EUR',
          components: [
            { component: 'travel', perPersonMinor: 0, ...none },
            { component: 'installation_grant', perPersonMinor: 30_000, ...none },
            { component: 'reintegration_cash', perPersonMinor: 100_000, perAdultMinor: null, perChildMinor: null, householdCapMinor: 300_000, overrides: [] },
            { component: 'medical', perPersonMinor: 250_000, perAdultMinor: null, perChildMinor: null, householdCapMinor: 500_000, overrides: [{ country: 'NG', perPersonMinor: 150_000, perAdultMinor: null, perChildMinor: null, householdCapMinor: 300_000 }] },
          ],
        },
        notes: null,
      },
    ],
    draft: {
      criteria: { vulnerability: { mode: 'categories', categories: ['medical_physical', 'medical_mental_health', 'disability', 'elderly', 'pregnant'] } },
      entitlements: { currency: 'EUR', components: [{ component: 'travel', perPersonMinor: 0, ...none }, { component: 'medical', perPersonMinor: 300_000, perAdultMinor: null, perChildMinor: null, householdCapMinor: 600_000, overrides: [] }] },
      notes: 'Proposal: medical needs only.',
    },
  },
  {
    input: {
      code: 'AVRR-2022', name: 'Return and reintegration 2022–2023', status: 'closed', startsOn: '2022-01-01', endsOn: '2023-12-31',
      hostCountries: ['BE', 'DE'], returnCountries: ['IQ', 'AF', 'NG'], budgetMinor: 250_000_000, currency: 'EUR',
      donors: [{ name: 'European Union – AMIF', sharePercent: 90 }],
    },
    versions: [{ criteria: { legalStatuses: ['asylum_rejected', 'irregular_stay'] }, entitlements: reintegration(100_000, 30_000, 300_000), notes: null }],
  },
];

const projectIds = new Map<string, string>();

async function programmeManager(db: Db): Promise<Actor> {
  const user = await db.selectFrom('app_user').select(['id', 'name', 'email', 'office_id', 'organisation_id', 'preferred_language']).where('email', 'like', 'programme@%').executeTakeFirstOrThrow();
  const { roles, grants } = await loadGrants(db, user.id);
  return {
    userId: user.id, name: user.name, email: user.email, officeId: user.office_id, organisationId: user.organisation_id, preferredLanguage: user.preferred_language, grants,
    roles: roles.map((r) => ({ id: r.id, key: r.key, name: r.name, scope: r.scope })), totpEnabled: false, totpEnrolmentRequired: false, sessionTokenHash: 'demo', csrfToken: 'demo', ip: null,
  };
}

/** The project a case goes to: by its country of return, the office's country, and whether a child travels alone. */
function projectFor(ctx: DemoCaseContext, officeCountry: string): string | null {
  const back = ctx.plan.input.countryOfReturn;
  const host = HOSTS.includes(officeCountry);
  if (ctx.plan.uam && host && back !== 'EC') return 'VULN-CARE';
  if (host && (back === 'IQ' || back === 'AF')) return 'AVRR-IQAF';
  return 'RET-TRAVEL';
}

const seedOf = (ctx: DemoCaseContext) => Math.floor(ctx.plan.createdAt.getTime() / 60_000);

export const eligibilityDemo: DemoCapability = {
  name: 'eligibility',
  async setup({ db, clockAt }) {
    const pm = await programmeManager(db);
    for (const [i, p] of DEMO_PROJECTS.entries()) {
      const created = new Date(Date.parse(`${p.input.startsOn}T09:00:00Z`) - 30 * DAY);
      const project = await createProject(projectBody.parse(p.input), { actor: pm, db, clock: clockAt(created) });
      projectIds.set(p.input.code, project.id);
      for (const [v, rules] of p.versions.entries()) {
        const at = new Date(created.getTime() + (v * 200 + i + 1) * DAY);
        const draft = await createDraft({ projectId: project.id, rules: rulesBody.parse(rules) }, { actor: pm, db, clock: clockAt(at) });
        await publishRules({ rulesId: draft.id, expectedVersion: draft.version }, { actor: pm, db, clock: clockAt(new Date(at.getTime() + DAY)) });
      }
      if (p.draft) await createDraft({ projectId: project.id, rules: rulesBody.parse(p.draft) }, { actor: pm, db, clock: clockAt(new Date(created.getTime() + 400 * DAY)) });
    }
  },
  async afterStep(ctx) {
    const { db, caseId, plan, stage, at, isLast } = ctx;
    if (plan.kind !== 'voluntary_return') return;
    const clock = ctx.clockAt(at);
    if (stage === 'registered') {
      const worker = ctx.actor('case', 'case.update');
      const office = await db.selectFrom('return_case as c').innerJoin('office as o', 'o.id', 'c.office_id').select(['o.country_code', 'c.version']).where('c.id', '=', caseId).executeTakeFirstOrThrow();
      const code = projectFor(ctx, office.country_code);
      const projectId = code ? projectIds.get(code) : undefined;
      if (!projectId) return;
      const assigned = await assignProject({ caseId, expectedVersion: office.version, projectId }, { actor: worker, db, clock });
      // Arrived in the host country between 4 and 54 months before registration.
      const arrived = new Date(plan.createdAt.getTime() - (4 + (seedOf(ctx) % 50)) * 30 * DAY).toISOString().slice(0, 10);
      await setHostArrivalDate({ caseId, expectedVersion: assigned.version, hostArrivalDate: arrived }, { actor: worker, db, clock });
      return;
    }
    if (stage !== 'decision_recorded') return;
    const row = await db.selectFrom('return_case').select(['project_id', 'version']).where('id', '=', caseId).executeTakeFirstOrThrow();
    if (!row.project_id) return;
    const checked = await runCheck({ caseId }, { actor: ctx.actor('case', 'eligibility.check'), db, clock });
    const check = checked.check!;
    if (isLast) {
      // Some households stopping here see a fact corrected after the check: the decision is outdated.
      if (seedOf(ctx) % 4 === 0) {
        const later = new Date(at.getTime() + 2 * 3600_000);
        const date = new Date(plan.createdAt.getTime() - 13 * 30 * DAY).toISOString().slice(0, 10);
        await setHostArrivalDate({ caseId, expectedVersion: row.version, hostArrivalDate: date }, { actor: ctx.actor('case', 'case.update'), db, clock: ctx.clockAt(later) });
      }
      return;
    }
    let confirmer: Actor;
    try {
      confirmer = ctx.actor('manage', 'eligibility.confirm');
    } catch {
      return; // Partner offices have nobody who may confirm: the check waits for the implementing organisation.
    }
    const confirmAt = ctx.clockAt(new Date(at.getTime() + 3600_000));
    if (check.outcome === 'eligible') {
      await confirmCheck({ caseId, checkId: check.id, confirmation: { finalOutcome: 'eligible' } }, { actor: confirmer, db, clock: confirmAt });
    } else {
      await confirmCheck({ caseId, checkId: check.id, confirmation: {
        finalOutcome: 'eligible',
        overrideReason: 'Exception agreed with the donor: the household has no other means to return and the case was reviewed by the programme team.',
      } }, { actor: confirmer, db, clock: confirmAt });
    }
  },
};
