import type { Executor } from '../../platform/db.js';
import { loadProject } from '../eligibility/index.js';
import { errors } from './payments.errors.js';

export async function assertProject(ex: Executor, projectId: string) {
  const p = await loadProject(ex, projectId);
  if (!p) throw errors.PAYMENT_PROJECT_NOT_FOUND();
  return p;
}

export async function projectLocations(ex: Executor, projectId: string) {
  const rows = await ex.selectFrom('project_unsafe_location as l').innerJoin('app_user as u', 'u.id', 'l.created_by')
    .select(['l.id', 'l.project_id', 'l.country', 'l.place', 'l.reason', 'l.created_by', 'u.name', 'l.created_at'])
    .where('l.project_id', '=', projectId).orderBy('l.country').orderBy('l.place').execute();
  return rows.map((l) => ({ id: l.id, projectId: l.project_id, country: l.country, place: l.place, reason: l.reason, createdBy: { id: l.created_by, name: l.name }, createdAt: l.created_at }));
}
