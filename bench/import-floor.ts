/**
 * The floor under the legacy import's speed (`npm run bench -- --import-only --import-floor`): the
 * least time this machine's PostgreSQL takes to write the rows an import of the file wrote, with
 * none of the import's own work (parsing, checking, classifying, sealing document numbers, audit).
 *
 * After the imports, the rows of the tables they write (persons and their keys and documents,
 * cases, members, stage history) are saved; the tables are emptied; then the rows are written back
 * by plain `INSERT ... SELECT`, one statement per table and half of the rows on each of two
 * connections (as the import's two writers), with every index, constraint and trigger in place and
 * the statistics deferred as the import defers them. The statistics of every case are then
 * refreshed by `stat_refresh_cases` in chunks of a batch's size, on one connection (a refresh takes
 * the audit chain's lock until it commits: two never run at once, in the import either).
 *
 * The database is left with those rows and their statistics; the tables that refer to them (the
 * imported arrivals, the duplicate reviews) are emptied. Persons are also written once on one
 * connection with and without the blocking keys' GIN index (rolled back), to show that index's share.
 */
import pg from 'pg';

const TABLES = ['person', 'person_key', 'identity_document', 'return_case', 'case_member', 'stage_transition'] as const;
type Table = (typeof TABLES)[number];

/** The column each table's rows are split on between the two connections. */
const SPLIT: Record<Table, string> = {
  person: 'id', person_key: 'person_id', identity_document: 'person_id', return_case: 'id', case_member: 'case_id', stage_transition: 'case_id',
};
/** Persons are written in the order of their names, as the import writes them. */
const PERSON_ORDER = 'ORDER BY name_skeleton, birth_date';
/** About the cases of one of the import's batches (4 MiB of rows). */
const STATISTICS_CHUNK = 15_000;

export interface ImportFloorResult {
  rows: Record<Table, number>;
  /** Wall seconds per table, two connections. */
  tablesSeconds: Record<Table, number>;
  tablesTotalSeconds: number;
  /** Seconds to refresh the statistics of every case, one connection. */
  statisticsSeconds: number;
  /** Persons written on one connection (rolled back): with every index, and without the blocking keys' GIN index. */
  personsOneConnection: { allIndexesSeconds: number; withoutBlockKeysIndexSeconds: number };
}

const round = (ms: number) => Math.round(ms / 100) / 10;

export async function measureImportFloor(ownerUrl: string, log: (m: string) => void): Promise<ImportFloorResult> {
  const connect = async () => {
    const c = new pg.Client({ connectionString: ownerUrl });
    await c.connect();
    return c;
  };
  const [a, b] = [await connect(), await connect()];
  try {
    const columns = async (table: string) => (await a.query<{ c: string }>(
      `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS c FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'`, [table])).rows[0]!.c;
    const cols = {} as Record<Table, string>;
    for (const t of TABLES) cols[t] = await columns(t);
    const rows = {} as Record<Table, number>;
    for (const t of TABLES) {
      await a.query(`DROP TABLE IF EXISTS floor_${t}`);
      rows[t] = (await a.query(`CREATE UNLOGGED TABLE floor_${t} AS SELECT ${cols[t]} FROM ${t}`)).rowCount ?? 0;
    }
    log(`Import floor: saved ${Object.entries(rows).map(([t, n]) => `${n.toLocaleString('en')} ${t}`).join(', ')}`);
    const facts = (await a.query<{ t: string }>(`SELECT string_agg(quote_ident(tablename), ', ') AS t FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'stat\\_%\\_fact'`)).rows[0]!.t;
    const empty = async () => {
      await a.query(`TRUNCATE ${TABLES.join(', ')}, ${facts} CASCADE`);
      await a.query('CHECKPOINT');
    };
    const deferred = async (c: pg.Client, fn: () => Promise<unknown>) => {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('homeward.stat_deferred', 'on', true)`);
      await fn();
    };

    // Persons on one connection, with and without the keys' index: rolled back.
    const personsOnce = async (withoutKeysIndex: boolean) => {
      await deferred(a, async () => {
        await a.query(`TRUNCATE ${TABLES.join(', ')} CASCADE`);
        if (withoutKeysIndex) await a.query('DROP INDEX person_block_keys_gin');
      });
      const start = performance.now();
      await a.query(`INSERT INTO person (${cols.person}) SELECT ${cols.person} FROM floor_person ${PERSON_ORDER}`);
      const ms = performance.now() - start;
      await a.query('ROLLBACK');
      return ms;
    };
    const personsOneConnection = { allIndexesSeconds: round(await personsOnce(false)), withoutBlockKeysIndexSeconds: round(await personsOnce(true)) };
    log(`Import floor: ${rows.person.toLocaleString('en')} persons on one connection in ${personsOneConnection.allIndexesSeconds} s, ${personsOneConnection.withoutBlockKeysIndexSeconds} s without the blocking keys' index`);

    await empty();
    const tablesSeconds = {} as Record<Table, number>;
    let tablesMs = 0;
    for (const t of TABLES) {
      const half = async (c: pg.Client, k: number) => {
        await deferred(c, () => c.query(`INSERT INTO ${t} (${cols[t]}) SELECT ${cols[t]} FROM floor_${t} WHERE abs(hashtext(${SPLIT[t]}::text)) % 2 = ${k} ${t === 'person' ? PERSON_ORDER : ''}`));
        await c.query('COMMIT');
      };
      const start = performance.now();
      await Promise.all([half(a, 0), half(b, 1)]);
      const ms = performance.now() - start;
      tablesMs += ms;
      tablesSeconds[t] = round(ms);
      log(`Import floor: ${rows[t].toLocaleString('en')} ${t} rows in ${tablesSeconds[t]} s (two connections)`);
    }
    const tablesTotalSeconds = round(tablesMs);

    const ids = (await a.query<{ id: string }>('SELECT id FROM return_case ORDER BY id')).rows.map((r) => r.id);
    let statisticsMs = 0;
    for (let i = 0; i < ids.length; i += STATISTICS_CHUNK) {
      await a.query('BEGIN');
      const start = performance.now();
      await a.query('SELECT stat_refresh_cases($1::uuid[])', [ids.slice(i, i + STATISTICS_CHUNK)]);
      statisticsMs += performance.now() - start;
      await a.query('COMMIT');
    }
    const statisticsSeconds = round(statisticsMs);
    log(`Import floor: the rows in ${tablesTotalSeconds} s, the statistics of ${ids.length.toLocaleString('en')} cases in ${statisticsSeconds} s`);
    for (const t of TABLES) await a.query(`DROP TABLE floor_${t}`);
    return { rows, tablesSeconds, tablesTotalSeconds, statisticsSeconds, personsOneConnection };
  } finally {
    await a.end().catch(() => undefined);
    await b.end().catch(() => undefined);
  }
}
