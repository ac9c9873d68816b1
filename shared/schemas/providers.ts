import { z } from 'zod';
import { COMPONENT_TYPES } from '../reintegration.js';
import { closed, countryCode, instant, pageQuery, uuid } from './common.js';

/** What a service provider is. */
export const PROVIDER_KINDS = ['training_centre', 'supplier', 'school', 'clinic', 'ngo', 'employer', 'other'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
/** Vetted providers may receive components and payments; suspended ones may not. */
export const PROVIDER_STATUSES = ['vetted', 'suspended'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];
/** How a provider is paid: a bank account or a mobile-money wallet. */
export const PAYMENT_METHODS = ['bank', 'mobile_money'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional().transform((v) => (v ? v : null));

/** Bank or mobile-money details: encrypted at rest, shown masked, revealed on request (audited). */
export const paymentDetailsBody = z.strictObject({
  method: z.enum(PAYMENT_METHODS),
  /** The account holder's name. */
  accountName: text(200),
  /** The bank or the mobile-money operator. */
  institution: text(200),
  /** The account number or IBAN, or the wallet's phone number. */
  accountNumber: z.string().trim().min(4).max(64),
  /** A branch or a SWIFT/BIC code, when the bank needs one. */
  branch: optionalText(200),
});
export type PaymentDetailsInput = z.infer<typeof paymentDetailsBody>;

/**
 * A provider as created or edited. `payment`: absent keeps the stored details (an edit), null
 * removes them, an object replaces them. `officeId`: the office whose registry it joins (the
 * user's own office when absent).
 */
export const providerBody = z.strictObject({
  officeId: uuid.optional(),
  name: text(200),
  kind: z.enum(PROVIDER_KINDS),
  countryCode,
  place: text(200),
  contactPerson: optionalText(200),
  phone: optionalText(40),
  email: z.email().max(254).nullable().optional().transform((v) => v ?? null),
  services: z.array(z.enum(COMPONENT_TYPES)).max(COMPONENT_TYPES.length).default([])
    .refine((s) => new Set(s).size === s.length, { message: 'Each service is listed once.' }),
  servicesNote: optionalText(2000),
  payment: paymentDetailsBody.nullable().optional(),
});
export type ProviderInput = z.input<typeof providerBody>;
export type ProviderValues = z.infer<typeof providerBody>;

/** Suspending or reinstating a provider: the reason is kept with its status and in the audit trail. */
export const providerStatusBody = z.strictObject({ reason: text(1000) });

export const PROVIDER_SORTS = ['name', 'kind', 'place', 'status', 'updatedAt'] as const;
export type ProviderSort = (typeof PROVIDER_SORTS)[number];
/** The registry's search: by name, kind, status and service offered, one page at a time. */
export const providerSearchBody = z.strictObject({
  name: z.string().trim().max(200).optional(),
  kind: z.enum(PROVIDER_KINDS).optional(),
  status: z.enum(PROVIDER_STATUSES).optional(),
  service: z.enum(COMPONENT_TYPES).optional(),
  sort: z.enum(PROVIDER_SORTS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  ...pageQuery,
});
export type ProviderSearchInput = z.infer<typeof providerSearchBody>;

// ---- Answers ----

export const providerView = z.object({
  id: z.string(),
  version: z.number(),
  officeId: z.string(),
  officeName: z.string(),
  name: z.string(),
  kind: closed(PROVIDER_KINDS),
  countryCode: z.string(),
  place: z.string(),
  contactPerson: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  services: z.array(closed(COMPONENT_TYPES)),
  servicesNote: z.string().nullable(),
  status: closed(PROVIDER_STATUSES),
  statusReason: z.string().nullable(),
  statusChangedAt: instant.nullable(),
  statusChangedByName: z.string().nullable(),
  /** Only for holders of provider.manage: how it is paid, the number masked (`••••4567`); null without details. */
  payment: z.object({ method: closed(PAYMENT_METHODS), maskedNumber: z.string() }).nullable().optional(),
  /** Whether the reader may edit, suspend, reinstate and reveal. */
  canManage: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
});
export const providerPage = z.object({ items: z.array(providerView), total: z.number(), page: z.number(), pageSize: z.number() });
export const revealedPayment = z.object({
  id: z.string(),
  method: closed(PAYMENT_METHODS),
  accountName: z.string(),
  institution: z.string(),
  accountNumber: z.string(),
  branch: z.string().nullable(),
});

export type ProviderView = z.input<typeof providerView>;
export type ProviderPage = z.input<typeof providerPage>;
export type RevealedPayment = z.input<typeof revealedPayment>;
