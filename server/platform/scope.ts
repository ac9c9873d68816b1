import { sql, type RawBuilder } from 'kysely';
import type { Permission, Scope } from '../../shared/access.js';
import { scopeFor, type Actor } from './actor.js';

/** Matches no office: an actor without an office reaches no row by office. */
export const NO_OFFICE = '00000000-0000-0000-0000-000000000000';

/** Where a row says whose it is: SQL column references such as `'c.office_id'`. */
export interface ScopeColumns {
  /** The office the row belongs to, or several (a case's host and origin office): any of them. */
  office: string | readonly string[];
  /** The organisation of the first office, when the row carries it; other offices' organisations are looked up. */
  organisation?: string;
  /** The user the row belongs to; a row without one is reached by 'own' as far as the actor's office. */
  owner?: string;
}

const anyOf = (parts: RawBuilder<boolean>[]) => (parts.length === 1 ? parts[0]! : sql<boolean>`(${sql.join(parts, sql` OR `)})`);

/**
 * The one condition for a scope (own, office, organisation, all) on rows that name their office,
 * organisation or owner: every scoped read of cases, handovers, users and the audit trail uses it.
 * All: every row. Organisation: rows of any office of the actor's organisation. Office: rows of
 * the actor's office. Own: rows the actor owns, or of the actor's office for rows without an owner.
 */
export function scopeSql(actor: Actor, scope: Scope, columns: ScopeColumns): RawBuilder<boolean> {
  const offices = typeof columns.office === 'string' ? [columns.office] : [...columns.office];
  switch (scope) {
    case 'all':
      return sql<boolean>`true`;
    case 'organisation': {
      const parts: RawBuilder<boolean>[] = [];
      if (columns.organisation) parts.push(sql<boolean>`${sql.ref(columns.organisation)} = ${actor.organisationId}`);
      for (const office of columns.organisation ? offices.slice(1) : offices) {
        parts.push(sql<boolean>`${sql.ref(office)} IN (SELECT id FROM office WHERE organisation_id = ${actor.organisationId})`);
      }
      return anyOf(parts);
    }
    case 'own':
      if (columns.owner) return sql<boolean>`${sql.ref(columns.owner)} = ${actor.userId}`;
    // falls through: a row without an owner
    case 'office': {
      const office = actor.officeId ?? NO_OFFICE;
      return anyOf(offices.map((column) => sql<boolean>`${sql.ref(column)} = ${office}`));
    }
  }
}

/** `scopeSql` for the scope the actor holds a permission with (403 without the permission). */
export const inScope = (actor: Actor, permission: Permission, columns: ScopeColumns): RawBuilder<boolean> =>
  scopeSql(actor, scopeFor(actor, permission), columns);

/** The same rule for one office in hand (choosing the office of a new case or user). */
export function officeInScope(actor: Actor, scope: Scope, office: { id: string; organisation_id: string }): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'organisation':
      return office.organisation_id === actor.organisationId;
    case 'office':
    case 'own':
      return office.id === actor.officeId;
  }
}
