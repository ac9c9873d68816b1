import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL (owner role). When unset, Homeward runs an embedded server. */
  databaseUrl?: string;
  /** Optional separate login for the application role; otherwise Homeward manages `homeward_app`. */
  appDatabaseUrl?: string;
  /**
   * A read-only copy of the database (a streaming replica, `HOMEWARD_READ_DATABASE_URL`) for the
   * statistics dashboards and exports; unset, they read the primary like everything else.
   */
  readDatabaseUrl?: string;
  dataDir: string;
  /** 32-byte key (base64) for field encryption; generated and kept in the data directory when embedded. */
  secretKey?: string;
  /** The master key being replaced (`HOMEWARD_PREVIOUS_SECRET_KEY`), read only by `npm run key:rotate`. */
  previousSecretKey?: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /**
   * How long a node keeps a resolved session (`HOMEWARD_SESSION_CACHE_MS`, 2000): the longest an
   * ended session stays usable on another node while that node cannot hear the database's notices.
   */
  sessionCacheMs: number;
  /** How long a supervisor's break-glass access to a case lasts (`HOMEWARD_BREAK_GLASS_MINUTES`, default 60). */
  breakGlassMinutes: number;
  /** Cookies get the Secure flag when served over HTTPS (behind a proxy that sets it). */
  secureCookies: boolean;
  /** Behind a reverse proxy: client addresses and the scheme (HTTPS or not) come from its headers. */
  trustProxy: boolean;
  attachmentMaxBytes: number;
  /** Largest legacy caseload file an import accepts (streamed to disk, never held in memory). */
  importMaxBytes: number;
  /** Sign-in attempts per minute from one address, on top of the per-account lockout. */
  loginRatePerMinute: number;
  webDist: string;
  logLevel: string;
  /** Outgoing mail (`SMTP_URL=smtp://host:port`, `smtps://user:pass@host`); unset: Homeward sends no e-mail. */
  smtpUrl?: string;
  /** The sender of Homeward's e-mails (`SMTP_FROM`). */
  smtpFrom: string;
  /** The address users reach Homeward at, for links in e-mails (`HOMEWARD_PUBLIC_URL`). */
  publicUrl: string;
  /** Bearer token that opens `/api/metrics` (`HOMEWARD_METRICS_TOKEN`); unset, the endpoint answers 404. */
  metricsToken?: string;
  /** Single sign-on with the organisation's OpenID provider; unset: sign-in by password only. */
  oidc?: OidcConfig;
  /** 32 bytes (base64) that encrypt backups (`HOMEWARD_BACKUP_KEY`); unset, a key derived from the secret key. */
  backupKey?: string;
  /** Hours between scheduled backups into `<dataDir>/backups` (`HOMEWARD_BACKUP_HOURS`): 24 with the embedded database, none with DATABASE_URL unless set; 0 turns them off. */
  backupHours: number;
  /** Days a scheduled backup is kept (`HOMEWARD_BACKUP_KEEP_DAYS`, 14). */
  backupKeepDays: number;
}

export interface OidcConfig {
  /** The provider's issuer URL (its discovery document is `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Homeward's callback as registered at the provider: `<public URL>/api/auth/sso/callback`. */
  redirectUrl: string;
  /** When set, only e-mail addresses of these domains may sign in by SSO (lower case). */
  allowedDomains: string[];
  /**
   * When set, a verified e-mail that matches no Homeward user creates one in this organisation,
   * with no role and no office (an administrator gives them); unset: such a sign-in is refused.
   */
  provisionOrganisationId?: string;
}

const int = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number (got "${value}").`);
  return n;
};

const smtpUrl = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  if (!/^smtps?:\/\/[^/\s]+/.test(value)) throw new Error('SMTP_URL must look like smtp://host:port or smtps://user:password@host:port.');
  return value;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oidcConfig(env: NodeJS.ProcessEnv, publicUrl: string): OidcConfig | undefined {
  const issuer = env.HOMEWARD_OIDC_ISSUER;
  if (!issuer) return undefined;
  const clientId = env.HOMEWARD_OIDC_CLIENT_ID;
  const clientSecret = env.HOMEWARD_OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret) throw new Error('HOMEWARD_OIDC_ISSUER needs HOMEWARD_OIDC_CLIENT_ID and HOMEWARD_OIDC_CLIENT_SECRET.');
  if (!/^https?:\/\/[^/\s]+/.test(issuer)) throw new Error('HOMEWARD_OIDC_ISSUER must be an http(s) URL.');
  const redirectUrl = env.HOMEWARD_OIDC_REDIRECT_URL || `${publicUrl}/api/auth/sso/callback`;
  const provision = env.HOMEWARD_OIDC_PROVISION_ORGANISATION_ID || undefined;
  if (provision && !UUID.test(provision)) throw new Error('HOMEWARD_OIDC_PROVISION_ORGANISATION_ID must be an organisation id (a UUID).');
  const allowedDomains = (env.HOMEWARD_OIDC_ALLOWED_DOMAINS ?? '').split(',').map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean);
  return { issuer, clientId, clientSecret, redirectUrl, allowedDomains, provisionOrganisationId: provision };
}

const publicUrlOf = (env: NodeJS.ProcessEnv) => (env.HOMEWARD_PUBLIC_URL || `http://localhost:${int(env.PORT, 3000, 'PORT')}`).replace(/\/+$/, '');

