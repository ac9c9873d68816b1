import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import ar from './ar.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';

type Catalogue = Record<string, string>;

const catalogues: Record<string, Catalogue> = { en, fr, es, ar };
const translations = Object.entries(catalogues).filter(([locale]) => locale !== 'en');

/**
 * Argument names (`{name}`, `{count, plural, ...}`) and rich-text tags (`<hidden>`) of an ICU
 * message, including those nested in plural/select branches. Quoted literals ('{') are skipped.
 */
function placeholdersOf(message: string): string[] {
  const found = new Set<string>();
  let i = 0;

  const skipQuoted = () => {
    // ICU: an apostrophe starts a literal only before a syntax character; '' is a literal '.
    if (message[i + 1] === "'") {
      i += 2;
      return true;
    }
    if (/[{}#<>|]/.test(message[i + 1] ?? '')) {
      const end = message.indexOf("'", i + 1);
      i = end === -1 ? message.length : end + 1;
      return true;
    }
    return false;
  };

  const parseText = (untilBrace: boolean): void => {
    while (i < message.length) {
      const c = message[i];
      if (c === "'" && skipQuoted()) continue;
      if (c === '}' && untilBrace) return;
      if (c === '{') {
        i += 1;
        parseArgument();
        continue;
      }
      if (c === '<') {
        const tag = /^<\/?([A-Za-z][\w-]*)>/.exec(message.slice(i));
        if (tag) {
          found.add(`<${tag[1]}>`);
          i += tag[0].length;
          continue;
        }
      }
      i += 1;
    }
    if (untilBrace) throw new Error(`Unclosed "{" in: ${message}`);
  };

  const parseArgument = (): void => {
    const head = /^\s*([\w.]+)\s*(?:,\s*(\w+)\s*)?/.exec(message.slice(i));
    if (!head) throw new Error(`Bad argument at ${i} in: ${message}`);
    found.add(head[1]);
    i += head[0].length;
    const type = head[2];
    if (message[i] === '}') {
      i += 1;
      return;
    }
    if (type === 'plural' || type === 'select' || type === 'selectordinal') {
      if (message[i] !== ',') throw new Error(`Expected "," after ${type} in: ${message}`);
      i += 1;
      // selector {sub-message} pairs until the closing brace.
      while (i < message.length) {
        const option = /^\s*(offset:\d+\s*)?([=\w]+)?\s*/.exec(message.slice(i));
        i += option ? option[0].length : 0;
        if (message[i] === '}') {
          i += 1;
          return;
        }
        if (message[i] !== '{') throw new Error(`Expected "{" in options of: ${message}`);
        i += 1;
        parseText(true);
        i += 1;
      }
      throw new Error(`Unclosed ${type} in: ${message}`);
    }
    // number/date/time with a style: skip to the matching brace.
    let depth = 1;
    while (i < message.length && depth > 0) {
      if (message[i] === '{') depth += 1;
      if (message[i] === '}') depth -= 1;
      i += 1;
    }
  };

  parseText(false);
  return [...found].sort();
}

describe('message catalogues', () => {
  it.each(translations)('%s has exactly the keys of en', (_locale, catalogue) => {
    const missing = Object.keys(en).filter((key) => !(key in catalogue));
    const extra = Object.keys(catalogue).filter((key) => !(key in en));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(translations)('%s uses the same placeholders as en', (_locale, catalogue) => {
    const mismatches = Object.entries(en as Catalogue)
      .filter(([key]) => key in catalogue)
      .map(([key, message]) => ({ key, en: placeholdersOf(message), translated: placeholdersOf(catalogue[key]) }))
      .filter((m) => JSON.stringify(m.en) !== JSON.stringify(m.translated));
    expect(mismatches).toEqual([]);
  });

  it.each(Object.entries(catalogues))('%s messages are valid ICU and format', (locale, catalogue) => {
    const errors: string[] = [];
    const intl = createIntl({ locale, messages: catalogue, onError: (e) => errors.push(e.message) });
    for (const [key, message] of Object.entries(catalogue)) {
      const values: Record<string, unknown> = {};
      for (const name of placeholdersOf(message)) {
        if (name.startsWith('<')) values[name.slice(1, -1)] = (chunks: unknown[]) => chunks.join('');
        else values[name] = 2;
      }
      const text = intl.formatMessage({ id: key }, values as Record<string, string>);
      expect(typeof text === 'string' || Array.isArray(text), key).toBe(true);
    }
    expect(errors).toEqual([]);
  });

  it('has no empty messages', () => {
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      const empty = Object.entries(catalogue).filter(([, m]) => !m.trim()).map(([k]) => k);
      expect(empty, locale).toEqual([]);
    }
  });

  it('finds placeholders in nested plurals, tags and quoted text', () => {
    expect(placeholdersOf('{n, plural, one {# of {total}} other {<b>{name}</b>}}')).toEqual([
      '<b>',
      'n',
      'name',
      'total',
    ]);
    expect(placeholdersOf("It''s '{literal}' {real}")).toEqual(['real']);
  });
});
