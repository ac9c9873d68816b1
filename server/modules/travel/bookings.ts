import type { z } from 'zod';
import type { Stage } from '../../../shared/cases.js';
import type {
  arrangementBody, BookingInput, BookingStatus, escortBody, LegInput, paymentBody, transitBody, transitStatusBody,
} from '../../../shared/schemas/travel.js';
import { requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db, Executor, Tx } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { changeCase, findCase, moveCase, type CaseRow } from '../cases/index.js';
import { assertCanBookTravel } from '../decisions/index.js';
import { localToInstant, normaliseLocal } from './local-time.js';
import { findBooking, isOpenBooking, OPEN_BOOKING_STATUSES, type BookingRow } from './travel.repo.js';
import { errors } from './travel.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
}

/** Stages at which a booking may be made. */
export const BOOKABLE_STAGES: Stage[] = ['approved', 'travel_preparation'];

/**
 * Whether the case may have travel booked: approved or in travel preparation, and a current
 * informed decision for every travelling member (409 otherwise).
 */
export async function assertBookable(ex: Executor, c: Pick<CaseRow, 'id' | 'stage'>) {
  if (!BOOKABLE_STAGES.includes(c.stage as Stage)) {
    throw errors.TRAVEL_CASE_STAGE({ stage: c.stage });
  }
  await assertCanBookTravel(ex, c.id);
}

/** The moves of the booking status machine made by a plain status change; no-show and rebooked have their own actions. */
const STATUS_MOVES: Record<BookingStatus, BookingStatus[]> = {
  requested: ['booked', 'cancelled'],
  booked: ['ticketed', 'cancelled'],
  ticketed: ['cancelled'],
  cancelled: [],
  no_show: ['cancelled'],
  rebooked: [],
};
const REBOOKABLE: BookingStatus[] = ['requested', 'booked', 'ticketed', 'no_show'];

function checkLegs(legs: LegInput[]) {
  let previousArrival: Date | null = null;
  let previousTo: string | null = null;
  legs.forEach((l, i) => {
    const departs = localToInstant(l.departsLocal, l.departsTimeZone);
    const arrives = localToInstant(l.arrivesLocal, l.arrivesTimeZone);
    if (arrives <= departs) {
      throw errors.TRAVEL_LEG_TIMES({ field: `legs.${i}.arrivesLocal` });
    }
    if (l.fromCode === l.toCode) throw platformErrors.VALIDATION_FAILED({ field: `legs.${i}.toCode` }, 'A leg must go somewhere else.');
    if (previousTo !== null && previousTo !== l.fromCode) {
      throw errors.TRAVEL_LEGS_NOT_CONNECTED({ field: `legs.${i}.fromCode` });
    }
    if (previousArrival && departs < previousArrival) {
      throw errors.TRAVEL_LEG_TIMES({ field: `legs.${i}.departsLocal` }, 'A leg cannot leave before the previous one arrives.');
    }
    previousArrival = arrives;
    previousTo = l.toCode;
  });
}

async function bookingMembers(ex: Executor, caseId: string, input: BookingInput, replacing: string | null) {
  const all = await ex.selectFrom('case_member').select(['person_id', 'travelling']).where('case_id', '=', caseId).execute();
  const travelling = all.filter((m) => m.travelling).map((m) => m.person_id);
  const chosen = input.members ?? travelling.map((personId) => ({ personId, specialAssistance: undefined }));
  if (!chosen.length) throw errors.TRAVEL_NO_TRAVELLERS();
  for (const [i, m] of chosen.entries()) {
    if (!travelling.includes(m.personId)) {
      throw errors.TRAVEL_MEMBER_NOT_TRAVELLING({ field: `members.${i}.personId` });
    }
  }
  if (new Set(chosen.map((m) => m.personId)).size !== chosen.length) {
    throw platformErrors.VALIDATION_FAILED({ field: 'members' }, 'A member is listed twice.');
  }
  let q = ex
    .selectFrom('travel_booking_member as bm')
    .innerJoin('travel_booking as b', 'b.id', 'bm.booking_id')
    .select(['bm.person_id', 'b.id'])
    .where('b.case_id', '=', caseId)
    .where('b.status', 'in', [...OPEN_BOOKING_STATUSES])
    .where('bm.person_id', 'in', chosen.map((m) => m.personId));
  if (replacing) q = q.where('b.id', '<>', replacing);
  const taken = await q.execute();
  if (taken.length) {
    throw errors.TRAVEL_MEMBER_ALREADY_BOOKED({
      personIds: taken.map((t) => t.person_id), bookingId: taken[0]!.id,
    });
  }
  return chosen;
}

