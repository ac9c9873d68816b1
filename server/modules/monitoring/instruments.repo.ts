import { definitionSchema, type Definition } from '../../../shared/schemas/monitoring.js';
import type { Executor } from '../../platform/db.js';
import { errors } from './monitoring.errors.js';

export const selectVersions = (ex: Executor) =>
  ex
    .selectFrom('monitoring_instrument_version as v')
    .innerJoin('monitoring_instrument as i', 'i.id', 'v.instrument_id')
    .leftJoin('app_user as pu', 'pu.id', 'v.published_by')
    .select([
      'v.id', 'v.instrument_id', 'v.number', 'v.status', 'v.definition', 'v.provisional_weights', 'v.created_at', 'v.updated_at', 'v.published_at', 'v.version',
      'pu.name as published_by_name', 'i.key as instrument_key', 'i.name as instrument_name',
    ]);
type VersionRow = Awaited<ReturnType<ReturnType<typeof selectVersions>['executeTakeFirstOrThrow']>>;

export const presentSummary = (v: VersionRow) => ({
  id: v.id,
  number: v.number,
  status: v.status,
  provisionalWeights: v.provisional_weights,
  createdAt: v.created_at,
  updatedAt: v.updated_at,
  publishedAt: v.published_at,
  publishedByName: v.published_by_name ?? null,
  version: v.version,
});

export const presentVersion = (v: VersionRow) => ({
  ...presentSummary(v),
  instrumentId: v.instrument_id,
  instrumentKey: v.instrument_key,
  instrumentName: v.instrument_name,
  definition: v.definition as Definition,
});

export async function loadVersion(ex: Executor, id: string, lock = false) {
  let q = selectVersions(ex).where('v.id', '=', id);
  if (lock) q = q.forUpdate('v');
  const row = await q.executeTakeFirst();
  if (!row) throw errors.INSTRUMENT_VERSION_NOT_FOUND();
  return row;
}

/** A stored definition, read through the schema (it was checked when stored). */
export const definitionOf = (v: { definition: unknown }): Definition => definitionSchema.parse(v.definition);
