/**
 * npm run bench:page-load -- --url http://localhost:3000 --email E --password P [--runs N] [--case ID]
 *
 * Times a direct load of a case page in Chromium against a running Homeward (for instance
 * `npm start`, signing in with one of the demo sign-ins it prints): a fresh tab, cookies kept,
 * the browser cache warm as for someone who already used the app today. For each run it records
 * the time until the case header is shown and the chain of API requests (how many waited for an
 * earlier answer). Results go to bench/results/page-load-<timestamp>.json and page-load-latest.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Request } from '@playwright/test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(flag: string, fallback?: string) {
  const args = process.argv.slice(2);
  const i = args.indexOf(flag);
  const value = i >= 0 ? args[i + 1] : fallback;
  if (value === undefined) throw new Error(`${flag} is required`);
  return value;
}

const baseUrl = option('--url', process.env.HOMEWARD_URL ?? 'http://localhost:3000');
const email = option('--email', process.env.HOMEWARD_EMAIL);
const password = option('--password', process.env.HOMEWARD_PASSWORD);
const runs = Number(option('--runs', '10'));
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a positive integer');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  let caseId = process.argv.includes('--case') ? option('--case') : undefined;
  if (!caseId) {
    const csrf = ((await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string }).csrfToken;
    const found = await page.request.post('/api/cases/search', { headers: { 'x-csrf-token': csrf }, data: { pageSize: 1, sort: 'updatedAt', order: 'desc' } });
    if (!found.ok()) throw new Error(`Listing cases failed: ${found.status()}`);
    caseId = ((await found.json()) as { items: { id: string }[] }).items[0]?.id;
    if (!caseId) throw new Error('The signed-in user sees no case.');
  }
  // Warm the browser cache once, as a user who opened the app earlier today.
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('tablist').waitFor();

  const samples: { ms: number; apiRequests: number; chainDepth: number; requests: { path: string; startMs: number; endMs: number }[] }[] = [];
  for (let i = 0; i < runs; i++) {
    const tab = await context.newPage();
    const requests: { path: string; startMs: number; endMs: number; request: Request }[] = [];
    const t0 = Date.now();
    tab.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) requests.push({ path: url.pathname, startMs: Date.now() - t0, endMs: -1, request: r });
    });
    tab.on('requestfinished', (r) => {
      const entry = requests.find((x) => x.request === r);
      if (entry) entry.endMs = Date.now() - t0;
    });
    await tab.goto(`/cases/${caseId}`);
    await tab.getByRole('tablist').waitFor();
    const ms = Date.now() - t0;
    await tab.waitForLoadState('networkidle');
    // Chain depth: how many API answers had to arrive, one after the other, before the last request started.
    const done = requests.filter((r) => r.endMs >= 0).sort((a, b) => a.startMs - b.startMs);
    const depth = new Map<(typeof done)[number], number>();
    for (const r of done) {
      const before = done.filter((p) => p !== r && p.endMs <= r.startMs);
      depth.set(r, 1 + Math.max(0, ...before.map((p) => depth.get(p) ?? 1)));
    }
    samples.push({
      ms,
      apiRequests: done.length,
      chainDepth: Math.max(0, ...depth.values()),
      requests: done.map((r) => ({ path: r.path.replace(caseId!, ':caseId'), startMs: r.startMs, endMs: r.endMs })),
    });
    await tab.close();
  }
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const result = {
    at: new Date().toISOString(),
    url: baseUrl,
    runs,
    caseHeaderShownMs: { median: pick(0.5), p90: pick(0.9), min: sorted[0], max: sorted[sorted.length - 1] },
    apiRequests: samples[samples.length - 1].apiRequests,
    chainDepth: samples[samples.length - 1].chainDepth,
    lastRun: samples[samples.length - 1].requests,
  };
  const dir = path.join(ROOT, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const json = JSON.stringify(result, null, 2);
  await writeFile(path.join(dir, `page-load-${result.at.replace(/[:.]/g, '-')}.json`), json);
  await writeFile(path.join(dir, 'page-load-latest.json'), json);
  console.log(JSON.stringify({ caseHeaderShownMs: result.caseHeaderShownMs, apiRequests: result.apiRequests, chainDepth: result.chainDepth }, null, 2));
} finally {
  await browser.close();
}
