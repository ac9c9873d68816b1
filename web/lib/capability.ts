import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { CaseView as CaseRecord } from '../../shared/schemas/cases';

/** A main navigation entry: shown to users holding any of the permissions. */
export interface NavEntry {
  to: string;
  id: string;
  any: string[];
  end?: boolean;
}

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
