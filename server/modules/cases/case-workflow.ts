import type { Permission } from '../../../shared/access.js';
import type { CaseKind, Stage } from '../../../shared/cases.js';
import type { errors } from './cases.errors.js';

type CaseErrorCode = keyof typeof errors;

/**
 * The case workflow as a table: every allowed move, the permission it needs, whether a reason
 * is required, and a guard that later capabilities fill in (a recorded decision, an approval,
 * a confirmed departure...). Guards are checked before and again inside the transaction.
 */
export interface GuardContext {
  kind: CaseKind;
  stage: Stage;
  /** The stage before the case was suspended, when it is suspended. */
  stageBeforeSuspension: Stage | null;
}

/** What a guard reads about the case and the move, besides its stage. */
export interface MoveContext extends GuardContext {
  /** The date a person returned by a government was admitted into the country (post-arrival cases). */
  admissionDate: string | null;
  /** The day of the move (UTC), YYYY-MM-DD. */
  on: string;
}

/** Why a guard refuses a move: answered as a 409 with this code. */
export interface GuardRefusal {
  code: CaseErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * Moves that only happen as part of an action with its own record and checks: the informed
 * decision, the application and its approval by a second person, the withdrawal, the departure,
 * the arrival and the reintegration plan (its approval starts reintegration, the delivery of its
 * last component starts monitoring). The generic stage change refuses them; the action's use case makes the move
 * with `moveCase`.
 */
export const ACTIONS = ['decision', 'application', 'withdrawal', 'departure', 'arrival', 'reintegration'] as const;
export type CaseAction = (typeof ACTIONS)[number];

export interface Transition {
  from: Stage;
  to: Stage;
  permission: Permission;
  reasonRequired: boolean;
  /** Set when only that action makes this move. */
  via?: CaseAction;
  /** Returns a refusal, or null when the move may happen. */
  guard?: (ctx: MoveContext) => GuardRefusal | null;
}

const PRE_DEPARTURE: Stage[] = ['registered', 'counselling', 'decision_recorded', 'application_submitted', 'approved', 'travel_preparation'];
const AFTER_ARRIVAL: Stage[] = ['arrived', 'reintegration', 'monitoring'];

const t = (from: Stage, to: Stage, permission: Permission = 'case.transition', reasonRequired = false, guard?: Transition['guard']): Transition => ({
  from, to, permission, reasonRequired, guard,
});
const via = (action: CaseAction, from: Stage, to: Stage, permission: Permission, reasonRequired = false, guard?: Transition['guard']): Transition => ({
  from, to, permission, reasonRequired, via: action, guard,
});

const resumeGuard = (ctx: MoveContext): GuardRefusal | null =>
  ctx.stageBeforeSuspension ? null : { code: 'CASE_STAGE_GUARD_FAILED', message: 'The stage before the suspension is unknown.' };

/** The stages in which a returnee is assisted after arrival. */
const ASSISTANCE: Stage[] = ['reintegration', 'monitoring'];

/**
 * A person returned by a government is assisted only once admitted into the country: a
 * post-arrival case enters reintegration or monitoring (by any route, a resumption included) only
 * with its admission date on record, and not on a day before that date.
 */
const admittedGuard = (to: Stage) => (ctx: MoveContext): GuardRefusal | null => {
  if (ctx.kind !== 'post_arrival' || !ASSISTANCE.includes(to)) return null;
  if (!ctx.admissionDate) {
    return { code: 'ADMISSION_DATE_REQUIRED', message: 'Record the date the person was admitted into the country before any assistance.', details: { field: 'admissionDate' } };
  }
  if (ctx.admissionDate > ctx.on) {
    return {
      code: 'CASE_BEFORE_ADMISSION',
      message: `The person was admitted into the country on ${ctx.admissionDate}: assistance cannot start before that date.`,
      details: { field: 'admissionDate', admissionDate: ctx.admissionDate },
    };
  }
  return null;
};

const both = (a: NonNullable<Transition['guard']>, b: NonNullable<Transition['guard']>) => (ctx: MoveContext) => a(ctx) ?? b(ctx);

export const TRANSITIONS: Transition[] = [
  t('registered', 'counselling'),
  via('decision', 'counselling', 'decision_recorded', 'decision.record'),
  t('decision_recorded', 'counselling', 'case.transition', true),
  via('application', 'decision_recorded', 'application_submitted', 'application.submit'),
  via('application', 'application_submitted', 'approved', 'case.approve'),
  via('application', 'application_submitted', 'ineligible', 'case.approve', true),
  t('registered', 'ineligible', 'case.approve', true),
  t('counselling', 'ineligible', 'case.approve', true),
  t('approved', 'travel_preparation'),
  via('departure', 'travel_preparation', 'departed', 'travel.manage'),
  via('arrival', 'departed', 'arrived', 'reception.manage'),
  // The approval of the reintegration plan starts reintegration; the delivery (or cancellation) of
  // the approved plan's last component moves the case on to monitoring.
  via('reintegration', 'arrived', 'reintegration', 'reintegration.approve', false, admittedGuard('reintegration')),
  via('reintegration', 'reintegration', 'monitoring', 'reintegration.plan', false, admittedGuard('monitoring')),
  t('monitoring', 'closed', 'case.close', true),
  t('arrived', 'closed', 'case.close', true),
  t('reintegration', 'closed', 'case.close', true),
  // The migrant may withdraw at any moment before departure; the reason is theirs to give.
  ...PRE_DEPARTURE.map((from) => via('withdrawal', from, 'withdrawn', 'case.transition')),
  // A withdrawn or ineligible case can be reopened for a new decision, or closed.
  t('withdrawn', 'counselling', 'case.transition', true),
  t('ineligible', 'counselling', 'case.approve', true),
  t('withdrawn', 'closed', 'case.close', true),
  t('ineligible', 'closed', 'case.close', true),
  ...[...PRE_DEPARTURE, ...AFTER_ARRIVAL].map((from) => t(from, 'suspended', 'case.transition', true)),
  // Resuming returns the case to where it was suspended from (see allowedTransitions).
  ...[...PRE_DEPARTURE, ...AFTER_ARRIVAL].map((to) => t('suspended', to, 'case.close', true, both(resumeGuard, admittedGuard(to)))),
];

export const initialStage = (kind: CaseKind): Stage => (kind === 'post_arrival' ? 'arrived' : 'registered');

/** The moves available from the case's stage, before permissions. */
export function transitionsFrom(ctx: GuardContext): Transition[] {
  return TRANSITIONS.filter((tr) => {
    if (tr.from !== ctx.stage) return false;
    if (tr.from === 'suspended') return tr.to === ctx.stageBeforeSuspension;
    // Cases of people returned by governments have no pre-departure stages at all.
    if (ctx.kind === 'post_arrival' && (PRE_DEPARTURE.includes(tr.to) || tr.to === 'departed' || tr.to === 'withdrawn')) return false;
    return true;
  });
}

export function findTransition(ctx: GuardContext, to: Stage): Transition | undefined {
  return transitionsFrom(ctx).find((tr) => tr.to === to);
}

export const PRE_DEPARTURE_STAGES: readonly Stage[] = PRE_DEPARTURE;
/** Stages of assistance after arrival, which a post-arrival case enters only once admitted. */
export const ASSISTANCE_STAGES: readonly Stage[] = ASSISTANCE;

/** Stages after the returnee left (post-arrival cases never had a pre-departure part): what was decided before departure is settled. */
export const AFTER_DEPARTURE_STAGES: readonly Stage[] = ['departed', 'arrived', 'reintegration', 'monitoring', 'closed'];

/** Whether the returnee has departed (or the case began after arrival). */
export const hasDeparted = (c: { kind: CaseKind; stage: string }) => c.kind === 'post_arrival' || (AFTER_DEPARTURE_STAGES as readonly string[]).includes(c.stage);

/**
 * The stages at which an action of another capability may happen, besides its own checks (the
 * moves it makes are in `TRANSITIONS`). One place for the preconditions the use cases check.
 */
export const ACTION_STAGES = {
  /** An informed decision: from counselling until travel. */
  'decision.record': ['counselling', 'decision_recorded', 'application_submitted', 'approved', 'travel_preparation'],
  /** The application is submitted once the decisions are recorded. */
  'application.submit': ['decision_recorded'],
  /** The pending application is approved or rejected. */
  'application.decide': ['application_submitted'],
  /** A booking: once approved (the first booking moves the case to travel preparation). */
  'travel.book': ['approved', 'travel_preparation'],
  /** Rebooking, status changes other than a cancellation, and the departure. */
  'travel.prepare': ['travel_preparation'],
  /** The arrival is confirmed for a departed case. */
  'arrival.confirm': ['departed'],
  /** The reintegration plan is drafted with the returnee, before departure or after arrival. */
  'reintegration.plan': ['approved', 'travel_preparation', 'departed', 'arrived', 'reintegration', 'monitoring'],
  /** A version of the plan is approved once the returnee has arrived (the first approval starts reintegration). */
  'reintegration.approve': ['arrived', 'reintegration', 'monitoring'],
  /** The sustainability survey at arrival (the arrival assessment), before and alongside the plan. */
  'arrival.assess': ['arrived', 'reintegration', 'monitoring'],
  /** The components of the approved plan are delivered during reintegration (and monitoring). */
  'reintegration.deliver': ['reintegration', 'monitoring'],
} as const satisfies Record<string, readonly Stage[]>;
export type StagedAction = keyof typeof ACTION_STAGES;

/** Whether the case's stage allows the action (`ACTION_STAGES`). */
export const stageAllows = (action: StagedAction, c: { stage: string }): boolean => (ACTION_STAGES[action] as readonly string[]).includes(c.stage);
