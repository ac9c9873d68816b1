import { budgetLineBody, rateBody, type BudgetLineInput } from '../../../shared/schemas/finance.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { loadGrants } from '../../platform/session.js';
import { commit, createBudgetLine, enterRate, importRates, recordDisbursement } from '../../modules/finance/index.js';
import type { DemoCapability } from './demo-context.js';

const DAY = 86_400_000;

/**
 * Units per US dollar of the demo's currencies, in ten-thousandths (integers: the demo writes the
 * rate strings without floating-point arithmetic).
 */
const PER_USD: [string, bigint][] = [
  ['EUR', 9_2150n], ['GBP', 7_8930n], ['IQD', 1310_0000n], ['NGN', 1545_5000n], ['AFN', 70_2500n], ['MAD', 9_9800n],
  ['IDR', 15_880_0000n], ['MXN', 18_4200n], ['LKR', 301_7500n], ['BRL', 5_4300n], ['JPY', 151_2000n], ['KWD', 3073n],
];

const rateText = (tenThousandths: bigint) => {
  const s = tenThousandths.toString().padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`.replace(/\.?0+$/, '');
};

export async function financeOfficer(db: Db): Promise<Actor> {
  const user = await db.selectFrom('app_user').select(['id', 'name', 'email', 'office_id', 'organisation_id', 'preferred_language']).where('email', 'like', 'finance@%').executeTakeFirstOrThrow();
  const { roles, grants } = await loadGrants(db, user.id);
  return {
    userId: user.id, name: user.name, email: user.email, officeId: user.office_id, organisationId: user.organisation_id, preferredLanguage: user.preferred_language, grants,
    roles: roles.map((r) => ({ id: r.id, key: r.key, name: r.name, scope: r.scope })), totpEnabled: false, totpEnrolmentRequired: false, sessionTokenHash: 'demo', csrfToken: 'demo', ip: null,
  };
}

/** Budget lines by project code: share of the project's budget in per mille, components, index of the donor, optional own currency and amount. */
const LINES: Record<string, { code: string; name: string; componentTypes: BudgetLineInput['componentTypes']; perMille: number; donor: number; currency?: string; amountMinor?: number }[]> = {
  'AVRR-IQAF': [
    { code: 'RI-CASH', name: 'Reintegration cash on arrival', componentTypes: ['cash_allowance'], perMille: 300, donor: 0 },
    { code: 'RI-BUSINESS', name: 'Business set-up and training', componentTypes: ['business_setup', 'vocational_training', 'on_the_job_training'], perMille: 350, donor: 0 },
    { code: 'RI-HOUSING', name: 'Accommodation and housing', componentTypes: ['temporary_accommodation', 'housing'], perMille: 150, donor: 1 },
    { code: 'RI-CARE', name: 'Medical and psychosocial support', componentTypes: ['medical', 'psychosocial'], perMille: 100, donor: 1 },
  ],
  'VULN-CARE': [
    { code: 'VC-MED', name: 'Medical continuity of care', componentTypes: ['medical'], perMille: 450, donor: 0 },
    { code: 'VC-PSY', name: 'Psychosocial support', componentTypes: ['psychosocial'], perMille: 250, donor: 1 },
    { code: 'VC-NG', name: 'Referrals in Nigeria (paid locally)', componentTypes: ['medical', 'education', 'job_placement'], perMille: 0, donor: 0, currency: 'NGN', amountMinor: 9_000_000_000 },
  ],
  'RET-TRAVEL': [
    { code: 'RT-ALLOW', name: 'Pocket money and onward travel', componentTypes: ['cash_allowance', 'other'], perMille: 200, donor: 0 },
  ],
};

/**
 * Finance: the monthly UN operational rates of the demo's currencies for the last six months (one
 * imported file a month, plus one rate corrected by hand), budget lines of the active projects, and
 * a few commitments and disbursements so that the budget view has something to show.
 */
export const financeDemo: DemoCapability = {
  name: 'finance',
  async setup({ db, clockAt, end }) {
    const officer = await financeOfficer(db);
    const first = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 5, 1));
    for (let m = 0; m < 6; m++) {
      const month = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1));
      const day = month.toISOString().slice(0, 10);
      // Each month moves a little, the same way every time the demo loads (-3 to +3 per mille).
      const rows = PER_USD.map(([c, base], i) => `${c},${rateText(base + (base * BigInt(((i + m * 5) % 7) - 3)) / 1000n)},${day}`);
      const content = Buffer.from(['currency,rate_per_usd,effective_from', ...rows].join('\r\n'));
      const at = new Date(Math.min(month.getTime() + DAY, end.getTime()));
      await importRates({ fileName: `un-operational-rates-${day.slice(0, 7)}.csv`, content }, { actor: officer, db, clock: clockAt(at) });
    }
    const lastMonth = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1)).toISOString().slice(0, 10);
    await enterRate(rateBody.parse({ fromCurrency: 'USD', toCurrency: 'IQD', rate: '1309.5', effectiveFrom: lastMonth, reason: 'The published rate was corrected by the UN Treasury on the 3rd.' }), { actor: officer, db, clock: clockAt(end) });
    await enterRate(rateBody.parse({ fromCurrency: 'EUR', toCurrency: 'GBP', rate: '0.8571', effectiveFrom: lastMonth }), { actor: officer, db, clock: clockAt(end) });

    const projects = await db.selectFrom('project').select(['id', 'code', 'budget_minor', 'currency', 'created_at']).where('code', 'in', Object.keys(LINES)).execute();
    for (const p of projects) {
      const donors = await db.selectFrom('project_donor').select('name').where('project_id', '=', p.id).orderBy('position').execute();
      if (!donors.length) continue;
      const at = clockAt(new Date(new Date(p.created_at).getTime() + 2 * DAY));
      for (const l of LINES[p.code]!) {
        const currency = l.currency ?? p.currency;
        const amountMinor = l.amountMinor ?? Math.floor(((p.budget_minor ?? 0) * l.perMille) / 1000);
        const line = await createBudgetLine({
          projectId: p.id,
          line: budgetLineBody.parse({ code: l.code, name: l.name, componentTypes: l.componentTypes, donor: donors[l.donor % donors.length]!.name, amountMinor, currency }),
        }, { actor: officer, db, clock: at });
        // What the programme had committed and paid on the line before Homeward kept its ledger.
        const committed = Math.floor(amountMinor / 100) * 40;
        if (committed > 0) {
          await commit({ budgetLineId: line.id, amountMinor: committed, currency, reference: 'Opening balance: commitments carried over' }, { actor: officer, db, clock: at });
          await recordDisbursement({ budgetLineId: line.id, amountMinor: Math.floor(committed / 100) * 55, currency, reference: 'Opening balance: disbursements carried over' }, { actor: officer, db, clock: at });
        }
      }
    }
  },
};
