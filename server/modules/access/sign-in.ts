import { sql } from 'kysely';
import type { Clock } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { createSession, loadGrants, type SessionPolicy } from '../../platform/session.js';
import { verifyPassword } from './passwords.js';
import { totpStep } from './totp.js';
import { errors } from './access.errors.js';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

const invalid = () => errors.AUTH_INVALID_CREDENTIALS();

interface SignInDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  session: SessionPolicy;
}

/**
 * Signs a user in. Unknown emails, wrong passwords and disabled accounts get the same answer
 * and the same lockout, so the answer tells nobody whether an account exists.
 */
export async function signIn(
  input: { email: string; password: string; totpCode?: string },
  { db, clock, cipher, session }: SignInDeps,
  ip: string | null,
  userAgent: string | null = null,
) {
  const email = input.email.trim().toLowerCase();
  const now = clock.now();
  const attempt = await db.selectFrom('login_attempt').selectAll().where('email', '=', email).executeTakeFirst();
  if (attempt?.locked_until && attempt.locked_until > now) {
    const minutes = Math.ceil((attempt.locked_until.getTime() - now.getTime()) / 60_000);
    throw errors.AUTH_LOCKED({ retryAfterMinutes: minutes }, `Too many failed sign-ins. Try again in ${minutes} minute(s).`);
  }
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'password_hash', 'active', 'totp_enabled', 'totp_secret', 'totp_last_step', 'office_id'])
    .where('email', '=', email)
    .executeTakeFirst();
  const passwordOk = await verifyPassword(user?.active ? user.password_hash : null, input.password);

  const fail = async (error: AppError) => {
    // A lock that has run out ends its count too: the failures before it were already paid for
    // with the lock, so counting starts again at one (and five more are needed to lock again).
    const lockEnded = sql<boolean>`login_attempt.locked_until IS NOT NULL AND login_attempt.locked_until <= ${now}::timestamptz`;
    const failures = sql<number>`CASE WHEN ${lockEnded} THEN 1 ELSE login_attempt.failures + 1 END`;
    await db
      .insertInto('login_attempt')
      .values({ email, failures: 1, locked_until: null, updated_at: now })
      .onConflict((oc) =>
        oc.column('email').doUpdateSet({
          failures,
          locked_until: sql`CASE WHEN ${failures} >= ${MAX_FAILURES} THEN ${new Date(now.getTime() + LOCK_MINUTES * 60_000)}::timestamptz ELSE NULL END`,
          updated_at: now,
        }),
      )
      .execute();
    await audit(db, { actorId: user?.id ?? null, officeId: user?.office_id ?? null, ip }, {
      event: 'auth.login.failed',
      entityType: user ? 'user' : undefined,
      entityId: user?.id,
      details: { reason: error.code },
    });
    return error;
  };

  if (!user || !passwordOk) throw await fail(invalid());

  if (user.totp_enabled && user.totp_secret) {
    // Knowing the password is proven at this point; asking for the code tells nothing new.
    if (!input.totpCode) throw errors.AUTH_TOTP_REQUIRED();
    const step = totpStep(cipher.decrypt(user.totp_secret), input.totpCode, now);
    if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
      throw await fail(errors.AUTH_TOTP_INVALID());
    }
    await db.updateTable('app_user').set({ totp_last_step: step }).where('id', '=', user.id).execute();
  }

  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_attempt').where('email', '=', email).execute();
    const { token, csrfToken } = await createSession(trx, user.id, clock, session, { userAgent, ip, method: 'password' });
    await audit(trx, { actorId: user.id, officeId: user.office_id, ip }, { event: 'auth.login.succeeded', entityType: 'user', entityId: user.id });
    const { requireTotp } = await loadGrants(trx, user.id);
    return { userId: user.id, token, csrfToken, totpEnrolmentRequired: requireTotp && !user.totp_enabled };
  });
}
