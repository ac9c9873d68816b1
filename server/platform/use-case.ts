import type { Actor, Clock } from './actor.js';
import type { FieldCipher } from './crypto.js';
import type { Db } from './db.js';

/**
 * What every use case runs with: who acts, the database (the pool, or the open transaction of an
 * idempotent creation, see `idempotent`), the clock and the field cipher. Routes build it once per
 * request with `ctxOf(req, deps)`; the demo data and the benchmark build it the same way. Use cases
 * take `(input, ctx)`.
 */
export interface UseCaseContext {
  actor: Actor;
  db: Db;
  clock: Clock;
  cipher?: FieldCipher;
}
