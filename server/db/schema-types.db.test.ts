import { fileURLToPath } from 'node:url';
import pg from 'pg';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-support/harness.js';

/**
 * The Kysely table types are written by hand; this compares them with the migrated database so
 * that a column added, dropped, renamed, retyped or made (not) nullable on one side only fails here
 * instead of at run time. The `DB` interface is found through the type checker from the `Db` type
 * that `platform/db.ts` exports (`Kysely<DB>`), with the modules' tables that `server/db/schema.ts`
 * adds to it.
 */

/**
 * Tables the application reaches without Kysely: the migration runner's list, and the head of the
 * audit hash chain (kept by a trigger; the chain check reads it with plain SQL).
 */
const NOT_IN_KYSELY = new Set(['schema_migration', 'audit_chain_head']);

type Kind = 'string' | 'number' | 'boolean' | 'Date' | 'Buffer' | 'json' | `${string}[]`;

interface TsColumn { kinds: Set<string>; nullable: boolean; text: string }

function readDbInterface(): Map<string, Map<string, TsColumn>> {
  const dbFile = fileURLToPath(new URL('../platform/db.ts', import.meta.url));
  const configPath = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, fileURLToPath(new URL('../..', import.meta.url)));
  // The composition that adds every module's tables to DB by declaration merging.
  const schemaFile = fileURLToPath(new URL('./schema.ts', import.meta.url));
  const program = ts.createProgram([dbFile, schemaFile], { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(dbFile);
  if (!source) throw new Error('platform/db.ts not found');
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const dbSymbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'Db');
  if (!dbSymbol) throw new Error('platform/db.ts exports no Db type');
  const dbType = checker.getDeclaredTypeOfSymbol(dbSymbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(dbSymbol) : dbSymbol);
  const [tablesType] = checker.getTypeArguments(dbType as ts.TypeReference);
  if (!tablesType) throw new Error('Db is not Kysely<DB>');

  const kindsOf = (type: ts.Type, out: Set<string>, nullable: { value: boolean }) => {
    for (const t of type.isUnion() ? type.types : [type]) {
      const f = t.flags;
      if (f & ts.TypeFlags.Null) nullable.value = true;
      else if (f & ts.TypeFlags.Undefined) continue;
      else if (f & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) out.add('string');
      else if (f & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) out.add('number');
      else if (f & ts.TypeFlags.BigInt) out.add('bigint');
      else if (f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) out.add('boolean');
      else if (f & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) out.add('json');
      else if (checker.isArrayType(t)) {
        const inner = new Set<string>();
        kindsOf(checker.getTypeArguments(t as ts.TypeReference)[0]!, inner, { value: false });
        out.add(`${[...inner].sort().join('|')}[]`);
      } else {
        const name = t.getSymbol()?.name;
        out.add(name === 'Date' || name === 'Buffer' ? name : `object:${checker.typeToString(t)}`);
      }
    }
  };

  const tables = new Map<string, Map<string, TsColumn>>();
  for (const table of checker.getPropertiesOfType(tablesType)) {
    const columns = new Map<string, TsColumn>();
    for (const column of checker.getPropertiesOfType(checker.getTypeOfSymbol(table))) {
      let type = checker.getTypeOfSymbol(column);
      // Generated<T> and ColumnType<S, I, U>: what a SELECT gives is S.
      const select = type.getProperty('__select__');
      if (select) type = checker.getTypeOfSymbol(select);
      const kinds = new Set<string>();
      const nullable = { value: false };
      kindsOf(type, kinds, nullable);
      columns.set(column.name, { kinds, nullable: nullable.value, text: checker.typeToString(type) });
    }
    tables.set(table.name, columns);
  }
  return tables;
}

/** What a SELECT of a column of this PostgreSQL type gives, with the parsers set in platform/db.ts. */
function expectedKind(dataType: string, udtName: string): Kind | null {
  switch (dataType) {
    case 'text': case 'character varying': case 'character': case 'uuid': case 'inet': case 'numeric':
    case 'date': case 'timestamp without time zone': case 'time without time zone': case 'interval':
      return 'string';
    // bigint: parsed to a JavaScript number (type parser 20 in platform/db.ts).
    case 'integer': case 'smallint': case 'real': case 'double precision': case 'bigint':
      return 'number';
    case 'boolean': return 'boolean';
    case 'timestamp with time zone': return 'Date';
    case 'bytea': return 'Buffer';
    case 'json': case 'jsonb': return 'json';
    case 'USER-DEFINED': return 'string'; // citext and enums
    case 'ARRAY': {
      const element = udtName.replace(/^_/, '');
      const inner = expectedKind(ELEMENT_TYPES[element] ?? element, element);
      return inner ? `${inner}[]` : null;
    }
    default: return null;
  }
}
const ELEMENT_TYPES: Record<string, string> = {
  text: 'text', varchar: 'character varying', uuid: 'uuid', citext: 'USER-DEFINED', int4: 'integer', int2: 'smallint',
  int8: 'bigint', bool: 'boolean', date: 'date', timestamptz: 'timestamp with time zone', jsonb: 'jsonb', numeric: 'numeric',
};

