import { sql } from 'kysely';
import { scopeFor, type Actor } from '../../platform/actor.js';
import { auditContextOf, auditRead } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { scopeCondition } from './cases.policy.js';
import { errors } from './cases.errors.js';

/**
 * The cases of the data-protection officer's scope (`person.access_log.read`): host or origin office
 * in it, restricted or not. The officer reads who accessed them, never the cases themselves.
 */
const dpoCases = (actor: Actor) => scopeCondition(actor, scopeFor(actor, 'person.access_log.read'));

/** A person of a case the officer answers for, or 404. */
async function personInScope(ex: Executor, actor: Actor, personId: string) {
  const person = await ex
    .selectFrom('person as p')
    .select(['p.id', 'p.given_name', 'p.family_name'])
    .where('p.id', '=', personId)
    .where((eb) => eb.exists(eb.selectFrom('case_member as m').innerJoin('return_case as c', 'c.id', 'm.case_id').select('m.id').whereRef('m.person_id', '=', 'p.id').where(dpoCases(actor))))
    .executeTakeFirst();
  if (!person) throw errors.PERSON_NOT_FOUND();
  return person;
}

/**
 * Who accessed a person, when and why: every audited read and write of the cases the person is a
 * member of (in the officer's scope) and of the person's own records, newest first, with the
 * actor's name, roles and office (their own, as now: an entry's `office_id` is the case's office for
 * reads of a case), and the reason of the break-glass grant an
 * access went through ("in scope" otherwise). Reading it is audited.
 */
export async function personAccessLog(input: { personId: string; page: number; pageSize: number }, { actor, db }: UseCaseContext) {
  const person = await personInScope(db, actor, input.personId);
  const cases = db.selectFrom('case_member as m').innerJoin('return_case as c', 'c.id', 'm.case_id').select('m.case_id').where('m.person_id', '=', person.id).where(dpoCases(actor));
  const ofPerson = sql<boolean>`(e.case_id IN (${cases}) OR (e.entity_type = 'person' AND e.entity_id = ${person.id}))`;
  const [count, rows] = await Promise.all([
    db.selectFrom('audit_event as e').select(sql<number>`count(*)::int`.as('n')).where(ofPerson).executeTakeFirstOrThrow(),
    db
      .selectFrom('audit_event as e')
      .leftJoin('app_user as u', 'u.id', 'e.actor_id')
      .leftJoin('office as o', 'o.id', 'u.office_id')
      .leftJoin('return_case as rc', 'rc.id', 'e.case_id')
      .leftJoin('case_break_glass as g', (j) => j.on(sql<boolean>`g.id::text = e.details->>'breakGlassGrantId'`))
      .select([
        sql<string>`e.id::text`.as('id'), 'e.at', 'e.event', 'e.actor_id', 'u.name as actor_name', 'o.name as office_name', 'rc.case_number',
        'g.id as grant_id', 'g.reason as grant_reason',
        sql<string[]>`coalesce((SELECT array_agg(r.name ORDER BY r.name) FROM user_role ur JOIN role r ON r.id = ur.role_id WHERE ur.user_id = e.actor_id), '{}')`.as('roles'),
      ])
      .where(ofPerson)
      .orderBy('e.at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
  ]);
  await auditRead(db, auditContextOf(actor), {
    event: 'person.access_log.viewed', entityType: 'person', entityId: person.id, details: { page: input.page },
  });
  return {
    person: { id: person.id, givenName: person.given_name, familyName: person.family_name },
    page: input.page,
    pageSize: input.pageSize,
    total: count.n,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      event: r.event,
      caseNumber: r.case_number ?? null,
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '', roles: r.roles, office: r.office_name ?? null } : null,
      why: r.grant_id
        ? { kind: 'break_glass' as const, reason: r.grant_reason, grantId: r.grant_id }
        : { kind: 'in_scope' as const, reason: null, grantId: null },
    })),
  };
}

/**
 * The data-protection officer finds a person by the number of one of their cases (in their
 * scope): the members' names, to choose whose access log to read. Audited.
 */
export async function lookUpCaseMembers({ caseNumber }: { caseNumber: string }, { actor, db }: UseCaseContext) {
  const c = await db.selectFrom('return_case as c').select(['c.id', 'c.case_number', 'c.office_id']).where('c.case_number', '=', caseNumber.trim()).where(dpoCases(actor)).executeTakeFirst();
  if (!c) throw errors.CASE_NOT_FOUND();
  const persons = await db
    .selectFrom('case_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.given_name', 'p.family_name', 'm.relationship'])
    .where('m.case_id', '=', c.id)
    .orderBy('m.position')
    .execute();
  await auditRead(db, auditContextOf(actor), {
    event: 'person.access_log.case_looked_up', entityType: 'case', entityId: c.id, caseId: c.id, officeId: c.office_id,
  });
  return { caseId: c.id, caseNumber: c.case_number, persons: persons.map((p) => ({ id: p.id, givenName: p.given_name, familyName: p.family_name, relationship: p.relationship })) };
}
