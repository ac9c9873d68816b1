import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { definedErrorLists } from '../../server/platform/errors.js';
import { FIX_TABS } from '../lib/error-fix';
import ar from './ar.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';

const catalogues: Record<string, Record<string, string>> = { en, fr, es, ar };
const serverDir = fileURLToPath(new URL('../../server', import.meta.url));
const errorFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? errorFiles(join(dir, e.name)) : e.name.endsWith('.errors.ts') ? [join(dir, e.name)] : [],
  );

/** Every code the server answers with: each module's `<module>.errors.ts` and the platform's. */
const codes: string[] = [];

beforeAll(async () => {
  for (const file of errorFiles(serverDir)) await import(file);
  codes.push(...definedErrorLists().flatMap((list) => Object.keys(list.specs)));
});

/**
 * A refusal is worded by `error.<CODE>` in the user's language (`web/lib/error-message.ts`), so a
 * new code without its message in one of the four catalogues fails here.
 */
describe('error messages', () => {
  it('are collected from every error list of the server', () => {
    expect(definedErrorLists().map((l) => l.owner)).toEqual(expect.arrayContaining(['platform', 'cases', 'decisions']));
    expect(codes).toContain('APPLICATION_ELIGIBILITY_UNCONFIRMED');
  });

  it.each(Object.keys(catalogues))('%s words every error code the server defines', (locale) => {
    const missing = codes.filter((code) => !catalogues[locale][`error.${code}`]?.trim());
    expect(missing).toEqual([]);
  });

  it('link only to tabs with a label in every catalogue', () => {
    for (const labelId of Object.values(FIX_TABS)) {
      for (const [locale, catalogue] of Object.entries(catalogues)) expect(catalogue[labelId], `${locale} ${labelId}`).toBeTruthy();
    }
  });
});
