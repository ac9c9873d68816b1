import { sql } from 'kysely';
import type { AuditSearchInput } from '../../../shared/schemas/access.js';
import type { Actor } from '../../platform/actor.js';
import { inScope } from '../../platform/scope.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { auditValuesView, caseFieldAccess, openAuditValues } from '../cases/index.js';

/**
 * Searches the audit trail within the actor's audit scope; the search itself is audited. Every
 * entry says who did what and when, and which fields changed; the values only where the reader
 * may read that field of that case right now (`auditValuesView`).
 */
export async function searchAudit(actor: Actor, input: AuditSearchInput, { db }: { db: Db }) {
  // An entry is the office's it was recorded for; it has no owner, so 'own' reaches the office.
  let q = db
    .selectFrom('audit_event as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .leftJoin('return_case as rc', 'rc.id', 'a.case_id')
    .where(inScope(actor, 'audit.read', { office: 'a.office_id' }));
  // A prefix taken as typed: LIKE's wildcards are escaped (event names hold underscores, `import.person_updated`).
  if (input.event) q = q.where('a.event', 'like', `${input.event.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (input.events?.length) q = q.where('a.event', 'in', input.events);
  if (input.caseNumber) q = q.where(sql<string>`upper(rc.case_number)`, '=', input.caseNumber.toUpperCase());
  if (input.actorId) q = q.where('a.actor_id', '=', input.actorId);
  if (input.entityType) q = q.where('a.entity_type', '=', input.entityType);
  if (input.entityId) q = q.where('a.entity_id', '=', input.entityId);
  if (input.caseId) q = q.where('a.case_id', '=', input.caseId);
  if (input.from) q = q.where('a.at', '>=', new Date(`${input.from}T00:00:00Z`));
  if (input.to) q = q.where('a.at', '<', sql<Date>`${input.to}::date + 1`);
  const rows = await q
    .select(['a.id', 'a.at', 'a.event', 'a.actor_id', 'u.name as actor_name', 'a.entity_type', 'a.entity_id', 'a.case_id', 'rc.case_number', 'a.office_id', 'a.before', 'a.after', 'a.details'])
    .orderBy('a.id', 'desc')
    .limit(input.pageSize + 1)
    .offset((input.page - 1) * input.pageSize)
    .execute();
  await audit(db, auditContextOf(actor), { event: 'audit.searched', details: { filters: { ...input } } });
  const page = rows.slice(0, input.pageSize);
  const access = await caseFieldAccess(db, actor, page.flatMap((r) => (r.case_id ? [r.case_id] : [])));
  return {
    items: await Promise.all(page.map(async (r) => ({
      id: r.id,
      at: r.at.toISOString(),
      event: r.event,
      actorId: r.actor_id,
      actorName: r.actor_name,
      entityType: r.entity_type,
      entityId: r.entity_id,
      caseId: r.case_id,
      caseNumber: r.case_number ?? null,
      officeId: r.office_id,
      ...(await openAuditValues(db, auditValuesView(
        { event: r.event, entityType: r.entity_type, entityId: r.entity_id, caseId: r.case_id, before: r.before, after: r.after, details: r.details },
        r.case_id ? access.get(r.case_id) : undefined,
      ))),
    }))),
    page: input.page,
    pageSize: input.pageSize,
    hasMore: rows.length > input.pageSize,
  };
}
