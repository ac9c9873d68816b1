import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from './db.js';
import { StatementTemplates, type TemplateValue } from './db.js';
import { compileOnlyDb } from '../test-support/compile-only.js';

// Compiling needs no server.
const db = compileOnlyDb<DB>();

const plain = ({ sql: text, parameters }: { sql: string; parameters: readonly unknown[] }) => ({ sql: text, parameters: [...parameters] });

describe('StatementTemplates', () => {
  const build = (v: readonly TemplateValue[]) =>
    db.selectFrom('organisation').select(['id', 'name'])
      .where('id', '=', v[0] as string)
      .where(sql<boolean>`created_at <= ${v[1] as Date}`)
      .where('name', 'in', [v[0] as string, 'fixed']);

  it('answers what a fresh build answers, with each value in its places', () => {
    const templates = new StatementTemplates();
    let builds = 0;
    const counted = (v: readonly TemplateValue[]) => {
      builds++;
      return build(v);
    };
    const first: TemplateValue[] = ['a', new Date('2026-01-02T03:04:05Z')];
    const second: TemplateValue[] = ['b', new Date('2026-06-07T08:09:10Z')];
    expect(plain(templates.compile('k', first, counted))).toEqual(plain(build(first).compile()));
    const again = templates.compile('k', second, counted);
    expect(plain(again)).toEqual(plain(build(second).compile()));
    expect(again.parameters).toEqual(['b', second[1], 'b', 'fixed']);
    // Built once, with stand-ins; the second answer only put the values in.
    expect(builds).toBe(1);
  });

  it('leaves out a value the query does not use', () => {
    const templates = new StatementTemplates();
    const unused = (v: readonly TemplateValue[]) => db.selectFrom('organisation').select('id').where('id', '=', v[0] as string);
    templates.compile('k', ['a', 'not used'], unused);
    expect(plain(templates.compile('k', ['b', 'still not used'], unused))).toEqual(plain(unused(['b']).compile()));
  });

  it('builds afresh every time when a value is written into the text or changed on its way', () => {
    const templates = new StatementTemplates();
    let builds = 0;
    const inText = (v: readonly TemplateValue[]) => {
      builds++;
      return db.selectFrom('organisation').select('id').where(sql<boolean>`name = ${sql.lit(v[0] as string)}`);
    };
    expect(templates.compile('text', ['a'], inText).sql).toContain("'a'");
    expect(templates.compile('text', ['b'], inText).sql).toContain("'b'");
    const changed = (v: readonly TemplateValue[]) => {
      builds++;
      return db.selectFrom('organisation').select('id').where('name', '=', (v[0] as string).toUpperCase()).where(sql<boolean>`created_at < ${(v[1] as Date).toISOString()}`);
    };
    templates.compile('changed', ['a', new Date('2026-01-01T00:00:00Z')], changed);
    expect(templates.compile('changed', ['b', new Date('2026-02-01T00:00:00Z')], changed).parameters).toEqual(['B', '2026-02-01T00:00:00.000Z']);
    // Every answer built with its values (the first of each key also with the stand-ins): 2 + 1, twice.
    expect(builds).toBe(6);
  });

  it('keeps at most its number of keys, the least recently used dropped', () => {
    const templates = new StatementTemplates(2);
    let builds = 0;
    const counted = (v: readonly TemplateValue[]) => {
      builds++;
      return build(v);
    };
    const at = new Date('2026-01-01T00:00:00Z');
    templates.compile('a', ['1', at], counted);
    templates.compile('b', ['2', at], counted);
    templates.compile('a', ['3', at], counted); // a used last
    templates.compile('c', ['4', at], counted); // b dropped
    expect(builds).toBe(3);
    templates.compile('a', ['5', at], counted);
    expect(builds).toBe(3);
    templates.compile('b', ['6', at], counted);
    expect(builds).toBe(4);
  });
});
