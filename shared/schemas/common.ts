import { z } from 'zod';

export const uuid = z.uuid();
export const isoDate = z.iso.date();
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 country code, e.g. IQ');
export const pageQuery = {
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
};
export const idParams = z.strictObject({ id: uuid });

/**
 * `{ error: { code, message, details? } }`: `code` from a closed list (`<module>.errors.ts`), `message`
 * for people, `details` whatever the code adds (usually an object; any JSON is sent as it is).
 */
export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/**
 * A point in time in an answer: an ISO 8601 string in UTC on the wire, exactly what
 * `JSON.stringify` makes of a `Date`. Presenters may hand over the `Date` a timestamptz column
 * reads as, or the string already. The wire type is the schema's input (`z.input`).
 */
export const instant = z.codec(z.string(), z.union([z.date(), z.string()]), {
  decode: (wire) => wire,
  encode: (value) => (value instanceof Date ? value.toISOString() : value),
  // Typed to accept null from presenters whose helpers may return it (`iso(x)`): a null still
  // fails here, at run time, unless the field is `instant.nullable()`.
}) as unknown as z.ZodType<Date | string | null, string>;

/** The answer of every refusal and failure (`AppError` and validation). */
export const errorAnswer = errorBody;

/** A list answer. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** GET /api/health: 200 when the database answers, 503 otherwise. */
export const healthAnswer = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['up', 'down']) });
/**
 * GET /api/demo-data: on a demo database, the cases load in the background after the first start
 * answers; `loading` until they are all in, `interrupted` when Homeward stopped before they were.
 */
export const demoLoadAnswer = z.object({
  state: z.enum(['none', 'loading', 'loaded', 'interrupted']),
  casesDone: z.number().int(),
  casesTotal: z.number().int(),
});
export type DemoLoadAnswer = z.infer<typeof demoLoadAnswer>;
/** `/api/health/live`: the process answers (its event loop runs). */
export const livenessAnswer = z.object({ status: z.literal('live') });
/** `/api/health/ready`: each check and, when not ready, which failed. */
export const readinessAnswer = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.object({
    database: z.enum(['up', 'down']),
    migrations: z.enum(['applied', 'pending', 'unknown']),
    jobs: z.enum(['running', 'stopped']),
  }),
  failed: z.array(z.enum(['database', 'migrations', 'jobs'])),
  /**
   * Only with a read replica (HOMEWARD_READ_DATABASE_URL): whether it answers, whether it is a
   * standby, and how far its replay lags the primary (seconds; 0 when it has replayed all it
   * received, null when it is no standby or has replayed nothing yet). Informative: a replica
   * down or behind never makes the node not ready (only statistics and exports read there).
   */
  replica: z.object({
    status: z.enum(['up', 'down']),
    standby: z.boolean().nullable(),
    lagSeconds: z.number().nullable(),
  }).optional(),
});
/** `/api/metrics`: the Prometheus text exposition format. */
export const metricsText = z.string().meta({ description: 'Prometheus text exposition format 0.0.4' });

/**
 * A value of a closed list in an answer. The serializer refuses any other value (a 500, never a
 * wrong answer), the OpenAPI document lists the values, and the wire type (`z.input`) is their
 * union; the server may hand it a plain `string` (most columns are typed so), hence the cast.
 */
export const closed = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values) as unknown as z.ZodType<string, T[number]>;

/**
 * A JSON value Homeward stored after validating it on the way in (saved filters, rules, an
 * entitlement): sent as stored. The wire type (`z.input`) is the type it was validated as.
 */
export const storedJson = <T>() => z.unknown() as unknown as z.ZodType<unknown, T>;

/**
 * A value the server builds untyped (JSON assembled in SQL): still checked and cut down to the
 * schema on the way out, while the server may hand it as `unknown`.
 */
export const fromSql = <T extends z.ZodType>(schema: T) => schema as unknown as z.ZodType<unknown, z.input<T>>;
