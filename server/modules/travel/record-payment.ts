import type { z } from 'zod';
import type { paymentBody } from '../../../shared/schemas/travel.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { Deps, assertOpen, lockOpen } from './bookings.repo.js';

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
