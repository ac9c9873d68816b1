import { sql, type RawBuilder } from 'kysely';
import type { Permission, Scope } from '../../../shared/access.js';
import { can, scopeFor, type Actor } from '../../platform/actor.js';
import { NO_OFFICE, scopeSql, type ScopeColumns } from '../../platform/scope.js';
import { assignedToCase } from './case-assignments.js';

/** Whose a case is: its host office (and organisation), its origin office, its owner. */
const CASE_COLUMNS: ScopeColumns = { office: ['c.office_id', 'c.origin_office_id'], organisation: 'c.organisation_id', owner: 'c.owner_id' };

/** The cases a scope covers, on `return_case AS c`, restricted or not (host or origin office). */
export const scopeCondition = (actor: Actor, scope: Scope): RawBuilder<boolean> => scopeSql(actor, scope, CASE_COLUMNS);

/**
 * Who sees a restricted case (a victim of trafficking, an unaccompanied or separated child): its
 * owner, the staff assigned to it, and supervisors (holders of 'case.restricted') within the
 * scope of that grant. For everyone else it does not exist.
 */
export function restrictedCaseVisible(actor: Actor): RawBuilder<boolean> {
  const supervisor = can(actor, 'case.restricted') ? scopeCondition(actor, scopeFor(actor, 'case.restricted')) : sql<boolean>`false`;
  return sql<boolean>`(NOT c.restricted OR c.owner_id = ${actor.userId}
    OR ${assignedToCase(actor)}
    OR ${supervisor})`;
}

/**
 * The scope condition on `return_case AS c` for an action: every repository read of cases goes
 * through it. Own: cases the actor owns. Office: cases of the actor's office, as host or origin
 * office. Organisation: cases of any office of the actor's organisation. All: every case.
 * Restricted cases are further limited to the people `restrictedCaseVisible` lets in.
 */
export function caseScope(actor: Actor, permission: Permission, opts: { oneCase?: boolean } = {}): RawBuilder<boolean> {
  const scope = scopeFor(actor, permission);
  const inScope = sql<boolean>`(${scopeCondition(actor, scope)} AND ${restrictedCaseVisible(actor)})`;
  const reached = opts.oneCase && BREAK_GLASS_READS.has(permission) && can(actor, 'case.break_glass')
    ? sql<boolean>`(${inScope} OR ${breakGlassActive(actor)})`
    : inScope;
  return can(actor, 'person.restriction.manage') ? reached : sql<boolean>`(${reached} AND ${processingNotRestricted()})`;
}

/**
 * Restriction of processing (migration 0061): a case with a member whose processing a
 * data-protection officer restricted is out of every case scope, reads and writes alike, so it
 * answers 404 and never appears in lists, searches, duplicates, queues or exports. Only holders of
 * 'person.restriction.manage' (the data-protection officer) keep it. The statistics, which read
 * their own aggregates, still count it.
 */
export const processingNotRestricted = (): RawBuilder<boolean> => sql<boolean>`NOT EXISTS (SELECT 1 FROM person_processing_restriction ppr
    JOIN case_member ppm ON ppm.person_id = ppr.person_id WHERE ppr.lifted_at IS NULL AND ppm.case_id = c.id)`;

/**
 * The reads an active break-glass grant opens: one named case (`oneCase`: `findCase`, the case
 * view, and every sub-resource read through `findCase(..., 'case.read')`). Searches, lists,
 * duplicates and queues never show it (a case is not discoverable through break-glass), and
 * writes keep the actor's own scope: the grant is read-only.
 */
const BREAK_GLASS_READS: ReadonlySet<Permission> = new Set(['case.read']);

/**
 * An active break-glass grant of the actor on `return_case AS c` (migration 0057): only for
 * holders of 'case.break_glass', so no other actor's SQL changes. A restricted case is not opened
 * by it (the grant is refused for one, and a case restricted since is closed again here).
 */
export function breakGlassActive(actor: Actor): RawBuilder<boolean> {
  const at = actor.at ?? sql`now()`;
  return sql<boolean>`(NOT c.restricted AND EXISTS (SELECT 1 FROM case_break_glass g
    WHERE g.user_id = ${actor.userId} AND g.case_id = c.id AND g.expires_at > ${at} AND g.granted_at <= ${at}))`;
}

/**
 * Who the actor reads the case as: 'origin' for staff of the office in the country of return the
 * case was handed over to (not its own office), 'host' otherwise. The origin office sees the legal
 * status (asylum history) and counselling notes only with the returnee's consent.
 */
export function caseAudience(actor: Actor, c: { office_id: string; origin_office_id: string | null }): 'host' | 'origin' {
  return actor.officeId !== null && actor.officeId === c.origin_office_id && actor.officeId !== c.office_id ? 'origin' : 'host';
}

/** The scope condition for rows read as the origin office (see caseAudience), on `return_case AS c`. */
export function originAudienceSql(actor: Actor): RawBuilder<boolean> {
  const office = actor.officeId ?? NO_OFFICE;
  return sql<boolean>`(c.origin_office_id = ${office} AND c.office_id <> ${office})`;
}

/** Sensitive notes are absent, not blanked, for actors without the right. */
export const canReadSensitiveNotes = (actor: Actor) => can(actor, 'case.note.sensitive');
/** Before/after values in a case's audit events are shown only to auditors. */
export const canReadCaseAudit = (actor: Actor) => can(actor, 'case.audit.read');
