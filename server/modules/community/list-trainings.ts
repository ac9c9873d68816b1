import { sql } from 'kysely';
import type { TrainingListInput } from '../../../shared/schemas/community.js';
import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { manageable } from './community.repo.js';

/** The group trainings the actor manages, by office, latest first, paged; with their numbers of sessions and participants. */
export async function listTrainings(input: TrainingListInput, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'community.manage');
  let q = db
    .selectFrom('group_training as gt')
    .innerJoin('office as o', 'o.id', 'gt.office_id')
    .innerJoin('service_provider as sp', 'sp.id', 'gt.provider_id')
    .where(manageable(actor, 'gt'));
  if (input.officeId) q = q.where('gt.office_id', '=', input.officeId);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'gt.id', 'gt.version', 'gt.office_id', 'o.name as office_name', 'gt.title', 'gt.kind', 'sp.name as provider_name', 'gt.updated_at',
      sql<number>`(SELECT count(*) FROM group_training_session s WHERE s.training_id = gt.id)::int`.as('session_count'),
      sql<number>`(SELECT count(*) FROM group_training_participant p WHERE p.training_id = gt.id)::int`.as('participant_count'),
    ])
    .orderBy('gt.created_at', 'desc')
    .orderBy('gt.id')
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id, version: r.version, officeId: r.office_id, officeName: r.office_name, title: r.title, kind: r.kind, providerName: r.provider_name,
      sessionCount: r.session_count, participantCount: r.participant_count, updatedAt: r.updated_at,
    })),
    total: Number(n), page: input.page, pageSize: input.pageSize,
  };
}