const metricsToken = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  if (value.trim().length < 16) throw new Error('HOMEWARD_METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 24`).');
  return value.trim();
};

/** Hours between scheduled backups: 24 with the embedded database, none with DATABASE_URL; a divisor of 24, or 24, or 0 (off). */
const backupHours = (env: NodeJS.ProcessEnv): number => {
  if (env.HOMEWARD_BACKUP_HOURS === '0') return 0;
  const hours = int(env.HOMEWARD_BACKUP_HOURS, env.DATABASE_URL ? 0 : 24, 'HOMEWARD_BACKUP_HOURS');
  if (hours > 0 && 24 % hours !== 0) throw new Error('HOMEWARD_BACKUP_HOURS must be 1, 2, 3, 4, 6, 8, 12 or 24 (or 0: no scheduled backup).');
  return hours;
};

/** At most a minute: an ended session must not outlive it on a node that missed the notice. */
const sessionCacheMs = (value: string | undefined): number => {
  const ms = int(value, 2_000, 'HOMEWARD_SESSION_CACHE_MS');
  if (ms > 60_000) throw new Error('HOMEWARD_SESSION_CACHE_MS must be 60000 (a minute) or less.');
  return ms;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    appDatabaseUrl: env.HOMEWARD_APP_DATABASE_URL || undefined,
    readDatabaseUrl: env.HOMEWARD_READ_DATABASE_URL || undefined,
    dataDir: path.resolve(env.HOMEWARD_DATA_DIR ?? './data'),
    secretKey: env.HOMEWARD_SECRET_KEY || undefined,
    previousSecretKey: env.HOMEWARD_PREVIOUS_SECRET_KEY || undefined,
    sessionIdleMinutes: int(env.HOMEWARD_SESSION_IDLE_MINUTES, 30, 'HOMEWARD_SESSION_IDLE_MINUTES'),
    sessionAbsoluteHours: int(env.HOMEWARD_SESSION_ABSOLUTE_HOURS, 12, 'HOMEWARD_SESSION_ABSOLUTE_HOURS'),
    sessionCacheMs: sessionCacheMs(env.HOMEWARD_SESSION_CACHE_MS),
    breakGlassMinutes: int(env.HOMEWARD_BREAK_GLASS_MINUTES, 60, 'HOMEWARD_BREAK_GLASS_MINUTES'),
    secureCookies: env.HOMEWARD_SECURE_COOKIES === 'true',
    trustProxy: env.HOMEWARD_TRUST_PROXY === 'true',
    attachmentMaxBytes: int(env.HOMEWARD_ATTACHMENT_MAX_BYTES, 10 * 1024 * 1024, 'HOMEWARD_ATTACHMENT_MAX_BYTES'),
    importMaxBytes: int(env.HOMEWARD_IMPORT_MAX_BYTES, 512 * 1024 * 1024, 'HOMEWARD_IMPORT_MAX_BYTES'),
    loginRatePerMinute: int(env.HOMEWARD_LOGIN_RATE_PER_MINUTE, 20, 'HOMEWARD_LOGIN_RATE_PER_MINUTE'),
    webDist: path.resolve(env.HOMEWARD_WEB_DIST ?? './web/dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    smtpUrl: smtpUrl(env.SMTP_URL),
    smtpFrom: env.SMTP_FROM || 'Homeward <homeward@localhost>',
    publicUrl: publicUrlOf(env),
    oidc: oidcConfig(env, publicUrlOf(env)),
    metricsToken: metricsToken(env.HOMEWARD_METRICS_TOKEN),
    backupKey: env.HOMEWARD_BACKUP_KEY || undefined,
    backupHours: backupHours(env),
    backupKeepDays: int(env.HOMEWARD_BACKUP_KEEP_DAYS, 14, 'HOMEWARD_BACKUP_KEEP_DAYS'),
  };
}
