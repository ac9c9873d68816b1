import { scopeFor, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { officeInScope } from '../../platform/scope.js';
import { errors } from './imports.errors.js';

/** The office an import is for: the actor's own unless another in their `import.run` scope is named. */
export async function importOffice(ex: Executor, actor: Actor, officeId: string | undefined) {
  const scope = scopeFor(actor, 'import.run');
  const id = officeId ?? actor.officeId;
  if (!id) throw errors.IMPORT_OFFICE_REQUIRED({ field: 'officeId' });
  const office = await ex.selectFrom('office').select(['id', 'organisation_id', 'case_prefix', 'kind']).where('id', '=', id).executeTakeFirst();
  if (!office) throw platformErrors.OFFICE_NOT_FOUND({ field: 'officeId' });
  if (!officeInScope(actor, scope, office)) throw platformErrors.FORBIDDEN({ field: 'officeId' }, 'You may not import cases for this office.');
  return office;
}

/** The offices whose imports the actor sees. */
export function officesInScope(actor: Actor): string[] | 'all' | { organisationId: string } {
  const scope = scopeFor(actor, 'import.run');
  if (scope === 'all') return 'all';
  if (scope === 'organisation') return { organisationId: actor.organisationId! };
  return [actor.officeId ?? '00000000-0000-0000-0000-000000000000'];
}
