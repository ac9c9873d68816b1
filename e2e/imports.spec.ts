import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoUser, signIn } from './support.js';

const fixture = fileURLToPath(new URL('./fixtures/legacy-caseload.csv', import.meta.url));
const FILE = 'legacy-caseload.csv';

const section = (page: Page, heading: string) =>
  page.locator('section').filter({ has: page.getByRole('heading', { name: heading, level: 2 }) });
const reportRows = (panel: Locator) => panel.getByRole('table', { name: 'The report, row by row' }).getByRole('row');

async function importFile(page: Page) {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import this file?' });
  await expect(dialog).toContainText(FILE);
  await dialog.getByRole('button', { name: 'Start the import' }).click();
  await expect(dialog).toBeHidden();
  const panel = section(page, `Import of ${FILE}`);
  // The progress reaches the end: every row done, the run finished.
  await expect(panel.getByText('5 of 5 rows')).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByText('Finished', { exact: true })).toBeVisible();
  return panel;
}

test('the office manager uploads a legacy caseload, maps its columns and codes, dry-runs it, imports it, and a second import changes nothing', async ({ page }) => {
  test.setTimeout(60_000);
  const source = `Archive BE ${Date.now().toString(36)}`;
  await signIn(page, demoUser('office_manager', 'manager.be'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import a legacy caseload', level: 1 })).toBeVisible();

  // 1. The file: sent, then what was detected and the first rows.
  await page.getByLabel('File to import').setInputFiles(fixture);
  await page.getByRole('button', { name: 'Upload' }).click();
  const upload = section(page, '1. The file');
  await expect(upload.getByText('Semicolon (;)')).toBeVisible();
  await expect(upload.getByText('5 rows')).toBeVisible();
  const preview = upload.getByRole('table', { name: 'The first rows of the file' });
  await expect(preview.getByRole('columnheader', { name: 'name_arabic' })).toBeVisible();
  await expect(preview).toContainText('يوسف حداد');

  // 2. The mapping: a column per field, the codes of coded columns, the date format.
  const mapping = section(page, '2. The mapping');
  const columns: [string, string][] = [
    ['Household key', 'household'], ['Person id in the old system', 'person'], ['Relationship to the principal', 'role'], ['Given name', 'first_name'],
    ['Family name', 'last_name'], ['Name in original script', 'name_arabic'], ['Sex', 'sex'], ['Date of birth', 'dob'], ['Nationality', 'nationality'],
    ['Legal status', 'status'], ['Country of return', 'return_to'], ['Stage', 'stage'], ['Registered on', 'registered'], ['Approved on (voluntary returns)', 'approved'], ['Departed on', 'departed'], ['Arrived on', 'arrived'], ['Closed on', 'closed'],
  ];
  for (const [field, column] of columns) await mapping.getByRole('combobox', { name: field, exact: true }).selectOption(column);
  await mapping.getByRole('combobox', { name: 'Date format of the file' }).selectOption({ label: 'Day/month/year (15/05/2019)' });
  const codes = async (field: string, pairs: [string, string][]) => {
    const group = mapping.getByRole('group', { name: new RegExp(`^Codes of “${field}”`) });
    for (const [code, label] of pairs) await group.getByRole('combobox', { name: new RegExp(`^${code} \\(`) }).selectOption({ label });
  };
  await codes('Relationship to the principal', [['HEAD', 'Principal applicant'], ['WIFE', 'Spouse'], ['CHILD', 'Child']]);
  await codes('Sex', [['M', 'Male'], ['F', 'Female']]);
  await codes('Legal status', [['REJ', 'Asylum claim rejected'], ['IRR', 'Irregular stay']]);
  // Country names are recognised.
  await expect(mapping.getByRole('group', { name: /^Codes of “Country of return”/ }).getByRole('combobox', { name: /^Georgia \(/ })).toHaveValue('GE');
  await expect(mapping.getByRole('group', { name: /^Codes of “Nationality”/ }).getByRole('combobox', { name: /^Iraq \(/ })).toHaveValue('IQ');
  await mapping.getByRole('textbox', { name: 'Save the mapping as' }).fill(`Archive ${source}`);
  await mapping.getByRole('button', { name: 'Save the mapping' }).click();
  await expect(page.getByText(`Mapping “Archive ${source}” saved.`)).toBeVisible();

  // 3. A dry run: its report, filtered by outcome.
  await page.getByRole('textbox', { name: 'Source system' }).fill(source);
  await page.getByRole('button', { name: 'Start a dry run' }).click();
  const dry = section(page, `Dry run of ${FILE}`);
  await expect(dry.getByText('Finished', { exact: true })).toBeVisible({ timeout: 20_000 });
  await dry.getByRole('combobox', { name: 'Show', exact: true }).selectOption({ label: 'Created' });
  await expect(reportRows(dry)).toHaveCount(6);
  await expect(dry.getByRole('link', { name: 'Download the report (CSV)' })).toHaveAttribute('href', /report\.csv$/);

  // 4. The import, then the same file again: nothing changes.
  const first = await importFile(page);
  await first.getByRole('combobox', { name: 'Show', exact: true }).selectOption({ label: 'Created' });
  await expect(reportRows(first)).toHaveCount(6);
  // An ended import keeps its report, not the file: the same export is uploaded again, with the same mapping.
  await page.getByLabel('File to import').setInputFiles(fixture);
  const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/imports/files') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Upload' }).click();
  expect((await uploaded).status()).toBe(201);
  const again = await importFile(page);
  await again.getByRole('combobox', { name: 'Show', exact: true }).selectOption({ label: 'Unchanged' });
  await expect(reportRows(again)).toHaveCount(6);

  // 5. The earlier runs of the office.
  const runs = page.getByRole('table', { name: 'Dry runs and imports, newest first' });
  await expect(runs.getByRole('row').filter({ hasText: source })).toHaveCount(3);

  // 6. The same persons from another system: a dry run lists them as possible duplicates of those just imported, for review.
  await page.getByLabel('File to import').setInputFiles(fixture);
  await page.getByRole('button', { name: 'Upload' }).click();
  await page.getByRole('textbox', { name: 'Source system' }).fill(`${source} copy`);
  await page.getByRole('button', { name: 'Start a dry run' }).click();
  const copy = section(page, `Dry run of ${FILE}`);
  await expect(copy.getByText('Finished', { exact: true })).toBeVisible({ timeout: 20_000 });
  await copy.getByRole('link', { name: /^Review the \d+ possible duplicates$/ }).click();
  await expect(page.getByRole('heading', { name: 'Possible duplicates of an import', level: 1 })).toBeVisible();
  await expect(page.getByText('A dry run creates no one')).toBeVisible();
  // A finished dry run keeps no names: each row is named by its id in the old system, with the persons it looks like.
  await expect(page.getByRole('heading', { name: /^person \S+ of the file \(line 2\)$/, level: 2 })).toBeVisible();
  const candidates = page.getByRole('table', { name: /^Persons already in Homeward who look like person \S+ of the file$/ });
  await expect(candidates.first().getByRole('row')).not.toHaveCount(0);
  expect(await candidates.count()).toBeGreaterThan(1);

  // 7. A case the first import created: its summary has the file's approval and departure days and its provenance, and its arrival is the
  // file's arrival day, imported from the source.
  await candidates.first().getByRole('link', { name: /-L[0-9A-F]{12}$/ }).first().click();
  const summary = page.getByRole('tabpanel', { name: 'Summary' });
  await expect(summary.getByText('Approved on', { exact: true })).toBeVisible();
  await expect(summary.getByText('Departed on', { exact: true })).toBeVisible();
  await expect(summary).toContainText(/May 20, 2020|Sep 1, 2021|20 May 2020|1 Sept? 2021/);
  // Its provenance: the source and its household key in the old system.
  await expect(summary.getByText('Imported from', { exact: true })).toBeVisible();
  await expect(summary.getByText(source, { exact: true })).toBeVisible();
  await expect(summary.getByText(/^H-700[12]$/)).toBeVisible();
  // Each member's id in the old system, on the household tab.
  await page.getByRole('tab', { name: /^Household/ }).click();
  await expect(page.getByRole('tabpanel', { name: /^Household/ }).getByText('Person id in the old system', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('tabpanel', { name: /^Household/ }).getByText(/^P-700[1-5]$/).first()).toBeVisible();
  await page.getByRole('tab', { name: 'Handover & arrival' }).click();
  const arrival = page.getByRole('tabpanel', { name: 'Handover & arrival' });
  await expect(arrival.getByRole('heading', { name: 'Arrival', level: 2 })).toBeVisible();
  await expect(arrival.getByText(source, { exact: true })).toBeVisible();
  await expect(arrival.getByText('Imported from', { exact: true })).toBeVisible();
});

test('a legacy export in two files: the cases file is uploaded and mapped beside the person file, and the dry run reports both', async ({ page }) => {
  test.setTimeout(60_000);
  const casesFixture = fileURLToPath(new URL('../server/modules/imports/fixtures/cases.csv', import.meta.url));
  const personsFixture = fileURLToPath(new URL('../server/modules/imports/fixtures/persons.csv', import.meta.url));
  await signIn(page, demoUser('office_manager', 'manager.be'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('File to import').setInputFiles(personsFixture);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const mapping = section(page, '2. The mapping');
  await mapping.getByRole('checkbox', { name: 'The cases are in a separate file' }).check();
  // The person file maps no case field then.
  await expect(mapping.getByRole('combobox', { name: 'Stage', exact: true })).toHaveCount(0);
  const persons: [string, string][] = [
    ['Case id in the old system (in the cases file)', 'case_ref'], ['Person id in the old system', 'person_id'], ['Relationship to the principal', 'role'],
    ['Given name', 'first_name'], ['Family name', 'last_name'], ['Sex', 'gender'], ['Date of birth', 'dob'],
  ];
  for (const [field, column] of persons) await mapping.getByRole('combobox', { name: field, exact: true }).selectOption(column);
  await mapping.getByRole('combobox', { name: 'Date format of the file' }).selectOption({ label: 'Day/month/year (15/05/2019)' });
  const codes = async (where: Locator, field: string, pairs: [string, string][]) => {
    const group = where.getByRole('group', { name: new RegExp(`^Codes of “${field}”`) });
    for (const [code, label] of pairs) await group.getByRole('combobox', { name: new RegExp(`^${code} \\(`) }).selectOption({ label });
  };
  await codes(mapping, 'Relationship to the principal', [['HEAD', 'Principal applicant'], ['SPOUSE', 'Spouse'], ['CHILD', 'Child']]);
  await codes(mapping, 'Sex', [['M', 'Male'], ['F', 'Female']]);

  // Without the cases file, no run starts.
  await page.getByRole('textbox', { name: 'Source system' }).fill(`Two files ${Date.now().toString(36)}`);
  await page.getByRole('button', { name: 'Start a dry run' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Upload the cases file first' })).toBeVisible();

  await page.getByLabel('Cases file to import').setInputFiles(casesFixture);
  await page.getByRole('button', { name: 'Upload the cases file' }).click();
  const cases = section(page, 'The mapping of the cases file');
  const caseColumns: [string, string][] = [
    ['Case id in the old system', 'case_id'], ['Legal status', 'legal_status'], ['Country of return', 'return_to'], ['Kind of case', 'case_type'],
    ['Stage', 'stage'], ['Registered on', 'registered'], ['Closed on', 'closed'],
  ];
  for (const [field, column] of caseColumns) await cases.getByRole('combobox', { name: field, exact: true }).selectOption(column);
  await cases.getByRole('combobox', { name: 'Date format of the file' }).selectOption({ label: 'Day/month/year (15/05/2019)' });
  await codes(cases, 'Legal status', [['REJ', 'Asylum claim rejected'], ['IRR', 'Irregular stay']]);
  await codes(cases, 'Kind of case', [['VR', 'Voluntary return'], ['PA', 'Post-arrival assistance only']]);

  await page.getByRole('button', { name: 'Start a dry run' }).click();
  const dry = section(page, 'Dry run of persons.csv');
  await expect(dry.getByText('Finished', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(dry.getByText('With the cases file cases.csv')).toBeVisible();
  await dry.getByRole('combobox', { name: 'Show', exact: true }).selectOption({ label: 'Rejected' });
  // Two case rows (an unknown legal status, a case twice) and two persons (of that case, of a case the file lacks).
  const ofFile = (name: string) => reportRows(dry).filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(ofFile('Cases file')).toHaveCount(2);
  await expect(ofFile('Person file')).toHaveCount(2);
  await expect(ofFile('Cases file').filter({ hasText: 'The case id appears twice in the cases file' })).toHaveCount(1);
  await expect(ofFile('Person file').filter({ hasText: 'The row of this case in the cases file was rejected' })).toHaveCount(1);
  await expect(ofFile('Person file').filter({ hasText: 'No case with id C-999 in the cases file' })).toHaveCount(1);

  // The two mappings are saved as one pair, and loaded as one with the next export.
  const pair = `Pair ${Date.now().toString(36)}`;
  await mapping.getByRole('textbox', { name: 'Save the mapping as' }).fill(pair);
  await mapping.getByRole('button', { name: 'Save the mapping' }).click();
  await expect(page.getByText(`Mapping “${pair}” saved.`)).toBeVisible();
  await page.reload();
  await page.getByLabel('File to import').setInputFiles(personsFixture);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const next = section(page, '2. The mapping');
  await next.getByRole('combobox', { name: 'Saved mapping' }).selectOption({ label: `${pair} · Persons and households (one row per person) · with its cases file` });
  await next.getByRole('button', { name: 'Load the mapping' }).click();
  await expect(next.getByRole('checkbox', { name: 'The cases are in a separate file' })).toBeChecked();
  await expect(next.getByRole('combobox', { name: 'Person id in the old system', exact: true })).toHaveValue('person_id');
  await page.getByLabel('Cases file to import').setInputFiles(casesFixture);
  await page.getByRole('button', { name: 'Upload the cases file' }).click();
  await expect(section(page, 'The mapping of the cases file').getByRole('combobox', { name: 'Stage', exact: true })).toHaveValue('stage');
});
