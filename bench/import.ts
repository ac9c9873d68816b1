/**
 * The legacy import benchmark: writes a CSV of `rows` persons (about 2.3 per household, names from
 * the bench's name pools, dates as DD/MM/YYYY, codes through value mappings) and imports it
 * through the same code path as the API and the job (receive the file, record it, start the run,
 * run the job: COPY into the staging table, set-based SQL per batch). Reports the time of each
 * phase, rows per second and the process's memory, sampled while it runs.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { sql } from 'kysely';
import type { Actor } from '../server/platform/actor.js';
import { FieldCipher, newSecretKey } from '../server/platform/crypto.js';
import type { Db } from '../server/platform/db.js';
import { usePersonKeyMaster } from '../server/platform/person-keys.js';
import { receiveImportFile, recordImportFile, runImport, startRun } from '../server/modules/imports/index.js';
import { CULTURES, NATIONALITIES } from './names.js';
import type { ImportFloorResult } from './import-floor.js';

type Rejections = { reason: string | null; column: string | null; rows: number; firstLines: number[] }[];

export interface ImportBenchResult {
  rows: number;
  households: number;
  fileBytes: number;
  generateSeconds: number;
  uploadSeconds: number;
  importSeconds: number;
  endToEndSeconds: number;
  rowsPerSecond: number;
  memory: { rssStartMiB: number; rssPeakMiB: number; heapPeakMiB: number };
  /** Rows rejected by reason and column, with their first lines: the generated file has none that should be. */
  outcome: { created: number; rejected: number; rejections: Rejections; persons: number; cases: number; members: number };
  rerun: { seconds: number; unchanged: number; created: number; rejections: Rejections; phasesSeconds: Record<string, number> };
  /** The file again with every case's legal status corrected: each case updated, with its audit entry. */
  changed: { seconds: number; updated: number; unchanged: number; created: number; auditEntries: number; rejections: Rejections; phasesSeconds: Record<string, number> };
  /** Seconds per phase of the first import (`runImport`'s timings, summed over batches). */
  phasesSeconds: Record<string, number>;
  /** With --import-floor: the same rows written by plain SQL (bench/import-floor.ts). */
  floor?: ImportFloorResult;
}

const HEADER = 'family_id,person_id,role,first_name,last_name,name_ar,gender,dob,citizenship,status,destination,type,final_stage,registered,approved,departed,arrived,closed,doc_type,doc_no';
export const BENCH_MAPPING = {
  columns: {
    householdKey: 'family_id', legacyId: 'person_id', relationship: 'role', givenName: 'first_name', familyName: 'last_name', originalScriptName: 'name_ar',
    sex: 'gender', birthDate: 'dob', nationality: 'citizenship', legalStatus: 'status', countryOfReturn: 'destination', kind: 'type', stage: 'final_stage',
    registeredOn: 'registered', approvedOn: 'approved', departedOn: 'departed', arrivedOn: 'arrived', closedOn: 'closed',
    documentType: 'doc_type', documentNumber: 'doc_no',
  },
  values: {
    relationship: { HEAD: 'principal', SPOUSE: 'spouse', CHILD: 'child', PARENT: 'parent' }, sex: { M: 'male', F: 'female' },
    legalStatus: { REJ: 'asylum_rejected', IRR: 'irregular_stay', PEN: 'asylum_pending' }, kind: { VR: 'voluntary_return' }, documentType: { PP: 'passport' },
  },
  dateFormat: 'DD/MM/YYYY' as const,
};

/** A deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const dmy = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

/**
 * A legacy CSV of `rows` persons. `statusCorrected` gives every case the next legal status (REJ,
 * IRR, PEN, in turn): the same file corrected, each household's case then changed (and audited)
 * by an import.
 */
