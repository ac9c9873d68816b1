import type { Actor, Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { forgetSessions, loadGrants } from '../../platform/session.js';
import { newTotpSecret, totpStep, totpUri } from './totp.js';
import { errors } from './access.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
}

/** Starts enrolment: a fresh secret, stored encrypted, not yet required at sign-in. */
export async function startTotpEnrolment(actor: Actor, { db, cipher }: Deps) {
  if (actor.totpEnabled) throw errors.TOTP_ALREADY_ENABLED();
  const secret = newTotpSecret();
  await db.updateTable('app_user').set({ totp_secret: cipher.encrypt(secret) }).where('id', '=', actor.userId).execute();
  return { secret, otpauthUri: totpUri(secret, actor.email) };
}

async function checkCode(actor: Actor, code: string, { db, clock, cipher }: Deps) {
  const user = await db.selectFrom('app_user').select(['totp_secret', 'totp_last_step']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!user.totp_secret) throw errors.TOTP_NOT_STARTED();
  const step = totpStep(cipher.decrypt(user.totp_secret), code, clock.now());
  if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
    throw errors.TOTP_CODE_INVALID();
  }
  return step;
}

export async function enableTotp(actor: Actor, code: string, deps: Deps) {
  const step = await checkCode(actor, code, deps);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ totp_enabled: true, totp_last_step: step, updated_at: deps.clock.now() }).where('id', '=', actor.userId).execute();
    await audit(trx, auditContextOf(actor), { event: 'auth.totp.enabled', entityType: 'user', entityId: actor.userId });
  });
  forgetSessions();
}

export async function disableTotp(actor: Actor, code: string, deps: Deps) {
  const { requireTotp } = await loadGrants(deps.db, actor.userId);
  if (requireTotp) throw errors.TOTP_REQUIRED_BY_ROLE();
  await checkCode(actor, code, deps);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ totp_enabled: false, totp_secret: null, totp_last_step: null, updated_at: deps.clock.now() }).where('id', '=', actor.userId).execute();
    await audit(trx, auditContextOf(actor), { event: 'auth.totp.disabled', entityType: 'user', entityId: actor.userId });
  });
  forgetSessions();
}
