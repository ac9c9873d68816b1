import { type Actor } from '../../platform/actor.js';
import { caseErrors } from '../cases/index.js';
import { Deps, requireCoiRead } from './coi.repo.js';

export async function downloadCoiAttachment(actor: Actor, id: string, attachmentId: string, { db }: Deps) {
  requireCoiRead(actor);
  const row = await db.selectFrom('coi_attachment').select(['file_name', 'content_type', 'content']).where('entry_id', '=', id).where('id', '=', attachmentId).executeTakeFirst();
  if (!row) throw caseErrors.ATTACHMENT_NOT_FOUND();
  return row;
}
