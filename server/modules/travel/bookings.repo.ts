import type { BookingInput, LegInput } from '../../../shared/schemas/travel.js';
import { type Actor, type Clock } from '../../platform/actor.js';
import type { Db, Executor, Tx } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { findCase } from '../cases/index.js';
import { localToInstant, normaliseLocal } from './local-time.js';
import { findBooking, isOpenBooking, OPEN_BOOKING_STATUSES, type BookingRow } from './travel.repo.js';
import { errors } from './travel.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

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

export async function insertBooking(trx: Tx, actor: Actor, caseId: string, input: BookingInput, replaces: string | null, now: Date) {
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

export const legSummary = (input: BookingInput) => input.legs.map((l) => `${l.carrier} ${l.flightOrRoute} ${l.fromCode}-${l.toCode} ${l.departsLocal}`);

export async function lockOpen(trx: Tx, actor: Actor, caseId: string, bookingId: string, expected: number | null) {
  const c = await findCase(trx, actor, caseId, 'travel.manage', true);
  const b = await findBooking(trx, caseId, bookingId, true);
  if (expected !== null && b.version !== expected) throw staleVersion();
  return { c, b };
}

export function assertOpen(b: BookingRow) {
  if (!isOpenBooking(b.status)) throw errors.TRAVEL_BOOKING_CLOSED({ status: b.status }, `This booking is ${b.status}: nothing more can be added to it.`);
}
