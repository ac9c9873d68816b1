import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERASED_VALUE } from '../../shared/crypto';
import ar from '../i18n/ar.json';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import fr from '../i18n/fr.json';
import { personName, setErasedPersonLabel, shownPersonName } from './erased';

const catalogues: Record<string, Record<string, string>> = { en, fr, es, ar };

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(path)));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) out.push(path);
  }
  return out;
}

describe('an erased person\'s name', () => {
  it('reads "Erased person" in the reader\'s language, never the marker, wherever the cases name a person', () => {
    const erased = { givenName: ERASED_VALUE, familyName: '' };
    const labels = new Set<string>();
    for (const [locale, messages] of Object.entries(catalogues)) {
      const label = messages['erasure.erasedPerson'];
      expect(label, locale).toBeTruthy();
      setErasedPersonLabel(label!);
      expect(personName(erased)).toBe(label);
      expect(personName(erased)).not.toContain(ERASED_VALUE);
      // A whole name the server joined ("[erased] ").
      expect(shownPersonName(`${ERASED_VALUE} `)).toBe(label);
      labels.add(label!);
    }
    // Each language has its own words.
    expect(labels.size).toBe(4);
    setErasedPersonLabel(en['erasure.erasedPerson']);
    expect(personName({ givenName: 'Amina', familyName: 'Haddad' })).toBe('Amina Haddad');
  });

  it('is composed by the one function on every screen: no screen joins given and family names itself', async () => {
    const offenders: string[] = [];
    for (const file of await sources(join(import.meta.dirname, '..'))) {
      const text = await readFile(file, 'utf8');
      if (/\$\{[\w.?]+\.givenName\}\s*\$\{[\w.?]+\.familyName\}|\{[\w.?]+\.givenName\}\s*\{[\w.?]+\.familyName\}/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
