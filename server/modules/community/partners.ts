import type { CommunityProjectValues } from '../../../shared/schemas/community.js';
import type { Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { loadProject } from '../eligibility/index.js';
import { assertProviderUsable } from '../providers/index.js';
import { errors } from './community.errors.js';

/** Checks the AVRR project and the partners from the registry (usable, in reach), then replaces the project's partners. */
export async function checkProject(ex: Executor, projectId: string | null) {
  if (projectId && !(await loadProject(ex, projectId))) throw errors.COMMUNITY_AVRR_PROJECT_NOT_FOUND({ field: 'projectId' });
}

export async function writePartners(ex: Executor, actor: Actor, communityProjectId: string, partners: CommunityProjectValues['partners'], keep: Set<string> = new Set()) {
  for (const p of partners) {
    // A partner kept from before stays even if it was suspended since; a new one must be usable.
    if ('providerId' in p && !keep.has(p.providerId)) await assertProviderUsable(ex, actor, p.providerId);
  }
  await ex.deleteFrom('community_project_partner').where('community_project_id', '=', communityProjectId).execute();
  if (partners.length) {
    await ex
      .insertInto('community_project_partner')
      .values(partners.map((p, position) => ({ community_project_id: communityProjectId, position, provider_id: 'providerId' in p ? p.providerId : null, name: 'name' in p ? p.name : null })))
      .execute();
  }
}
