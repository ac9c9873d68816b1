import { api } from '../../lib/api';
import type { SignedIn } from '../../../shared/schemas/access';

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
