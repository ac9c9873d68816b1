import { expect, test } from '@playwright/test';
import { demoUser, expectNoViolations, signIn } from './support.js';

test('a programme manager reads the programme’s scores per country and per arrival quarter, as a chart and a table', async ({ page }) => {
  await signIn(page, demoUser('programme_manager', 'programme'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Programme scores' }).click();
  await expect(page.getByRole('heading', { name: 'Sustainability across the programme', level: 1 })).toBeVisible();
  // The newest version with scores: the re-scored Iraq cohort under version 2.
  await expect(page.getByText(/^Scores under Reintegration sustainability survey, version 2/)).toBeVisible();
  await expect(page.getByText('Groups of 1 to 4 returnees are not shown, nor their means, so that no one can be singled out.')).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Mean scores per group' })).toBeVisible();
  const table = page.getByRole('table', { name: /^Returnees scored, mean and median scores under/ });
  await expect(table.getByRole('row', { name: /^Iraq/ })).toContainText(/mean 0\.\d{4} \(median 0\.\d{4}\)/);
  await expectNoViolations(page);

  // Version 1: every country monitored; per arrival quarter.
  await page.getByRole('combobox', { name: 'Survey version' }).click();
  await page.getByRole('option', { name: 'Reintegration sustainability survey, version 1', exact: true }).click();
  await expect(page.getByText(/^Scores under Reintegration sustainability survey, version 1/)).toBeVisible();
  await expect(table.getByRole('row', { name: /^Nigeria/ })).toBeVisible();
  // The segmented control's radios are drawn by their labels: the manager clicks the label.
  await page.getByText('Arrival quarter', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Arrival quarter' })).toBeChecked();
  await expect(table.getByRole('columnheader', { name: 'Arrival quarter' })).toBeVisible();
  await expect(table.getByRole('row', { name: /^\d{4}-Q[1-4]/ }).first()).toBeVisible();
  await expectNoViolations(page);
});

test('a programme manager starts re-scoring a cohort and follows its progress', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, demoUser('programme_manager', 'programme'));
  await page.goto('/monitoring/instruments');
  const jobs = page.getByRole('table', { name: 'Re-scorings and their progress' });
  // The demo's re-scoring of the Iraq cohort, done.
  await expect(jobs.getByRole('row', { name: /version 1 → Reintegration sustainability survey, version 2/ }).filter({ hasText: 'Iraq' })).toContainText('Done');

  await page.getByRole('combobox', { name: 'Answered under' }).click();
  await page.getByRole('option', { name: 'Reintegration sustainability survey, version 1', exact: true }).click();
  await page.getByRole('combobox', { name: 'Score again under' }).click();
  await page.getByRole('option', { name: 'Reintegration sustainability survey, version 2', exact: true }).click();
  await page.getByRole('combobox', { name: 'Country of return' }).fill('Nigeria');
  await page.getByRole('option', { name: 'Nigeria', exact: true }).click();
  await page.getByRole('button', { name: 'Start the re-scoring' }).click();
  const row = jobs.getByRole('row').filter({ hasText: 'Nigeria' }).first();
  // The bar is there from 0%, named and telling the counts.
  const bar = row.getByRole('progressbar', { name: 'Progress' });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuetext', /^\d+ of \d+ visits, \d+ refused$/);
  await expect(row).toContainText(/\d+ of \d+ visits, \d+ refused/);
  await expectNoViolations(page);
  // The background job works it within a minute or so; the page asks again while it runs.
  await expect(row).toContainText('Done', { timeout: 120_000 });
});
