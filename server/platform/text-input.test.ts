import { describe, expect, it } from 'vitest';
import { isStorableText, unstorableText } from './text-input.js';

describe('text that cannot be stored', () => {
  it('tells NUL and unpaired surrogates from ordinary text, emoji and Arabic included', () => {
    for (const ok of ['', 'Mohammed Al-Hassan', 'محمد الحسن', 'Zoë 👩‍👧', '\t\n\r', '\u0001\u007f']) expect(isStorableText(ok), ok).toBe(true);
    for (const bad of ['\u0000', 'a\u0000b', '\ud800', 'a\ud800b', '\udc00', 'x\udfff', '\udc00\ud800', '👩'.slice(0, 1)]) expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
  });

  it('finds them in values and field names with their dotted path', () => {
    const value = { principal: { givenName: 'Ali', otherNames: ['ok', 'a\u0000'] }, ['k\ud800']: 1, members: [{ person: { familyName: '\udc00' } }] };
    expect(unstorableText(value).map((i) => i.path).sort()).toEqual(['k\ud800', 'members.0.person.familyName', 'principal.otherNames.1']);
    expect(unstorableText('\u0000')).toEqual([expect.objectContaining({ path: '', code: 'text_invalid' })]);
    expect(unstorableText({ a: 1, b: [true, null, 'fine'] })).toEqual([]);
  });

  it('walks a body nested a hundred thousand levels deep quickly', () => {
    const depth = 100_000;
    const deep = JSON.parse(`${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}`);
    const started = Date.now();
    const issues = unstorableText(deep);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(issues).toHaveLength(1);
    expect(issues[0].path.split('.')).toHaveLength(depth);
  });
});
