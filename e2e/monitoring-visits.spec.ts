import { expect, test } from '@playwright/test';
import { demoUser, signIn } from './support.js';

test('a monitoring officer opens a due visit from the worklist, records it with the survey, and sees the scores, the trend and a follow-up task', async ({ page }) => {
  await signIn(page, demoUser('monitoring_officer', 'monitoring.ng'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monitoring visits' }).click();
  await expect(page.getByRole('heading', { name: 'Monitoring visits', level: 1 })).toBeVisible();
  // The office's visits: demo cases in monitoring have visits overdue or due this week.
  await page.getByText('My office', { exact: true }).click();
  const open = page.getByRole('link', { name: /^Record the visit of case/ }).first();
  await expect(open).toBeVisible({ timeout: 15_000 });
  await open.click();

  // The case's Monitoring tab opens with the visit's form.
  await expect(page.getByRole('heading', { name: 'Record a visit' })).toBeVisible({ timeout: 15_000 });
  // The visit's own fields by their whole label (the survey's questions begin with "How" too).
  await page.getByLabel(/^How\s*\*?$/).selectOption({ label: 'Phone call' });
  await page.getByLabel(/^Outcome\s*\*?$/).selectOption({ label: 'Reached' });
  const income = page.getByRole('group', { name: 'Which sources of income does the household have?' });
  await income.getByLabel('Paid work or own business').check();
  await page.getByLabel('How safe do you feel where you live?').selectOption({ label: 'Safe' });
  await page.getByLabel('Do you wish to migrate again?').selectOption({ label: 'Yes' });
  const live = page.getByTestId('composite-score');
  await expect(live).not.toHaveText('Not scored');
  const composite = (await live.textContent())!.trim();
  await page.getByLabel('Next steps').fill('Call again next month.');
  await page.getByRole('button', { name: 'Save the visit' }).click();

  // Saved: the scores computed by the server equal the live ones, the trend is drawn, a follow-up task is made.
  await expect(page.getByRole('heading', { name: 'Record a visit' })).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId('visit-score').filter({ hasText: `composite ${composite}` }).first()).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Scores across visits' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Follow-up tasks and referrals' })).toContainText('Wish to migrate again: follow up with the returnee');
});
