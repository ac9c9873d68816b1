import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS } from '../../server/audit-events.js';
import en from './en.json';

/**
 * The audit screens label an event with `event.<name>` and fall back to the raw name; every event
 * of the closed list gets a label, so a new event without one fails here (catalogue.test.ts then
 * asks the same key of every translation).
 */
describe('audit event labels', () => {
  it('en has an event.<name> label for every audit event', () => {
    const missing = AUDIT_EVENTS.map((event) => `event.${event}`).filter((key) => !(key in en));
    expect(missing).toEqual([]);
  });

  it('en has no event.<name> label for an event outside the closed list', () => {
    const known = new Set<string>(AUDIT_EVENTS.map((event) => `event.${event}`));
    const stray = Object.keys(en).filter((key) => key.startsWith('event.') && !known.has(key));
    expect(stray).toEqual([]);
  });
});

/** Entity types are written as literals where each event is recorded; each gets its label. */
describe('audit entity type labels', () => {
  it('en has an audit.entityType.<type> label for every entity type the server records', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
      );
    const types = new Set<string>();
    for (const file of sources(fileURLToPath(new URL('../../server', import.meta.url)))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/entityType: (?:[\w ?]+ \? )?'([a-z_]+)'/g)) types.add(m[1]);
    }
    expect(types.size).toBeGreaterThan(20);
    const missing = [...types].filter((type) => !(`audit.entityType.${type}` in en));
    expect(missing).toEqual([]);
  });
});