/** Every difference between the two, one line each (empty when they agree). */
function compareTables(
  declared: Map<string, Map<string, TsColumn>>,
  sql: Map<string, Map<string, { dataType: string; udtName: string; nullable: boolean }>>,
): string[] {
  const problems: string[] = [];
  for (const table of declared.keys()) if (!sql.has(table)) problems.push(`${table}: in the DB interface, not in the database`);
  for (const [table, columns] of sql) {
    if (NOT_IN_KYSELY.has(table)) continue;
    const typed = declared.get(table);
    if (!typed) {
      problems.push(`${table}: in the database, not in the DB interface`);
      continue;
    }
    for (const name of typed.keys()) if (!columns.has(name)) problems.push(`${table}.${name}: in the DB interface, not in the database`);
    for (const [name, column] of columns) {
      const t = typed.get(name);
      if (!t) {
        problems.push(`${table}.${name}: in the database (${column.dataType}), not in the DB interface`);
        continue;
      }
      // `unknown` (JSON) includes null: it cannot say whether the column is nullable.
      const opaque = t.kinds.size === 1 && t.kinds.has('json');
      if (!opaque && t.nullable !== column.nullable) {
        problems.push(`${table}.${name}: ${column.nullable ? 'nullable' : 'NOT NULL'} in the database, ${t.text} in the DB interface`);
      }
      const kind = expectedKind(column.dataType, column.udtName);
      if (!kind) {
        problems.push(`${table}.${name}: no mapping for the database type ${column.dataType} (${column.udtName})`);
        continue;
      }
      // JSON columns may be typed as the shape the application stores.
      if (kind === 'json') continue;
      const kinds = [...t.kinds];
      if (kinds.length !== 1 || kinds[0] !== kind) problems.push(`${table}.${name}: ${column.dataType} in the database reads as ${kind}, typed ${t.text}`);
    }
  }
  return problems;
}

describe('Kysely table types', () => {
  it('match the tables and columns of the migrated database', async () => {
    const { ownerUrl } = await testDatabase();
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
      `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name, c.ordinal_position`,
    );
    await client.end();
    const sql = new Map<string, Map<string, { dataType: string; udtName: string; nullable: boolean }>>();
    for (const r of rows) {
      if (!sql.has(r.table_name)) sql.set(r.table_name, new Map());
      sql.get(r.table_name)!.set(r.column_name, { dataType: r.data_type, udtName: r.udt_name, nullable: r.is_nullable === 'YES' });
    }
    expect(sql.size).toBeGreaterThan(30);
    const typed = readDbInterface();
    expect(typed.size).toBeGreaterThan(30);
    expect(compareTables(typed, sql)).toEqual([]);
  }, 120_000);

  it('tell a drifted column, a missing column and a missing table apart', () => {
    const typed = new Map([['t', new Map([
      ['a', { kinds: new Set(['string']), nullable: false, text: 'string' }],
      ['b', { kinds: new Set(['number']), nullable: false, text: 'number' }],
      ['c', { kinds: new Set(['Date']), nullable: true, text: 'Date | null' }],
    ])]]);
    const sql = new Map([
      ['t', new Map([
        ['a', { dataType: 'integer', udtName: 'int4', nullable: false }],
        ['c', { dataType: 'timestamp with time zone', udtName: 'timestamptz', nullable: false }],
        ['d', { dataType: 'ARRAY', udtName: '_text', nullable: false }],
      ])],
      ['u', new Map([['id', { dataType: 'uuid', udtName: 'uuid', nullable: false }]])],
    ]);
    expect(compareTables(typed, sql)).toEqual([
      't.b: in the DB interface, not in the database',
      't.a: integer in the database reads as number, typed string',
      't.c: NOT NULL in the database, Date | null in the DB interface',
      't.d: in the database (ARRAY), not in the DB interface',
      'u: in the database, not in the DB interface',
    ]);
  });
});
