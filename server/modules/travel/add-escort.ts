import type { z } from 'zod';
import type { escortBody } from '../../../shared/schemas/travel.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { errors } from './travel.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { Deps, assertOpen, lockOpen } from './bookings.repo.js';

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
