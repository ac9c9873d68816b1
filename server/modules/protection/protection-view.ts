import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { findCase } from '../cases/index.js';
import { openHealthRow } from './health-sealing.js';
import { presentHealth, todayOf } from './present.js';
import { loadMeasures, loadVulnerabilities, protectionPresenter, type ProtectionPresenter } from './protection.repo.js';

/**
 * A case's protection record: vulnerabilities per member and special measures; the health and
 * fit-to-travel records only for holders of 'case.health' (absent for everyone else), and
 * reading them is audited. Presented for the actor's audience (`protectionPresenter`).
 */
export async function protectionView({ caseId }: { caseId: string }, { actor, db, clock }: UseCaseContext) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const vulnerabilities = await loadVulnerabilities(db, caseId);
  const measures = await loadMeasures(db, caseId);
  const today = todayOf(clock.now());
  const present = await protectionPresenter(db, actor, c, today);
  const view: {
    caseId: string;
    restricted: boolean;
    vulnerabilities: ReturnType<ProtectionPresenter['vulnerability']>[];
    measures: ReturnType<ProtectionPresenter['measure']>[];
    health?: ReturnType<typeof presentHealth>[];
  } = {
    caseId,
    restricted: c.restricted,
    vulnerabilities: vulnerabilities.map(present.vulnerability),
    measures: measures.map(present.measure),
  };
  if (present.policy.healthRecords) {
    const health = await db.selectFrom('health_record').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
    if (health.length) {
      await audit(db, auditContextOf(actor), {
        event: 'health_record.viewed', entityType: 'case', entityId: caseId, caseId, officeId: c.office_id,
        details: { records: health.map((h) => h.id) },
      });
    }
    view.health = (await Promise.all(health.map((h) => openHealthRow(db, h)))).map(presentHealth);
  }
  return view;
}
