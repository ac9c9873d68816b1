/**
 * Generation runs in a worker thread, so that it overlaps with PostgreSQL inserting the previous
 * batch: the worker turns each batch into ready-to-send INSERT ... SELECT FROM unnest(...)
 * statements whose parameters are already PostgreSQL array literals; the main thread only sends
 * them. One batch ahead at most: the worker generates the next one when asked.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { CaseGenerator, type Batch, type CaseRow, type DocumentRow, type MemberRow, type PersonRow, type SampledPerson, type TransitionRow, type WorldOffice } from './generate.js';

export interface Statement { table: string; text: string; params: string[]; rows: number }
export interface BatchMessage { type: 'batch'; statements: Statement[]; counts: Record<'cases' | 'persons' | 'documents' | 'members' | 'transitions', number> }
export interface DoneMessage { type: 'done'; sample: SampledPerson[]; counters: { office_id: string; year: number; last: number }[] }
export interface GeneratorJob { seed: number; offices: WorldOffice[]; now: number; cases: number; batchSize: number }

type Col<R> = [column: string, type: string, get: (r: R) => unknown];

const NEEDS_ESCAPE = /["\\]/;
const quote = (s: string) => `"${NEEDS_ESCAPE.test(s) ? s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : s}"`;
/** A PostgreSQL array literal; values of types that cannot contain quotes, commas or braces go bare. */
const literal = (values: unknown[], bare = false): string =>
  `{${values.map((v): string => (v === null || v === undefined ? 'NULL' : Array.isArray(v) ? quote(literal(v)) : bare ? String(v) : quote(String(v)))).join(',')}}`;
const BARE_TYPES = new Set(['uuid', 'date', 'timestamptz', 'integer', 'boolean']);

/**
 * INSERT INTO t (a, b, ...) SELECT ... FROM unnest($1::type[], $2::type[], ...): one parameter
 * per column whatever the row count. Array-valued columns travel as text (unnest would flatten a
 * two-dimensional array) and are cast back per row.
 */
function statementsFor<R>(table: string, cols: Col<R>[], rows: R[], chunk: number): Statement[] {
  const list = cols.map(([c]) => c).join(', ');
  const params = cols.map(([, t], i) => `$${i + 1}::${t.endsWith('[]') ? 'text' : t}[]`).join(', ');
  const select = cols.map(([c, t]) => (t.endsWith('[]') ? `u.${c}::${t}` : `u.${c}`)).join(', ');
  const text = `INSERT INTO ${table} (${list}) SELECT ${select} FROM unnest(${params}) AS u(${list})`;
  const out: Statement[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    out.push({ table, text, rows: part.length, params: cols.map(([, t, get]) => literal(part.map(get), BARE_TYPES.has(t))) });
  }
  return out;
}

const PERSON: Col<PersonRow>[] = [
  ['id', 'uuid', (r) => r.id], ['given_name', 'text', (r) => r.given_name], ['family_name', 'text', (r) => r.family_name],
  ['other_names', 'text[]', (r) => r.other_names], ['original_script_name', 'text', (r) => r.original_script_name],
  ['sex', 'text', (r) => r.sex], ['birth_date', 'date', (r) => r.birth_date], ['birth_date_estimated', 'boolean', (r) => r.birth_date_estimated],
  ['nationality', 'text', (r) => r.nationality], ['languages', 'text[]', (r) => r.languages], ['phone', 'text', (r) => r.phone],
  ['email', 'text', (r) => r.email], ['name_folded', 'text', (r) => r.name_folded], ['name_skeleton', 'text', (r) => r.name_skeleton],
  ['created_at', 'timestamptz', (r) => r.created_at], ['updated_at', 'timestamptz', (r) => r.created_at],
];
const DOCUMENT: Col<DocumentRow>[] = [
  ['person_id', 'uuid', (r) => r.person_id], ['type', 'text', (r) => r.type], ['number', 'text', (r) => r.number],
  ['number_norm', 'text', (r) => r.number_norm], ['issuing_country', 'text', (r) => r.issuing_country],
  ['expiry_date', 'date', (r) => r.expiry_date], ['created_at', 'timestamptz', (r) => r.created_at],
];
const CASE: Col<CaseRow>[] = [
  ['id', 'uuid', (r) => r.id], ['case_number', 'text', (r) => r.case_number], ['kind', 'text', (r) => r.kind], ['stage', 'text', (r) => r.stage],
  ['stage_changed_at', 'timestamptz', (r) => r.stage_changed_at], ['legal_status', 'text', (r) => r.legal_status],
  ['country_of_return', 'text', (r) => r.country_of_return], ['office_id', 'uuid', (r) => r.office_id],
  ['origin_office_id', 'uuid', (r) => r.origin_office_id], ['organisation_id', 'uuid', (r) => r.organisation_id],
  ['owner_id', 'uuid', (r) => r.owner_id], ['created_by', 'uuid', (r) => r.created_by], ['principal_person_id', 'uuid', (r) => r.principal_person_id],
  ['principal_nationality', 'text', (r) => r.principal_nationality], ['version', 'integer', (r) => r.version], ['created_at', 'timestamptz', (r) => r.created_at], ['updated_at', 'timestamptz', (r) => r.updated_at],
];
const MEMBER: Col<MemberRow>[] = [
  ['case_id', 'uuid', (r) => r.case_id], ['person_id', 'uuid', (r) => r.person_id], ['relationship', 'text', (r) => r.relationship],
  ['position', 'integer', (r) => r.position], ['created_at', 'timestamptz', (r) => r.created_at],
];
const TRANSITION: Col<TransitionRow>[] = [
  ['case_id', 'uuid', (r) => r.case_id], ['from_stage', 'text', (r) => r.from_stage], ['to_stage', 'text', (r) => r.to_stage],
  ['reason', 'text', (r) => r.reason], ['actor_id', 'uuid', (r) => r.actor_id], ['at', 'timestamptz', (r) => r.at],
];

export function statements(b: Batch, chunk = 10_000): Statement[] {
  return [
    ...statementsFor('person', PERSON, b.persons, chunk),
    ...statementsFor('identity_document', DOCUMENT, b.documents, chunk),
    ...statementsFor('return_case', CASE, b.cases, chunk),
    ...statementsFor('case_member', MEMBER, b.members, chunk),
    ...statementsFor('stage_transition', TRANSITION, b.transitions, chunk),
  ];
}

/** Starts the generator thread (through tsx, which workers do not inherit by themselves). */
export function startGenerator(job: GeneratorJob): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const self = import.meta.url;
  return new Worker(
    `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(self)}); })`,
    { eval: true, workerData: { benchGenerator: job } },
  );
}

const job = (workerData as { benchGenerator?: GeneratorJob } | null)?.benchGenerator;
if (parentPort && job) {
  const port = parentPort;
  const gen = new CaseGenerator(job.seed, job.offices, job.now);
  let done = 0;
  const next = () => {
    if (done >= job.cases) {
      port.postMessage({ type: 'done', sample: gen.sample, counters: gen.counterRows() } satisfies DoneMessage);
      return;
    }
    const b = gen.batch(Math.min(job.batchSize, job.cases - done));
    done += b.cases.length;
    port.postMessage({
      type: 'batch', statements: statements(b),
      counts: { cases: b.cases.length, persons: b.persons.length, documents: b.documents.length, members: b.members.length, transitions: b.transitions.length },
    } satisfies BatchMessage);
  };
  port.on('message', (m: string) => { if (m === 'next') next(); });
}