async function insertBooking(trx: Tx, actor: Actor, caseId: string, input: BookingInput, replaces: string | null, now: Date) {
  checkLegs(input.legs);
  const members = await bookingMembers(trx, caseId, input, replaces);
  const booking = await trx
    .insertInto('travel_booking')
    .values({
      case_id: caseId,
      status: 'requested',
      booking_reference: input.bookingReference ?? null,
      travel_date: input.legs[0]!.departsLocal.slice(0, 10),
      replaces_booking_id: replaces,
      notes: input.notes ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.insertInto('travel_booking_member').values(members.map((m) => ({ booking_id: booking.id, person_id: m.personId }))).execute();
  const needs = members.filter((m) => m.specialAssistance);
  if (needs.length) {
    await trx.insertInto('travel_member_assistance').values(needs.map((m) => ({ booking_id: booking.id, person_id: m.personId, needs: m.specialAssistance! }))).execute();
  }
  await trx
    .insertInto('travel_leg')
    .values(input.legs.map((l, i) => ({
      booking_id: booking.id, position: i + 1, carrier: l.carrier, flight_or_route: l.flightOrRoute.replace(/\s+/g, ' '),
      from_code: l.fromCode, from_kind: l.fromKind, to_code: l.toCode, to_kind: l.toKind,
      departs_local: normaliseLocal(l.departsLocal), departs_time_zone: l.departsTimeZone,
      arrives_local: normaliseLocal(l.arrivesLocal), arrives_time_zone: l.arrivesTimeZone,
    })))
    .execute();
  // Every change of plane is a transit point; assistance there is requested separately.
  const transitPoints = [...new Set(input.legs.slice(0, -1).filter((l) => l.toKind === 'airport').map((l) => l.toCode))];
  if (transitPoints.length) {
    await trx.insertInto('travel_transit').values(transitPoints.map((code) => ({ booking_id: booking.id, airport_code: code, assistance_status: 'not_requested' as const, created_at: now, updated_at: now }))).execute();
  }
  return { booking, members };
}

const legSummary = (input: BookingInput) => input.legs.map((l) => `${l.carrier} ${l.flightOrRoute} ${l.fromCode}-${l.toCode} ${l.departsLocal}`);

/** Books travel for the travelling members; an approved case moves to travel preparation. */
export async function createBooking(actor: Actor, caseId: string, input: BookingInput, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  await assertBookable(db, await findCase(db, actor, caseId, 'travel.manage'));
  return changeCase({ actor, db, clock }, { caseId, permission: 'travel.manage' }, async ({ trx, case: c, move }) => {
    await assertBookable(trx, c);
    const now = clock.now();
    const { booking, members } = await insertBooking(trx, actor, caseId, input, null, now);
    await audit(trx, auditContextOf(actor), {
      event: 'travel.booking.created', entityType: 'travel_booking', entityId: booking.id, caseId, officeId: c.office_id,
      after: { status: booking.status, travelDate: booking.travel_date, bookingReference: booking.booking_reference, members: members.length, legs: legSummary(input) },
    });
    if (c.stage === 'approved') await move('travel_preparation', 'departure');
    return { id: booking.id, version: booking.version };
  });
}

async function lockOpen(trx: Tx, actor: Actor, caseId: string, bookingId: string, expected: number | null) {
  const c = await findCase(trx, actor, caseId, 'travel.manage', true);
  const b = await findBooking(trx, caseId, bookingId, true);
  if (expected !== null && b.version !== expected) throw staleVersion();
  return { c, b };
}

function assertOpen(b: BookingRow) {
  if (!isOpenBooking(b.status)) throw errors.TRAVEL_BOOKING_CLOSED({ status: b.status }, `This booking is ${b.status}: nothing more can be added to it.`);
}

/** Changes the booking's details (reference, notes) while it is open. */
export async function updateBookingDetails(actor: Actor, caseId: string, bookingId: string, expected: number, input: { bookingReference?: string; notes?: string }, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  return db.transaction().execute(async (trx) => {
    const { c, b } = await lockOpen(trx, actor, caseId, bookingId, expected);
    assertOpen(b);
    const after = await trx.updateTable('travel_booking')
      .set({ booking_reference: input.bookingReference ?? null, notes: input.notes ?? null, version: b.version + 1, updated_at: clock.now() })
      .where('id', '=', bookingId).returningAll().executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'travel.booking.updated', entityType: 'travel_booking', entityId: bookingId, caseId, officeId: c.office_id,
      before: { bookingReference: b.booking_reference, notes: b.notes }, after: { bookingReference: after.booking_reference, notes: after.notes },
    });
    return { id: after.id, version: after.version };
  });
}

