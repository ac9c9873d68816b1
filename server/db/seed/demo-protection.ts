/**
 * Protection in the demo: vulnerabilities where the case's story has one (the unaccompanied
 * children of the plan, the counsellor's sensitive notes on trafficking, trauma, pregnancy or a
 * chronic illness, elderly members, single parents), their special measures moving on as the case
 * does, health and fit-to-travel records for the medical cases, and restricted cases with the
 * office's staff assigned, all through the protection use cases with the clock at the time.
 */
import { can, type Actor } from '../../platform/actor.js';
import type { Stage } from '../../../shared/cases.js';
import type { VulnerabilityCategory } from '../../../shared/protection.js';
import { assignStaff, recordVulnerability, saveHealthRecord, updateMeasure } from '../../modules/protection/index.js';
import type { DemoCapability, DemoCaseContext } from './demo-context.js';
import type { StaffRole } from './demo-plan.js';
import { Random } from './random.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const WORKS: StaffRole[] = ['register', 'counsel', 'case', 'reintegrate', 'monitor', 'manage'];
const TRAVELLING: Stage[] = ['departed', 'arrived', 'reintegration', 'monitoring'];
const MEDICAL: VulnerabilityCategory[] = ['medical_physical', 'medical_mental_health', 'pregnant', 'disability', 'elderly'];

interface Screening {
  step: number;
  at: Date;
  category: VulnerabilityCategory;
  /** Which member: the principal, or the first member matching. */
  who: 'principal' | 'female_spouse' | 'elderly';
  details: string;
}

/** A seed from what the plan fixes about the case (its id is random). */
const seedOf = (ctx: DemoCaseContext) => ctx.plan.createdAt.getTime() % 2_147_483_647 ^ ctx.plan.officePrefix.length * 7919;

const day = (d: Date) => d.toISOString().slice(0, 10);

/** What the case's story says about its members' vulnerabilities, and when it became known. */
function screeningsOf(ctx: DemoCaseContext): Screening[] {
  const { plan } = ctx;
  const out: Screening[] = [];
  const travels = plan.steps.some((s) => TRAVELLING.includes(s.to));
  if (plan.uam) out.push({ step: 0, at: new Date(plan.createdAt.getTime() + 30 * MINUTE), category: 'unaccompanied_child', who: 'principal', details: 'Child alone in the host country; guardian appointed by the youth welfare service.' });
  for (const n of plan.notes) {
    const at = new Date(n.at.getTime() + 5 * MINUTE);
    if (/trafficking indicators/.test(n.body)) {
      // Restricted cases stay with the host office in the demo; one that travels is recorded as exploitation.
      out.push(travels
        ? { step: n.afterStep, at, category: 'violence_victim', who: 'principal', details: 'Forced work without pay during transit; referred to the VoT focal point.' }
        : { step: n.afterStep, at, category: 'trafficking_victim', who: 'principal', details: 'Forced work without pay during transit; trafficking indicators confirmed by the VoT focal point.' });
    } else if (/trauma/.test(n.body)) out.push({ step: n.afterStep, at, category: 'medical_mental_health', who: 'principal', details: 'Symptoms of trauma; psychosocial support on return.' });
    else if (/pregnant/.test(n.body)) out.push({ step: n.afterStep, at, category: 'pregnant', who: 'female_spouse', details: 'About 5 months pregnant at screening.' });
    else if (/diabetes/.test(n.body)) out.push({ step: n.afterStep, at, category: 'medical_physical', who: 'principal', details: 'Type 2 diabetes under treatment.' });
  }
  if (plan.kind === 'voluntary_return' && plan.steps.length) {
    const first = plan.steps[0];
    const at = new Date(Math.min(plan.createdAt.getTime() + DAY, (plan.createdAt.getTime() + first.at.getTime()) / 2));
    const r = new Random(seedOf(ctx));
    const year = plan.createdAt.getUTCFullYear();
    const old = [plan.input.principal, ...plan.input.members.map((m) => m.person)].some((p) => p.birthDate && year - Number(p.birthDate.slice(0, 4)) >= 65);
    if (old) out.push({ step: 0, at, category: 'elderly', who: 'elderly', details: 'Needs help over long distances and at airports.' });
    const children = plan.input.members.filter((m) => m.relationship === 'child').length;
    const partner = plan.input.members.some((m) => m.relationship === 'spouse' || m.relationship === 'partner');
    if (children > 0 && !partner && r.chance(0.6)) out.push({ step: 0, at, category: 'single_parent', who: 'principal', details: `Alone with ${children} child(ren); no family support in the country of return.` });
  }
  return out;
}

async function memberFor(ctx: DemoCaseContext, who: Screening['who'], at: Date) {
  const members = await ctx.db
    .selectFrom('case_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.person_id', 'm.relationship', 'p.sex', 'p.birth_date']).where('m.case_id', '=', ctx.caseId).orderBy('m.position').execute();
  if (who === 'female_spouse') return (members.find((m) => m.relationship === 'spouse' && m.sex === 'female') ?? members[0]).person_id;
  if (who === 'elderly') {
    const year = at.getUTCFullYear();
    return (members.find((m) => m.birth_date && year - Number(m.birth_date.slice(0, 4)) >= 65) ?? members[0]).person_id;
  }
  return members[0].person_id;
}

