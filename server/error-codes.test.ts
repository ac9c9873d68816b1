import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { definedErrorLists } from './platform/errors.js';

const serverDir = fileURLToPath(new URL('.', import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const errorFiles = sources(serverDir).filter((f) => f.endsWith('.errors.ts'));

describe('error codes', () => {
  it('are each defined once, in one closed list, with one status', async () => {
    for (const f of errorFiles) await import(f);
    const owners = new Map<string, string[]>();
    for (const { owner, specs } of definedErrorLists()) {
      for (const code of Object.keys(specs)) owners.set(code, [...(owners.get(code) ?? []), owner]);
    }
    expect(definedErrorLists().map((l) => l.owner).sort()).toEqual(
      ['access', 'cases', 'community', 'counselling', 'decisions', 'eligibility', 'finance', 'handover', 'imports', 'monitoring', 'payments', 'platform', 'privacy', 'protection', 'providers', 'reintegration', 'statistics', 'travel'],
    );
    const twice = [...owners].filter(([, o]) => o.length > 1);
    expect(twice).toEqual([]);
  });

  it('are raised only through the lists (no AppError made at a call site)', () => {
    const offenders = sources(serverDir)
      .filter((f) => !f.endsWith('.test.ts') && !f.endsWith('platform/errors.ts'))
      .filter((f) => /new AppError\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(serverDir, f));
    expect(offenders).toEqual([]);
  });
});
