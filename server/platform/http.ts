import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '../../shared/access.js';
import type { Actor, Clock } from './actor.js';
import type { Config } from './config.js';
import type { FieldCipher } from './crypto.js';
import type { Db } from './db.js';
import { AppError } from './errors.js';
import { isStorableText, textIssue, textRefused } from './text-input.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no session; every other /api route does (deny by default). */
    auth?: 'public' | 'session';
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
  clock: Clock;
  config: Config;
  cipher: FieldCipher;
}

export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** The signed-in actor; routes only run once the auth hook has set it. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('AUTH_REQUIRED', 401, 'Sign in first.');
  return req.actor;
}

export const etagOf = (id: string, version: number) => `"${id}.${version}"`;

/**
 * The version a client last saw, from If-Match. Updates without it are refused (428) so that
 * nobody overwrites a change they never saw.
 */
export function expectedVersion(req: FastifyRequest, id: string): number {
  const header = req.headers['if-match'];
  if (!header) throw new AppError('PRECONDITION_REQUIRED', 428, 'Send If-Match with the ETag you last read.');
  const match = /^"([0-9a-f-]{36})\.(\d+)"$/.exec(String(header).trim());
  if (!match || match[1] !== id) {
    throw new AppError('PRECONDITION_FAILED', 412, 'The record has changed since you read it. Reload and try again.');
  }
  // Versions are 32-bit integers in the database: a larger number can never match (and must not
  // reach SQL, where it would fail as out of range).
  const version = Number(match[2]);
  if (!Number.isSafeInteger(version) || version > 2_147_483_647) throw staleVersion();
  return version;
}

export function staleVersion(): AppError {
  return new AppError('PRECONDITION_FAILED', 412, 'The record has changed since you read it. Reload and try again.');
}

export function withEtag<T extends { id: string; version: number }>(reply: FastifyReply, body: T): T {
  reply.header('etag', etagOf(body.id, body.version));
  return body;
}

// Creating POSTs and their Idempotency-Key: exactly once, claimed in the creating transaction.
export { idempotent } from './idempotency.js';

/**
 * One uploaded file (multipart field "file", optional field "description"), size-capped by the
 * configuration; a clear 4xx when the request is not multipart, the field is misnamed or missing,
 * a field is unknown (nothing sent is silently dropped), text cannot be stored, or the body is
 * not well-formed multipart (no boundary, cut off mid-stream).
 */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<{ fileName: string; content: Buffer; description?: string }> {
  if (!req.isMultipart()) throw new AppError('ATTACHMENT_MULTIPART_REQUIRED', 415, 'Send the file as multipart/form-data.');
  let file: { fileName: string; content: Buffer } | undefined;
  let description: string | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 5 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', 400, 'The file field must be named "file".');
        if (!isStorableText(part.filename)) throw textRefused('body', [textIssue('file', part.filename)]);
        file = { fileName: part.filename, content: await part.toBuffer() };
      } else if (part.fieldname === 'description') {
        description = String(part.value);
        if (!isStorableText(description)) throw textRefused('body', [textIssue('description', description)]);
      } else {
        throw new AppError('VALIDATION_FAILED', 400, `The request is not valid: ${part.fieldname} is not a field of an upload (send "file" and optionally "description").`, {
          in: 'body',
          issues: [{ path: part.fieldname, message: 'Unrecognized field' }],
        });
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The multipart plugin's own refusals (limits: 413) keep their status; anything else the
    // parser throws comes from a malformed or truncated body, which is the client's to fix.
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) throw err;
    throw new AppError('UPLOAD_INVALID', 400, 'The upload is not well-formed multipart/form-data (missing boundary or cut off). Send the file again.');
  }
  if (!file) throw new AppError('ATTACHMENT_MISSING', 400, 'No file was sent.', { field: 'file' });
  return { ...file, description };
}
