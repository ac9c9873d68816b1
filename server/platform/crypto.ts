import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** A random opaque token for sessions, setup links and CSRF. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Tokens are stored hashed so that a database dump does not hand out live sessions. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * AES-256-GCM for fields that must be unreadable at rest (TOTP secrets, document numbers).
 * Format: v1.<iv>.<tag>.<ciphertext>, all base64url.
 */
export class FieldCipher {
  private readonly key: Buffer;
  private readonly digestKeys = new Map<string, Buffer>();
  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64, 'base64');
    if (this.key.length !== 32) throw new Error('HOMEWARD_SECRET_KEY must be 32 bytes, base64-encoded.');
  }
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }
  /**
   * A keyed digest (HMAC-SHA256, hex) of `value` under a key derived from the secret key for
   * `purpose`: the same on every node that shares the key, and no way back to the value (an IP
   * address cannot be found again by hashing every address).
   */
  digest(purpose: string, value: string): string {
    let key = this.digestKeys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), `homeward ${purpose}`, 32));
      this.digestKeys.set(purpose, key);
    }
    return createHmac('sha256', key).update(value).digest('hex');
  }
  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unrecognised encrypted value.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}

export const newSecretKey = (): string => randomBytes(32).toString('base64');
