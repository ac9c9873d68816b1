import type { z } from 'zod';
import type { transitStatusBody } from '../../../shared/schemas/travel.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import { changeCase } from '../cases/index.js';
import { errors } from './travel.errors.js';
import { Deps } from './bookings.repo.js';

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
