import type { Actor, Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { loadGrants } from '../../platform/session.js';
import { newTotpSecret, totpStep, totpUri } from './totp.js';

interface Deps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
}

/** Starts enrolment: a fresh secret, stored encrypted, not yet required at sign-in. */
export async function startTotpEnrolment(actor: Actor, { db, cipher }: Deps) {
  if (actor.totpEnabled) throw new AppError('TOTP_ALREADY_ENABLED', 409, 'Two-step sign-in is already on. Turn it off first to change the device.');
  const secret = newTotpSecret();
  await db.updateTable('app_user').set({ totp_secret: cipher.encrypt(secret) }).where('id', '=', actor.userId).execute();
  return { secret, otpauthUri: totpUri(secret, actor.email) };
}

async function checkCode(actor: Actor, code: string, { db, clock, cipher }: Deps) {
  const user = await db.selectFrom('app_user').select(['totp_secret', 'totp_last_step']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!user.totp_secret) throw new AppError('TOTP_NOT_STARTED', 409, 'Start the set-up first.');
  const step = totpStep(cipher.decrypt(user.totp_secret), code, clock.now());
  if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
    throw new AppError('AUTH_TOTP_INVALID', 400, 'The authenticator code is wrong or was already used.');
  }
  return step;
}

export async function enableTotp(actor: Actor, code: string, deps: Deps) {
  const step = await checkCode(actor, code, deps);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ totp_enabled: true, totp_last_step: step, updated_at: deps.clock.now() }).where('id', '=', actor.userId).execute();
    await audit(trx, auditContextOf(actor), { event: 'auth.totp.enabled', entityType: 'user', entityId: actor.userId });
  });
}

export async function disableTotp(actor: Actor, code: string, deps: Deps) {
  const { requireTotp } = await loadGrants(deps.db, actor.userId);
  if (requireTotp) throw new AppError('TOTP_REQUIRED_BY_ROLE', 409, 'One of your roles requires two-step sign-in.');
  await checkCode(actor, code, deps);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ totp_enabled: false, totp_secret: null, totp_last_step: null, updated_at: deps.clock.now() }).where('id', '=', actor.userId).execute();
    await audit(trx, auditContextOf(actor), { event: 'auth.totp.disabled', entityType: 'user', entityId: actor.userId });
  });
}
