import { ACCESS_REQUEST_REFERENCE_MIN } from '../../../shared/schemas/data-protection.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { ACCESS_REQUEST_LIFETIME_MS, personInScope, presentRequest } from './access-requests.repo.js';
import { BUNDLE_SECTION_COUNT } from './gather-bundle.js';
import { errors } from './privacy.errors.js';

/**
 * A data-protection officer starts a returnee's access request: recorded (queued) and audited
 * with ids only (the reference may name the returnee); the caller sends the job that builds it.
 */
export async function startAccessRequest(input: { personId: string; language: 'en' | 'fr' | 'es' | 'ar'; reference: string }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'person.access_request');
  const reference = input.reference.trim();
  if (reference.length < ACCESS_REQUEST_REFERENCE_MIN) throw errors.ACCESS_REQUEST_REFERENCE_TOO_SHORT({ min: ACCESS_REQUEST_REFERENCE_MIN });
  return db.transaction().execute(async (trx) => {
    const subject = await personInScope(trx, actor, input.personId);
    const now = clock.now();
    const row = await trx.insertInto('access_request').values({
      person_id: subject.personId, requested_by: actor.userId, organisation_id: actor.organisationId, language: input.language, reference,
      sections_total: BUNDLE_SECTION_COUNT, created_at: now, expires_at: new Date(now.getTime() + ACCESS_REQUEST_LIFETIME_MS),
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'person.access_request.started', entityType: 'person', entityId: subject.personId, officeId: subject.officeId,
      details: { accessRequestId: row.id, language: input.language },
    });
    return presentRequest({ ...row, requested_by_name: actor.name }, now);
  });
}
