import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { apiOf, demoUser, expectNoViolations, signIn, type DemoUser } from './support.js';

/** The officer's signed-in session, once set up by the first journey (one worker: the journeys run in order). */
let officerState: Awaited<ReturnType<BrowserContext['storageState']>> | null = null;

/** The data-protection officer must use two-step verification: at the first sign-in they set it up. */
async function signInAndEnrol(browser: Browser, user: DemoUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  await expect(page).toHaveURL(/\/account\/security/);
  await page.getByRole('button', { name: 'Set up two-step verification' }).click();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  const code = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate();
  await page.getByLabel('Verification code').fill(code);
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await expect(page.getByText('Two-step verification is now on.')).toBeVisible();
  officerState = await page.context().storageState();
  return page;
}

const REASON = 'The returnee called the hotline tonight; the Berlin office is closed.';

test('a supervisor breaks the glass on another office\'s case, and the data-protection officer sees it in the person\'s access log', async ({ browser }) => {
  // A case of the Berlin office, not restricted, known by its number.
  const berlin = await (await browser.newContext()).newPage();
  await signIn(berlin, demoUser('caseworker', 'caseworker.de'));
  const found = await (await apiOf(berlin)).post('/api/cases/search', { pageSize: 50 });
  const target = (found.items as { caseNumber: string; restricted: boolean }[]).find((c) => !c.restricted)!;

  // The Brussels manager opens it through break-glass, stating why.
  const manager = await (await browser.newContext()).newPage();
  await signIn(manager, demoUser('office_manager', 'manager.be'));
  await manager.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Break-glass' }).click();
  await expect(manager.getByRole('heading', { name: 'Break-glass access', level: 1 })).toBeVisible();
  const form = manager.getByRole('form', { name: 'Open a case outside my scope' });
  await form.getByLabel('Case number').fill(target.caseNumber);
  await form.getByLabel('Why you need to open this case').fill(REASON);
  await form.getByRole('button', { name: 'Open the case (break-glass)' }).click();
  await expect(manager.getByRole('status')).toContainText('Every read is recorded.');
  await manager.getByRole('link', { name: 'Open the case' }).click();
  await expect(manager.getByRole('heading', { level: 1 })).toContainText(target.caseNumber);

  // The officer reviews it and reads who accessed the principal applicant.
  const dpo = await signInAndEnrol(browser, demoUser('data_protection_officer', 'dpo'));
  await dpo.goto('/');
  await dpo.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data protection' }).click();
  await expect(dpo.getByRole('heading', { name: 'Data protection', level: 1 })).toBeVisible();
  await expect(dpo.getByText(`Case ${target.caseNumber}, opened`)).toBeVisible();
  const lookup = dpo.getByRole('form', { name: 'Who accessed a person' });
  await lookup.getByLabel('Case number').fill(target.caseNumber);
  await lookup.getByRole('button', { name: 'Find the persons of the case' }).click();
  await dpo.getByRole('radiogroup', { name: 'Person' }).getByRole('radio').first().check();
  // The page holds two tables: the report of break-glass accesses over a period, and the person's access log.
  const report = dpo.getByRole('table', { name: /break-glass access/ });
  await expect(report.getByRole('row').filter({ hasText: target.caseNumber }).first()).toContainText(REASON);
  const log = dpo.getByRole('table').filter({ has: dpo.getByRole('columnheader', { name: 'Why', exact: true }) });
  await expect(log).toContainText('Pieter Vermeulen');
  await expect(log.getByRole('row', { name: /Pieter Vermeulen/ }).first()).toContainText('Belgium – Brussels');
  await expect(log.getByRole('row', { name: /Case opened/ }).filter({ hasText: 'Pieter Vermeulen' }).first()).toContainText(REASON);
  await expectNoViolations(dpo);

  await dpo.getByRole('button', { name: `Mark the break-glass access to case ${target.caseNumber} reviewed` }).first().click();
  await expect(dpo.getByText(`Case ${target.caseNumber}, opened`)).toHaveCount(0);

  // The returnee asks for their data: the officer starts an access request and downloads the JSON.
  const person = (await dpo.getByRole('radiogroup', { name: 'Person' }).locator('label').first().innerText()).trim();
  const request = dpo.getByRole('form', { name: 'Access request' });
  await request.getByLabel('Reference or reason').fill('Letter received at the Berlin office on 2 May');
  await request.getByRole('button', { name: 'Start the access request' }).click();
  const json = dpo.getByRole('link', { name: 'Download as JSON' });
  await expect(json).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([dpo.waitForEvent('download'), json.click()]);
  const bundle = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(`${bundle.person.givenName} ${bundle.person.familyName}`).toBe(person);
  expect(bundle.sections.return_case.map((c: { case_number: string }) => c.case_number)).toContain(target.caseNumber);
});

