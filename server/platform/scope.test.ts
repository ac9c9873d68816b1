import type { RawBuilder } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { NO_OFFICE, officeInScope, scopeSql } from './scope.js';
import { compileOnlyDb } from '../test-support/compile-only.js';

const db = compileOnlyDb<object>();
const compiled = (b: RawBuilder<boolean>) => b.compile(db);

const actor = { userId: 'u1', officeId: 'o1', organisationId: 'org1' } as Actor;
const CASE = { office: ['c.office_id', 'c.origin_office_id'], organisation: 'c.organisation_id', owner: 'c.owner_id' } as const;

describe('scopeSql', () => {
  it('reaches every row with the scope all', () => {
    expect(compiled(scopeSql(actor, 'all', CASE)).sql).toBe('true');
  });
  it('reaches rows of the organisation through its column, and other offices of it through the office table', () => {
    const q = compiled(scopeSql(actor, 'organisation', CASE));
    expect(q.sql).toBe('("c"."organisation_id" = $1 OR "c"."origin_office_id" IN (SELECT id FROM office WHERE organisation_id = $2))');
    expect(q.parameters).toEqual(['org1', 'org1']);
    expect(compiled(scopeSql(actor, 'organisation', { office: 'h.to_office_id' })).sql).toBe('"h"."to_office_id" IN (SELECT id FROM office WHERE organisation_id = $1)');
  });
  it('reaches rows of any of its offices with the scope office', () => {
    const q = compiled(scopeSql(actor, 'office', CASE));
    expect(q.sql).toBe('("c"."office_id" = $1 OR "c"."origin_office_id" = $2)');
    expect(q.parameters).toEqual(['o1', 'o1']);
  });
  it('reaches the owner’s rows with the scope own, and the office’s when rows have no owner', () => {
    expect(compiled(scopeSql(actor, 'own', CASE))).toMatchObject({ sql: '"c"."owner_id" = $1', parameters: ['u1'] });
    expect(compiled(scopeSql(actor, 'own', { office: 'a.office_id' }))).toMatchObject({ sql: '"a"."office_id" = $1', parameters: ['o1'] });
  });
  it('reaches no office for an actor without one', () => {
    expect(compiled(scopeSql({ ...actor, officeId: null }, 'office', { office: 'a.office_id' })).parameters).toEqual([NO_OFFICE]);
  });
});

describe('officeInScope', () => {
  const office = { id: 'o1', organisation_id: 'org1' };
  const other = { id: 'o2', organisation_id: 'org1' };
  it('applies the same rule to one office', () => {
    expect(officeInScope(actor, 'all', { id: 'x', organisation_id: 'y' })).toBe(true);
    expect(officeInScope(actor, 'organisation', other)).toBe(true);
    expect(officeInScope(actor, 'organisation', { id: 'x', organisation_id: 'y' })).toBe(false);
    expect(officeInScope(actor, 'office', office)).toBe(true);
    expect(officeInScope(actor, 'own', other)).toBe(false);
    expect(officeInScope({ ...actor, officeId: null }, 'office', office)).toBe(false);
  });
});
