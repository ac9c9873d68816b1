import { createServer } from 'node:http';
import { expect, test } from '@playwright/test';
import Provider from 'oidc-provider';
import { demoUser } from './support.js';

/**
 * Single sign-on in the browser: `scripts/e2e.mjs` starts Homeward trusting an OpenID provider on
 * the next port, and this journey runs that provider (oidc-provider, its development login and
 * consent pages) while it signs a demo user in through it. The session cookie is SameSite=Strict
 * and is set at the end of a redirect chain that began at the provider: the web app must still
 * find the session when it loads.
 */
test('a user signs in with their organisation and lands on their home page', async ({ page, baseURL }) => {
  const issuer = process.env.HOMEWARD_OIDC_ISSUER!;
  const user = demoUser('caseworker', 'caseworker.id');
  const provider = new Provider(issuer, {
    clients: [{
      client_id: process.env.HOMEWARD_OIDC_CLIENT_ID!, client_secret: process.env.HOMEWARD_OIDC_CLIENT_SECRET!,
      redirect_uris: [`${baseURL}/api/auth/sso/callback`], grant_types: ['authorization_code'], response_types: ['code'],
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, email: `${id}@demo.homeward.test`, email_verified: true }) }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['e2e-provider-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(Number(new URL(issuer).port), '127.0.0.1', resolve));
  try {
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with your organisation' }).click();
    // The provider's own pages.
    await page.locator('input[name="login"]').fill(user.email.split('@')[0]);
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    // Back in Homeward, signed in.
    await expect(page).toHaveURL(`${baseURL}/`);
    await expect(page.getByTestId('current-user')).toBeVisible();

    await page.goto('/account/security');
    await expect(page.getByRole('table', { name: /open session/ }).getByRole('row').filter({ hasText: 'This session' })).toContainText('Organisation');
  } finally {
    server.close();
  }
});

test('a refused organisation sign-in says why on the sign-in page', async ({ page }) => {
  await page.goto('/login?sso=SSO_USER_UNKNOWN');
  await expect(page.getByRole('alert')).toContainText('No Homeward account has this e-mail address');
  // Nothing but a known refusal is worded from the address bar.
  await page.goto('/login?sso=<b>hello</b>');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
