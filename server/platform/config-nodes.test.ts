import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { FieldCipher, newSecretKey } from './crypto.js';

describe('settings of Homeward on several nodes', () => {
  it('reads statistics and exports from the primary unless HOMEWARD_READ_DATABASE_URL is set', () => {
    expect(loadConfig({}).readDatabaseUrl).toBeUndefined();
    expect(loadConfig({ HOMEWARD_READ_DATABASE_URL: '' }).readDatabaseUrl).toBeUndefined();
    expect(loadConfig({ HOMEWARD_READ_DATABASE_URL: 'postgres://reader@replica:5432/homeward' }).readDatabaseUrl).toBe('postgres://reader@replica:5432/homeward');
  });

  it('keeps a resolved session two seconds by default, a minute at most', () => {
    expect(loadConfig({}).sessionCacheMs).toBe(2_000);
    expect(loadConfig({ HOMEWARD_SESSION_CACHE_MS: '500' }).sessionCacheMs).toBe(500);
    expect(() => loadConfig({ HOMEWARD_SESSION_CACHE_MS: '600000' })).toThrow(/60000/);
    expect(() => loadConfig({ HOMEWARD_SESSION_CACHE_MS: '0' })).toThrow(/positive whole number/);
  });
});

describe('the keyed digest of rate-limit keys', () => {
  it('is the same under one secret key, differs under another and for another purpose, and does not contain the value', () => {
    const key = newSecretKey();
    const a = new FieldCipher(key).digest('rate-limit', 'POST /api/auth/login\n203.0.113.7');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(new FieldCipher(key).digest('rate-limit', 'POST /api/auth/login\n203.0.113.7')).toBe(a);
    expect(new FieldCipher(newSecretKey()).digest('rate-limit', 'POST /api/auth/login\n203.0.113.7')).not.toBe(a);
    expect(new FieldCipher(key).digest('other', 'POST /api/auth/login\n203.0.113.7')).not.toBe(a);
    expect(a).not.toContain('203.0.113.7');
  });
});
