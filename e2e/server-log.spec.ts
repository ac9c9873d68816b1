import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { demoNameSpellings } from '../server/db/seed/demo-people.js';

// Runs after every other journey (playwright.config.ts): the log Homeward wrote while they ran
// (every request, at level info) names none of the demo's returnees, in any spelling or script.
test('the log of the whole run holds no returnee names', async () => {
  const file = process.env.E2E_SERVER_LOG;
  test.skip(!file, 'run through `npm run test:e2e`, which keeps the server log');
  const log = readFileSync(file!, 'utf8');
  const lines = log.split('\n').filter((l) => l.startsWith('{'));
  // The log is the request log: it must be there for its absence of names to mean anything.
  expect(lines.length).toBeGreaterThan(500);
  expect(lines.some((l) => l.includes('/api/cases/search'))).toBe(true);
  // Latin spellings as whole words (short ones would match inside ids); original scripts anywhere.
  const names = demoNameSpellings().filter((s) => /[^\p{Script=Latin}\s'-]/u.test(s) || s.length >= 4);
  expect(names.length).toBeGreaterThan(300);
  const found: string[] = [];
  for (const name of names) {
    const latin = !/[^\p{Script=Latin}\s'-]/u.test(name);
    const pattern = latin ? new RegExp(`(?<![\\p{L}\\p{N}_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'u') : null;
    const line = lines.find((l) => (pattern ? pattern.test(l) : l.includes(name)));
    if (line) found.push(`${name}: ${line.slice(0, 300)}`);
  }
  expect(found).toEqual([]);
});
