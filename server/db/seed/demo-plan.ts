/**
 * The demo cases as a plan: for each case its office, household, the path it takes through the
 * workflow (with the reasons the workflow asks for), when each move happened and the notes
 * written along the way. Pure and deterministic: the same seed gives the same plan; only the
 * end of the timeline follows the clock.
 */
import type { CaseKind, LegalStatus, Stage } from '../../../shared/cases.js';
import type { CreateCaseInput } from '../../../shared/schemas/cases.js';
import { household, respell, type Household } from './demo-people.js';
import { Random } from './random.js';

export type StaffRole = 'register' | 'counsel' | 'case' | 'manage' | 'reintegrate' | 'monitor';

export interface PlannedStep {
  to: Stage;
  reason?: string;
  at: Date;
}
export interface PlannedNote {
  /** Written after this many steps (0: right after registration). */
  afterStep: number;
  body: string;
  sensitive: boolean;
  role: StaffRole;
  at: Date;
}
export interface PlannedCase {
  officePrefix: string;
  kind: CaseKind;
  createdAt: Date;
  input: Omit<CreateCaseInput, 'officeId' | 'ownerId'>;
  /** Who owns the case: the registering user, or the counsellor. */
  ownerRole: StaffRole;
  steps: PlannedStep[];
  notes: PlannedNote[];
  target: Stage;
  /** An unaccompanied minor. */
  uam?: boolean;
  /**
   * Admitted and still without a reintegration plan, whatever day the demo data are made on: the
   * first person returned by a government who stays arrived, at each origin office receiving them.
   */
  awaitsPlan?: boolean;
}