/** requested → booked → ticketed, or cancelled; no-show is recorded by the departure, rebooked by a rebooking. */
export async function changeBookingStatus(actor: Actor, caseId: string, bookingId: string, expected: number, input: { to: BookingStatus; bookingReference?: string }, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  return db.transaction().execute(async (trx) => {
    const { c, b } = await lockOpen(trx, actor, caseId, bookingId, expected);
    const from = b.status as BookingStatus;
    if (input.to === 'no_show') throw errors.TRAVEL_BOOKING_NEEDS_ACTION({ from, to: input.to, action: 'departure' });
    if (input.to === 'rebooked') throw errors.TRAVEL_BOOKING_NEEDS_ACTION({ from, to: input.to, action: 'rebook' }, 'Rebook the journey to replace this booking.');
    if (!STATUS_MOVES[from].includes(input.to)) {
      throw errors.TRAVEL_BOOKING_STATUS_INVALID({ from, to: input.to }, `A ${from} booking cannot become ${input.to}.`);
    }
    if (input.to !== 'cancelled' && c.stage !== 'travel_preparation') {
      throw errors.TRAVEL_CASE_STAGE({ stage: c.stage }, 'The case is no longer in travel preparation: the booking can only be cancelled.');
    }
    if (input.to === 'booked' && !input.bookingReference && !b.booking_reference) {
      throw errors.TRAVEL_BOOKING_REFERENCE_REQUIRED({ field: 'bookingReference' });
    }
    const after = await trx
      .updateTable('travel_booking')
      .set({ status: input.to, booking_reference: input.bookingReference ?? b.booking_reference, version: b.version + 1, updated_at: clock.now() })
      .where('id', '=', bookingId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'travel.booking.status.changed', entityType: 'travel_booking', entityId: bookingId, caseId, officeId: c.office_id,
      before: { status: from, bookingReference: b.booking_reference }, after: { status: after.status, bookingReference: after.booking_reference },
    });
    return { id: after.id, version: after.version };
  });
}

