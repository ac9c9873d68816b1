import { expect, test } from '@playwright/test';
import { axeOf, demoUser, signIn } from './support.js';

test('the M&E officer filters the programme statistics to a region of origin and sees the map and the top 10 countries', async ({ page }) => {
  await signIn(page, demoUser('me_officer', 'me.officer'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Statistics' }).click();
  await expect(page.getByRole('heading', { name: 'Programme statistics', level: 1 })).toBeVisible();
  await expect(page.getByText('A returnee counts once, in the year and month the case departed')).toBeVisible();

  await page.getByLabel('Region of origin').selectOption({ label: 'Asia' });
  const map = page.getByRole('figure', { name: 'Returns by country of origin' });
  await expect(map).toBeVisible();
  await expect(map.getByTestId('world-map')).toBeVisible();
  // The map's counts are also a table; every country in it is in Asia.
  await expect(map.getByRole('table')).toContainText('Returnees');
  const top = page.getByRole('figure', { name: 'Top 10 countries of origin' });
  await expect(top).toBeVisible();
  await expect(top.getByRole('table')).toContainText(/Iraq|Afghanistan|Syria|Iran|Pakistan/);
  // Vulnerable returnees by category, with the returnees counted once whatever their categories.
  await expect(page.getByRole('figure', { name: 'Vulnerable returnees by category' }).getByRole('table')).toContainText('Any category');
  await expect(page.getByRole('heading', { name: 'Cases with a reintegration plan, by component type' })).toBeVisible();
  // Monitoring coverage per milestone (the demo data's schedules), as bars and a table.
  await expect(page.getByRole('figure', { name: 'Monitoring coverage by milestone' }).getByRole('table')).toContainText('3 months');
  // Community projects by status (the demo data's project in Iraq, Asia), with which filters apply to them.
  await expect(page.getByRole('figure', { name: 'Community projects by status' }).getByRole('table')).toContainText('Planned');
  await expect(page.getByText('Filters that apply here: years (the project\'s start)')).toBeVisible();
  // The statistics-only reader is told why some counts are withheld.
  await expect(page.getByText('Counts from 1 to 4 are shown as “<5”')).toBeVisible();

  // Every figure loaded and every transition over before the page is audited.
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))');
  const result = await axeOf(page, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);

  // The top 10 downloads as an Excel workbook with the filters in hand, headed in the page's language.
  await page.getByRole('button', { name: 'Download “Top 10 countries of origin”' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Excel' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^homeward-origins-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const cells = book.worksheets[0]!.getSheetValues().flat().map(String);
  expect(cells).toContain('Asia');
  expect(cells.some((c) => /Iraq|Afghanistan|Syria|Iran|Pakistan/.test(c))).toBe(true);
});

test('the M&E officer generates the annual report as a PDF and downloads it', async ({ page }) => {
  await signIn(page, demoUser('me_officer', 'me.officer'));
  await page.goto('/statistics');
  const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Annual report (PDF)' }) });
  // A range of two years.
  const last = new Date().getFullYear() - 1;
  await panel.getByLabel('Year of the report').selectOption(String(last - 1));
  await panel.getByLabel('Up to the year').selectOption(String(last));
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expect(panel.getByRole('rowheader', { name: `${last - 1}–${last}` }).first()).toBeVisible();
  const link = panel.getByRole('link', { name: /Download the report/ }).first();
  await expect(link).toBeVisible({ timeout: 60_000 });
  const download = await page.request.get((await link.getAttribute('href'))!);
  expect(download.status()).toBe(200);
  const pdf = await download.body();
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  // Opened: its numbered figures are there.
  const { pdfUnicodeText } = await import('../server/test-support/pdf-unicode-text.js');
  const lines = pdfUnicodeText(pdf).join('\n');
  expect(lines).toMatch(/Figure 1/);
  expect(lines).toMatch(/Table 1/);
});
