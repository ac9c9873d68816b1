import { sql } from 'kysely';
import { can, requirePermission, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseScope } from '../cases/index.js';
import { handoverQuery, incomingScope } from './handovers.js';
import { presentHandover } from './handovers.present.js';

const DAY = 86_400_000;

/** Handovers the host office sent, in cases the actor may hand over, that the origin office has not answered yet: oldest first. */
export async function listOutgoing(_input: Record<string, never>, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'handover.send');
  const rows = await handoverQuery(db)
    .where('h.status', '=', 'pending')
    .where(caseScope(actor, 'handover.send'))
    .orderBy('h.sent_at')
    .limit(200)
    .execute();
  return { items: rows.map(presentHandover) };
}

/**
 * Returnees expected at the actor's office within `days` days: handovers received (pending or
 * accepted, in `incomingScope`) of cases not arrived yet whose open booking's last leg lands in that
 * window (the local date of arrival). A case still pending is opened through its handover package.
 */
export async function expectedArrivals({ days = 7 }: { days?: number }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'handover.receive');
  const from = clock.now().toISOString().slice(0, 10);
  const to = new Date(Date.parse(`${from}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
  const rows = await db
    .selectFrom('handover as h')
    .innerJoin('return_case as c', 'c.id', 'h.case_id')
    .innerJoin('travel_booking as b', 'b.case_id', 'c.id')
    .innerJoin('travel_leg as l', 'l.booking_id', 'b.id')
    .select([
      'h.id as handover_id', 'h.status as handover_status', 'c.id as case_id', 'c.case_number', 'l.carrier', 'l.flight_or_route', 'l.to_code', 'l.arrives_local', 'l.arrives_time_zone',
      sql<number>`(SELECT count(*)::int FROM travel_booking_member bm WHERE bm.booking_id = b.id)`.as('travellers'),
    ])
    .where('h.status', 'in', ['pending', 'accepted'])
    .where(incomingScope(actor))
    .where('c.stage', 'in', ['approved', 'travel_preparation', 'departed'])
    .where('b.status', 'in', ['booked', 'ticketed'])
    .where(sql<boolean>`l.position = (SELECT max(l2.position) FROM travel_leg l2 WHERE l2.booking_id = b.id)`)
    .where(sql`l.arrives_local::date`, '>=', sql`${from}::date`)
    .where(sql`l.arrives_local::date`, '<=', sql`${to}::date`)
    .orderBy('l.arrives_local')
    .orderBy('c.case_number')
    .limit(200)
    .execute();
  return {
    from,
    to,
    items: rows.map((r) => ({
      handoverId: r.handover_id, accepted: r.handover_status === 'accepted', caseId: r.case_id, caseNumber: r.case_number, carrier: r.carrier,
      flight: r.flight_or_route, toCode: r.to_code, arrivesLocal: r.arrives_local, arrivesTimeZone: r.arrives_time_zone, travellers: Number(r.travellers),
    })),
  };
}

/** Handovers waiting for the actor's answer (newest first), for the notifications of its queue. */
export async function handoversAwaiting(ex: Executor, actor: Actor, limit = 20) {
  if (!can(actor, 'handover.receive')) return [];
  const rows = await ex
    .selectFrom('handover as h')
    .innerJoin('return_case as c', 'c.id', 'h.case_id')
    .select(['h.id', 'c.case_number', 'h.sent_at'])
    .where('h.status', '=', 'pending')
    .where(incomingScope(actor))
    .orderBy('h.sent_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, caseNumber: r.case_number, at: new Date(r.sent_at) }));
}
