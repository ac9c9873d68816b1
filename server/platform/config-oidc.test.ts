import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const base = { HOMEWARD_OIDC_ISSUER: 'https://login.example.org/realms/staff', HOMEWARD_OIDC_CLIENT_ID: 'homeward', HOMEWARD_OIDC_CLIENT_SECRET: 's3cret' };

describe('single sign-on settings', () => {
  it('are off without an issuer', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
  });

  it('need the client id and secret with the issuer', () => {
    expect(() => loadConfig({ HOMEWARD_OIDC_ISSUER: base.HOMEWARD_OIDC_ISSUER })).toThrow(/CLIENT_ID and HOMEWARD_OIDC_CLIENT_SECRET/);
    expect(() => loadConfig({ ...base, HOMEWARD_OIDC_ISSUER: 'login.example.org' })).toThrow(/http\(s\) URL/);
  });

  it('call back to the public address by default, and read domains and the provisioning organisation', () => {
    expect(loadConfig({ ...base, HOMEWARD_PUBLIC_URL: 'https://homeward.example.org/' }).oidc).toEqual({
      issuer: base.HOMEWARD_OIDC_ISSUER, clientId: 'homeward', clientSecret: 's3cret',
      redirectUrl: 'https://homeward.example.org/api/auth/sso/callback', allowedDomains: [], provisionOrganisationId: undefined,
    });
    const oidc = loadConfig({
      ...base, HOMEWARD_OIDC_REDIRECT_URL: 'https://hw.example.org/api/auth/sso/callback', HOMEWARD_OIDC_ALLOWED_DOMAINS: ' Example.org, @ngo.example ',
      HOMEWARD_OIDC_PROVISION_ORGANISATION_ID: '6f1c3a52-8d0e-4b7a-9c2f-1e5d7b9a0c34',
    }).oidc;
    expect(oidc).toMatchObject({ redirectUrl: 'https://hw.example.org/api/auth/sso/callback', allowedDomains: ['example.org', 'ngo.example'], provisionOrganisationId: '6f1c3a52-8d0e-4b7a-9c2f-1e5d7b9a0c34' });
    expect(() => loadConfig({ ...base, HOMEWARD_OIDC_PROVISION_ORGANISATION_ID: 'staff' })).toThrow(/UUID/);
  });
});
