import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../test-support/harness.js';
import { BUNDLE_TABLE_NAMES, EXCLUDED_TABLES } from './index.js';

const { db } = await testApp();

describe('the access request bundle', () => {
  it('covers every table that carries a person_id or case_id column, or says why it leaves it out', async () => {
    const { rows } = await sql<{ table_name: string }>`
      SELECT DISTINCT c.table_name FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.column_name IN ('person_id', 'case_id')
       ORDER BY 1`.execute(db);
    const tables = rows.map((r) => r.table_name);
    expect(tables.length).toBeGreaterThan(30);
    const missing = tables.filter((t) => !BUNDLE_TABLE_NAMES.includes(t) && !(t in EXCLUDED_TABLES));
    expect(missing, 'add each table to BUNDLE_TABLES (with a reader in its module) or to EXCLUDED_TABLES with a reason').toEqual([]);
  });

  it('lists only tables that exist, none both in and out, and every exclusion with a reason', async () => {
    const { rows } = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`.execute(db);
    const existing = new Set(rows.map((r) => r.table_name));
    expect(BUNDLE_TABLE_NAMES.filter((t) => !existing.has(t))).toEqual([]);
    expect(Object.keys(EXCLUDED_TABLES).filter((t) => !existing.has(t))).toEqual([]);
    expect(BUNDLE_TABLE_NAMES.filter((t) => t in EXCLUDED_TABLES)).toEqual([]);
    expect(Object.values(EXCLUDED_TABLES).every((why) => why.length > 20)).toBe(true);
  });
});
