import { expect, test } from '@playwright/test';
import { choose } from './handover-steps.js';
import { apiOf, demoUser, expectNoViolations, fillDay, signIn } from './support.js';

test('an origin-office reintegration officer creates a community project, links a returnee, creates a group training, adds a session and marks attendance', async ({ page }) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const title = `Community poultry farm ${suffix}`;
  const training = `Starting a small business ${suffix}`;
  await signIn(page, demoUser('reintegration_officer', 'reintegration.ng'));
  const api = await apiOf(page);
  const found = await api.post('/api/cases/search', { pageSize: 1 });
  const returnee = found.items[0] as { id: string; caseNumber: string; principal: { givenName: string; familyName: string } };
  const name = `${returnee.principal.givenName} ${returnee.principal.familyName}`;

  // A community project.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community projects' }).click();
  await expect(page.getByRole('heading', { name: 'Community projects', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Create a community project' }).click();
  const form = page.getByRole('dialog', { name: 'New community project' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Place').fill('Benin City');
  await fillDay(form.getByLabel('Start date'), '2026-03-01');
  await fillDay(form.getByLabel('End date'), '2026-10-31');
  await form.getByLabel('Budget').fill('12500.50');
  await form.getByLabel('Other partners').fill('Edo Farmers Cooperative');
  await form.getByLabel('Returnees, female').fill('4');
  await form.getByLabel('Community members, male').fill('12');
  await expectNoViolations(page);
  await form.getByRole('button', { name: 'Create the project' }).click();
  await expect(form).toBeHidden();

  const details = page.getByRole('region', { name: title });
  await expect(details.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  await expect(details).toContainText('Planned');
  await expect(details).toContainText('Edo Farmers Cooperative');
  await expect(details).toContainText('12,500.50');

  // Link a returnee found by case number.
  await details.getByRole('textbox', { name: 'Find a case to link (number or name)' }).fill(returnee.caseNumber);
  await details.getByRole('button', { name: 'Search', exact: true }).click();
  await details.getByRole('button', { name: `Link ${name} (${returnee.caseNumber})` }).click();
  await expect(details.getByRole('button', { name: `Unlink ${name} (${returnee.caseNumber})` })).toBeVisible();
  await details.getByRole('button', { name: 'Start the project' }).click();
  await expect(details).toContainText('Active');
  await expectNoViolations(page);

  // A payment of the project to its partner, recorded once however often the button is pressed.
  await details.getByRole('button', { name: 'Record a payment' }).click();
  const pay = page.getByRole('dialog', { name: `Payment of ${title}` });
  await choose(page, /^Paid to/, 'A partner of the project', pay);
  await choose(page, /^Partner/, 'Edo Farmers Cooperative', pay);
  await pay.getByLabel(/^Amount paid/).fill('250');
  await choose(page, /^Method/, 'Cash', pay);
  await pay.getByLabel(/^Reference/).fill('COOP-001');
  await expectNoViolations(page);
  await pay.getByRole('button', { name: 'Record the payment' }).dblclick();
  await expect(pay).toBeHidden({ timeout: 15_000 });
  const payments = details.getByRole('table', { name: `Payments of ${title}` });
  await expect(payments.getByRole('row')).toHaveCount(2);
  await expect(payments).toContainText('Edo Farmers Cooperative');
  await expect(payments).toContainText('COOP-001');
  await expect(payments).toContainText('Paid');

  // A group training with a session, the returnee enrolled and marked present.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Group trainings' }).click();
  await expect(page.getByRole('heading', { name: 'Group trainings', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Create a group training' }).click();
  const tform = page.getByRole('dialog', { name: 'New group training' });
  await tform.getByLabel('Title').fill(training);
  await tform.getByLabel('Kind').selectOption({ label: 'Business development, basic' });
  await tform.getByLabel('Provider').selectOption({ index: 1 });
  await tform.getByRole('button', { name: 'Create the training' }).click();
  await expect(tform).toBeHidden();

  const tdetails = page.getByRole('region', { name: training });
  await tdetails.getByRole('button', { name: 'Add a session' }).click();
  const sform = page.getByRole('dialog', { name: 'New session' });
  await fillDay(sform.getByLabel('Date'), '2026-04-07');
  await sform.getByLabel('Start time (local)').fill('09:30');
  await sform.getByLabel('Duration (minutes)').fill('180');
  await sform.getByLabel('Place').fill('Benin City community hall');
  await sform.getByRole('button', { name: 'Save' }).click();
  await expect(sform).toBeHidden();
  await expect(tdetails).toContainText('Benin City community hall');

  await tdetails.getByRole('textbox', { name: 'Find a case to enrol from (number or name)' }).fill(returnee.caseNumber);
  await tdetails.getByRole('button', { name: 'Search', exact: true }).click();
  await tdetails.getByRole('button', { name: `Choose ${name} (${returnee.caseNumber})` }).click();
  await tdetails.getByLabel(`Person of case ${returnee.caseNumber}`).selectOption({ label: name });
  await tdetails.getByRole('button', { name: 'Enrol' }).click();

  const present = tdetails.getByRole('checkbox', { name: new RegExp(`^${name} present on`) });
  await expect(present).not.toBeChecked();
  await present.focus();
  await page.keyboard.press('Space');
  await expect(present).toBeChecked();
  await expect(tdetails).toContainText('1 of 1');
  await expect(tdetails).toContainText('Suggested from attendance: Completed');
  await tdetails.getByLabel(`Completion for ${name}`).selectOption({ label: 'Completed' });
  await expect(tdetails.getByLabel(`Completion for ${name}`)).toHaveValue('completed');
  await expectNoViolations(page);
});

test('the Iraq office manager reads community projects and group trainings in Arabic, right to left, without accessibility violations', async ({ page }) => {
  await signIn(page, demoUser('office_manager', 'manager.iq'));
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto('/community-projects');
  await expect(page.getByRole('heading', { name: 'المشاريع المجتمعية', level: 1 })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'إنشاء مشروع مجتمعي' }).click();
  await expect(page.getByRole('dialog', { name: 'مشروع مجتمعي جديد' })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('dialog').getByRole('button', { name: 'إلغاء' }).click();
  await page.goto('/group-trainings');
  await expect(page.getByRole('heading', { name: 'التدريبات الجماعية', level: 1 })).toBeVisible();
  await expectNoViolations(page);
});
