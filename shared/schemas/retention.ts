import { z } from 'zod';
import { closed, instant, storedJson, uuid } from './common.js';

/**
 * Retention rules of an organisation (docs/data-protection.md, "Retention"): what a rule does to
 * the cases of its scope that ended (closed, withdrawn, ineligible) more than `years` ago.
 */
export const RETENTION_ACTIONS = ['anonymise_closed_cases', 'delete_attachments'] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];
export const RETENTION_SCOPES = ['organisation', 'project', 'office'] as const;
export type RetentionScope = (typeof RETENTION_SCOPES)[number];
export const RETENTION_RULE_STATUSES = ['pending_approval', 'approved'] as const;
export const RETENTION_RUN_KINDS = ['dry', 'real'] as const;
export const RETENTION_RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
/** Why an item was left out of a run: the erasure's blockers that can hold an ended case. */
export const RETENTION_SKIP_REASONS = ['ERASURE_BLOCKED_LEGAL_HOLD', 'ERASURE_BLOCKED_OPEN_PAYMENT', 'ERASURE_BLOCKED_ACTIVE_CASE'] as const;

export const retentionRuleBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  scope: z.enum(RETENTION_SCOPES),
  /** The project (scope `project`) or office (scope `office`) of the officer's organisation. */
  projectId: uuid.nullable().default(null),
  officeId: uuid.nullable().default(null),
  action: z.enum(RETENTION_ACTIONS),
  years: z.number().int().min(1).max(100),
});
export type RetentionRuleInput = z.infer<typeof retentionRuleBody>;

/** A change of a rule: a new name, or enabling/disabling it. A change of `years` asks for a new approval. */
export const retentionRulePatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  years: z.number().int().min(1).max(100).optional(),
  enabled: z.boolean().optional(),
});
export type RetentionRulePatch = z.infer<typeof retentionRulePatch>;

/**
 * "Run now" of an approved rule: the officer confirms the dry run they read (the rule's latest
 * run, finished after the rule's last change) by its number of items reached.
 */
export const retentionRunNowBody = z.strictObject({
  dryRunId: uuid,
  reachedCount: z.number().int().min(0),
});
export type RetentionRunNowInput = z.infer<typeof retentionRunNowBody>;

// ---- Answers ----

export const retentionRunView = z.object({
  id: uuid,
  ruleId: uuid,
  kind: closed(RETENTION_RUN_KINDS),
  status: closed(RETENTION_RUN_STATUSES),
  itemsTotal: z.number().int().nullable(),
  itemsDone: z.number().int(),
  reachedCount: z.number().int(),
  skippedCount: z.number().int(),
  bytes: z.number(),
  errorCode: z.string().nullable(),
  createdAt: instant,
  startedAt: instant.nullable(),
  finishedAt: instant.nullable(),
});
export type RetentionRunView = z.input<typeof retentionRunView>;

/** What a run reached (or, dry, would reach) and what it left, with why: ids and case numbers only. */
export interface RetentionReport {
  persons: { personId: string; caseNumbers: string[] }[];
  attachments: { attachmentId: string; caseNumber: string; sizeBytes: number }[];
  skipped: { personId?: string; attachmentId?: string; caseNumbers: string[]; blockers: string[] }[];
}

export const retentionRunDetail = retentionRunView.extend({
  report: storedJson<RetentionReport>().nullable(),
});
export type RetentionRunDetail = z.input<typeof retentionRunDetail>;

export const retentionRuleView = z.object({
  id: uuid,
  name: z.string(),
  scope: closed(RETENTION_SCOPES),
  projectId: uuid.nullable(),
  projectName: z.string().nullable(),
  officeId: uuid.nullable(),
  officeName: z.string().nullable(),
  action: closed(RETENTION_ACTIONS),
  years: z.number().int(),
  status: closed(RETENTION_RULE_STATUSES),
  enabled: z.boolean(),
  createdBy: z.object({ id: uuid, name: z.string() }),
  createdAt: instant,
  approvedBy: z.object({ id: uuid, name: z.string() }).nullable(),
  approvedAt: instant.nullable(),
  version: z.number().int(),
  /** The rule's latest runs, newest first. */
  runs: z.array(retentionRunView),
});
export type RetentionRuleView = z.input<typeof retentionRuleView>;
export const retentionRuleList = z.object({ items: z.array(retentionRuleView) });
export type RetentionRuleList = z.input<typeof retentionRuleList>;

/** The projects and offices of the officer's organisation, for the scope of a rule. */
export const retentionScopesView = z.object({
  projects: z.array(z.object({ id: uuid, name: z.string() })),
  offices: z.array(z.object({ id: uuid, name: z.string() })),
});
export type RetentionScopesView = z.input<typeof retentionScopesView>;
