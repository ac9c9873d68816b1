import * as oidc from 'openid-client';
import type { Clock } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import type { OidcConfig } from '../../platform/config.js';
import { hashToken, type FieldCipher } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { createSession, type SessionPolicy } from '../../platform/session.js';
import { errors } from './access.errors.js';

/** A sign-in begun at the provider must come back within this time. */
export const SSO_LOGIN_MINUTES = 10;
/** The browser's half of the state: it binds the callback to the browser that started (login CSRF). */
export const SSO_STATE_COOKIE = 'hw_sso';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The provider's metadata, read once per process from its discovery document (retried after a
 * failure). Plain HTTP is allowed only for a provider on this machine (development, tests).
 */
const discovered = new Map<string, Promise<oidc.Configuration>>();
function providerOf(config: OidcConfig): Promise<oidc.Configuration> {
  const key = `${config.issuer} ${config.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const issuer = new URL(config.issuer);
    const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
    found = oidc.discovery(issuer, config.clientId, { client_secret: config.clientSecret }, oidc.ClientSecretBasic(config.clientSecret), {
      execute: insecure ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

interface SsoDeps {
  db: Db;
  clock: Clock;
  oidc: OidcConfig;
  session: SessionPolicy;
  /** Encrypts the provider's ID token kept with the session (for the single logout). */
  cipher: FieldCipher;
  /** Told why the provider failed (for the log, which keeps the error's kind and frames only). */
  onProviderError?: (cause: unknown) => void;
}

/**
 * Begins a sign-in at the organisation's provider: authorization code flow with PKCE (S256), a
 * state and a nonce. The verifier and nonce stay in `oidc_login` under the state's hash; the state
 * goes to the browser's cookie and the provider. Answers the provider's URL and the state.
 */
export async function startSso({ db, clock, oidc: config, onProviderError }: Pick<SsoDeps, 'db' | 'clock' | 'oidc' | 'onProviderError'>) {
  let provider: oidc.Configuration;
  try {
    provider = await providerOf(config);
  } catch (cause) {
    onProviderError?.(cause);
    throw errors.SSO_PROVIDER_ERROR({ cause: 'discovery' });
  }
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = clock.now();
  await db.deleteFrom('oidc_login').where('expires_at', '<', now).execute();
  await db.insertInto('oidc_login').values({
    state_hash: hashToken(state), code_verifier: codeVerifier, nonce, expires_at: new Date(now.getTime() + SSO_LOGIN_MINUTES * 60_000),
  }).execute();
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: config.redirectUrl,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, state };
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * The callback: checks the state against the browser's cookie and the row kept at the start (used
 * once), exchanges the code (PKCE verifier, nonce, issuer and signature checked by openid-client),
 * reads the e-mail from the ID token or the userinfo endpoint, and opens a Homeward session for the
 * active user with that verified e-mail, exactly as a password sign-in does. A refusal is audited
 * (`auth.sso.refused`) and thrown as the access error that names it.
 */
export async function completeSso(
  input: { query: URLSearchParams; cookieState: string | undefined; userAgent: string | null },
  { db, clock, oidc: config, session, cipher, onProviderError }: SsoDeps,
  ip: string | null,
) {
  let userId: string | null = null;
  let officeId: string | null = null;
  const refuse = async (error: AppError) => {
    await audit(db, { actorId: userId, officeId, ip }, {
      event: 'auth.sso.refused', entityType: userId ? 'user' : undefined, entityId: userId ?? undefined, details: { reason: error.code },
    });
    return error;
  };

  const state = input.query.get('state') ?? '';
  if (!state || !input.cookieState || state !== input.cookieState) throw await refuse(errors.SSO_STATE_INVALID());
  const login = await db.deleteFrom('oidc_login').where('state_hash', '=', hashToken(state)).returning(['code_verifier', 'nonce', 'expires_at']).executeTakeFirst();
  if (!login || login.expires_at <= clock.now()) throw await refuse(errors.SSO_STATE_INVALID());

  let claims: Record<string, unknown>;
  let idToken: string | undefined;
  try {
    const provider = await providerOf(config);
    const currentUrl = new URL(config.redirectUrl);
    currentUrl.search = input.query.toString();
    const tokens = await oidc.authorizationCodeGrant(provider, currentUrl, {
      pkceCodeVerifier: login.code_verifier, expectedState: state, expectedNonce: login.nonce, idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    idToken = tokens.id_token;
    claims = { ...idClaims };
    if (typeof claims.email !== 'string') {
      const info = await oidc.fetchUserInfo(provider, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    }
  } catch (cause) {
    // The provider refused (the user cancelled, consent denied) or its answer failed a check.
    onProviderError?.(cause);
    throw await refuse(errors.SSO_PROVIDER_ERROR({ cause: cause instanceof Error ? cause.name : 'unknown' }));
  }

  const email = text(claims.email)?.trim().toLowerCase();
  if (!email || claims.email_verified !== true) throw await refuse(errors.SSO_EMAIL_UNVERIFIED());
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (config.allowedDomains.length && !config.allowedDomains.includes(domain)) throw await refuse(errors.SSO_DOMAIN_NOT_ALLOWED());
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === 'string') : null;

  const user = await db.selectFrom('app_user').select(['id', 'active', 'office_id']).where('email', '=', email).executeTakeFirst();
  if (user) {
    userId = user.id;
    officeId = user.office_id;
    if (!user.active) throw await refuse(errors.SSO_USER_DISABLED());
  } else if (!config.provisionOrganisationId) {
    throw await refuse(errors.SSO_USER_UNKNOWN());
  }

  return db.transaction().execute(async (trx) => {
    let id = user?.id;
    if (!id) {
      // The provider's display name, without control characters; else the e-mail's local part.
      const given = text(claims.name)?.replace(/[\u0000-\u001f\u007f]/g, '').trim();
      const name = (given || email.slice(0, email.indexOf('@'))).slice(0, 200);
      const created = await trx.insertInto('app_user').values({
        email, name, organisation_id: config.provisionOrganisationId!, office_id: null, password_hash: null,
        totp_secret: null, totp_last_step: null, updated_at: clock.now(),
      }).onConflict((oc) => oc.column('email').doNothing()).returning('id').executeTakeFirst();
      // Two first sign-ins at once: the other made the user; this one is refused rather than guessed.
      if (!created) throw errors.SSO_STATE_INVALID();
      id = created.id;
      // The new user has no role, so sees nothing until an administrator gives them one.
      await audit(trx, { actorId: id, officeId: null, ip }, {
        event: 'user.provisioned', entityType: 'user', entityId: id, details: { method: 'oidc', organisationId: config.provisionOrganisationId },
      });
    }
    await trx.deleteFrom('login_attempt').where('email', '=', email).execute();
    const { token, csrfToken } = await createSession(trx, id, clock, session, {
      userAgent: input.userAgent, ip, method: 'oidc', amr, sealedIdToken: idToken ? cipher.encrypt(idToken) : null,
    });
    await audit(trx, { actorId: id, officeId: user?.office_id ?? null, ip }, {
      event: 'auth.sso.succeeded', entityType: 'user', entityId: id, details: { method: 'oidc', ...(amr?.length ? { amr } : {}), provisioned: !user },
    });
    return { userId: id, token, csrfToken, provisioned: !user };
  });
}

/**
 * Single logout (OpenID Connect RP-initiated logout): the provider's URL that ends the user's
 * session there too, with the ID token kept (encrypted) with the Homeward session as
 * `id_token_hint` and Homeward's sign-in page (`/login`, beside the callback; it must be registered
 * at the provider) as `post_logout_redirect_uri`. Null when the provider announces no
 * `end_session_endpoint`, or cannot be reached (the user is still signed out of Homeward), or the
 * token can no longer be read (another master key): never an error.
 */
export async function ssoLogoutUrl(
  sealedIdToken: string,
  { oidc: config, cipher, onProviderError }: Pick<SsoDeps, 'oidc' | 'cipher' | 'onProviderError'>,
): Promise<string | null> {
  try {
    const provider = await providerOf(config);
    if (!provider.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(provider, {
      id_token_hint: cipher.decrypt(sealedIdToken),
      post_logout_redirect_uri: new URL('/login', config.redirectUrl).href,
    }).href;
  } catch (cause) {
    onProviderError?.(cause);
    return null;
  }
}
