import type { ComponentType } from '../../../shared/reintegration.js';
import type { ComponentInput } from '../../../shared/schemas/reintegration.js';
import type { Actor } from '../../platform/actor.js';
import { addAttachment } from '../../modules/cases/index.js';
import { addComponent, approvePlan, draftCheck, recordAgreement, setComponentStatus } from '../../modules/reintegration/index.js';
import type { DemoCapability, DemoCaseContext, DemoMove } from './demo-context.js';
import { Random } from './random.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const LOCAL: Record<string, { currency: string; unit: number; language: string }> = {
  IQ: { currency: 'IQD', unit: 1_000_000, language: 'ar' },
  NG: { currency: 'NGN', unit: 100_000, language: 'en' },
  AF: { currency: 'AFN', unit: 10_000, language: 'fa' },
  BR: { currency: 'BRL', unit: 1_000, language: 'pt' },
  LK: { currency: 'LKR', unit: 10_000, language: 'si' },
  EC: { currency: 'USD', unit: 100, language: 'es' },
};

const randomFor = (ctx: DemoCaseContext, salt: number) => new Random((ctx.plan.createdAt.getTime() / MINUTE) ^ salt);
const day = (d: Date) => d.toISOString().slice(0, 10);
const versionOf = async (ctx: DemoCaseContext) =>
  (await ctx.db.selectFrom('return_case').select(['version', 'case_number']).where('id', '=', ctx.caseId).executeTakeFirstOrThrow());
