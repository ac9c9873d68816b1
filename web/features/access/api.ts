import { api, seg } from '../../lib/api';
import type { SessionView, SignedIn, SsoOptions } from '../../../shared/schemas/access';

export interface LoginInput {
  email: string;
  password: string;
  totpCode?: string;
}

/** The answer of a sign-in (`signedIn` in `shared/schemas/access.ts`). */
export type LoginResult = SignedIn;

export const login = (input: LoginInput) =>
  api.post<LoginResult>('/api/auth/login', input, { redirectOn401: false });

export const setupFirstAdministrator = (input: {
  token: string;
  organisationName?: string;
  name: string;
  email: string;
  password: string;
}) =>
  api.post<unknown>('/api/setup', input, { redirectOn401: false });

export const startTotpSetup = () => api.post<{ secret: string; otpauthUri: string }>('/api/auth/totp/setup');

export const enableTotp = (code: string) => api.post<unknown>('/api/auth/totp/enable', { code });

export const disableTotp = (code: string) => api.post<unknown>('/api/auth/totp/disable', { code });

/** "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP": easier to read out and type on a phone. */
export const groupSecret = (secret: string) =>
  secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

export { PASSWORD_MIN_LENGTH } from '../../components/password-field';

/** Whether the sign-in page offers the organisation's single sign-on (public, asked before sign-in). */
export const fetchSsoOptions = () => api.get<SsoOptions>('/api/auth/sso', { redirectOn401: false });

/** Where the browser goes to sign in through the organisation: the server redirects to the provider. */
export const SSO_START_URL = '/api/auth/sso/start';

export const sessionKeys = {
  own: ['auth', 'sessions'] as const,
};

export const listOwnSessions = () => api.get<{ items: SessionView[] }>('/api/auth/sessions');
export const endOwnSession = (id: string) => api.delete<unknown>(`/api/auth/sessions/${seg(id)}`);
