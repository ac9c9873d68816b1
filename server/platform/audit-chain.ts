import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from './db.js';

/**
 * Verification of the audit hash chain (migration 0011). The database chains every entry as it is
 * written: `hash = sha256(prev_hash || canonical text)`, the first entry following 32 zero bytes,
 * and `audit_chain_head` names the last entry. This walk recomputes every hash here, in Node, from
 * a canonical text built by its own query (not by the database's function, which someone with
 * the owner's rights could replace), so an edited, removed or inserted entry shows.
 */
export const GENESIS_HASH = Buffer.alloc(32);

export type AuditChainReport =
  | { intact: true; entries: number; lastId: number | null; lastHash: string }
  | { intact: false; entries: number; brokenAt: number | null; reason: string };

const BATCH = 5000;

/** Recomputes an entry's hash from the previous hash and its canonical text. */
export const chainHash = (prev: Buffer, canonical: string) => createHash('sha256').update(prev).update(canonical, 'utf8').digest();

interface ChainRow {
  id: string | number;
  canonical: string;
  prev_hash: Buffer | null;
  hash: Buffer | null;
}

/** Walks the whole chain in id order; stops at the first broken entry. */
export async function verifyAuditChain(ex: Executor): Promise<AuditChainReport> {
  let prev: Buffer = GENESIS_HASH;
  let previousId: number | null = null;
  let entries = 0;
  for (;;) {
    const rows: ChainRow[] = (
      await sql<ChainRow>`
        SELECT a.id, a.prev_hash, a.hash, jsonb_build_array(
          a.id, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), a.event, a.actor_id, a.office_id,
          a.entity_type, a.entity_id, a.case_id, a.ip::text, a.before, a.after, a.details
        )::text AS canonical
        FROM audit_event a
        WHERE ${previousId === null ? sql`true` : sql`a.id > ${previousId}`}
        ORDER BY a.id
        LIMIT ${BATCH}`.execute(ex)
    ).rows;
    for (const r of rows) {
      const id = Number(r.id);
      if (!r.prev_hash || !r.prev_hash.equals(prev)) {
        return {
          intact: false, entries, brokenAt: id,
          reason: previousId === null
            ? 'it does not start the chain: earlier entries were removed'
            : `it does not follow entry ${previousId}: an entry between them was removed, or one of them was altered`,
        };
      }
      if (!r.hash || !r.hash.equals(chainHash(prev, r.canonical))) {
        return { intact: false, entries, brokenAt: id, reason: 'its content does not match its hash: it was altered' };
      }
      prev = r.hash;
      previousId = id;
      entries += 1;
    }
    if (rows.length < BATCH) break;
  }
  const head = (await sql<{ last_id: string | number | null; last_hash: Buffer }>`SELECT last_id, last_hash FROM audit_chain_head`.execute(ex)).rows;
  if (head.length !== 1) return { intact: false, entries, brokenAt: null, reason: 'the head of the chain is missing' };
  const lastId = head[0].last_id === null ? null : Number(head[0].last_id);
  if (lastId !== previousId || !head[0].last_hash.equals(prev)) {
    return {
      intact: false, entries, brokenAt: lastId,
      reason: `the chain ends at entry ${previousId ?? 'none'} but its head names entry ${lastId ?? 'none'}: the newest entries were removed or altered`,
    };
  }
  return { intact: true, entries, lastId, lastHash: prev.toString('hex') };
}

/** The report as one line for people: "audit trail intact: N entries" or the first broken entry. */
export function describeAuditChain(report: AuditChainReport): string {
  if (report.intact) return `audit trail intact: ${report.entries} entries`;
  return report.brokenAt === null
    ? `audit trail broken after ${report.entries} intact entries: ${report.reason}`
    : `audit trail broken at entry ${report.brokenAt} (after ${report.entries} intact entries): ${report.reason}`;
}
