import { expect, test, type Page } from '@playwright/test';
import { demoUser, signIn } from './support.js';

/** Picks an option in a Mantine select or searchable select by its accessible label. */
async function choose(page: Page, label: RegExp, option: string, scope = page.locator('body')) {
  const box = scope.getByRole('combobox', { name: label }).first();
  const tag = await box.evaluate((el) => el.tagName);
  if (tag === 'SELECT') {
    await box.selectOption({ label: option });
    return;
  }
  await box.click();
  const readOnly = await box.evaluate((el) => Boolean((el as unknown as { readOnly?: boolean }).readOnly));
  if (!readOnly) await box.fill(option.slice(0, 5));
  await page.getByRole('option', { name: option, exact: true }).filter({ visible: true }).first().click();
}

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

  await page.goto(`/cases/${caseId}`);
  await page.getByRole('tab', { name: 'Handover & arrival' }).click();
  const tab = page.getByRole('tabpanel', { name: 'Handover & arrival' });
  await choose(page, /^Origin office/, 'Iraq – Baghdad', tab);
  await choose(page, /^Purpose/, 'Reception on arrival', tab);
  await tab.getByLabel('Note for the origin office').fill('Family of three; the father uses a wheelchair at airports.');
  await tab.getByRole('checkbox', { name: 'Health information' }).check();
  await tab.getByRole('button', { name: 'Send the handover' }).click();
  await expect(tab.getByText('Waiting for an answer')).toBeVisible();

  // The origin office sees the package, without the legal status, and accepts.
  const origin = await browser.newContext();
  const op = await origin.newPage();
  await signIn(op, demoUser('reintegration_officer', 'reintegration.iq'));
  expect((await op.request.get(`/api/cases/${caseId}`)).status()).toBe(404);
  await op.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incoming handovers' }).click();
  await op.getByRole('button', { name: `Show the handover package of ${caseNumber}` }).click();
  await expect(op.getByRole('heading', { name: `Handover package ${caseNumber}` })).toBeVisible();
  await expect(op.getByText('Family of three; the father uses a wheelchair at airports.')).toBeVisible();
  await expect(op.getByText('Not shared with your office').first()).toBeVisible();
  await expect(op.getByText('No reintegration plan has been drafted for this case.')).toBeVisible();
  await op.getByRole('button', { name: 'Accept' }).click();
  await expect(op.getByText('The handover was accepted: the case is now shared with your office.')).toBeVisible();
  await op.getByRole('link', { name: 'Open the case' }).click();
  await expect(op).toHaveURL(new RegExp(`/cases/${caseId}`));

  // Arrival and a reception service with its cost.
  await op.getByRole('tab', { name: 'Handover & arrival' }).click();
  const otab = op.getByRole('tabpanel', { name: 'Handover & arrival' });
  await otab.getByLabel(/^Place of arrival/).fill('Baghdad International Airport');
  await choose(op, /^Received by/, 'Rana Al-Najjar', otab);
  await otab.getByRole('button', { name: 'Confirm the arrival' }).click();
  await expect(op.getByText('The arrival was confirmed.')).toBeVisible();
  await expect(otab.getByRole('heading', { name: 'Arrival', exact: true })).toBeVisible();
  await choose(op, /^Service/, 'Airport reception', otab);
  await choose(op, /^Status/, 'Provided', otab);
  await otab.getByLabel(/^Cost/).fill('25.50');
  await choose(op, /^Currency/, 'USD', otab);
  await otab.getByRole('button', { name: 'Add the service' }).click();
  await expect(otab.getByRole('cell', { name: 'Airport reception' })).toBeVisible();
  await expect(otab.getByText('$25.50')).toBeVisible();
  await origin.close();

  // The host office sees that its returnee arrived.
  await page.reload();
  await page.getByRole('tab', { name: 'Handover & arrival' }).click();
  await expect(tab.getByText('Baghdad International Airport')).toBeVisible();
  const record = await (await page.request.get(`/api/cases/${caseId}`)).json();
  expect(record.stage).toBe('arrived');
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
