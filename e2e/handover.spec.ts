import { expect, test, type Page } from '@playwright/test';
import { choose, handOverAndReceive } from './handover-steps.js';
import { demoUser, fillDay, signIn } from './support.js';

async function nextStep(page: Page, n: number) {
  await expect(async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText(new RegExp(`Step ${n} of 4`))).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

test('the host office hands a departed case to the origin office, which accepts it, confirms the arrival and records reception', async ({ page, browser }) => {
  await signIn(page, demoUser('office_manager', 'manager.de'));

  // A departed return to Iraq that nobody has handed over yet, whose counselling sessions have notes.
  const csrf = (await (await page.request.get('/api/auth/me')).json()).csrfToken as string;
  const found = await page.request.post('/api/cases/search', { headers: { 'x-csrf-token': csrf }, data: { stage: ['departed'], countryOfReturn: 'IQ', pageSize: 50 } });
  let caseId: string | undefined;
  let caseNumber = '';
  for (const item of (await found.json()).items as { id: string; caseNumber: string }[]) {
    const overview = await (await page.request.get(`/api/cases/${item.id}/handover`)).json();
    const sessions = (await (await page.request.get(`/api/cases/${item.id}/counselling-sessions`)).json()).items as { notes?: string | null }[];
    if (!overview.handovers.some((h: { status: string }) => h.status !== 'declined') && sessions.some((x) => x.notes)) {
      caseId = item.id;
      caseNumber = item.caseNumber;
      break;
    }
  }
  expect(caseId, 'a departed case to Iraq without a handover').toBeTruthy();

  await handOverAndReceive(page, browser, caseId!, caseNumber, { counsellingNotes: true });
});

test('an origin office registers a person returned by a government and records the admission date before assistance', async ({ page }) => {
  await signIn(page, demoUser('office_manager', 'manager.iq'));
  // The manager works in Arabic; this journey reads the English labels.
  await page.getByLabel(/اللغة/).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' }).click();
  await page.getByLabel(/^Given name/).fill('Karrar');
  await page.getByLabel(/^Family name/).fill('Al-Tamimi');
  await fillDay(page.getByLabel(/^Date of birth/), '1994-09-03');
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
  await fillDay(tab.getByLabel(/^Date of admission into the country/), admitted);
  await tab.getByRole('button', { name: 'Save the date' }).click();
  await expect(page.getByText('The admission date was recorded.')).toBeVisible();
  await expect(tab.getByText('Record the date of admission before any assistance.')).toBeHidden();
  await choose(page, /^Service/, 'Immediate assistance', tab);
  await choose(page, /^Status/, 'Provided', tab);
  await tab.getByRole('button', { name: 'Add the service' }).click();
  await expect(tab.getByRole('cell', { name: 'Immediate assistance' })).toBeVisible();
  expect((await (await page.request.get(`/api/cases/${caseId}`)).json()).admissionDate).toBe(admitted);
});

test('the origin office finds handovers in its incoming list by filters and case number, and opens a case on its handover tab', async ({ page }) => {
  await signIn(page, demoUser('reintegration_officer', 'reintegration.iq'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incoming handovers' }).click();
  await expect(page.getByRole('heading', { name: 'Incoming handovers', level: 1 })).toBeVisible();
  const table = page.getByRole('table').first();
  await expect(table.locator('caption')).toHaveText(/\d+ handovers?/);
  const total = Number(/(\d+) handovers?/.exec(await table.locator('caption').innerText())?.[1]);
  expect(total).toBeGreaterThan(20);
  // Paged by the server: twenty rows, the pager names the range.
  await expect(table.getByRole('row')).toHaveCount(21);
  await expect(page.getByText(new RegExp(`1.20 of ${total}`))).toBeVisible();

  // Accepted ones only: every badge says so, in full.
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Accepted' });
  await expect(page.getByRole('button', { name: /Hide filters \(1 active\)/ })).toBeVisible();
  const accepted = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(accepted.first().getByText('Accepted', { exact: true })).toBeVisible();
  for (const row of await accepted.all()) await expect(row.getByText('Accepted', { exact: true })).toBeVisible();
  const badge = accepted.first().getByText('Accepted', { exact: true });
  expect(await badge.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  // Sorted by case number on the server.
  await table.getByRole('button', { name: /^Case/ }).click();
  await expect(table.getByRole('columnheader', { name: /^Case/ })).toHaveAttribute('aria-sort', 'ascending');
  const numbersShown = async () => (await accepted.locator('td:first-child').allInnerTexts()).map((x) => x.split('\n')[0].trim());
  await expect.poll(async () => { const n = await numbersShown(); return n.join() === [...n].sort().join(); }).toBe(true);
  const numbers = await numbersShown();

  // Search by case number: one row, whose "Open the case" lands on the handover tab.
  const caseNumber = numbers[0].trim();
  await page.getByLabel('Case number').fill(caseNumber.slice(-5));
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(table.getByRole('row').filter({ has: page.getByRole('cell') }).first()).toContainText(caseNumber);
  await page.getByRole('link', { name: `Open case ${caseNumber} on its handover tab` }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\?tab=handover$/);
  await expect(page.getByRole('tab', { name: 'Handover & arrival' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Handover & arrival' })).toBeVisible();

  // A period with nothing in it says so; clearing the filters brings the list back.
  await page.goBack();
  await fillDay(page.getByLabel('Sent on or after'), '2001-01-01');
  await fillDay(page.getByLabel('Sent on or before'), '2001-01-31');
  await expect(page.getByText('No handover matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear the filters' }).click();
  await expect(table.getByRole('row')).toHaveCount(21);
});

test('on a tablet the incoming list’s filters fold away behind one button', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await signIn(page, demoUser('reintegration_officer', 'reintegration.iq'));
  await page.goto('/handovers/incoming');
  const toggle = page.getByRole('button', { name: /^Show filters/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Sent on or after')).toBeHidden();
  await toggle.click();
  await expect(page.getByRole('button', { name: /^Hide filters/ })).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByLabel('Sent on or after')).toBeVisible();
  // Nothing spills sideways off the page.
  expect(await page.locator('html').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});

test('declining asks once in a dialog and needs a reason', async ({ page }) => {
  await signIn(page, demoUser('reintegration_officer', 'reintegration.iq'));
  await page.goto('/handovers/incoming');
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Waiting for an answer' });
  const table = page.getByRole('table').first();
  const first = table.getByRole('row').filter({ has: page.getByRole('cell') }).first();
  await expect(first.getByText('Waiting for an answer')).toBeVisible();
  await first.getByRole('button', { name: /^Show the handover package of / }).click();
  await page.getByRole('button', { name: 'Decline', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^Decline the handover of / });
  await expect(dialog.getByText('This cannot be undone.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Decline the handover' }).click();
  await expect(dialog.getByText('Give the reason for declining.')).toBeVisible();
  // Cancelling sends nothing: the handover still waits for an answer.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(first.getByText('Waiting for an answer')).toBeVisible();
});
