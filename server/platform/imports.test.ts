import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Dependencies point one way (shared <- platform <- modules <- app): the platform's code imports
 * no module and none of the files that compose them (the schema, the audit event list, the app).
 * Tests beside it may use the test harness, which builds the whole app.
 */
const platformDir = dirname(fileURLToPath(import.meta.url));
const serverDir = resolve(platformDir, '..');
const repoDir = resolve(serverDir, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every module specifier a text names: static and dynamic imports, `import type`, re-exports. */
const specifiers = (text: string) => ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);

/** Where a relative specifier points, from the repository root ('server/modules/cases/index.js'). */
const target = (file: string, spec: string) => relative(repoDir, resolve(dirname(file), spec)).split(sep).join('/');

/** The platform may import itself, `shared/` and packages; nothing else of the server. */
function forbidden(file: string, text = readFileSync(file, 'utf8')): string[] {
  return specifiers(text).filter((spec) => {
    if (!spec.startsWith('.')) return false;
    const to = target(file, spec);
    return !to.startsWith('server/platform/') && !to.startsWith('shared/');
  });
}

describe('the platform imports no module', () => {
  const files = sourceFiles(platformDir);

  it('finds the platform code', () => {
    expect(files.map((f) => relative(platformDir, f))).toEqual(expect.arrayContaining(['db.ts', 'audit.ts', 'actor.ts']));
  });

  it.each(files.map((f) => [relative(repoDir, f), f]))('%s', (_name, file) => {
    expect(forbidden(file)).toEqual([]);
  });

  it('recognises an import of a module, a type-only one and a composition file', () => {
    const file = join(platformDir, 'example.ts');
    const imports = (text: string) => forbidden(file, text);
    expect(imports(`import { findCase } from '../modules/cases/index.js';`)).toEqual(['../modules/cases/index.js']);
    expect(imports(`import type { CasesTables } from '../modules/cases/cases.tables.js';`)).toEqual(['../modules/cases/cases.tables.js']);
    expect(imports(`export * from '../audit-events.js';`)).toEqual(['../audit-events.js']);
    expect(imports(`const m = await import('../db/schema.js');`)).toEqual(['../db/schema.js']);
    expect(imports(`import { can } from './actor.js'; import type { Scope } from '../../shared/access.js'; import { sql } from 'kysely';`)).toEqual([]);
  });
});