/** A new booking replaces the old one, which becomes rebooked. */
export async function rebook(actor: Actor, caseId: string, bookingId: string, expected: number, input: BookingInput, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  return db.transaction().execute(async (trx) => {
    const { c, b } = await lockOpen(trx, actor, caseId, bookingId, expected);
    if (!REBOOKABLE.includes(b.status as BookingStatus)) {
      throw errors.TRAVEL_BOOKING_STATUS_INVALID({ from: b.status, to: 'rebooked' }, `A ${b.status} booking cannot be rebooked.`);
    }
    if (c.stage !== 'travel_preparation') throw errors.TRAVEL_CASE_STAGE({ stage: c.stage }, 'Rebooking needs the case in travel preparation.');
    await assertBookable(trx, c);
    const now = clock.now();
    await trx.updateTable('travel_booking').set({ status: 'rebooked', version: b.version + 1, updated_at: now }).where('id', '=', bookingId).execute();
    const { booking } = await insertBooking(trx, actor, caseId, input, bookingId, now);
    await audit(trx, auditContextOf(actor), {
      event: 'travel.booking.rebooked', entityType: 'travel_booking', entityId: bookingId, caseId, officeId: c.office_id,
      before: { status: b.status }, after: { status: 'rebooked', replacedBy: booking.id, legs: legSummary(input) },
    });
    return { id: booking.id, version: booking.version, replaces: bookingId };
  });
}

export async function addTransit(actor: Actor, caseId: string, bookingId: string, input: z.infer<typeof transitBody>, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  return db.transaction().execute(async (trx) => {
    const { c, b } = await lockOpen(trx, actor, caseId, bookingId, null);
    assertOpen(b);
    const now = clock.now();
    const row = await trx
      .insertInto('travel_transit')
      .values({ booking_id: bookingId, airport_code: input.airportCode, assistance_status: input.assistanceStatus, assistance_reference: input.assistanceReference ?? null, notes: input.notes ?? null, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['booking_id', 'airport_code']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw errors.TRAVEL_TRANSIT_EXISTS({ field: 'airportCode' });
    await audit(trx, auditContextOf(actor), {
      event: 'travel.transit.added', entityType: 'travel_transit', entityId: row.id, caseId, officeId: c.office_id,
      after: { bookingId, airportCode: row.airport_code, assistanceStatus: row.assistance_status },
    });
    return { id: row.id, version: row.version };
  });
}

export async function updateTransit(actor: Actor, caseId: string, transitId: string, expected: number, input: z.infer<typeof transitStatusBody>, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  return changeCase({ actor, db, clock }, { caseId, permission: 'travel.manage' }, async ({ trx, case: c }) => {
    const t = await trx
      .selectFrom('travel_transit as t')
      .innerJoin('travel_booking as b', 'b.id', 't.booking_id')
      .selectAll('t')
      .where('t.id', '=', transitId)
      .where('b.case_id', '=', caseId)
      .executeTakeFirst();
    if (!t) throw errors.TRAVEL_TRANSIT_NOT_FOUND();
    if (t.version !== expected) throw staleVersion();
    const after = await trx
      .updateTable('travel_transit')
      .set({ assistance_status: input.assistanceStatus, assistance_reference: input.assistanceReference ?? t.assistance_reference, version: t.version + 1, updated_at: clock.now() })
      .where('id', '=', transitId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'travel.transit.updated', entityType: 'travel_transit', entityId: transitId, caseId, officeId: c.office_id,
      before: { assistanceStatus: t.assistance_status }, after: { assistanceStatus: after.assistance_status, assistanceReference: after.assistance_reference },
    });
    return { id: after.id, version: after.version };
  });
}

export async function addEscort(actor: Actor, caseId: string, bookingId: string, input: z.infer<typeof escortBody>, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  if (!input.userId && !input.name) throw platformErrors.VALIDATION_FAILED({ field: 'name' }, 'Name the escort or choose a user.');
  return db.transaction().execute(async (trx) => {
    const { c, b } = await lockOpen(trx, actor, caseId, bookingId, null);
    assertOpen(b);
    const legs = await trx.selectFrom('travel_leg').select('position').where('booking_id', '=', bookingId).execute();
    const positions = [...new Set(input.legPositions)].sort();
    if (positions.some((p) => !legs.some((l) => l.position === p))) {
      throw errors.TRAVEL_ESCORT_LEG_UNKNOWN({ field: 'legPositions' });
    }
    if (input.userId) {
      const u = await trx.selectFrom('app_user').select('id').where('id', '=', input.userId).where('organisation_id', '=', c.organisation_id).executeTakeFirst();
      if (!u) throw platformErrors.VALIDATION_FAILED({ field: 'userId' }, 'No such user in this organisation.');
    }
    const row = await trx
      .insertInto('travel_escort')
      .values({ booking_id: bookingId, kind: input.kind, user_id: input.userId ?? null, name: input.name ?? null, organisation: input.organisation ?? null, leg_positions: positions, created_by: actor.userId, created_at: clock.now() })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'travel.escort.added', entityType: 'travel_escort', entityId: row.id, caseId, officeId: c.office_id,
      after: { bookingId, kind: input.kind, userId: input.userId ?? null, name: input.name ?? null, organisation: input.organisation ?? null, legPositions: positions },
    });
    return { id: row.id };
  });
}