test('the data-protection officer erases a returnee of a closed case after seeing what goes, and the person shows as erased', async ({ browser }) => {
  // A closed case of the Hague office (no other journey uses its cases).
  const hague = await (await browser.newContext()).newPage();
  await signIn(hague, demoUser('caseworker', 'caseworker.nl'));
  const closed = (await (await apiOf(hague)).post('/api/cases/search', { stage: ['closed'], pageSize: 200 })).items as { id: string; caseNumber: string }[];
  const dpo = officerState ? await (await browser.newContext({ storageState: officerState })).newPage() : await signInAndEnrol(browser, demoUser('data_protection_officer', 'dpo'));
  const officer = await apiOf(dpo);
  let target: { id: string; caseNumber: string; name: string } | null = null;
  for (const c of closed.slice().reverse()) {
    const found = await officer.post('/api/data-protection/case-lookup', { caseNumber: c.caseNumber });
    const person = found.persons[0];
    if ((await officer.get(`/api/persons/${person.id}/erasure-preview`)).blockers.length === 0) {
      target = { id: c.id, caseNumber: c.caseNumber, name: `${person.givenName} ${person.familyName}` };
      break;
    }
  }
  expect(target).not.toBeNull();

  await dpo.goto('/data-protection');
  const lookup = dpo.getByRole('form', { name: 'Who accessed a person' });
  await lookup.getByLabel('Case number').fill(target!.caseNumber);
  await lookup.getByRole('button', { name: 'Find the persons of the case' }).click();
  await dpo.getByRole('radiogroup', { name: 'Person' }).getByRole('radio', { name: target!.name }).check();
  const section = dpo.locator('section').filter({ has: dpo.getByRole('heading', { name: /Restriction, legal hold and erasure/ }) });
  await expect(section).toContainText('No legal hold is on this person.');
  await section.getByRole('button', { name: 'Erase this person…' }).click();
  const dialog = dpo.getByRole('dialog', { name: /Erase/ });
  await expect(dialog.getByRole('list', { name: 'What will be destroyed' })).toContainText('name');
  await dialog.getByLabel('Reason').fill('The returnee asked in writing for their data to be erased.');
  await dialog.getByRole('button', { name: 'Erase for good' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(section.getByRole('heading', { name: /Restriction, legal hold and erasure: .?Erased person/ })).toBeVisible();
  await expect(section.getByText(/^Erased on /)).toBeVisible();
  await expectNoViolations(dpo);

  // The case's screens name the erased returnee in the reader's language, never the stored marker:
  // the decision tab prints the names the server joined.
  await hague.goto(`/cases/${target!.id}?tab=decision`);
  const members = hague.getByRole('table').filter({ has: hague.getByRole('columnheader', { name: 'Member' }) });
  await expect(members).toContainText('Erased person');
  await expect(hague.locator('main')).not.toContainText('[erased]');
});

test('the data-protection officer writes a retention rule, which awaits a second officer, and sees its dry run in the rule\'s runs', async ({ browser }) => {
  const dpo = officerState ? await (await browser.newContext({ storageState: officerState })).newPage() : await signInAndEnrol(browser, demoUser('data_protection_officer', 'dpo'));
  await dpo.goto('/');
  await dpo.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Retention' }).click();
  await expect(dpo.getByRole('heading', { name: 'Retention', level: 1 })).toBeVisible();
  const name = 'Files of cases ended 40 years ago';
  await dpo.getByLabel('Name').fill(name);
  await dpo.getByLabel('Years after the case ended').fill('40');
  await dpo.getByRole('button', { name: 'Write the rule' }).click();
  const rule = dpo.locator('div').filter({ has: dpo.getByText(name, { exact: true }) }).filter({ has: dpo.getByRole('button', { name: `Dry run of the rule ${name}` }) }).last();
  await expect(rule).toContainText('Awaiting approval');
  await expect(rule).toContainText('Another data-protection officer approves it.');
  // Its author may not approve it, nor run it for real; a dry run is allowed at once.
  await expect(rule.getByRole('button', { name: `Approve the rule ${name}` })).toHaveCount(0);
  await expect(rule.getByRole('button', { name: `Run the rule ${name} now` })).toHaveCount(0);
  await rule.getByRole('button', { name: `Dry run of the rule ${name}` }).click();
  const runs = rule.getByRole('table');
  await expect(runs.getByRole('row').filter({ hasText: 'Dry run' }).first()).toContainText('Done', { timeout: 30_000 });
  await expect(runs.getByRole('columnheader', { name: 'Counts' })).toBeVisible();
  await expect(dpo.getByRole('heading', { name: 'Run report' })).toBeVisible();
  await expectNoViolations(dpo);
});
