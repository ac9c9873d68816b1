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
