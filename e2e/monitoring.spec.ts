import { expect, test } from '@playwright/test';
import { demoUser, expectNoViolations, signIn } from './support.js';

test('a programme manager opens the built-in survey instrument, answers the preview and sees the scores computed exactly', async ({ page }) => {
  await signIn(page, demoUser('programme_manager', 'programme'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Survey instruments' }).click();
  await expect(page.getByRole('heading', { name: 'Survey instruments', level: 1 })).toBeVisible();
  // The page opens the latest published version; the manager opens version 1, whose weights are all 1.
  await expect(page.getByRole('heading', { name: 'Reintegration sustainability survey, version 2' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Version 2 · Published/ })).toHaveAttribute('aria-current', 'true');
  await page.getByRole('button', { name: /^Version 1 · Published/ }).click();
  await expect(page.getByRole('heading', { name: 'Reintegration sustainability survey, version 1' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Version 1 · Published/ })).toHaveAttribute('aria-current', 'true');
  // The weights are Homeward's, and said to be provisional.
  await expect(page.getByText('Provisional weights set by Homeward for this programme; not IOM’s.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Employment: weight 1' })).toBeVisible();
  await expectNoViolations(page);

  const composite = page.getByTestId('composite-score');
  await expect(composite).toHaveText('Not scored');
  // Income: paid work 0.5 + farming 0.25 = 0.75 -> economic 0.75.
  const income = page.getByRole('group', { name: 'Which sources of income does the household have?' });
  await income.getByLabel('Paid work or own business').check();
  await income.getByLabel('Farming or livestock').check();
  // Psychosocial: safe 0.6667 and the wish to migrate again 0 -> 0.33335, half to even 0.3334.
  await page.getByLabel('How safe do you feel where you live?').selectOption({ label: 'Safe' });
  await page.getByLabel('Do you wish to migrate again?').selectOption({ label: 'Yes' });
  const dimensions = page.getByRole('table', { name: 'Scores by dimension' });
  await expect(dimensions.getByRole('row').filter({ hasText: 'Economic' })).toContainText('0.7500');
  await expect(dimensions.getByRole('row').filter({ hasText: 'Psychosocial' })).toContainText('0.3334');
  await expect(dimensions.getByRole('row').filter({ hasText: 'Psychosocial' })).toContainText('Below threshold');
  await expect(dimensions.getByRole('row', { name: /^Social/ })).toContainText('Not scored');
  // Composite over the scored dimensions: (0.75 + 0.33335) / 2 = 0.541675 -> 0.5417.
  await expect(composite).toHaveText('0.5417');
  const fired = page.getByRole('list', { name: 'Triggered actions' });
  await expect(fired.getByRole('listitem')).toHaveText(['ReferralPsychosocial score below threshold: refer for support', 'Follow-up taskWish to migrate again: follow up with the returnee']);
  await expectNoViolations(page);

  await page.getByRole('button', { name: 'Clear the answers' }).click();
  await expect(composite).toHaveText('Not scored');
});

test('a programme manager revises the instrument in a draft and publishes it after confirming', async ({ page }) => {
  await signIn(page, demoUser('programme_manager', 'programme'));
  await page.goto('/monitoring/instruments');
  await page.getByRole('button', { name: 'Create a draft from the latest version' }).click();
  await expect(page.getByRole('heading', { name: 'Reintegration sustainability survey, version 3' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Version 3 · Draft/ })).toHaveAttribute('aria-current', 'true');

  // The economic dimension counts twice in the composite: the preview follows the form as it is edited.
  const weight = page.getByLabel('Weight of Economic');
  await weight.fill('2');
  await page.getByLabel('The weights are provisional').uncheck();
  const income = page.getByRole('group', { name: 'Which sources of income does the household have?' });
  await income.getByLabel('Paid work or own business').check();
  await page.getByLabel('Do you wish to migrate again?').selectOption({ label: 'Yes' });
  // economic 0.5, psychosocial 0: (2 × 0.5 + 0) / 3 = 0.3333
  await expect(page.getByTestId('composite-score')).toHaveText('0.3333');
  await expectNoViolations(page);

  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByText('Provisional weights set by Homeward for this programme; not IOM’s.')).toHaveCount(0);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish this version?' });
  await expect(dialog).toContainText('Version 3 will never change once published');
  await expectNoViolations(page);
  await dialog.getByRole('button', { name: 'Publish the version' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Economic: weight 2, threshold 0.50' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Version 3 · Published/ })).toBeVisible();
});
