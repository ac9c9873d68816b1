import { expect, test, type Page } from '@playwright/test';
import { demoUser, fillDay, signIn } from './support.js';

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

/** Goes to wizard step n; Next waits while a duplicate check is still running, so try again. */
async function nextStep(page: Page, n: number) {
  await expect(async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText(new RegExp(`Step ${n} of 4`))).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

async function csrf(page: Page) {
  const me = await page.request.get('/api/auth/me');
  return (await me.json()).csrfToken as string;
}

test('a caseworker registers a household, is warned of a near duplicate, finds it misspelled and moves it a stage; another office cannot see it', async ({ page, browser }) => {
  const caseworker = demoUser('caseworker', 'caseworker.de');
  await signIn(page, caseworker);

  // A household already registered in the office (through the API, as another screen would).
  const existing = await page.request.post('/api/cases', {
    headers: { 'x-csrf-token': await csrf(page) },
    data: {
      kind: 'voluntary_return', legalStatus: 'asylum_rejected', countryOfReturn: 'IQ',
      principal: { givenName: 'Mohammed', familyName: 'Al-Hassani', sex: 'male', birthDate: '1986-05-20', nationality: 'IQ', originalScriptName: 'محمد الحسني' },
      members: [],
    },
  });
  expect(existing.status()).toBe(201);

  // Registration: the same person spelt differently raises the duplicate warning.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Register' }).click();
  await page.getByLabel(/^Given name/).fill('Muhammad');
  await page.getByLabel(/^Family name/).fill('Al Hasani');
  await fillDay(page.getByLabel(/^Date of birth/), '1986-05-20');
  await choose(page, /^Sex/, 'Male');
  // The warning comes from the name and the date of birth; it is drawn above the fields below,
  // so a list opened while it appears would move away from under the pointer.
  await expect(page.getByRole('heading', { name: 'Possible duplicates' })).toBeVisible({ timeout: 15_000 });
  await choose(page, /^Nationality/, 'Iraq');
  await expect(page.getByText('Al-Hassani').first()).toBeVisible();
  await page.getByRole('checkbox', { name: 'This is a different person' }).check();
  await nextStep(page, 2);
  await nextStep(page, 3);
  await choose(page, /^Kind of case/, 'Voluntary return');
  await choose(page, /^Legal status/, 'Asylum claim rejected');
  await choose(page, /^Intended country of return/, 'Iraq');
  await nextStep(page, 4);
  await page.getByRole('button', { name: 'Register household' }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}/, { timeout: 15_000 });
  const caseUrl = new URL(page.url());
  const caseId = caseUrl.pathname.split('/').pop()!;

  // The case list finds it by a misspelled name.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
  await page.getByLabel('Search cases').fill('Mohamad al Hasani');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('link', { name: /DE-\d{4}-\d{6}/ }).first()).toBeVisible();
  // The list of this search is exported as CSV in the background, then downloaded.
  await page.getByRole('button', { name: 'Export the cases of this filter' }).click();
  await page.getByRole('menuitem', { name: 'CSV' }).click();
  const downloadLink = page.getByRole('link', { name: 'Download CSV' }).first();
  await expect(downloadLink).toBeVisible({ timeout: 30_000 });
  const exported = await page.request.get((await downloadLink.getAttribute('href'))!);
  expect(exported.status()).toBe(200);
  expect((await exported.text()).split('\r\n')[0]).toMatch(/^\uFEFF?Case number,Stage,Kind,Office/);
  await page.goto(caseUrl.pathname);

  // Move it a stage and see the move in its history.
  await page.getByRole('tab', { name: 'Stage & history' }).click();
  await page.getByRole('button', { name: 'Move to Counselling' }).click();
  const tabPanel = page.getByRole('tabpanel', { name: 'Stage & history' });
  await expect(tabPanel.getByText('Counselling').first()).toBeVisible();
  await expect(page.getByText('Counselling').first()).toBeVisible();
  // The move is saved (the request may still be on its way when the button's label changes).
  await expect
    .poll(async () => ((await (await page.request.get(`/api/cases/${caseId}/history`)).json()) as { transitions: { toStage: string }[] }).transitions[0]?.toStage)
    .toBe('counselling');

  // A caseworker of another office gets 404 for it.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, demoUser('office_manager', 'manager.nl'));
  const res = await otherPage.request.get(`/api/cases/${caseId}`);
  expect(res.status()).toBe(404);
  await otherPage.goto(caseUrl.pathname);
  await expect(otherPage.getByText('Case not found')).toBeVisible();
  await other.close();
});

test('the interface switches to Arabic, right to left', async ({ page }) => {
  await signIn(page, demoUser('office_manager', 'manager.uk'));
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await page.getByLabel(/اللغة/).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});
