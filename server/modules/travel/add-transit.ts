import type { z } from 'zod';
import type { transitBody } from '../../../shared/schemas/travel.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { errors } from './travel.errors.js';
import { Deps, assertOpen, lockOpen } from './bookings.repo.js';

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
