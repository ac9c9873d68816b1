import type { HandoverPurpose } from '../../../shared/schemas/handover.js';
import type { Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { acceptHandover, addReceptionService, confirmArrival, declineHandover, sendHandover, setAdmissionDate } from '../../modules/handover/index.js';
import { caseDeparture, dateIn } from '../../modules/travel/index.js';
import type { DemoCapability, DemoCaseContext, DemoMove } from './demo-context.js';
import { Random } from './random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Where returnees land in the countries whose origin offices use Homeward. */
const ARRIVAL_PLACES: Record<string, string> = {
  IQ: 'Baghdad International Airport',
  NG: 'Murtala Muhammed International Airport, Lagos',
  AF: 'Kabul International Airport',
  BR: 'Brasília International Airport',
  LK: 'Bandaranaike International Airport, Colombo',
  EC: 'Mariscal Sucre International Airport, Quito',
};
// Ecuador's currency is the US dollar.
const LOCAL_CURRENCY: Record<string, string> = { IQ: 'IQD', NG: 'NGN', AF: 'AFN', BR: 'BRL', LK: 'LKR', EC: 'USD' };
const DECLINE_REASONS = [
  'The returnee plans to settle in a region another programme covers; please hand over to that office.',
  'Our reception capacity for this week is full; please send again with the new travel date.',
];

/** The same draw for the same case, whatever the order the demo runs in. */
function randomFor(ctx: DemoCaseContext, salt: number) {
  let h = salt ^ Math.floor(ctx.plan.createdAt.getTime() / 1000);
  for (const ch of `${ctx.plan.input.principal.givenName} ${ctx.plan.input.principal.familyName}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return new Random(h >>> 0);
}

/** The origin office's staff member who receives handovers, or null where the origin office has no user. */
function receiverOf(ctx: DemoCaseContext): Actor | null {
  try {
    return ctx.actorOf(ctx.plan.input.countryOfReturn, 'reintegrate', 'handover.receive');
  } catch {
    return null;
  }
}

const versionOf = async (db: Executor, table: 'return_case' | 'handover', id: string) =>
  (await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

async function send(ctx: DemoCaseContext, at: Date, purpose: HandoverPurpose, r: Random) {
  const sender = ctx.actor('case', 'handover.send');
  const consentedOn = at.toISOString().slice(0, 10);
  // A restricted case goes to a named officer of the receiving office: the one who will accept it.
  const { restricted } = await ctx.db.selectFrom('return_case').select('restricted').where('id', '=', ctx.caseId).executeTakeFirstOrThrow();
  const receiver = restricted ? receiverOf(ctx) : null;
  return sendHandover({ caseId: ctx.caseId, handover: {
    toOfficeId: ctx.officeId(ctx.plan.input.countryOfReturn),
    purpose,
    ...(receiver ? { receivingOfficerId: receiver.userId } : {}),
    note: r.chance(0.5) ? 'Returnee reachable by phone after arrival; family waiting at the airport.' : undefined,
    consent: { asylumHistory: r.chance(0.3), counsellingNotes: r.chance(0.4), healthInformation: r.chance(0.6), consentedOn },
  } }, { actor: sender, db: ctx.db, clock: ctx.clockAt(at) });
}

async function openHandover(ctx: DemoCaseContext) {
  return ctx.db.selectFrom('handover').select(['id', 'status', 'sent_at']).where('case_id', '=', ctx.caseId).where('status', 'in', ['pending', 'accepted']).executeTakeFirst();
}

/**
 * The arrival, as the origin office records it: the handover (sent before departure, or now just
 * after it) accepted by its staff, the arrival confirmed and the reception services with their
 * costs. Cases returning to a country whose origin office has no user stay departed, as do some
 * returns from Berlin to Iraq that nobody has handed over yet.
 */
export async function demoArrival(m: DemoMove): Promise<'stay' | void> {
  const receiver = receiverOf(m);
  if (!receiver) return 'stay';
  const r = randomFor(m, 0x41a);
  // Some of the Berlin office's returnees to Iraq are still on their way: not handed over yet,
  // arrival not confirmed (the journeys hand one over and confirm its arrival).
  if (m.plan.officePrefix === 'DE' && m.plan.input.countryOfReturn === 'IQ' && r.chance(0.4)) return 'stay';
  const span = m.at.getTime() - m.previousAt.getTime();
  let open = await openHandover(m);
  if (!open) {
    const sentAt = new Date(m.previousAt.getTime() + Math.min(2 * HOUR, span / 4));
    const h = await send(m, sentAt, r.pick<HandoverPurpose>(['reception', 'reception', 'reintegration', 'medical_continuity']), r);
    open = { id: h.id, status: 'pending', sent_at: sentAt };
  }
  if (open.status === 'pending') {
    const sent = Math.max(new Date(open.sent_at).getTime(), m.previousAt.getTime());
    const acceptedAt = new Date(sent + Math.min(3 * HOUR, (m.at.getTime() - sent) / 2));
    await acceptHandover({ handoverId: open.id, expectedVersion: await versionOf(m.db, 'handover', open.id) }, { actor: receiver, db: m.db, clock: m.clockAt(acceptedAt) });
  }
  const country = m.plan.input.countryOfReturn;
  const deps = { db: m.db, clock: m.clockAt(m.at) };
  // The local date at the place of arrival.
  const zone = (await caseDeparture(m.db, m.caseId))?.arrivesTimeZone ?? 'UTC';
  await confirmArrival({ caseId: m.caseId, expectedVersion: await versionOf(m.db, 'return_case', m.caseId), arrival: {
    arrivedOn: dateIn(m.at, zone),
    place: ARRIVAL_PLACES[country] ?? 'International airport',
    ...(r.chance(0.8) ? { receivedByUserId: receiver.userId } : { receivedByName: 'Partner NGO reception desk' }),
  } }, { actor: receiver, ...deps });
  await addReceptionService({ caseId: m.caseId, service: { service: 'airport_reception', status: 'provided', costMinor: 2500, currency: 'USD' } }, { actor: receiver, ...deps });
  await addReceptionService({ caseId: m.caseId, service: { service: 'immigration_customs', status: r.chance(0.7) ? 'provided' : 'not_needed' } }, { actor: receiver, ...deps });
  await addReceptionService({ caseId: m.caseId, service: {
    service: 'onward_transport', status: 'provided', costMinor: country === 'IQ' ? r.int(15, 60) * 1_000_000 : r.int(20, 120) * 100_000, currency: LOCAL_CURRENCY[country] ?? 'USD',
  } }, { actor: receiver, ...deps });
  if (r.chance(0.35)) await addReceptionService({ caseId: m.caseId, service: { service: 'temporary_accommodation', status: 'provided', costMinor: r.int(2, 7) * 3000, currency: 'USD', note: 'Reception centre, shared room.' } }, { actor: receiver, ...deps });
  if (r.chance(0.5)) await addReceptionService({ caseId: m.caseId, service: { service: 'immediate_assistance', status: r.chance(0.8) ? 'provided' : 'planned', costMinor: 15000, currency: 'USD' } }, { actor: receiver, ...deps });
  if (r.chance(0.15)) await addReceptionService({ caseId: m.caseId, service: { service: 'medical_care', status: 'planned', note: 'Follow-up appointment at the district hospital.' } }, { actor: receiver, ...deps });
}

/**
 * Handovers sent before departure (some accepted on arrival), handovers waiting for an answer or
 * declined on cases that stay departed, and the admission date of people returned by a government.
 */
export const handoverDemo: DemoCapability = {
  name: 'handover',
  afterStep: async (ctx) => {
    if (ctx.plan.kind === 'post_arrival') {
      if (ctx.step !== 0) return;
      const r = randomFor(ctx, 0xad);
      // A few recent post-arrival cases wait for their admission date: no assistance yet (never
      // the one admitted to wait for its plan).
      const unadmitted = r.chance(0.4);
      if (ctx.plan.target === 'arrived' && unadmitted && !ctx.plan.awaitsPlan) return;
      const officer = ctx.actorOf(ctx.plan.officePrefix, 'reintegrate', 'case.update');
      const admitted = new Date(ctx.at.getTime() - r.int(0, 3) * DAY).toISOString().slice(0, 10);
      const deps = { db: ctx.db, clock: ctx.clockAt(ctx.at) };
      await setAdmissionDate({ caseId: ctx.caseId, expectedVersion: await versionOf(ctx.db, 'return_case', ctx.caseId), admissionDate: admitted }, { actor: officer, ...deps });
      const receiver = ctx.actorOf(ctx.plan.officePrefix, 'reintegrate', 'reception.manage');
      await addReceptionService({ caseId: ctx.caseId, service: { service: 'immediate_assistance', status: 'provided', costMinor: 20000, currency: 'USD' } }, { actor: receiver, ...deps });
      if (r.chance(0.5)) await addReceptionService({ caseId: ctx.caseId, service: { service: 'onward_transport', status: 'provided', costMinor: 4000, currency: 'USD' } }, { actor: receiver, ...deps });
      return;
    }
    const receiver = receiverOf(ctx);
    if (!receiver) return;
    // Returns from Berlin to Iraq are handed over only when they arrive (demoArrival), so that
    // those still on their way have no handover yet, whatever day the demo data are made on.
    if (ctx.plan.officePrefix === 'DE' && ctx.plan.input.countryOfReturn === 'IQ') return;
    const r = randomFor(ctx, 0x7e);
    const sentAt = ctx.at;
    if (ctx.stage === 'travel_preparation' && r.chance(0.4) && !(await openHandover(ctx))) {
      await send(ctx, sentAt, 'reception', r);
    } else if (ctx.stage === 'departed' && ctx.isLast && !(await openHandover(ctx))) {
      const h = await send(ctx, sentAt, 'reintegration', r);
      if (r.chance(0.35)) {
        await declineHandover({ handoverId: h.id, expectedVersion: h.version, reason: r.pick(DECLINE_REASONS) }, { actor: receiver, db: ctx.db, clock: ctx.clockAt(new Date(sentAt.getTime() + 60_000)) });
      }
    }
  },
};
