import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '../../shared/access.js';
import type { Actor, Clock } from './actor.js';
import type { Config } from './config.js';
import type { FieldCipher } from './crypto.js';
import type { Db } from './db.js';
import { AppError } from './errors.js';

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
  return Number(match[2]);
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
 * configuration; a clear 4xx when the request is not multipart, the field is misnamed or missing.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<{ fileName: string; content: Buffer; description?: string }> {
  if (!req.isMultipart()) throw new AppError('ATTACHMENT_MULTIPART_REQUIRED', 415, 'Send the file as multipart/form-data.');
  let file: { fileName: string; content: Buffer } | undefined;
  let description: string | undefined;
  for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 5 } })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', 400, 'The file field must be named "file".');
      file = { fileName: part.filename, content: await part.toBuffer() };
    } else if (part.fieldname === 'description') {
      description = String(part.value);
    }
  }
  if (!file) throw new AppError('ATTACHMENT_MISSING', 400, 'No file was sent.', { field: 'file' });
  return { ...file, description };
}