/** Offices the plan draws cases for, with where their returnees go. */
export interface OfficePlan {
  prefix: string;
  country: string;
  kind: 'host' | 'transit' | 'origin';
  partner?: boolean;
  returns: [string, number][];
  /** The office has a counsellor who may own cases. */
  counsellor?: boolean;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

// ---------------------------------------------------------------------------------------------
// How many cases end in each stage.

const HOST_TARGETS: [Stage, number][] = [
  ['registered', 16], ['counselling', 22], ['decision_recorded', 14], ['application_submitted', 18], ['approved', 12],
  ['travel_preparation', 16], ['departed', 6], ['arrived', 12], ['reintegration', 30], ['monitoring', 30], ['closed', 60],
  ['withdrawn', 22], ['ineligible', 12], ['suspended', 10],
];
const PARTNER_TARGETS: [Stage, number][] = [
  ['registered', 5], ['counselling', 6], ['decision_recorded', 3], ['application_submitted', 5], ['withdrawn', 2], ['suspended', 1],
];
const POST_ARRIVAL_TARGETS: [Stage, number][] = [['arrived', 7], ['reintegration', 10], ['monitoring', 7], ['closed', 5], ['suspended', 1]];

const expand = (targets: [Stage, number][]) => targets.flatMap(([s, k]) => Array.from({ length: k }, () => s));

// ---------------------------------------------------------------------------------------------
// Reasons and notes.

const REASONS = {
  withdrawn: [
    'Decided to stay: an appeal against the asylum decision has been lodged.',
    'Obtained a residence permit through work.',
    'Changed mind after news of insecurity in the area of return.',
    'Family members in the host country asked them to stay.',
    'Wishes to wait until the children finish the school year.',
  ],
  ineligible: [
    'Nationality not covered by the project.',
    "Holds a valid residence permit in another Schengen state; referred to that country's programme.",
    "Arrived after the project's cut-off date.",
    'Already assisted to return under the same project in 2021; not eligible again.',
  ],
  suspendedBefore: [
    'Hospitalised; travel postponed until fit to travel.',
    'Waiting for the embassy to issue a laissez-passer.',
    "Court hearing pending; case on hold at the migrant's request.",
    'Family member missing; tracing in progress.',
  ],
  suspendedAfter: [
    'Returnee moved to another province; contact lost for now.',
    'Security situation in the area of return; visits on hold.',
    'Returnee abroad temporarily for family reasons.',
  ],
  resume: ['Fit-to-travel certificate received.', 'Laissez-passer issued.', 'Contact re-established; the migrant confirmed the plan.', 'Situation cleared; case resumed.'],
  reconsider: ['Asked for more time to discuss the decision with family.', 'Wants more information on the reintegration package before confirming.'],
  reopen: ['Came back to the office: wishes to return after all.', 'New counselling requested by the migrant.'],
  closeMonitoring: [
    'Final monitoring visit at 12 months: reintegration sustainable on all three dimensions.',
    'Monitoring completed; business running and household income stable.',
    'Monitoring ended: returnee unreachable after three attempts.',
  ],
  closeReintegration: ['All tranches paid; returnee declined further monitoring.', 'Returnee relocated abroad for work; follow-up not possible.'],
  closeArrived: ['Travel assistance only under this project; no reintegration component.', 'Returnee declined reintegration assistance.'],
  closeWithdrawn: ['No contact for six months after the withdrawal.'],
  closeIneligible: ['Referred to another programme; file closed.'],
};

const CITIES: Record<string, string[]> = {
  IQ: ['Baghdad', 'Mosul', 'Basra', 'Erbil', 'Sulaymaniyah', 'Najaf', 'Duhok'],
  AF: ['Kabul', 'Herat', 'Mazar-i-Sharif', 'Jalalabad', 'Kandahar'],
  NG: ['Lagos', 'Benin City', 'Kano', 'Enugu', 'Ibadan', 'Abuja'],
  BR: ['São Paulo', 'Goiânia', 'Belo Horizonte', 'Recife', 'Governador Valadares'],
  LK: ['Colombo', 'Jaffna', 'Kandy', 'Batticaloa', 'Negombo'],
  EC: ['Quito', 'Guayaquil', 'Cuenca', 'Manta', 'Riobamba'],
};
const AIRPORTS: Record<string, string> = {
  IQ: 'Baghdad International Airport', AF: 'Kabul International Airport', NG: 'Murtala Muhammed International Airport, Lagos',
  BR: 'São Paulo/Guarulhos Airport', LK: 'Bandaranaike International Airport', EC: 'Mariscal Sucre Airport, Quito',
};
const HOST_AIRPORTS: Record<string, string> = {
  BE: 'Brussels Airport', DE: 'Frankfurt Airport', NL: 'Amsterdam Schiphol', GB: 'London Heathrow', MA: 'Rabat-Salé Airport',
  ID: 'Soekarno-Hatta Airport', MX: 'Mexico City Airport',
};
const HOST_NAMES: Record<string, string> = { BE: 'Belgium', DE: 'Germany', NL: 'the Netherlands', GB: 'the United Kingdom' };
const LANGUAGE_NAMES: Record<string, string> = {
  ar: 'Arabic', ckb: 'Sorani Kurdish', ps: 'Pashto', prs: 'Dari', fa: 'Farsi', yo: 'Yoruba', ig: 'Igbo', ha: 'Hausa', pt: 'Portuguese',
  si: 'Sinhala', ta: 'Tamil', es: 'Spanish', en: 'English',
};
const BUSINESSES = ['a small grocery shop', 'a mobile-phone repair stall', 'a taxi (second-hand car)', 'a tailoring workshop', 'poultry farming', 'a bakery', 'a barber shop', 'a fruit and vegetable stall'];

interface NoteContext {
  r: Random;
  c: PlannedCase;
  h: Household;
  office: OfficePlan;
}

type NoteTemplate = (x: NoteContext) => { body: string; role: StaffRole; sensitive?: boolean } | null;

const city = (x: NoteContext) => x.r.pick(CITIES[x.c.input.countryOfReturn]);
const size = (x: NoteContext) => x.c.input.members.length + 1;
const lang = (x: NoteContext) => LANGUAGE_NAMES[x.c.input.principal.languages[0]] ?? 'the family’s language';

const NOTES: Partial<Record<Stage, NoteTemplate[]>> = {
  registered: [
    (x) => ({ role: 'register', body: `First visit to the office. ${size(x) > 1 ? `Household of ${size(x)}.` : 'Travels alone.'} ${lang(x)} interpreter needed for counselling.` }),
    (x) => ({ role: 'register', body: `Referred by the reception centre's social worker. Wishes to return to ${city(x)}.` }),
    (x) => (x.office.partner ? { role: 'register', body: 'Met during the weekly outreach session at the day centre; information leaflet given.' } : null),
  ],
  counselling: [
    (x) => ({ role: 'counsel', body: `Counselling session with ${lang(x)} interpreter. Discussed the situation in ${city(x)}, the return package and the timeline.` }),
    (x) =>
      x.c.input.members.some((m) => m.relationship === 'child')
        ? { role: 'counsel', body: 'Second counselling session: questions about school enrolment for the children and housing on return.' }
        : { role: 'counsel', body: 'Second counselling session: questions about housing and work on return.' },
    () => ({ role: 'counsel', body: 'Country-of-origin information sheet handed over and explained; the migrant will think it over.' }),
  ],
  decision_recorded: [
    (x) => ({ role: 'counsel', body: `Signed the voluntary return declaration after counselling; confirmed the decision is ${x.c.input.principal.sex === 'female' ? 'her' : 'his'} own and free of pressure.` }),
  ],
  application_submitted: [
    (x) => ({ role: 'case', body: `Application sent with copies of the identity documents of ${size(x) > 1 ? `all ${size(x)} household members` : 'the applicant'}.` }),
  ],
  approved: [() => ({ role: 'manage', body: 'Approved under the current project. Please start travel preparation.' })],
  travel_preparation: [
    () => ({ role: 'case', body: 'Laissez-passer requested from the embassy; appointment next week.' }),
    (x) => ({ role: 'case', body: `Flight booked from ${HOST_AIRPORTS[x.office.country] ?? 'the capital'} to ${AIRPORTS[x.c.input.countryOfReturn]}; ticket sent by message.` }),
    () => ({ role: 'case', body: 'Fit-to-travel certificate received from the GP.' }),
  ],
  departed: [(x) => ({ role: 'case', body: `Departed from ${HOST_AIRPORTS[x.office.country] ?? 'the airport'}; accompanied to the gate, no escort needed.` })],
  arrived: [
    (x) => ({ role: 'case', body: `Arrival at ${AIRPORTS[x.c.input.countryOfReturn]} confirmed by phone; reception assistance provided.` }),
    (x) =>
      x.c.kind === 'post_arrival'
        ? { role: 'register', body: `Returned from ${x.r.pick(Object.values(HOST_NAMES))} by the authorities; met after admission at ${AIRPORTS[x.c.input.countryOfReturn]} and referred to the office.` }
        : null,
  ],
  reintegration: [
    (x) => ({ role: 'reintegrate', body: `Reintegration plan agreed with the returnee: ${x.r.pick(BUSINESSES)} in ${city(x)}. First tranche paid to the supplier.` }),
    () => ({ role: 'reintegrate', body: 'Business-development training (basic module) attended; second tranche due after the next visit.' }),
  ],
  monitoring: [
    () => ({ role: 'monitor', body: '3-month monitoring call: business running; family housed with relatives.' }),
    () => ({ role: 'monitor', body: '6-month on-site visit: receipts checked against the plan; photos of the shop added to the file.' }),
  ],
};

const SENSITIVE: NoteTemplate[] = [
  () => ({ role: 'counsel', sensitive: true, body: 'Disclosed symptoms of trauma (sleeplessness, flashbacks). Referral to psychosocial support on return requested.' }),
  () => ({ role: 'counsel', sensitive: true, body: 'Reported forced work without pay during transit; possible trafficking indicators. Discussed with the VoT focal point.' }),
  (x) => ({ role: 'counsel', sensitive: true, body: `${x.c.input.members.find((m) => m.person.sex === 'female' && m.relationship === 'spouse') ? 'The wife is' : 'Is'} pregnant (about 5 months); fit-to-travel certificate and medical escort to be arranged.` }),
  () => ({ role: 'counsel', sensitive: true, body: 'Chronic condition (type 2 diabetes): three months of medication to be supplied before departure; medical assistance on arrival.' }),
];

const UAM_NOTES: NoteTemplate[] = [
  () => ({ role: 'counsel', sensitive: true, body: 'Unaccompanied minor. The appointed guardian attended the session and must consent to any decision.' }),
  (x) => ({ role: 'counsel', sensitive: true, body: `Family tracing requested through the ${x.c.input.countryOfReturn === 'AF' ? 'Kabul' : 'origin-country'} office; best-interests assessment pending before any return.` }),
];

// ---------------------------------------------------------------------------------------------
// Paths through the workflow.

const MAIN: Stage[] = ['counselling', 'decision_recorded', 'application_submitted', 'approved', 'travel_preparation', 'departed', 'arrived', 'reintegration', 'monitoring'];
const RESUMABLE: Stage[] = ['registered', 'counselling', 'decision_recorded', 'application_submitted', 'approved', 'travel_preparation', 'arrived', 'reintegration', 'monitoring'];

/** Days from the previous move to this one, by destination (and origin where it matters). */
function gapDays(r: Random, from: Stage, to: Stage): number {
  switch (to) {
    case 'counselling':
      return from === 'registered' ? r.int(2, 14) : from === 'decision_recorded' ? r.int(1, 7) : r.int(10, 60);
    case 'decision_recorded': return r.int(7, 30);
    case 'application_submitted': return r.int(2, 10);
    case 'approved': return r.int(5, 25);
    case 'travel_preparation': return r.int(1, 5);
    case 'departed': return r.int(10, 45);
    case 'arrived': return from === 'departed' ? -1 : r.int(14, 90);
    case 'reintegration': return from === 'suspended' ? r.int(14, 90) : r.int(7, 30);
    case 'monitoring': return from === 'suspended' ? r.int(14, 90) : r.int(60, 180);
    case 'closed':
      return from === 'monitoring' ? r.int(90, 365) : from === 'reintegration' ? r.int(60, 200) : from === 'arrived' ? r.int(5, 30) : r.int(30, 120);
    case 'withdrawn': return r.int(1, 30);
    case 'ineligible': return r.int(3, 20);
    case 'suspended': return r.int(3, 30);
    default: return r.int(14, 90); // resuming
  }
}

/** Days since the last move, for a case that is still where it stands. */
function slackDays(r: Random, stage: Stage): number | 'any' {
  const ranges: Partial<Record<Stage, [number, number]>> = {
    registered: [0, 12], counselling: [0, 25], decision_recorded: [0, 12], application_submitted: [0, 25], approved: [0, 6],
    travel_preparation: [0, 30], departed: [0, 1], arrived: [0, 25], reintegration: [0, 200], monitoring: [0, 300], suspended: [0, 200],
  };
  const range = ranges[stage];
  return range ? r.int(range[0], range[1]) : 'any';
}

function walkTo(stage: Stage, from: Stage = 'registered'): Stage[] {
  const start = from === 'registered' ? 0 : MAIN.indexOf(from) + 1;
  const end = MAIN.indexOf(stage);
  return end < 0 ? [] : MAIN.slice(start, end + 1);
}

/** The moves of a voluntary return ending in the target stage, with detours now and then. */
function voluntaryPath(r: Random, target: Stage, partner: boolean): { to: Stage; reason?: string }[] {
  let path: { to: Stage; reason?: string }[];
  const plain = (stages: Stage[]) => stages.map((to) => ({ to }));
  switch (target) {
    case 'registered':
      path = [];
      break;
    case 'withdrawn': {
      const from = partner
        ? r.pick<Stage>(['registered', 'counselling', 'decision_recorded'])
        : r.weighted<Stage>([['registered', 20], ['counselling', 35], ['decision_recorded', 15], ['application_submitted', 12], ['approved', 8], ['travel_preparation', 10]]);
      path = [...plain(walkTo(from)), { to: 'withdrawn', reason: r.chance(0.7) ? r.pick(REASONS.withdrawn) : undefined }];
      break;
    }
    case 'ineligible': {
      const from = r.weighted<Stage>([['registered', 30], ['counselling', 30], ['application_submitted', 40]]);
      path = [...plain(walkTo(from)), { to: 'ineligible', reason: r.pick(REASONS.ineligible) }];
      break;
    }
    case 'suspended': {
      const from = partner
        ? r.pick<Stage>(['registered', 'counselling', 'decision_recorded'])
        : r.pick<Stage>(['counselling', 'application_submitted', 'approved', 'travel_preparation', 'arrived', 'reintegration']);
      const after = ['arrived', 'reintegration'].includes(from);
      path = [...plain(walkTo(from)), { to: 'suspended', reason: r.pick(after ? REASONS.suspendedAfter : REASONS.suspendedBefore) }];
      break;
    }
    case 'closed': {
      const route = r.weighted([['monitoring', 65], ['reintegration', 12], ['arrived', 10], ['withdrawn', 8], ['ineligible', 5]] as const);
      if (route === 'withdrawn' || route === 'ineligible') {
        path = [...voluntaryPath(r, route, partner), { to: 'closed', reason: r.pick(route === 'withdrawn' ? REASONS.closeWithdrawn : REASONS.closeIneligible) }];
        return path;
      }
      const reasons = route === 'monitoring' ? REASONS.closeMonitoring : route === 'reintegration' ? REASONS.closeReintegration : REASONS.closeArrived;
      path = [...plain(walkTo(route)), { to: 'closed', reason: r.pick(reasons) }];
      break;
    }
    default:
      path = plain(walkTo(target));
  }
  // Detours: reconsidering the decision, a suspension and resumption, a withdrawal and reopening.
  const at = (s: Stage) => path.findIndex((p) => p.to === s);
  const decided = at('decision_recorded');
  if (decided >= 0 && decided < path.length - 1 && r.chance(0.12)) {
    path.splice(decided + 1, 0, { to: 'counselling', reason: r.pick(REASONS.reconsider) }, { to: 'decision_recorded' });
  }
  const counselled = at('counselling');
  if (counselled >= 0 && counselled < path.length - 1 && r.chance(0.04)) {
    path.splice(counselled + 1, 0, { to: 'withdrawn' }, { to: 'counselling', reason: r.pick(REASONS.reopen) });
  }
  if (!partner && path.length >= 3 && r.chance(0.08)) {
    const i = r.int(0, path.length - 2);
    const stage = path[i].to;
    if (RESUMABLE.includes(stage)) {
      const after = ['arrived', 'reintegration', 'monitoring'].includes(stage);
      path.splice(i + 1, 0, { to: 'suspended', reason: r.pick(after ? REASONS.suspendedAfter : REASONS.suspendedBefore) }, { to: stage, reason: r.pick(REASONS.resume) });
    }
  }
  return path;
}

function postArrivalPath(r: Random, target: Stage): { to: Stage; reason?: string }[] {
  switch (target) {
    case 'arrived': return [];
    case 'reintegration': return [{ to: 'reintegration' }];
    case 'monitoring': return [{ to: 'reintegration' }, { to: 'monitoring' }];
    case 'closed': return [{ to: 'reintegration' }, { to: 'monitoring' }, { to: 'closed', reason: r.pick(REASONS.closeMonitoring) }];
    case 'suspended': return [{ to: 'reintegration' }, { to: 'suspended', reason: r.pick(REASONS.suspendedAfter) }];
    default: throw new Error(`no post-arrival path to ${target}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Time.

/** Moves a time to office hours on a weekday of the same or a later day. */
function officeHours(r: Random, t: number) {
  const d = new Date(t);
  d.setUTCHours(r.int(7, 15), r.int(0, 59), r.int(0, 59), 0);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.getTime();
}

/**
 * Times for the registration and each move: gaps drawn per move, the last move `slack` days
 * before the end of the timeline (or anywhere in it for finished cases).
 */
function schedule(r: Random, path: { to: Stage }[], first: Stage, windowStart: number, end: number, target: Stage): number[] {
  let from = first;
  const gaps = path.map((p) => {
    const g = gapDays(r, from, p.to);
    from = p.to;
    return g;
  });
  const total = gaps.reduce((s, g) => s + Math.max(g, 0), 0) * DAY;
  const slack = slackDays(r, target);
  const room = end - windowStart - total;
  // Finished cases lean towards the older part of the timeline.
  let startAt = slack === 'any' ? end - total - Math.max(room, 0) * (1 - (1 - r.next()) ** 1.6) : end - total - slack * DAY;
  if (startAt < windowStart) startAt = windowStart + r.between(0, 20) * DAY;
  const scale = startAt + total > end ? (end - startAt) / total : 1;
  const times = [officeHours(r, startAt)];
  for (const g of gaps) {
    const prev = times[times.length - 1];
    // A flight lands hours after it left; everything else happens in office hours on a later day.
    times.push(g < 0 ? prev + r.between(4, 14) * HOUR : officeHours(r, prev + Math.max(1, Math.round(g * scale)) * DAY));
  }
  // Whole weeks back when office hours pushed the last move past the end: weekdays stay weekdays.
  const over = times[times.length - 1] - (end - 2 * HOUR);
  if (over > 0) {
    const back = Math.ceil(over / (7 * DAY)) * 7 * DAY;
    return times.map((t) => t - back);
  }
  return times;
}

// ---------------------------------------------------------------------------------------------
// The plan.

const HOST_LEGAL: [LegalStatus, number][] = [['asylum_rejected', 38], ['asylum_pending', 15], ['irregular_stay', 33], ['regular_stay', 8], ['other', 6]];
const TRANSIT_LEGAL: [LegalStatus, number][] = [['stranded_migrant', 60], ['irregular_stay', 35], ['other', 5]];

export interface PlanOptions {
  seed: number;
  end: Date;
  offices: OfficePlan[];
  /** Cases per office prefix, for the host and transit offices (the rest is split by weight). */
  hostShares: [string, number][];
  partnerShares: [string, number][];
  postArrivalShares: [string, number][];
}

export function planCases(o: PlanOptions): PlannedCase[] {
  const r = new Random(o.seed);
  const end = o.end.getTime();
  const windowStart = Date.UTC(2024, 0, 8, 8);
  const office = (prefix: string) => {
    const found = o.offices.find((x) => x.prefix === prefix);
    if (!found) throw new Error(`No office ${prefix}`);
    return found;
  };
  const spread = (targets: Stage[], shares: [string, number][]) => {
    const total = shares.reduce((s, [, w]) => s + w, 0);
    const slots: string[] = [];
    let acc = 0;
    shares.forEach(([prefix, w], i) => {
      const upto = i === shares.length - 1 ? targets.length : Math.round(((acc + w) / total) * targets.length);
      while (slots.length < upto) slots.push(prefix);
      acc += w;
    });
    return r.shuffle(targets).map((target, i) => ({ target, prefix: slots[i] }));
  };

  const cases: PlannedCase[] = [];
  const households = new Map<PlannedCase, Household>();
  const add = (prefix: string, target: Stage, kind: CaseKind, uam = false) => {
    const of = office(prefix);
    const path = kind === 'post_arrival' ? postArrivalPath(r, target) : voluntaryPath(r, target, Boolean(of.partner));
    const first: Stage = kind === 'post_arrival' ? 'arrived' : 'registered';
    const times = schedule(r, path, first, kind === 'post_arrival' ? Date.UTC(2024, 5, 3, 8) : windowStart, end, target);
    const countryOfReturn = kind === 'post_arrival' ? of.country : r.weighted(of.returns);
    const createdAt = new Date(times[0]);
    const h = household(r, { countryOfReturn, officeCountry: of.country, at: createdAt, postArrival: kind === 'post_arrival', unaccompaniedMinor: uam });
    const legalStatus: LegalStatus = uam
      ? 'asylum_pending'
      : kind === 'post_arrival'
        ? r.pick<LegalStatus>(['other', 'irregular_stay'])
        : r.weighted(of.kind === 'transit' ? TRANSIT_LEGAL : HOST_LEGAL);
    const c: PlannedCase = {
      officePrefix: prefix,
      kind,
      createdAt,
      target,
      input: { kind, legalStatus, countryOfReturn, principal: h.principal.input, members: h.members.map((m) => ({ relationship: m.relationship, person: m.person.input })) },
      ownerRole: of.counsellor && r.chance(0.25) ? 'counsel' : kind === 'post_arrival' ? 'reintegrate' : 'register',
      steps: path.map((p, i) => ({ ...p, at: new Date(times[i + 1]) })),
      notes: [],
    };
    cases.push(c);
    households.set(c, h);
    return c;
  };

  for (const { target, prefix } of spread(expand(HOST_TARGETS), o.hostShares)) add(prefix, target, 'voluntary_return');
  for (const { target, prefix } of spread(expand(PARTNER_TARGETS), o.partnerShares)) add(prefix, target, 'voluntary_return');
  for (const { target, prefix } of spread(expand(POST_ARRIVAL_TARGETS), o.postArrivalShares)) add(prefix, target, 'post_arrival');
  for (const [prefix] of o.postArrivalShares) {
    const first = cases.find((c) => c.kind === 'post_arrival' && c.officePrefix === prefix && c.target === 'arrived');
    if (first) first.awaitsPlan = true;
  }

  // Unaccompanied minors: a few cases before departure in the EU offices are a child alone.
  const uamCandidates = cases.filter((c) => ['BE', 'DE', 'NL'].includes(c.officePrefix) && ['counselling', 'decision_recorded', 'application_submitted'].includes(c.target));
  for (const c of r.shuffle(uamCandidates).slice(0, 3)) {
    const h = household(r, { countryOfReturn: c.input.countryOfReturn, officeCountry: office(c.officePrefix).country, at: c.createdAt, unaccompaniedMinor: true });
    c.input = { ...c.input, legalStatus: 'asylum_pending', principal: h.principal.input, members: [] };
    households.set(c, h);
    c.uam = true;
  }

  // Near-duplicates: the same person registered again, spelled differently, in the same office
  // (where the duplicate warning shows to the office's staff) or in another one.
  const pairs: [string, string][] = [['BE', 'BE'], ['BE', 'BE'], ['DE', 'DE'], ['GB', 'GB'], ['NL', 'NL'], ['BE', 'DE'], ['DE', 'NL']];
  const used = new Set<PlannedCase>();
  for (const [a, b] of pairs) {
    const firsts = r.shuffle(cases.filter((c) => c.officePrefix === a && !used.has(c) && c.kind === 'voluntary_return' && ['withdrawn', 'closed', 'ineligible', 'suspended', 'monitoring'].includes(c.target)));
    let done = false;
    for (const first of firsts) {
      const second = cases.find((c) =>
        c.officePrefix === b && !used.has(c) && c !== first && c.input.countryOfReturn === first.input.countryOfReturn &&
        ['registered', 'counselling', 'decision_recorded'].includes(c.target) &&
        !c.uam && c.createdAt.getTime() > first.createdAt.getTime() + 60 * DAY);
      if (!second) continue;
      const h1 = households.get(first)!;
      const again = respell(r, h1.principal, office(b).country);
      second.input = { ...second.input, principal: again.input, members: first.input.members.map((m) => ({ ...m, person: { ...m.person, phone: null } })) };
      households.set(second, { ...h1, principal: again });
      used.add(first).add(second);
      done = true;
      break;
    }
    if (!done) throw new Error(`demo data: no near-duplicate pair found for ${a}/${b}`);
  }

  // Notes: about half the cases get a few, sometimes a sensitive one.
  for (const c of cases) {
    const h = households.get(c)!;
    const x: NoteContext = { r, c, h, office: office(c.officePrefix) };
    const stages: Stage[] = [c.kind === 'post_arrival' ? 'arrived' : 'registered', ...c.steps.map((s) => s.to)];
    const times = [c.createdAt, ...c.steps.map((s) => s.at)];
    const wanted = c.uam ? 1 : r.chance(0.55) ? r.int(1, 3) : 0;
    const picks = new Set<number>();
    for (let k = 0; k < wanted * 2 && picks.size < wanted; k++) picks.add(r.int(0, stages.length - 1));
    for (const i of [...picks].sort((p, q) => p - q)) {
      const templates = NOTES[stages[i]];
      if (!templates) continue;
      const note = r.pick(templates)(x);
      if (!note) continue;
      c.notes.push(noteAt(r, note, i, times, end));
    }
    const pre = stages.findIndex((s) => s === 'counselling');
    if (c.uam && pre >= 0) {
      for (const t of UAM_NOTES) c.notes.push(noteAt(r, t(x)!, pre, times, end));
    } else if (!office(c.officePrefix).partner && pre >= 0 && r.chance(0.12)) {
      c.notes.push(noteAt(r, r.pick(SENSITIVE)(x)!, pre, times, end));
    }
    c.notes.sort((p, q) => p.at.getTime() - q.at.getTime());
  }
  return cases.sort((p, q) => p.createdAt.getTime() - q.createdAt.getTime());
}

function noteAt(r: Random, note: { body: string; role: StaffRole; sensitive?: boolean }, step: number, times: Date[], end: number): PlannedNote {
  const after = times[step].getTime();
  const next = times[step + 1]?.getTime() ?? end;
  const at = Math.max(after + 60_000, Math.min(after + r.int(10, 240) * 60_000, after + (next - after) / 2));
  return { afterStep: step, body: note.body, sensitive: Boolean(note.sensitive), role: note.role, at: new Date(at) };
}
