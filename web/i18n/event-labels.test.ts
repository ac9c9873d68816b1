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