export async function generateLegacyCsv(file: string, rows: number, seed: number, { statusCorrected = false } = {}) {
  const pick = rng(seed);
  const nat = NATIONALITIES.flatMap(([c, w]) => Array<string>(w).fill(c));
  const out = createWriteStream(file);
  let buf = `${HEADER}\n`;
  let written = 0;
  let household = 0;
  const day = 86_400_000;
  while (written < rows) {
    household++;
    const country = nat[pick(nat.length)]!;
    const culture = CULTURES[country]!;
    const size = Math.min(rows - written, [1, 1, 2, 2, 3, 3, 4, 5][pick(8)]!);
    const family = culture.family[pick(culture.family.length)]!;
    const registered = new Date(Date.UTC(2015, 0, 1) + pick(3000) * day);
    const departed = new Date(registered.getTime() + (30 + pick(200)) * day);
    // Approved 10 to 29 days after the registration (drawn without the generator, so the rest of the file stays as it was).
    const approved = new Date(registered.getTime() + (10 + (household % 20)) * day);
    const arrived = new Date(departed.getTime() + day);
    const closed = new Date(arrived.getTime() + (100 + pick(400)) * day);
    const status = ['REJ', 'IRR', 'PEN'][(pick(3) + (statusCorrected ? 1 : 0)) % 3]!;
    for (let m = 0; m < size; m++) {
      const female = m === 1 ? true : pick(2) === 0;
      const given = (female ? culture.female : culture.male)[pick(female ? culture.female.length : culture.male.length)]!;
      const role = m === 0 ? 'HEAD' : m === 1 ? 'SPOUSE' : 'CHILD';
      const born = m < 2 ? new Date(Date.UTC(1960 + pick(35), pick(12), 1 + pick(28))) : new Date(Date.UTC(2000 + pick(20), pick(12), 1 + pick(28)));
      const script = culture.scriptShare && given.script && family.script && pick(100) < culture.scriptShare * 100 ? `${given.script} ${family.script}` : '';
      buf += `F${household},P${household}-${m + 1},${role},${given.spellings[0]},${family.spellings[0]},${script},${female ? 'F' : 'M'},${dmy(born)},${country},${status},${country},VR,closed,${dmy(registered)},${dmy(approved)},${dmy(departed)},${dmy(arrived)},${dmy(closed)},${m === 0 ? `PP,${country}${String(household).padStart(8, '0')}` : ','}\n`;
      written++;
    }
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return { households: household };
}

/** Runs the import benchmark as `actor` (an office manager) against `db` (the application role). */
export async function benchImport(db: Db, actor: Actor, opts: { rows: number; seed: number; dir: string; log: (m: string) => void }): Promise<ImportBenchResult> {
  const { log } = opts;
  // The throwaway database's master key: the import seals document numbers and details per person, as the server does.
  usePersonKeyMaster(new FieldCipher(newSecretKey()));
  await mkdir(opts.dir, { recursive: true });
  const csv = path.join(opts.dir, 'legacy.csv');
  const clock = { now: () => new Date() };
  const ctx = { actor, db, clock };
  let t = performance.now();
  const { households } = await generateLegacyCsv(csv, opts.rows, opts.seed);
  const generateSeconds = (performance.now() - t) / 1000;
  const fileBytes = (await stat(csv)).size;
  log(`Import: wrote ${opts.rows.toLocaleString('en')} rows in ${households.toLocaleString('en')} households (${(fileBytes / 2 ** 20).toFixed(0)} MiB) in ${generateSeconds.toFixed(1)} s`);

  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  let heapPeak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 200);
  try {
    const endToEnd = performance.now();
    t = performance.now();
    const dataDir = path.join(opts.dir, 'data');
    const stored = await receiveImportFile({ fileName: 'legacy.csv', stream: createReadStream(csv), truncated: () => false, importMaxBytes: Number.MAX_SAFE_INTEGER, dataDir }, ctx);
    const file = await recordImportFile(stored, ctx);
    const uploadSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const run = await startRun({ fileId: file.id, mode: 'import', mapping: BENCH_MAPPING, source: 'bench-legacy' }, ctx);
    const timings: Record<string, number> = {};
    await runImport(run.id, { db, clock, dataDir, timings });
    const importSeconds = (performance.now() - t) / 1000;
    const endToEndSeconds = (performance.now() - endToEnd) / 1000;
    const done = await db.selectFrom('import_run').selectAll().where('id', '=', run.id).executeTakeFirstOrThrow();
    const count = async (table: 'person' | 'return_case') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('legacy_source', '=', 'bench-legacy').executeTakeFirstOrThrow()).n);
    const members = Number((await db.selectFrom('case_member as m').innerJoin('return_case as c', 'c.id', 'm.case_id').select((eb) => eb.fn.countAll<string>().as('n')).where('c.legacy_source', '=', 'bench-legacy').executeTakeFirstOrThrow()).n);
    // The generated file has no invalid row: any rejection is a defect, told with its reason, column and lines.
    const rejections = async (runId: string) => {
      const rows = await db.selectFrom('import_report_row').select(['reason', 'reason_column', (eb) => eb.fn.countAll<string>().as('n'),
        sql<number[]>`(array_agg(line ORDER BY line))[1:5]`.as('lines')])
        .where('run_id', '=', runId).where('outcome', '=', 'rejected').groupBy(['reason', 'reason_column']).execute();
      const found = rows.map((r) => ({ reason: r.reason, column: r.reason_column, rows: Number(r.n), firstLines: r.lines }));
      for (const r of found) log(`Import: REJECTED ${r.rows} row(s), ${r.reason} (${r.column ?? 'no column'}), lines ${r.firstLines.join(', ')}`);
      return found;
    };
    const rejected = await rejections(run.id);
    log(`Import: ${done.rows_total.toLocaleString('en')} rows in ${endToEndSeconds.toFixed(1)} s end to end (${Math.round(opts.rows / endToEndSeconds).toLocaleString('en')} rows/s), peak RSS ${(rssPeak / 2 ** 20).toFixed(0)} MiB`);

    /** Uploads a file as the screen does and imports it: the run, and its seconds with the upload. */
    const importFile = async (file: string, fileName: string, timings: Record<string, number>) => {
      const start = performance.now();
      const received = await receiveImportFile({ fileName, stream: createReadStream(file), truncated: () => false, importMaxBytes: Number.MAX_SAFE_INTEGER, dataDir }, ctx);
      const recorded = await recordImportFile(received, ctx);
      const started = await startRun({ fileId: recorded.id, mode: 'import', mapping: BENCH_MAPPING, source: 'bench-legacy' }, ctx);
      await runImport(started.id, { db, clock, dataDir, timings });
      return {
        seconds: (performance.now() - start) / 1000, run: await db.selectFrom('import_run').selectAll().where('id', '=', started.id).executeTakeFirstOrThrow(),
        rejected: await rejections(started.id),
      };
    };

    // The file is removed when its import ends: the same file is uploaded again, as a user would.
    const rerunTimings: Record<string, number> = {};
    const { seconds: rerunSeconds, run: second, rejected: rerunRejected } = await importFile(csv, 'legacy.csv', rerunTimings);
    log(`Import: the same file again in ${rerunSeconds.toFixed(1)} s: ${second.unchanged_count.toLocaleString('en')} unchanged, ${second.created_count} created`);

    // The file corrected: every case has another legal status, so each household's case is updated and audited.
    const corrected = path.join(opts.dir, 'legacy-corrected.csv');
    await generateLegacyCsv(corrected, opts.rows, opts.seed, { statusCorrected: true });
    const changedTimings: Record<string, number> = {};
    const { seconds: changedSeconds, run: third, rejected: changedRejected } = await importFile(corrected, 'legacy-corrected.csv', changedTimings);
    const auditEntries = Number((await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).where('event', '=', 'import.case_updated').executeTakeFirstOrThrow()).n);
    log(`Import: the file with every case's legal status corrected in ${changedSeconds.toFixed(1)} s: ${third.updated_count.toLocaleString('en')} updated, ${third.unchanged_count.toLocaleString('en')} unchanged, ${auditEntries.toLocaleString('en')} cases audited as changed`);
    return {
      rows: opts.rows, households, fileBytes, generateSeconds: round(generateSeconds), uploadSeconds: round(uploadSeconds), importSeconds: round(importSeconds),
      endToEndSeconds: round(endToEndSeconds), rowsPerSecond: Math.round(opts.rows / endToEndSeconds),
      memory: { rssStartMiB: mib(rssStart), rssPeakMiB: mib(rssPeak), heapPeakMiB: mib(heapPeak) },
      outcome: { created: done.created_count, rejected: done.rejected_count, rejections: rejected, persons: await count('person'), cases: await count('return_case'), members },
      rerun: { seconds: round(rerunSeconds), unchanged: second.unchanged_count, created: second.created_count, rejections: rerunRejected, phasesSeconds: seconds(rerunTimings) },
      changed: {
        seconds: round(changedSeconds), updated: third.updated_count, unchanged: third.unchanged_count, created: third.created_count, auditEntries,
        rejections: changedRejected,
        phasesSeconds: seconds(changedTimings),
      },
      phasesSeconds: seconds(timings),
    };
  } finally {
    clearInterval(sampler);
    await rm(opts.dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
const seconds = (ms: Record<string, number>) => Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v) / 1000]));
const mib = (n: number) => Math.round(n / 2 ** 20);
