import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { requestInScope } from './access-requests.repo.js';
import { errors } from './privacy.errors.js';

const CONTENT_TYPES = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8', pdf: 'application/pdf' } as const;

/**
 * One format of a finished bundle, for an officer whose scope holds the person (any officer of the
 * organisation may send it), while it is kept: 410 after, 409 before it is done. Audited (ids only).
 */
export async function downloadAccessRequest(input: { id: string; format: 'json' | 'csv' | 'pdf' }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'person.access_request');
  return db.transaction().execute(async (trx) => {
    const r = await requestInScope(trx, actor, input.id);
    if (r.expires_at.getTime() <= clock.now().getTime()) throw errors.ACCESS_REQUEST_EXPIRED();
    if (r.status !== 'done') throw errors.ACCESS_REQUEST_NOT_READY({ status: r.status });
    const file = await trx.selectFrom('access_request').select(['bundle_json', 'bundle_csv', 'bundle_pdf']).where('id', '=', r.id).executeTakeFirstOrThrow();
    const body = input.format === 'json' ? file.bundle_json : input.format === 'csv' ? file.bundle_csv : file.bundle_pdf;
    if (!body) throw errors.ACCESS_REQUEST_EXPIRED();
    await audit(trx, auditContextOf(actor), {
      event: 'person.access_request.downloaded', entityType: 'person', entityId: r.person_id, details: { accessRequestId: r.id, format: input.format },
    });
    return { body, contentType: CONTENT_TYPES[input.format], fileName: `access-request-${r.created_at.toISOString().slice(0, 10)}-${r.id.slice(0, 8)}.${input.format}` };
  });
}
