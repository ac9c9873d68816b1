import { expect, test } from '@playwright/test';
import { demoUser, signIn } from './support.js';

// A tablet held upright (768 px): the header is one row, the menu and the account's controls are
// behind one button, and the first screen shows the work, not the menu.
test.use({ viewport: { width: 768, height: 1024 } });

test('on a tablet the menu folds behind one button and still reaches every page', async ({ page }) => {
  await signIn(page, demoUser('office_manager', 'manager.de'));
  const header = page.locator('header.app-header');
  const height = (await header.boundingBox())!.height;
  expect(height).toBeLessThan(80);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();

  const button = page.getByRole('button', { name: 'Open the menu' });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('dialog');
  await expect(menu.getByTestId('current-user')).toContainText('Katrin Schulz');
  await menu.getByRole('link', { name: 'Cases', exact: true }).click();
  await expect(page).toHaveURL(/\/cases$/);
  await expect(menu).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
});

test('on a tablet the case filters fold away and the case tabs stay on one row', async ({ page }) => {
  await signIn(page, demoUser('caseworker', 'caseworker.de'));
  await page.goto('/cases');
  // The filters other than the search wait behind one button; the first case is in view.
  const toggle = page.getByRole('button', { name: /^Filters \(none active\)/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const countryOfReturn = page.getByRole('combobox', { name: 'Country of return', includeHidden: true });
  await expect(countryOfReturn).toHaveCount(1);
  await expect(countryOfReturn).toBeHidden();
  const firstCase = page.getByRole('link', { name: /DE-\d{4}-\d{6}/ }).first();
  await expect(firstCase).toBeInViewport();
  await toggle.click();
  await expect(page.getByRole('button', { name: /^Hide the filters/ })).toHaveAttribute('aria-expanded', 'true');
  await expect(countryOfReturn).toBeVisible();

  await firstCase.click();
  const tabs = page.getByRole('tablist', { name: 'Case sections' });
  await expect(tabs).toBeVisible();
  const box = (await tabs.boundingBox())!;
  expect(box.height).toBeLessThan(70);
  // The last tab is reached by keyboard and scrolled into view.
  await page.getByRole('tab', { name: 'Summary' }).focus();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Audit', exact: true })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Audit', exact: true })).toBeInViewport();
});
