import { expect, test } from '@playwright/test';
import { demoUser, signIn } from './support.js';

test('a counsellor records a session giving country information, sees it listed, checks appointments and opens the library', async ({ page }) => {
  const counsellor = demoUser('counsellor', 'counsellor.de');
  await signIn(page, counsellor);

  // A household of the office in counselling (found as the case list finds it).
  const me = await (await page.request.get('/api/auth/me')).json();
  const search = await page.request.post('/api/cases/search', { headers: { 'x-csrf-token': me.csrfToken }, data: { stage: ['counselling'], pageSize: 5 } });
  expect(search.status()).toBe(200);
  const found = (await search.json()).items[0] as { id: string; caseNumber: string };
  expect(found).toBeTruthy();

  await page.goto(`/cases/${found.id}`);
  await page.getByRole('tab', { name: 'Counselling', exact: true }).click();
  const panel = page.getByRole('tabpanel', { name: 'Counselling', exact: true });
  await panel.getByRole('button', { name: 'New session' }).click();
  const form = panel.getByRole('form', { name: 'Counselling session' });
  await expect(form.getByLabel('was held')).toBeChecked();

  // Topics, the country information given (the case's country of return is preselected), next steps.
  // A non-searchable multi-select: its input is hidden, the pills box around it opens the list.
  await form.getByRole('combobox', { name: 'Topics' }).locator('xpath=ancestor::div[contains(@class, "mantine-MultiSelect-input")]').click();
  await page.getByRole('option', { name: 'Health', exact: true }).click();
  await page.keyboard.press('Escape');
  const coi = form.getByRole('group', { name: 'Country information given' }).getByRole('checkbox').first();
  await expect(coi).toBeVisible({ timeout: 15_000 });
  const coiLabel = (await coi.locator('xpath=ancestor::div[contains(@class, "Checkbox-root")]').innerText()).split('\n')[0].trim();
  await coi.check();
  await form.getByLabel('Agreed next steps').fill('Family meets the reintegration officer next week.');
  await form.getByLabel(/^Notes \(sensitive\)/).fill('Asked again about medical care for the father.');
  await form.getByRole('button', { name: 'Record session' }).click();

  // The session is listed with the entry given.
  const list = panel.getByRole('list', { name: 'Counselling sessions' });
  const session = list.getByRole('listitem').filter({ hasText: 'Family meets the reintegration officer next week.' });
  await expect(session).toBeVisible({ timeout: 15_000 });
  await expect(session.getByText('Held', { exact: true })).toBeVisible();
  await expect(session.getByRole('link', { name: coiLabel })).toBeVisible();
  await expect(session.getByText('Asked again about medical care for the father.')).toBeVisible();

  // Upcoming appointments of this counsellor.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Appointments' }).click();
  await expect(page.getByRole('heading', { name: 'Appointments', level: 1 })).toBeVisible();
  await expect(page.getByRole('table').getByRole('link', { name: /DE-\d{4}-\d{6}/ }).first()).toBeVisible();

  // The library: filter on stale entries and open one with its versions.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Country information' }).click();
  await expect(page.getByRole('heading', { name: 'Country-of-origin information', level: 1 })).toBeVisible();
  await page.getByRole('combobox', { name: 'Freshness' }).click();
  await page.getByRole('option', { name: 'Stale only' }).click();
  const staleRow = page.getByRole('table').getByRole('row').filter({ hasText: 'Stale' }).first();
  await expect(staleRow).toBeVisible();
  await staleRow.getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'Versions' })).toBeVisible();
  await expect(page.getByText(/Stale: older than 12 months/)).toBeVisible();
});
