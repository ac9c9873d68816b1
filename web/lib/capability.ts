import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { CaseView as CaseRecord } from '../../shared/schemas/cases';
import type { OFFICE_KINDS } from '../../shared/schemas/access';

export type OfficeKind = (typeof OFFICE_KINDS)[number];

/**
 * A main navigation entry: shown to users holding any of the permissions and, when `offices` is
 * given, working in an office of one of those kinds (users of no office see it by permission).
 * The page itself stays guarded by permission only.
 */
export interface NavEntry {
  to: string;
  id: string;
  any: string[];
  end?: boolean;
  offices?: OfficeKind[];
}

/** Offices that prepare returns (host and transit) and those that receive returnees (origin). */
export const SENDING_OFFICES: OfficeKind[] = ['host', 'transit'];
export const RECEIVING_OFFICES: OfficeKind[] = ['origin'];

/** Whether a navigation entry is for a user with these permissions in an office of this kind. */
export const navShown = (entry: Pick<NavEntry, 'any' | 'offices'>, canAny: (...p: string[]) => boolean, officeKind: OfficeKind | null | undefined) =>
  canAny(...entry.any) && (!entry.offices || !officeKind || entry.offices.includes(officeKind));

/** A tab of the case page, offered by a capability. */
export interface CaseTab {
  key: string;
  labelId: string;
  /** Whether the tab is offered for this case to a user with these permissions. */
  show: (record: CaseRecord, can: (permission: string) => boolean) => boolean;
  Panel: ComponentType<{ record: CaseRecord; etag: string }>;
}

/** What a capability adds to the web app: pages (under the signed-in layout), navigation, case tabs. */
export interface WebCapability {
  routes: RouteObject[];
  nav: NavEntry[];
  caseTabs: CaseTab[];
}