const signedPlanPdf = (caseNumber: string, on: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% Reintegration plan of case ${caseNumber}, signed ${on}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** The office responsible for the plan once the returnee has arrived: the origin office (a post-arrival case's own office). */
const originPrefix = (ctx: DemoCaseContext) => (ctx.plan.kind === 'post_arrival' ? ctx.plan.officePrefix : ctx.plan.input.countryOfReturn);
const officer = (ctx: DemoCaseContext): Actor => ctx.actorOf(originPrefix(ctx), 'reintegrate', 'reintegration.plan');
const manager = (ctx: DemoCaseContext): Actor => ctx.actorOf(originPrefix(ctx), 'manage', 'reintegration.approve');

/** Drafts the plan with the returnee (two or three components), at `from`; agrees it at `agreedAt` when given. */
async function draftPlan(ctx: DemoCaseContext, from: Date, agreedAt: Date | null) {
  const r = randomFor(ctx, 0x9e1);
  const who = officer(ctx);
  const local = LOCAL[originPrefix(ctx)] ?? { currency: 'USD', unit: 100, language: 'en' };
  const members = await ctx.db.selectFrom('case_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.birth_date', 'm.relationship']).where('m.case_id', '=', ctx.caseId).orderBy('m.position').execute();
  const principal = members[0]!;
  const starts = day(from);
  const ends = (days: number) => day(new Date(from.getTime() + days * DAY));
  const all = members.map((m) => m.id);
  const components: ComponentInput[] = [
    { type: 'cash_allowance', description: 'Reintegration allowance paid in two tranches.', memberIds: all, amountMinor: r.int(3, 8) * 100 * local.unit, currency: local.currency, startsOn: starts, endsOn: ends(60) },
  ];
  const kind = r.pick<ComponentType>(['business_setup', 'vocational_training', 'job_placement']);
  if (kind === 'business_setup') {
    components.push({ type: 'business_setup', description: r.pick(['Grocery kiosk: stock and a refrigerator.', 'Mobile phone repair stall: tools and first spare parts.', 'Tailoring workshop: two sewing machines.']), memberIds: [principal.id], amountMinor: r.int(15, 25) * 10_000, currency: 'EUR', startsOn: starts, endsOn: ends(120), expectedMonthlyIncomeMinor: r.int(2, 5) * 100 * local.unit, expectedMonthlyIncomeCurrency: local.currency });
  } else if (kind === 'vocational_training') {
    components.push({ type: 'vocational_training', description: r.pick(['Three-month electrician course at the vocational centre.', 'Welding certificate course.']), memberIds: [principal.id], amountMinor: r.int(6, 12) * 10_000, currency: 'EUR', startsOn: starts, endsOn: ends(90) });
  } else {
    components.push({ type: 'job_placement', description: 'Placement as a warehouse assistant, wages subsidised for three months.', memberIds: [principal.id], amountMinor: r.int(4, 9) * 10_000, currency: 'EUR', startsOn: starts, endsOn: ends(90), employer: r.pick(['Al-Rafidain Logistics', 'Lagos Freight Services', 'City Market Traders']) });
  }
  const child = members.find((m) => m.birth_date && m.birth_date > day(new Date(from.getTime() - 17 * 365 * DAY)) && m.birth_date < day(new Date(from.getTime() - 6 * 365 * DAY)));
  if (child) components.push({ type: 'education', description: 'School fees, uniform and books for the school year.', memberIds: [child.id], amountMinor: r.int(2, 6) * 100 * local.unit, currency: local.currency, startsOn: starts, endsOn: ends(300) });
  for (const [i, component] of components.entries()) {
    const { version } = await versionOf(ctx);
    await addComponent({ caseId: ctx.caseId, expectedVersion: version, component }, { actor: who, db: ctx.db, clock: ctx.clockAt(new Date(from.getTime() + i * MINUTE)) });
  }
  if (!agreedAt) return;
  const { case_number } = await versionOf(ctx);
  const signed = await addAttachment(
    { caseId: ctx.caseId, file: { fileName: `reintegration-plan-${case_number}.pdf`, content: signedPlanPdf(case_number, day(agreedAt)), description: 'Reintegration plan signed by the returnee' } },
    { actor: who, db: ctx.db, clock: ctx.clockAt(agreedAt) },
  );
  await recordAgreement({ caseId: ctx.caseId, expectedVersion: (await versionOf(ctx)).version, agreement: { agreedOn: day(agreedAt), attachmentId: signed.id, language: local.language } }, { actor: who, db: ctx.db, clock: ctx.clockAt(new Date(agreedAt.getTime() + MINUTE)) });
}

/**
 * The moves the reintegration plan owns: to reintegration, the plan drafted with the returnee,
 * agreed and approved by the office manager (a second person); to monitoring, every component
 * delivered (one now and then cancelled with a reason), the last at the step's time.
 */
export async function demoReintegration(m: DemoMove): Promise<void> {
  const span = m.at.getTime() - m.previousAt.getTime();
  if (m.to === 'reintegration') {
    await draftPlan(m, new Date(m.previousAt.getTime() + span * 0.2), new Date(m.previousAt.getTime() + span * 0.6));
    // A plan past the confirmed entitlement (or without one, or in a currency without a rate that day) is approved with the manager's reason.
    const check = await draftCheck(m.db, m.caseId, m.at.toISOString().slice(0, 10));
    const approval = check?.withinEntitlement ? {} : { entitlementOverrideReason: 'Agreed with the donor’s focal point for this household.' };
    await approvePlan({ caseId: m.caseId, expectedVersion: (await versionOf(m)).version, approval }, { actor: manager(m), db: m.db, clock: m.clockAt(m.at) });
    return;
  }
  const r = randomFor(m, 0xde1);
  const approved = await m.db.selectFrom('reintegration_plan_version').select('id').where('case_id', '=', m.caseId).where('status', '=', 'approved').executeTakeFirstOrThrow();
  const components = await m.db.selectFrom('reintegration_component').select('id').where('version_id', '=', approved.id).orderBy('position').execute();
  for (const [i, x] of components.entries()) {
    const last = i === components.length - 1;
    const at = last ? m.at : new Date(m.previousAt.getTime() + (span * (i + 1)) / (components.length + 1));
    const cancel = !last && i > 0 && r.chance(0.15);
    await setComponentStatus({
      caseId: m.caseId, componentId: x.id, expectedVersion: (await versionOf(m)).version,
      change: cancel ? { status: 'cancelled', reason: 'The returnee chose another course; the amount was not spent.' } : { status: 'delivered' },
    }, { actor: officer(m), db: m.db, clock: m.clockAt(at) });
  }
}

/** Some cases that arrived at the Iraq and Nigeria offices have a plan in draft, some agreed and waiting for approval. */
export const reintegrationDemo: DemoCapability = {
  name: 'reintegration',
  afterStep: async (ctx) => {
    if (!ctx.isLast || ctx.stage !== 'arrived' || !LOCAL[originPrefix(ctx)] || ctx.plan.awaitsPlan) return;
    const r = randomFor(ctx, 0x5a7);
    if (!r.chance(0.5)) return;
    // Only where the origin office has taken the case (a post-arrival case is its own).
    const c = await ctx.db.selectFrom('return_case').select(['origin_office_id', 'office_id']).where('id', '=', ctx.caseId).executeTakeFirstOrThrow();
    if (ctx.plan.kind !== 'post_arrival' && c.origin_office_id !== ctx.officeId(originPrefix(ctx))) return;
    const from = new Date(Math.min(ctx.at.getTime() + 2 * DAY, ctx.end.getTime() - 2 * 60 * MINUTE));
    if (from <= ctx.at) return;
    await draftPlan(ctx, from, r.chance(0.5) ? new Date(from.getTime() + 30 * MINUTE) : null);
  },
};
