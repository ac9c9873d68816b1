import type { StatFilterOptionsView } from '../../../shared/schemas/statistics.js';
import { scopeFor, type Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { officeChoices } from '../access/index.js';
import { projectChoices } from '../eligibility/index.js';

/**
 * What the dashboard's filters offer a reader: the projects, their donors and the offices within
 * the reader's statistics scope (every one for scope all, their organisation's, or their own office).
 */
export async function statFilterOptions(db: Db, actor: Actor): Promise<StatFilterOptionsView> {
  const scope = scopeFor(actor, 'statistics.read');
  const organisationId = scope === 'all' ? undefined : actor.organisationId;
  const officeId = scope === 'all' || scope === 'organisation' ? undefined : actor.officeId ?? undefined;
  const [choices, offices] = await Promise.all([
    projectChoices(db, organisationId ?? null),
    scope === 'all' || scope === 'organisation' || officeId ? officeChoices(db, { organisationId, officeId }) : Promise.resolve([]),
  ]);
  return { ...choices, offices: offices.map((o) => ({ id: o.id, name: o.name, countryCode: o.countryCode })) };
}
