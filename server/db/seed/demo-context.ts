import type { Permission } from '../../../shared/access.js';
import type { Stage } from '../../../shared/cases.js';
import type { Actor, Clock } from '../../platform/actor.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import type { PlannedCase, StaffRole } from './demo-plan.js';

/** What the demo data of a capability gets for one case. */
export interface DemoCaseContext {
  db: Db;
  cipher: FieldCipher;
  caseId: string;
  plan: PlannedCase;
  /** The staff member of the case's office who does that kind of work (and holds the permission). */
  actor: (work: StaffRole, permission?: Permission) => Actor;
  /** The staff member of another office (by prefix, e.g. the origin office 'IQ'). */
  actorOf: (officePrefix: string, work: StaffRole, permission?: Permission) => Actor;
  officeId: (prefix: string) => string;
  clockAt: (at: Date) => Clock;
  /** The end of the demo timeline ("now" when the demo was loaded): appointments lie after it. */
  end: Date;
}

/** A move the workflow gives to an action (decision, application, withdrawal, departure, arrival). */
export interface DemoMove extends DemoCaseContext {
  from: Stage;
  to: Stage;
  reason?: string;
  at: Date;
  /** When the previous step happened: actions may place their records between the two. */
  previousAt: Date;
}

/** What a capability adds to the demo: once before the cases, and after each step of a case. */
export interface DemoCapability {
  name: string;
  setup?: (ctx: Omit<DemoCaseContext, 'caseId' | 'plan' | 'actor'>) => Promise<void>;
  /** After the case reached `stage` at `at` (step 0: registration). */
  afterStep?: (ctx: DemoCaseContext & { stage: Stage; at: Date; step: number; isLast: boolean }) => Promise<void>;
  /** Once every case has been walked (cases are walked in parallel: data that spans cases comes here). */
  finish?: (ctx: Omit<DemoCaseContext, 'caseId' | 'plan' | 'actor'>) => Promise<void>;
}
