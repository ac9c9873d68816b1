import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '../../shared/access.js';
import type { Actor, Clock } from './actor.js';
import type { Config } from './config.js';
import type { FieldCipher } from './crypto.js';
import type { Db } from './db.js';
import { AppError } from './errors.js';
import { isStorableText, textIssue, textRefused } from './text-input.js';
import type { UseCaseContext } from './use-case.js';
import { platformErrors } from './platform.errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no session; every other /api route does (deny by default). */
    auth?: 'public' | 'session';
    /** `false`: the request's session cookie is not read (health and metrics answer while the database is down). */
    session?: false;
    /**
     * The permission checked at the gate before anything else runs (any one of a list suffices).
     * Every non-public /api route must declare one; use cases check again with scopes.
     */
    permission?: Permission | Permission[] | 'signed-in';
  }
}

/** What every module's routes and use cases are wired with, by hand, in app.ts. */
export interface Deps {
  db: Db;
  /**
   * Where the statistics dashboards and exports read (`HOMEWARD_READ_DATABASE_URL`, a replica that
   * may lag the primary by a moment); the primary `db` itself when none is set. Never written to.
   */
  readDb: Db;
  clock: Clock;
  config: Config;
  cipher: FieldCipher;
}

export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** The signed-in actor; routes only run once the auth hook has set it. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw platformErrors.AUTH_REQUIRED();
  return req.actor;
}

/**
 * The context a route hands its use case: the signed-in actor and the deps it is given. Inside
 * `idempotent(deps, req, reply, (txDeps) => ...)` build it from `txDeps`, whose `db` is the open
 * transaction, never from the route's deps.
 */
export const ctxOf = (req: FastifyRequest, deps: Pick<Deps, 'db' | 'clock'> & Partial<Pick<Deps, 'cipher'>>): UseCaseContext => ({
  actor: actorOf(req), db: deps.db, clock: deps.clock, cipher: deps.cipher,
});

export const etagOf = (id: string, version: number) => `"${id}.${version}"`;

/**
 * The version a client last saw, from If-Match. Updates without it are refused (428) so that
 * nobody overwrites a change they never saw.
 */
export function expectedVersion(req: FastifyRequest, id: string): number {
  const header = req.headers['if-match'];
  if (!header) throw platformErrors.PRECONDITION_REQUIRED();
  const match = /^"([0-9a-f-]{36})\.(\d+)"$/.exec(String(header).trim());
  if (!match || match[1] !== id) {
    throw platformErrors.PRECONDITION_FAILED();
  }
  // Versions are 32-bit integers in the database: a larger number can never match (and must not
  // reach SQL, where it would fail as out of range).
  const version = Number(match[2]);
  if (!Number.isSafeInteger(version) || version > 2_147_483_647) throw staleVersion();
  return version;
}

export function staleVersion(): AppError {
  return platformErrors.PRECONDITION_FAILED();
}

export function withEtag<T extends { id: string; version: number }>(reply: FastifyReply, body: T): T {
  reply.header('etag', etagOf(body.id, body.version));
  return body;
}

// Creating POSTs and their Idempotency-Key: exactly once, claimed in the creating transaction.
export { idempotent, uploadFingerprint } from './idempotency.js';

/**
 * One uploaded file (multipart field "file", optional field "description"), size-capped by the
 * configuration; a clear 4xx when the request is not multipart, the field is misnamed or missing,
 * a field is unknown (nothing sent is silently dropped), text cannot be stored, or the body is
 * not well-formed multipart (no boundary, cut off mid-stream).
 */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<{ fileName: string; content: Buffer; description?: string }> {
  if (!req.isMultipart()) throw platformErrors.ATTACHMENT_MULTIPART_REQUIRED();
  let file: { fileName: string; content: Buffer } | undefined;
  let description: string | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 5 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw platformErrors.VALIDATION_FAILED(undefined, 'The file field must be named "file".');
        if (!isStorableText(part.filename)) throw textRefused('body', [textIssue('file', part.filename)]);
        file = { fileName: part.filename, content: await part.toBuffer() };
      } else if (part.fieldname === 'description') {
        description = String(part.value);
        if (!isStorableText(description)) throw textRefused('body', [textIssue('description', description)]);
      } else {
        throw platformErrors.VALIDATION_FAILED({
          in: 'body',
          issues: [{ path: part.fieldname, message: 'Unrecognized field' }],
        }, `The request is not valid: ${part.fieldname} is not a field of an upload (send "file" and optionally "description").`);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The multipart plugin's own refusals (limits: 413) keep their status; anything else the
    // parser throws comes from a malformed or truncated body, which is the client's to fix.
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) throw err;
    throw platformErrors.UPLOAD_INVALID();
  }
  if (!file) throw platformErrors.ATTACHMENT_MISSING({ field: 'file' });
  return { ...file, description };
}
