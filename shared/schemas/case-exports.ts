import { z } from 'zod';
import { caseFilter } from './cases.js';
import { instant, uuid } from './common.js';

/** The formats an export of the case list is written in. */
export const CASE_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type CaseExportFormat = (typeof CASE_EXPORT_FORMATS)[number];

/**
 * An export of the case list: the same filter as the list (in the body, never in an address;
 * its page and page size are ignored, every matching case is written).
 */
export const caseExportBody = z.strictObject({
  format: z.enum(CASE_EXPORT_FORMATS),
  filter: caseFilter.extend({ page: z.number().int().optional(), pageSize: z.number().int().optional() }).strict().default({}),
});
export type CaseExportInput = z.infer<typeof caseExportBody>;

// ---- Answers ----

export const CASE_EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const;

export const caseExportView = z.object({
  id: uuid,
  format: z.enum(CASE_EXPORT_FORMATS),
  status: z.enum(CASE_EXPORT_STATUSES),
  rowsDone: z.number().int(),
  rowsTotal: z.number().int().nullable(),
  sizeBytes: z.number().int().nullable(),
  /** Why a failed export stopped (an error code, e.g. the requester lost the right to read cases). */
  errorCode: z.string().nullable(),
  createdAt: instant,
  finishedAt: instant.nullable(),
  expiresAt: instant,
});
export type CaseExportView = z.input<typeof caseExportView>;
export const caseExportList = z.object({ items: z.array(caseExportView) });
export type CaseExportList = z.input<typeof caseExportList>;
