import { platformErrors } from '../../platform/platform.errors.js';
import { can } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { COMMUNITY_PAYMENT_READERS, communityDisbursementViews, projectInScope, projectTotals } from './community-disbursements.repo.js';

/** A community project's payments, newest first, with its budget and what is paid and awaiting approval in its currency. */
export async function listCommunityDisbursements({ projectId }: { projectId: string }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  if (!COMMUNITY_PAYMENT_READERS.some((p) => can(actor, p))) throw platformErrors.FORBIDDEN();
  const project = await projectInScope(db, actor, projectId, COMMUNITY_PAYMENT_READERS);
  const items = await communityDisbursementViews(db, project.id);
  const totals = projectTotals(items);
  return { currency: project.currency, budgetMinor: project.budget_minor, paidMinor: Number(totals.paidMinor), awaitingMinor: Number(totals.awaitingMinor), items };
}