export async function addArrangement(actor: Actor, caseId: string, bookingId: string, input: z.infer<typeof arrangementBody>, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  if (input.endsAt && new Date(input.endsAt) < new Date(input.startsAt)) {
    throw platformErrors.VALIDATION_FAILED({ field: 'endsAt' }, 'The end is before the start.');
  }
  return db.transaction().execute(async (trx) => {
    const { c, b } = await lockOpen(trx, actor, caseId, bookingId, null);
    assertOpen(b);
    const row = await trx
      .insertInto('travel_arrangement')
      .values({ booking_id: bookingId, kind: input.kind, provider: input.provider, details: input.details ?? null, starts_at: input.startsAt, ends_at: input.endsAt ?? null, created_by: actor.userId, created_at: clock.now() })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'travel.arrangement.added', entityType: 'travel_arrangement', entityId: row.id, caseId, officeId: c.office_id,
      after: { bookingId, kind: input.kind, provider: input.provider, startsAt: input.startsAt, endsAt: input.endsAt ?? null },
    });
    return { id: row.id };
  });
}

/** Pocket money or an installation grant handed over at departure, with its receipt from the case's attachments. */
export async function recordPayment(actor: Actor, caseId: string, bookingId: string, input: z.infer<typeof paymentBody>, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  return db.transaction().execute(async (trx) => {
    const { c, b } = await lockOpen(trx, actor, caseId, bookingId, null);
    assertOpen(b);
    if (input.personId) {
      const m = await trx.selectFrom('travel_booking_member').select('person_id').where('booking_id', '=', bookingId).where('person_id', '=', input.personId).executeTakeFirst();
      if (!m) throw platformErrors.VALIDATION_FAILED({ field: 'personId' }, 'The recipient must travel on this booking.');
    }
    if (input.receiptAttachmentId) {
      const a = await trx.selectFrom('case_attachment').select('id').where('id', '=', input.receiptAttachmentId).where('case_id', '=', caseId).executeTakeFirst();
      if (!a) throw platformErrors.VALIDATION_FAILED({ field: 'receiptAttachmentId' }, 'The receipt must be an attachment of this case.');
    }
    const paidBy = input.paidBy ?? actor.userId;
    if (input.paidBy) {
      const u = await trx.selectFrom('app_user').select('id').where('id', '=', input.paidBy).where('organisation_id', '=', c.organisation_id).executeTakeFirst();
      if (!u) throw platformErrors.VALIDATION_FAILED({ field: 'paidBy' }, 'No such user in this organisation.');
    }
    const now = clock.now();
    const row = await trx
      .insertInto('travel_payment')
      .values({
        booking_id: bookingId, person_id: input.personId ?? null, kind: input.kind, amount_minor: input.amountMinor, currency: input.currency,
        receipt_attachment_id: input.receiptAttachmentId ?? null, paid_by: paidBy, paid_at: input.paidAt ?? now, created_at: now,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'travel.payment.recorded', entityType: 'travel_payment', entityId: row.id, caseId, officeId: c.office_id,
      after: { bookingId, kind: input.kind, amountMinor: input.amountMinor, currency: input.currency, personId: input.personId ?? null, receiptAttachmentId: input.receiptAttachmentId ?? null, paidBy },
    });
    return { id: row.id };
  });
}
