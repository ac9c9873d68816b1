import { describeAuditChain, verifyAuditChain } from './platform/audit-chain.js';
import { loadConfig } from './platform/config.js';
import { createDb } from './platform/db.js';
import { ownerTarget } from './platform/owner-target.js';

/**
 * `npm run audit:verify`: walks the audit hash chain and prints "audit trail intact: N entries",
 * or the first broken entry (exit code 1). The database is found as `npm start` finds it:
 * DATABASE_URL, otherwise the embedded PostgreSQL of HOMEWARD_DATA_DIR (./data), reusing the
 * one a running Homeward started, or starting it for the check and stopping it after.
 */
async function main(): Promise<number> {
  const target = await ownerTarget(loadConfig());
  const db = createDb(target.url, 1);
  try {
    const report = await verifyAuditChain(db);
    console.log(describeAuditChain(report));
    if (report.intact && report.lastId !== null) console.log(`last entry ${report.lastId}, hash ${report.lastHash}`);
    return report.intact ? 0 : 1;
  } finally {
    await db.destroy();
    await target.stop();
  }
}

// Exit explicitly: the embedded PostgreSQL package's exit hook would otherwise end with 0.
main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`audit:verify: ${(err as Error).message}`);
    process.exit(2);
  },
);
