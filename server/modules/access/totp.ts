import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

const totpFor = (secretBase32: string, label: string) =>
  new TOTP({ issuer: 'Homeward', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });

export const totpUri = (secretBase32: string, label: string) => totpFor(secretBase32, label).toString();

/**
 * The time step a code belongs to, or null when it is wrong. One step of clock drift either way
 * is accepted; the caller refuses a step it has already seen (no replay).
 */
export function totpStep(secretBase32: string, code: string, now: Date): number | null {
  const delta = totpFor(secretBase32, 'x').validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** A valid code for a secret at a moment: for tests and for the demo only. */
export const totpCodeAt = (secretBase32: string, now: Date) => totpFor(secretBase32, 'x').generate({ timestamp: now.getTime() });
