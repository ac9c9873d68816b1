import { expect, type Page } from '@playwright/test';

export interface DemoUser {
  role: string;
  email: string;
  password: string;
}

/** The demo sign-ins that scripts/e2e.mjs read from Homeward's start-up output. */
export function demoUsers(): DemoUser[] {
  const raw = process.env.E2E_USERS;
  if (!raw) throw new Error('E2E_USERS is not set: run the journeys with `npm run test:e2e`.');
  return Object.values(JSON.parse(raw) as Record<string, DemoUser>);
}

export function demoUser(role: string, emailPart?: string): DemoUser {
  const user = demoUsers().find((u) => u.role === role && (!emailPart || u.email.includes(emailPart)));
  if (!user) throw new Error(`No demo user with role ${role}${emailPart ? ` and ${emailPart}` : ''}`);
  return user;
}

export async function signIn(page: Page, user: DemoUser) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}