/** Everyone of the office who may act on the case later: the owner (or a supervisor) assigns them. */
async function assignOfficeStaff(ctx: DemoCaseContext, at: Date) {
  const c = await ctx.db.selectFrom('return_case').select(['owner_id']).where('id', '=', ctx.caseId).executeTakeFirstOrThrow();
  const candidates: Actor[] = [];
  for (const w of WORKS) {
    try {
      const a = ctx.actor(w);
      if (!candidates.some((x) => x.userId === a.userId)) candidates.push(a);
    } catch {
      // Nobody in this office does that kind of work.
    }
  }
  const assigner = candidates.find((a) => a.userId === c.owner_id) ?? candidates.find((a) => can(a, 'case.restricted'));
  if (!assigner) return;
  for (const a of candidates) {
    if (a.userId === c.owner_id || can(a, 'case.restricted')) continue;
    const already = await ctx.db.selectFrom('case_assignment').select('user_id').where('case_id', '=', ctx.caseId).where('user_id', '=', a.userId).executeTakeFirst();
    if (!already) await assignStaff({ caseId: ctx.caseId, userId: a.userId }, { actor: assigner, db: ctx.db, clock: ctx.clockAt(at) });
  }
}

async function screen(ctx: DemoCaseContext, s: Screening) {
  const screener = ctx.actor('counsel', 'vulnerability.write');
  const personId = await memberFor(ctx, s.who, s.at);
  const exists = await ctx.db.selectFrom('vulnerability').select('id').where('case_id', '=', ctx.caseId).where('person_id', '=', personId).where('category', '=', s.category).executeTakeFirst();
  if (exists) return;
  const v = await recordVulnerability({ caseId: ctx.caseId, vulnerability: { personId, category: s.category, identifiedOn: day(s.at), details: s.details } }, { actor: screener, db: ctx.db, clock: ctx.clockAt(s.at) });
  const restricted = await ctx.db.selectFrom('return_case').select('restricted').where('id', '=', ctx.caseId).executeTakeFirstOrThrow();
  if (restricted.restricted) await assignOfficeStaff(ctx, new Date(s.at.getTime() + 10 * MINUTE));
  if (MEDICAL.includes(s.category)) {
    let doctor: Actor | undefined;
    try {
      doctor = ctx.actor('counsel', 'case.health');
    } catch {
      doctor = undefined; // Partner offices hold no health records.
    }
    if (doctor) {
      const conditions = s.category === 'pregnant' ? 'Pregnancy, about 5 months' : s.category === 'elderly' ? 'Reduced mobility; hypertension' : s.details;
      const medication = s.category === 'medical_physical' ? 'Metformin 1 g twice daily; three months’ supply before departure' : s.category === 'medical_mental_health' ? 'Sertraline 50 mg daily' : null;
      await saveHealthRecord({ caseId: ctx.caseId, personId, expectedVersion: () => 0, health: {
        conditions, medication, travelNeeds: s.category === 'elderly' ? 'Wheelchair at airports' : 'Aisle seat; medication in hand luggage', fitToTravel: 'pending',
      } }, { actor: doctor, db: ctx.db, clock: ctx.clockAt(new Date(s.at.getTime() + 20 * MINUTE)) });
    }
  }
  return v;
}

/** Measures move on as the case does: some started, some done, some found not needed. */
async function progressMeasures(ctx: DemoCaseContext, stage: Stage, at: Date, step: number) {
  const open = await ctx.db.selectFrom('special_measure').select(['id', 'version', 'status', 'kind', 'owner_id']).where('case_id', '=', ctx.caseId)
    .where('status', 'in', ['open', 'in_progress']).where('created_at', '<', at).orderBy('created_at').orderBy('kind').execute();
  if (!open.length) return;
  const r = new Random(seedOf(ctx) + step * 104_729);
  const worker = ctx.actor('case', 'vulnerability.write');
  const travelling = TRAVELLING.includes(stage) || stage === 'travel_preparation';
  for (const [i, m] of open.entries()) {
    const roll = r.next();
    const status = travelling ? (roll < 0.9 ? 'done' : 'not_needed') : m.status === 'open' ? (roll < 0.45 ? 'in_progress' : roll < 0.65 ? 'done' : null) : roll < 0.5 ? 'done' : null;
    if (!status) continue;
    const when = new Date(at.getTime() + (40 + i) * MINUTE);
    await updateMeasure({ caseId: ctx.caseId, measureId: m.id, expectedVersion: m.version, patch: { status, ...(status === 'not_needed' ? { notes: 'Not needed after assessment.' } : {}) } }, { actor: worker, db: ctx.db, clock: ctx.clockAt(when) });
  }
}

/** Before travel, a pending fit-to-travel record is certified. */
async function certify(ctx: DemoCaseContext, at: Date) {
  const pending = await ctx.db.selectFrom('health_record').selectAll().where('case_id', '=', ctx.caseId).where('fit_to_travel', '=', 'pending').execute();
  if (!pending.length) return;
  const doctor = ctx.actor('counsel', 'case.health');
  for (const h of pending) {
    const certifiedOn = day(at);
    await saveHealthRecord({ caseId: ctx.caseId, personId: h.person_id, expectedVersion: () => h.version, health: {
      conditions: h.conditions, medication: h.medication, travelNeeds: h.travel_needs,
      fitToTravel: /Pregnancy|mobility/.test(h.conditions ?? '') ? 'fit_with_escort' : 'fit',
      certifiedBy: 'Dr. Miriam Okafor, panel physician', certifiedOn, validUntil: day(new Date(at.getTime() + 60 * DAY)),
    } }, { actor: doctor, db: ctx.db, clock: ctx.clockAt(new Date(at.getTime() + 2 * 60 * MINUTE)) });
  }
}

export const demoProtection: DemoCapability = {
  name: 'protection',
  async afterStep(ctx) {
    const { step, stage, at } = ctx;
    if (step > 0) await progressMeasures(ctx, stage, at, step);
    if (stage === 'travel_preparation') await certify(ctx, at);
    for (const s of screeningsOf(ctx)) if (s.step === step) await screen(ctx, s);
  },
};
