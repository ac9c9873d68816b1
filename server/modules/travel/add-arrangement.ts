import type { z } from 'zod';
import type {
arrangementBody
} from '../../../shared/schemas/travel.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { Deps, assertOpen, lockOpen } from './bookings.repo.js';

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
