import { expect, test } from '@playwright/test';
import { demoUser, signIn } from './support.js';

test('an origin-office reintegration officer registers a training centre with mobile-money details, sees them masked and reveals them; the office manager suspends it with a reason', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const name = `Ikeja Tailoring Academy ${Date.now().toString(36)}`;
  await signIn(page, demoUser('reintegration_officer', 'reintegration.ng'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Service providers' }).click();
  await expect(page.getByRole('heading', { name: 'Service providers', level: 1 })).toBeVisible();
  // The office's demo registry is there.
  await expect(page.getByRole('button', { name: 'Open Lagos Skills Acquisition Centre' })).toBeVisible();

  await page.getByRole('button', { name: 'Register a provider' }).click();
  const form = page.getByRole('dialog', { name: 'Register a service provider' });
  // Nothing is sent while required fields are missing; the first one gets the focus.
  await form.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(form.getByLabel('Name')).toBeFocused();
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Kind').selectOption({ label: 'Training centre' });
  await expect(form.getByRole('combobox', { name: 'Country' })).toHaveValue('Nigeria');
  await form.getByLabel('Place').fill('Ikeja, Lagos');
  await form.getByLabel('Contact person').fill('Bisi Adeyemi');
  await form.getByLabel('Phone').fill('+234 802 611 4409');
  await form.getByRole('combobox', { name: 'Services offered' }).click();
  const services = page.getByRole('listbox', { name: 'Services offered' });
  await services.getByRole('option', { name: 'Vocational training', exact: true }).click();
  await services.getByRole('option', { name: 'On-the-job training', exact: true }).click();
  await form.getByLabel('Other services and remarks').click();
  await form.getByLabel('Paid by').selectOption({ label: 'Mobile money' });
  await form.getByLabel('Account holder').fill('Ikeja Tailoring Academy');
  await form.getByLabel('Bank or mobile-money operator').fill('OPay');
  await form.getByLabel('Account number, IBAN or wallet number').fill('08026114409');
  await form.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(form).toBeHidden();

  // The new provider is open: vetted, its wallet masked.
  const details = page.getByRole('region', { name });
  await expect(details.getByRole('heading', { name, level: 2 })).toBeVisible();
  await expect(details).toContainText('Vetted');
  await expect(details).toContainText('Vocational training, On-the-job training');
  await expect(details).toContainText('Mobile money');
  await expect(details).toContainText('••••4409');
  await expect(details).not.toContainText('08026114409');
  await details.getByRole('button', { name: `Reveal the payment details of ${name}` }).click();
  await expect(details).toContainText('08026114409');
  await expect(details).toContainText('OPay');

  // The search finds it by part of its name and by the service it offers.
  await page.getByRole('search').getByLabel('Name').fill('tailoring academy');
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
  await page.getByRole('search').getByLabel('Service offered').selectOption({ label: 'On-the-job training' });
  await expect(page.getByRole('button', { name: `Open ${name}` })).toBeVisible();

  // The office manager suspends it, with the reason.
  const context = await browser.newContext();
  const manager = await context.newPage();
  await signIn(manager, demoUser('office_manager', 'manager.ng'));
  await manager.goto('/providers');
  await manager.getByRole('search').getByLabel('Name').fill(name);
  await manager.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await manager.getByRole('button', { name: `Open ${name}` }).click();
  const opened = manager.getByRole('region', { name });
  await opened.getByRole('button', { name: 'Suspend' }).click();
  const dialog = manager.getByRole('dialog', { name: 'Suspend this provider?' });
  await expect(dialog).toContainText('will receive no new components or payments');
  await dialog.getByRole('button', { name: 'Suspend the provider' }).click();
  await expect(dialog.getByText('Give the reason.')).toBeVisible();
  await dialog.getByLabel('Reason').fill('Certificates of the last course could not be verified');
  await dialog.getByRole('button', { name: 'Suspend the provider' }).click();
  await expect(dialog).toBeHidden();
  await expect(opened).toContainText('Suspended');
  await expect(opened).toContainText('Certificates of the last course could not be verified');
  await expect(opened.getByRole('button', { name: 'Reinstate' })).toBeVisible();
  await context.close();

  // The officer sees it suspended.
  await page.reload();
  await page.getByRole('search').getByLabel('Status').selectOption({ label: 'Suspended' });
  await expect(page.getByRole('button', { name: `Open ${name}` })).toBeVisible();
});
