import { expect, test } from '@playwright/test';
import { demoUser, expectNoViolations, signIn } from './support.js';

test('a user sees where they are signed in and ends a session on another device', async ({ browser }) => {
  const user = demoUser('caseworker', 'caseworker.uk');
  const laptop = await (await browser.newContext()).newPage();
  const phone = await (await browser.newContext()).newPage();
  await signIn(phone, user);
  await signIn(laptop, user);

  await laptop.goto('/account/security');
  await expect(laptop.getByRole('heading', { name: 'Where you are signed in' })).toBeVisible();
  const table = laptop.getByRole('table', { name: /open session/ });
  const rows = table.getByRole('row').filter({ has: laptop.getByRole('cell') });
  await expect(rows).toHaveCount(2);
  await expect(table.getByText('Chrome on Linux').first()).toBeVisible();
  await expect(rows.filter({ hasText: 'This session' })).toHaveCount(1);
  await expectNoViolations(laptop);

  // The other device's session: ended here, signed out there.
  const other = rows.filter({ hasNotText: 'This session' });
  await other.getByRole('button', { name: 'End the session on Chrome on Linux' }).click();
  await expect(laptop.getByText('The session has ended.')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await phone.goto('/');
  await expect(phone).toHaveURL(/\/login/);

  // And this session: signing out here.
  await rows.getByRole('button', { name: 'Sign out here' }).click();
  await expect(laptop).toHaveURL(/\/login/);
});
