import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

export interface DemoUser {
  role: string;
  email: string;
  password: string;
}

/** The demo sign-ins that scripts/e2e.mjs read from Homeward's start-up output. */
export function demoUsers(): DemoUser[] {
  const raw = process.env.E2E_USERS;
  if (!raw) throw new Error('E2E_USERS is not set: run the journeys with `npm run test:e2e`.');
  return Object.values(JSON.parse(raw) as Record<string, DemoUser>);
}

export function demoUser(role: string, emailPart?: string): DemoUser {
  const user = demoUsers().find((u) => u.role === role && (!emailPart || u.email.includes(emailPart)));
  if (!user) throw new Error(`No demo user with role ${role}${emailPart ? ` and ${emailPart}` : ''}`);
  return user;
}

export async function signIn(page: Page, user: DemoUser) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  // The journeys sign in many times from one address: when the sign-in limit says to wait, wait as
  // a person would, then try again.
  for (let attempt = 0; attempt < 4; attempt++) {
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const res = await answer;
    if (res.status() !== 429) break;
    const seconds = Number(res.headers()['retry-after'] ?? /wait (\d+) second/.exec(await res.text())?.[1] ?? 5);
    await page.waitForTimeout((Math.min(seconds, 60) + 1) * 1000);
  }
  await expect(page).not.toHaveURL(/\/login/);
}

/** A signed-in API client for a page: JSON requests with the CSRF token, and the case's ETag. */
/** Types a day as `YYYY-MM-DD` into a date field and leaves it, as a user does. */
export async function fillDay(field: Locator, day: string) {
  await field.fill(day);
  await field.press('Tab');
}

export async function apiOf(page: Page) {
  const csrf = (await (await page.request.get('/api/auth/me')).json()).csrfToken as string;
  const headers = (extra: Record<string, string> = {}) => ({ 'x-csrf-token': csrf, ...extra });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read as the screens read them
  type Json = any;
  const ok = async (res: Awaited<ReturnType<Page['request']['get']>>, what: string) => {
    if (res.status() >= 300) throw new Error(`${what}: ${res.status()} ${await res.text()}`);
    return res;
  };
  const etag = async (caseId: string) => (await ok(await page.request.get(`/api/cases/${caseId}`), 'read case')).headers().etag!;
  return {
    get: async (url: string): Promise<Json> => (await ok(await page.request.get(url), `GET ${url}`)).json(),
    post: async (url: string, data?: unknown, ifMatch?: string): Promise<Json> =>
      (await ok(await page.request.post(url, { headers: headers(ifMatch ? { 'if-match': ifMatch } : {}), data }), `POST ${url}`)).json(),
    put: async (url: string, data: unknown, ifMatch?: string): Promise<Json> =>
      (await ok(await page.request.put(url, { headers: headers(ifMatch ? { 'if-match': ifMatch } : {}), data }), `PUT ${url}`)).json(),
    upload: async (url: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<Json> =>
      (await ok(await page.request.post(url, { headers: headers(), multipart: { file } }), `upload ${url}`)).json(),
    etag,
  };
}

type Staff = { caseworker: Page; counsellor: Page; manager: Page };

/**
 * A household of the Berlin office returning to Iraq, its application submitted through the API by
 * the people who do each step: registered and counselled, every member's informed decision
 * recorded, checked against its project, confirmed and submitted by the caseworker. With `spouse`
 * (the default) the principal applicant travels with a spouse.
 */
export async function submittedHousehold(pages: Staff, familyName: string, { spouse = true } = {}) {
  const cw = await apiOf(pages.caseworker);
  const co = await apiOf(pages.counsellor);
  const mg = await apiOf(pages.manager);
  const created = await cw.post('/api/cases', {
    kind: 'voluntary_return', legalStatus: 'asylum_rejected', countryOfReturn: 'IQ',
    principal: { givenName: 'Yasin', familyName, sex: 'male', birthDate: '1982-06-01', nationality: 'IQ' },
    members: spouse ? [{ relationship: 'spouse', person: { givenName: 'Noor', familyName, sex: 'female', birthDate: '1986-11-20', nationality: 'IQ' } }] : [],
  });
  const id = created.id as string;
  await cw.post(`/api/cases/${id}/transitions`, { to: 'counselling' }, await cw.etag(id));
  const declaration = await cw.upload(`/api/cases/${id}/attachments`, { name: 'declaration.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
  const me = await co.get('/api/auth/me');
  for (const m of created.members as { person: { id: string } }[]) {
    await co.post(`/api/cases/${id}/decisions`, {
      personId: m.person.id, decidedOn: new Date().toISOString().slice(0, 10), decidedBy: 'self', language: 'ar', informationUnderstood: true,
      noPressure: true, declarationAttachmentId: declaration.id, counsellorId: me.user.id,
    }, await co.etag(id));
  }
  const projects = (await cw.get('/api/projects')).items as { id: string; code: string }[];
  await cw.put(`/api/cases/${id}/project`, { projectId: projects.find((p) => p.code === 'AVRR-IQAF')!.id }, await cw.etag(id));
  await cw.put(`/api/cases/${id}/host-arrival-date`, { hostArrivalDate: '2022-09-01' }, await cw.etag(id));
  const check = await cw.post(`/api/cases/${id}/eligibility/checks`);
  await mg.post(`/api/cases/${id}/eligibility/checks/${check.check.id}/confirm`, { finalOutcome: 'eligible' });
  await cw.post(`/api/cases/${id}/application`, undefined, await cw.etag(id));
  return { id, caseNumber: created.caseNumber as string };
}

/** The same household, its application then approved by the manager (a second person). */
export async function approvedHousehold(pages: Staff, familyName: string) {
  const submitted = await submittedHousehold(pages, familyName);
  const mg = await apiOf(pages.manager);
  await mg.post(`/api/cases/${submitted.id}/application/decision`, { outcome: 'approved' }, await mg.etag(submitted.id));
  return submitted;
}

/** The accessibility rules every journey holds a page to: WCAG 2.2 AA and axe's best practices. */
export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe on the page as it stands, held to `tags`: only violations are worked out in full (a CSS
 * selector is made for every node of every result type otherwise, most of axe's time on a long page).
 */
export function axeOf(page: Page, tags: string[] = WCAG) {
  return new AxeBuilder({ page }).withTags(tags).options({ resultTypes: ['violations'] });
}

/** No accessibility violation in what the page shows now, once it has settled (no spinner, every transition over). */
export async function expectNoViolations(page: Page) {
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))');
  const result = await axeOf(page).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}
