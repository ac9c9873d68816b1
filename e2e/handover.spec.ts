import { expect, test, type Page } from '@playwright/test';
import { choose, handOverAndReceive } from './handover-steps.js';
import { demoUser, signIn } from './support.js';

async function nextStep(page: Page, n: number) {
  await expect(async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText(new RegExp(`Step ${n} of 4`))).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

test('the host office hands a departed case to the origin office, which accepts it, confirms the arrival and records reception', async ({ page, browser }) => {
  await signIn(page, demoUser('office_manager', 'manager.de'));

  // A departed return to Iraq that nobody has handed over yet.
  const csrf = (await (await page.request.get('/api/auth/me')).json()).csrfToken as string;
  const found = await page.request.post('/api/cases/search', { headers: { 'x-csrf-token': csrf }, data: { stage: ['departed'], countryOfReturn: 'IQ', pageSize: 50 } });
  let caseId: string | undefined;
  let caseNumber = '';
  for (const item of (await found.json()).items as { id: string; caseNumber: string }[]) {
    const overview = await (await page.request.get(`/api/cases/${item.id}/handover`)).json();
    if (!overview.handovers.some((h: { status: string }) => h.status !== 'declined')) {
      caseId = item.id;
      caseNumber = item.caseNumber;
      break;
    }
  }
  expect(caseId, 'a departed case to Iraq without a handover').toBeTruthy();

  await handOverAndReceive(page, browser, caseId!, caseNumber);
});

test('an origin office registers a person returned by a government and records the admission date before assistance', async ({ page }) => {
  await signIn(page, demoUser('office_manager', 'manager.iq'));
  // The manager works in Arabic; this journey reads the English labels.
  await page.getByLabel(/اللغة/).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' }).click();
  await page.getByLabel(/^Given name/).fill('Karrar');
  await page.getByLabel(/^Family name/).fill('Al-Tamimi');
  await page.getByLabel(/^Date of birth/).fill('1994-09-03');
  await choose(page, /^Sex/, 'Male');
  await choose(page, /^Nationality/, 'Iraq');
  await nextStep(page, 2);
  await nextStep(page, 3);
  await choose(page, /^Kind of case/, 'Post-arrival assistance only');
  await choose(page, /^Legal status/, 'Other');
  await choose(page, /^Intended country of return/, 'Iraq');
  await nextStep(page, 4);
  await page.getByRole('button', { name: 'Register household' }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}/, { timeout: 15_000 });
  const caseId = new URL(page.url()).pathname.split('/').pop()!;

  await page.getByRole('tab', { name: 'Handover & arrival' }).click();
  const tab = page.getByRole('tabpanel', { name: 'Handover & arrival' });
  await expect(tab.getByText('Record the date of admission before any assistance.')).toBeVisible();
  // Assistance is refused until the date is on record.
  const refused = await page.request.post(`/api/cases/${caseId}/reception-services`, {
    headers: { 'x-csrf-token': (await (await page.request.get('/api/auth/me')).json()).csrfToken },
    data: { service: 'immediate_assistance', status: 'provided' },
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.code).toBe('ADMISSION_DATE_REQUIRED');

  const admitted = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  await tab.getByLabel(/^Date of admission into the country/).fill(admitted);
  await tab.getByRole('button', { name: 'Save the date' }).click();
  await expect(page.getByText('The admission date was recorded.')).toBeVisible();
  await expect(tab.getByText('Record the date of admission before any assistance.')).toBeHidden();
  await choose(page, /^Service/, 'Immediate assistance', tab);
  await choose(page, /^Status/, 'Provided', tab);
  await tab.getByRole('button', { name: 'Add the service' }).click();
  await expect(tab.getByRole('cell', { name: 'Immediate assistance' })).toBeVisible();
  expect((await (await page.request.get(`/api/cases/${caseId}`)).json()).admissionDate).toBe(admitted);
});
