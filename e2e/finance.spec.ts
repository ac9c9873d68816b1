import { expect, test, type Page } from '@playwright/test';
import { axeOf, demoUser, signIn } from './support.js';

/** No accessibility violation in what the page shows now (the import's problems, the open dialog). */
async function noViolation(page: Page) {
  const result = await axeOf(page).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

test('a finance officer imports a rates file (a bad one is refused row by row) and sees its rates; a programme manager adds a budget line and sees it in the budget', async ({ page, browser }) => {
  // A day the demo's monthly files do not cover, so that the journey may run on any demo data.
  const day = new Date(Date.UTC(2010, 0, 1) + (Date.now() % 3000) * 86_400_000).toISOString().slice(0, 10);
  const file = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(['currency,rate_per_usd,effective_from', ...lines].join('\n')) });

  await signIn(page, demoUser('finance_officer', 'finance'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exchange rates' }).click();
  await expect(page.getByRole('heading', { name: 'Exchange rates', level: 1 })).toBeVisible();

  // A file with mistakes: nothing is imported, each problem is listed with its line and column.
  await page.getByLabel('Rates file (CSV)').setInputFiles(file('rates-with-mistakes.csv', [`EUR,0.91,${day}`, `XYZ,1.5,${day}`, `GBP,=1+1,${day}`]));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('The file was not imported');
  const problems = page.getByRole('table', { name: /2 problems in the file/ });
  await expect(problems.getByRole('row').filter({ hasText: 'XYZ' })).toContainText('Not an ISO 4217 currency code');
  await expect(problems.getByRole('row').filter({ hasText: '=1+1' })).toContainText('rate_per_usd');
  await noViolation(page);

  // The corrected file: every rate is added, and the table shows them.
  await page.getByLabel('Rates file (CSV)').setInputFiles(file('rates-corrected.csv', [`EUR,0.91,${day}`, `GBP,0.7925,${day}`]));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('2 rates added from rates-corrected.csv.')).toBeVisible();
  await expect(problems).toHaveCount(0);
  const currency = page.getByLabel('Currency', { exact: true });
  await currency.fill('GBP');
  await page.getByRole('option', { name: /^GBP/ }).click();
  const rates = page.getByRole('table', { name: /rates?$/ });
  await expect(rates.getByRole('row').filter({ hasText: 'rates-corrected.csv' })).toContainText('1 USD = 0.7925 GBP');

  // The programme manager adds a budget line to a project and sees it with its sums.
  const context = await browser.newContext();
  const pm = await context.newPage();
  await signIn(pm, demoUser('programme_manager', 'programme'));
  await pm.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Budgets' }).click();
  await expect(pm.getByRole('heading', { name: 'Budgets', level: 1 })).toBeVisible();
  await pm.getByRole('combobox', { name: 'Project' }).selectOption({ label: 'AVRR-IQAF — Return and reintegration to Iraq and Afghanistan' });
  await expect(pm.getByRole('heading', { name: 'Budget lines of AVRR-IQAF' })).toBeVisible();
  const lines = pm.getByRole('table', { name: /budget lines? of Return and reintegration to Iraq and Afghanistan/ });
  await expect(lines.getByRole('row').filter({ hasText: 'RI-CASH' })).toContainText('Reintegration cash allowance');

  // The chart and the donor totals, drawn lazily, pass the accessibility check.
  await expect(pm.getByRole('figure', { name: 'Budget lines in EUR' }).locator('.recharts-surface')).toBeVisible();
  await noViolation(pm);

  await pm.getByRole('button', { name: 'Add a budget line' }).click();
  const dialog = pm.getByRole('dialog', { name: 'New budget line' });
  const code = `ED-${Date.now().toString(36).toUpperCase()}`;
  await dialog.getByLabel(/^Code/).fill(code);
  await dialog.getByLabel(/^Name/).fill('School fees for returning children');
  const components = dialog.getByRole('combobox', { name: /^Components/ });
  await components.click();
  await pm.getByRole('option', { name: 'Education', exact: true }).click();
  await components.press('Escape');
  await dialog.getByRole('combobox', { name: /^Donor/ }).selectOption({ label: 'Federal Office for Migration and Refugees' });
  await dialog.getByLabel(/^Budget/).fill('25000.5');
  await noViolation(pm);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  const row = lines.getByRole('row').filter({ hasText: code });
  await expect(row).toContainText('School fees for returning children');
  await expect(row).toContainText('Education');
  await expect(row).toContainText('Federal Office for Migration and Refugees');
  // Budget and remaining €25,000.50; nothing planned, committed or disbursed yet.
  await expect(row).toContainText('€25,000.50€0.00€0.00€0.00€25,000.50');
  // The chart names itself and says what it shows; its figures are also a table for screen readers.
  const figure = pm.getByRole('figure', { name: 'Budget lines in EUR' });
  await expect(figure).toBeVisible();
  await expect(figure).toHaveAccessibleDescription(/the budget, what the reintegration plans plan on it/);
  await expect(figure.locator('.recharts-surface')).toBeVisible();
  const figures = figure.getByRole('table', { name: 'Budget lines in EUR' });
  await expect(figures.getByRole('columnheader')).toHaveText(['Budget line', 'Budget', 'Planned', 'Committed', 'Disbursed', 'Remaining']);
  await expect(figures.getByRole('row').filter({ hasText: code })).toContainText('€25,000.50€0.00€0.00€0.00€25,000.50');
  // Totals per donor, in each currency of its lines.
  const donors = pm.getByRole('table', { name: /added up per donor and currency/ });
  await expect(donors.getByRole('row').filter({ hasText: 'Federal Office for Migration and Refugees' }).first()).toBeVisible();
  await context.close();
});
