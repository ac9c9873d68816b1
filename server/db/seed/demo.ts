/**
 * Demo data for a first start on an empty database: an implementing organisation with host,
 * transit and origin offices, partner NGOs, a user for every built-in role, and about 330 cases
 * spread over every stage of the workflow.
 *
 * Organisations, offices and users are inserted directly; every case, stage change and note goes
 * through the same use cases the API calls (registerCase, transitionCase, addNote), with a clock
 * set to the moment each happened, so that history, audit trail and case numbers look real.
 * The content is generated from a fixed seed: the same people and paths on every load.
 */
import { sql } from 'kysely';
import type { Permission } from '../../../shared/access.js';
import type { Stage } from '../../../shared/cases.js';
import { createCaseBody } from '../../../shared/schemas/cases.js';
import { ensureBuiltinRoles, hashPassword } from '../../modules/access/index.js';
import { addNote, registerCase, transitionCase, TRANSITIONS } from '../../modules/cases/index.js';
import { can, type Actor, type Clock } from '../../platform/actor.js';
import { randomToken, type FieldCipher } from '../../platform/crypto.js';
import { usePersonKeyMaster } from '../../platform/person-keys.js';
import type { Db } from '../../platform/db.js';
import { demoCaseLoaded, finishDemoLoad, startDemoLoad, whileLoadingDemo } from '../../platform/demo-load.js';
import { loadGrants } from '../../platform/session.js';
import { planCases, type OfficePlan, type PlannedCase, type StaffRole } from './demo-plan.js';
import { DEMO_ACTIONS } from './demo-actions.js';
import { DEMO_CAPABILITIES } from './demo-capabilities.js';
// The ports and hooks between modules, as the app connects them.
import '../../compose.js';
import type { DemoCaseContext } from './demo-context.js';

export interface DemoResult {
  signIns: { role: string; email: string; password: string }[];
}

/** The demo's offices and users are in; its cases are still to load. */
export interface PreparedDemo extends DemoResult {
  casesTotal: number;
  /**
   * Registers the cases and walks each through the workflow (about 45 s on 2 cores), counting
   * them in `demo_load` as they land. `stopped` is asked between cases: once it says yes, the
   * load ends where it is ('stopped'), and the next start marks it interrupted.
   */
  loadCases(options?: { stopped?: () => boolean }): Promise<'loaded' | 'stopped'>;
}

const SEED = 20_240_108;
/** Cases moved through the workflow at the same time (registrations stay in order). */
const CONCURRENCY = 4;
const EMAIL_DOMAIN = 'demo.homeward.test';

const IMPLEMENTING = 'International Return and Reintegration Service';
const PARTNERS = { SRN: 'Solidarity Return Network', SHF: 'Safe Home Foundation', NCA: 'Nuevo Camino Asociación' } as const;

interface OfficeSpec extends OfficePlan {
  name: string;
  organisation: string;
}

const OFFICES: OfficeSpec[] = [
  { prefix: 'BE', country: 'BE', kind: 'host', name: 'Belgium – Brussels', organisation: IMPLEMENTING, counsellor: true, returns: [['IQ', 35], ['AF', 25], ['NG', 20], ['BR', 20]] },
  { prefix: 'DE', country: 'DE', kind: 'host', name: 'Germany – Berlin', organisation: IMPLEMENTING, counsellor: true, returns: [['IQ', 35], ['AF', 30], ['NG', 15], ['LK', 20]] },
  { prefix: 'NL', country: 'NL', kind: 'host', name: 'Netherlands – The Hague', organisation: IMPLEMENTING, returns: [['IQ', 40], ['NG', 30], ['LK', 30]] },
  { prefix: 'GB', country: 'GB', kind: 'host', name: 'United Kingdom – London', organisation: IMPLEMENTING, returns: [['IQ', 35], ['LK', 35], ['NG', 30]] },
  { prefix: 'MA', country: 'MA', kind: 'transit', name: 'Morocco – Rabat', organisation: IMPLEMENTING, returns: [['NG', 1]] },
  { prefix: 'ID', country: 'ID', kind: 'transit', name: 'Indonesia – Jakarta', organisation: IMPLEMENTING, returns: [['LK', 40], ['AF', 60]] },
  { prefix: 'MX', country: 'MX', kind: 'transit', name: 'Mexico – Mexico City', organisation: IMPLEMENTING, returns: [['EC', 65], ['BR', 35]] },
  { prefix: 'IQ', country: 'IQ', kind: 'origin', name: 'Iraq – Baghdad', organisation: IMPLEMENTING, returns: [] },
  { prefix: 'AF', country: 'AF', kind: 'origin', name: 'Afghanistan – Kabul', organisation: IMPLEMENTING, returns: [] },
  { prefix: 'NG', country: 'NG', kind: 'origin', name: 'Nigeria – Lagos', organisation: IMPLEMENTING, returns: [] },
  { prefix: 'BR', country: 'BR', kind: 'origin', name: 'Brazil – Brasília', organisation: IMPLEMENTING, returns: [] },
  { prefix: 'LK', country: 'LK', kind: 'origin', name: 'Sri Lanka – Colombo', organisation: IMPLEMENTING, returns: [] },
  { prefix: 'EC', country: 'EC', kind: 'origin', name: 'Ecuador – Quito', organisation: IMPLEMENTING, returns: [] },
  { prefix: 'BE-SRN', country: 'BE', kind: 'host', partner: true, name: 'Antwerp', organisation: PARTNERS.SRN, returns: [['IQ', 40], ['AF', 30], ['NG', 15], ['BR', 15]] },
  { prefix: 'DE-SHF', country: 'DE', kind: 'host', partner: true, name: 'Hamburg', organisation: PARTNERS.SHF, returns: [['AF', 45], ['IQ', 35], ['LK', 20]] },
  { prefix: 'MX-NCA', country: 'MX', kind: 'host', partner: true, name: 'Tapachula', organisation: PARTNERS.NCA, returns: [] },
];

interface StaffSpec {
  office: string | null;
  role: string;
  email: string;
  name: string;
  language?: 'en' | 'fr' | 'es' | 'ar';
}

const STAFF: StaffSpec[] = [
  { office: 'BE', role: 'caseworker', email: 'caseworker.be', name: 'Sophie Claes', language: 'fr' },
  { office: 'BE', role: 'counsellor', email: 'counsellor.be', name: 'Nadia El Amrani', language: 'fr' },
  { office: 'BE', role: 'office_manager', email: 'manager.be', name: 'Pieter Vermeulen' },
  { office: 'DE', role: 'caseworker', email: 'caseworker.de', name: 'Lena Hoffmann' },
  { office: 'DE', role: 'caseworker', email: 'caseworker2.de', name: 'Tobias Richter' },
  { office: 'DE', role: 'counsellor', email: 'counsellor.de', name: 'Jonas Becker' },
  { office: 'DE', role: 'office_manager', email: 'manager.de', name: 'Katrin Schulz' },
  { office: 'NL', role: 'office_manager', email: 'manager.nl', name: 'Femke de Vries' },
  // Every office that approves applications has a second person: the manager approves what the caseworker submits.
  { office: 'NL', role: 'caseworker', email: 'caseworker.nl', name: 'Sanne Bakker' },
  { office: 'GB', role: 'caseworker', email: 'caseworker.uk', name: 'Priya Shah' },
  { office: 'MA', role: 'caseworker', email: 'caseworker.ma', name: 'Youssef Alaoui', language: 'fr' },
  { office: 'ID', role: 'caseworker', email: 'caseworker.id', name: 'Rizky Pratama' },
  { office: 'MX', role: 'caseworker', email: 'caseworker.mx', name: 'Diego Morales', language: 'es' },
  { office: 'GB', role: 'office_manager', email: 'manager.uk', name: 'Oliver Bennett' },
  { office: 'MA', role: 'office_manager', email: 'manager.ma', name: 'Salma Bennani', language: 'fr' },
  { office: 'ID', role: 'office_manager', email: 'manager.id', name: 'Dewi Lestari' },
  { office: 'MX', role: 'office_manager', email: 'manager.mx', name: 'Alejandra Ruiz Herrera', language: 'es' },
  { office: 'IQ', role: 'office_manager', email: 'manager.iq', name: 'Haider Jawad', language: 'ar' },
  { office: 'IQ', role: 'reintegration_officer', email: 'reintegration.iq', name: 'Rana Al-Najjar' },
  { office: 'IQ', role: 'monitoring_officer', email: 'monitoring.iq', name: 'Zaid Kubba', language: 'ar' },
  { office: 'NG', role: 'office_manager', email: 'manager.ng', name: 'Folasade Akande' },
  { office: 'NG', role: 'reintegration_officer', email: 'reintegration.ng', name: 'Chidinma Okoro' },
  { office: 'NG', role: 'monitoring_officer', email: 'monitoring.ng', name: 'Tunde Bakare' },
  { office: 'AF', role: 'office_manager', email: 'manager.af', name: 'Farida Noori' },
  { office: 'AF', role: 'reintegration_officer', email: 'reintegration.af', name: 'Ahmad Shah Rahimi' },
  { office: 'AF', role: 'monitoring_officer', email: 'monitoring.af', name: 'Mariam Sadat' },
  { office: 'BR', role: 'office_manager', email: 'manager.br', name: 'Luciana Ferreira', language: 'es' },
  { office: 'BR', role: 'reintegration_officer', email: 'reintegration.br', name: 'Rafael Souza' },
  { office: 'LK', role: 'office_manager', email: 'manager.lk', name: 'Nimali Perera' },
  { office: 'LK', role: 'reintegration_officer', email: 'reintegration.lk', name: 'Kasun Jayawardena' },
  { office: 'EC', role: 'office_manager', email: 'manager.ec', name: 'Valeria Cevallos', language: 'es' },
  { office: 'EC', role: 'reintegration_officer', email: 'reintegration.ec', name: 'Andrés Guerrero', language: 'es' },
  { office: 'BE-SRN', role: 'partner_caseworker', email: 'partner.srn', name: 'Eva Janssens' },
  { office: 'DE-SHF', role: 'partner_caseworker', email: 'partner.shf', name: 'Miriam Krüger' },
  { office: null, role: 'me_officer', email: 'me.officer', name: 'Daniel Osei' },
  { office: null, role: 'programme_manager', email: 'programme', name: 'Amina Haddad' },
  { office: null, role: 'finance_officer', email: 'finance', name: 'Grace Mwangi' },
  // Reads who accessed a person and reviews break-glass accesses; opens no case.
  { office: null, role: 'data_protection_officer', email: 'dpo', name: 'Ingrid Halvorsen' },
  { office: null, role: 'administrator', email: 'admin', name: 'Martin Keller' },
  // A second administrator: a role that reaches case data is given only once another approves.
  { office: null, role: 'administrator', email: 'admin2', name: 'Sofia Lindqvist' },
];

/** How the ~300 voluntary returns and 30 post-arrival cases are shared between offices. */
const HOST_SHARES: [string, number][] = [['BE', 70], ['DE', 65], ['NL', 40], ['GB', 40], ['MA', 22], ['ID', 18], ['MX', 25]];
const PARTNER_SHARES: [string, number][] = [['BE-SRN', 12], ['DE-SHF', 10]];
const POST_ARRIVAL_SHARES: [string, number][] = [['IQ', 16], ['NG', 14]];

/** Which staff member of an office does each kind of work, first available wins. */
const WHO: Record<'host' | 'origin' | 'partner', Record<StaffRole, string[]>> = {
  host: {
    register: ['caseworker', 'office_manager'],
    counsel: ['counsellor', 'caseworker', 'office_manager'],
    case: ['caseworker', 'office_manager'],
    reintegrate: ['caseworker', 'office_manager'],
    monitor: ['caseworker', 'office_manager'],
    manage: ['office_manager'],
  },
  origin: {
    register: ['office_manager'],
    counsel: ['office_manager'],
    case: ['reintegration_officer', 'office_manager'],
    reintegrate: ['reintegration_officer', 'office_manager'],
    monitor: ['monitoring_officer', 'office_manager'],
    manage: ['office_manager'],
  },
  partner: {
    register: ['partner_caseworker'],
    counsel: ['partner_caseworker'],
    case: ['partner_caseworker'],
    reintegrate: ['partner_caseworker'],
    monitor: ['partner_caseworker'],
    manage: ['partner_caseworker'],
  },
};

/** The demo cases, in the order they are registered; the same for the same end of the timeline. */
export const planDemoCases = (end: Date): PlannedCase[] =>
  planCases({ seed: SEED, end, offices: OFFICES, hostShares: HOST_SHARES, partnerShares: PARTNER_SHARES, postArrivalShares: POST_ARRIVAL_SHARES });

const fixedClock = (at: Date): Clock => ({ now: () => new Date(at) });

async function actorFor(db: Db, user: { id: string; name: string; email: string; office_id: string | null; organisation_id: string; preferred_language: string }): Promise<Actor> {
  const { roles, grants } = await loadGrants(db, user.id);
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    officeId: user.office_id,
    organisationId: user.organisation_id,
    preferredLanguage: user.preferred_language,
    grants,
    roles: roles.map((r) => ({ id: r.id, key: r.key, name: r.name, scope: r.scope })),
    totpEnabled: false,
    totpEnrolmentRequired: false,
    sessionTokenHash: 'demo',
    csrfToken: 'demo',
    ip: null,
  };
}

type Transition = (typeof TRANSITIONS)[number];

/** The kind of work a move is: approvals and closures are the manager's, counselling the counsellor's. */
function workFor(tr: Transition): StaffRole {
  if (tr.permission === 'case.approve' || tr.permission === 'case.close') return 'manage';
  if (tr.to === 'counselling' || tr.to === 'decision_recorded' || tr.to === 'withdrawn') return 'counsel';
  if (tr.to === 'reintegration') return 'reintegrate';
  if (tr.to === 'monitoring') return 'monitor';
  return 'case';
}

/** The whole demo data at once: offices, users and every case (tests; `main.ts` loads the cases in the background). */
export async function loadDemoData(deps: { db: Db; clock: Clock; cipher: FieldCipher }, log: (m: string) => void): Promise<DemoResult> {
  const { loadCases, signIns } = await prepareDemoData(deps, log);
  await loadCases();
  return { signIns };
}

/**
 * Writes the demo's organisations, offices, users and capabilities' set-up (a second or two), and
 * returns how to load its cases. The first start answers between the two.
 */
export async function prepareDemoData(deps: { db: Db; clock: Clock; cipher: FieldCipher }, log: (m: string) => void): Promise<PreparedDemo> {
  const { db, clock } = deps;
  usePersonKeyMaster(deps.cipher);
  const started = Date.now();
  const end = clock.now();
  const setUpAt = new Date(Date.UTC(2023, 11, 4, 9));

  // Organisations and offices.
  const orgRows = await db
    .insertInto('organisation')
    .values([
      { name: IMPLEMENTING, kind: 'implementing' as const, created_at: setUpAt },
      ...Object.values(PARTNERS).map((name) => ({ name, kind: 'partner' as const, created_at: setUpAt })),
    ])
    .returning(['id', 'name'])
    .execute();
  const orgId = new Map(orgRows.map((o) => [o.name, o.id]));
  const officeRows = await db
    .insertInto('office')
    .values(OFFICES.map((o) => ({ organisation_id: orgId.get(o.organisation)!, name: o.name, country_code: o.country, kind: o.kind, case_prefix: o.prefix, created_at: setUpAt })))
    .returning(['id', 'case_prefix'])
    .execute();
  const officeId = new Map(officeRows.map((o) => [o.case_prefix, o.id]));

  // Users: one random password each, hashed once.
  const roleIds = await ensureBuiltinRoles(db);
  const passwords = STAFF.map(() => randomToken(9));
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  const users = await db
    .insertInto('app_user')
    .values(STAFF.map((s, i) => ({
      email: `${s.email}@${EMAIL_DOMAIN}`,
      name: s.name,
      preferred_language: s.language ?? 'en',
      organisation_id: orgId.get(s.office ? OFFICES.find((o) => o.prefix === s.office)!.organisation : IMPLEMENTING)!,
      office_id: s.office ? officeId.get(s.office)! : null,
      password_hash: hashes[i],
      totp_secret: null,
      totp_last_step: null,
      created_at: setUpAt,
      updated_at: setUpAt,
    })))
    .returning(['id', 'email', 'name', 'office_id', 'organisation_id', 'preferred_language'])
    .execute()
    .then((rows) => STAFF.map((s) => rows.find((u) => u.email === `${s.email}@${EMAIL_DOMAIN}`)!));
  await db
    .insertInto('user_role')
    .values(STAFF.map((s, i) => {
      const roleId = roleIds.get(s.role);
      if (!roleId) throw new Error(`demo data: no built-in role ${s.role}`);
      return { user_id: users[i].id, role_id: roleId };
    }))
    .execute();

  // Actors by office and role.
  const staff = new Map<string, Actor>();
  // The first of a role in an office does the work (a second caseworker only signs in).
  for (const [i, s] of STAFF.entries()) if (s.office && !staff.has(`${s.office}/${s.role}`)) staff.set(`${s.office}/${s.role}`, await actorFor(db, users[i]));
  const officeOf = (prefix: string) => OFFICES.find((o) => o.prefix === prefix)!;
  const actor = (prefix: string, work: StaffRole, permission?: Permission): Actor => {
    const o = officeOf(prefix);
    const who = WHO[o.partner ? 'partner' : o.kind === 'origin' ? 'origin' : 'host'][work];
    for (const role of who) {
      const a = staff.get(`${prefix}/${role}`);
      if (a && (!permission || can(a, permission))) return a;
    }
    throw new Error(`demo data: nobody in ${prefix} can do ${work}${permission ? ` (${permission})` : ''}`);
  };

  const base = { db, cipher: deps.cipher, actorOf: actor, officeId: (prefix: string) => officeId.get(prefix)!, clockAt: fixedClock, end };
  for (const cap of DEMO_CAPABILITIES) if (cap.setup) await cap.setup(base);

  // The cases.
  const plan = planDemoCases(end);
  await startDemoLoad(db, clock, plan.length);
  log(`Demo data: ${OFFICES.length} offices, ${STAFF.length} users; ${plan.length} cases to register and move through the workflow`);

  const register = (db: Db, c: PlannedCase) => {
    const registrar = actor(c.officePrefix, 'register', 'case.create');
    const owner = c.ownerRole === 'register' ? registrar : actor(c.officePrefix, c.ownerRole);
    // Validated as the API validates a request body.
    const input = createCaseBody.parse({ ...c.input, officeId: officeId.get(c.officePrefix), ownerId: owner.userId });
    return registerCase(input, { actor: registrar, db, clock: fixedClock(c.createdAt) });
  };

  const walk = async (db: Db, c: PlannedCase, caseId: string) => {
    let stage: Stage = c.kind === 'post_arrival' ? 'arrived' : 'registered';
    let version = 1;
    let previousAt = c.createdAt;
    const ctx: DemoCaseContext = { ...base, db, caseId, plan: c, actor: (work, permission) => actor(c.officePrefix, work, permission) };
    const notesAfter = async (step: number) => {
      for (const n of c.notes.filter((x) => x.afterStep === step)) {
        const author = actor(c.officePrefix, n.role, n.sensitive ? 'case.note.sensitive' : 'case.note.write');
        await addNote({ caseId, body: n.body, sensitive: n.sensitive }, { actor: author, db, clock: fixedClock(n.at) });
      }
    };
    const capabilitiesAfter = async (step: number, at: Date) => {
      for (const cap of DEMO_CAPABILITIES) await cap.afterStep?.({ ...ctx, stage, at, step, isLast: step === c.steps.length });
      // A capability may have changed the case (and its version) after the step.
      version = (await db.selectFrom('return_case').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;
    };
    await notesAfter(0);
    await capabilitiesAfter(0, c.createdAt);
    for (const [i, step] of c.steps.entries()) {
      const tr = TRANSITIONS.find((t) => t.from === stage && t.to === step.to);
      if (!tr) throw new Error(`demo data: no move ${stage} -> ${step.to}`);
      if (tr.via) {
        const outcome = await DEMO_ACTIONS[tr.via]({ ...ctx, from: stage, to: step.to, reason: step.reason, at: step.at, previousAt });
        // The move cannot happen in the demo: the case stays where it is.
        if (outcome === 'stay') break;
        version = (await db.selectFrom('return_case').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;
      } else {
        const mover = actor(c.officePrefix, workFor(tr), tr.permission);
        await transitionCase({ caseId, expectedVersion: version, to: step.to, reason: step.reason }, { actor: mover, db, clock: fixedClock(step.at) });
        version += 1;
      }
      stage = step.to;
      previousAt = step.at;
      await notesAfter(i + 1);
      await capabilitiesAfter(i + 1, step.at);
    }
  };

  const loadCases = async ({ stopped = () => false }: { stopped?: () => boolean } = {}) => whileLoadingDemo(db, async (lockConn) => {
    const casesStarted = Date.now();
    let next = 0;
    let done = 0;
    let failure: unknown;
    // Registrations are chained in the plan's (chronological) order, so case numbers are too.
    let registrations: Promise<unknown> = Promise.resolve();
    // Each worker keeps one connection, on which commits do not wait for the disk flush: losing the
    // last demo cases in a crash is harmless, and the load is faster on slow disks.
    const worker = (conn: Db) =>
      (async () => {
        await sql`SET synchronous_commit = off`.execute(conn);
        try {
          while (next < plan.length && !failure && !stopped()) {
            const c = plan[next++];
            const registered = registrations.then(() => register(conn, c));
            registrations = registered.catch(() => undefined);
            try {
              await walk(conn, c, await registered);
              await demoCaseLoaded(conn);
            } catch (err) {
              failure ??= new Error(`demo data: case ${plan.indexOf(c) + 1} (${c.officePrefix}, to ${c.target}) failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
              return;
            }
            done += 1;
            if (done % 50 === 0 || done === plan.length) log(`Demo data: ${done}/${plan.length} cases`);
          }
        } finally {
          await sql`RESET synchronous_commit`.execute(conn);
        }
      })();
    // The first worker works on the connection that holds the demo lock, the others on their own.
    await Promise.all([worker(lockConn), ...Array.from({ length: CONCURRENCY - 1 }, () => db.connection().execute(worker))]);
    if (failure) throw failure;
    if (done < plan.length) return 'stopped' as const;
    for (const cap of DEMO_CAPABILITIES) if (cap.finish) await cap.finish(base);
    await finishDemoLoad(db, clock);
    log(`Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s (the cases in ${((Date.now() - casesStarted) / 1000).toFixed(1)} s)`);
    return 'loaded' as const;
  });

  return { signIns: STAFF.map((s, i) => ({ role: s.role, email: users[i].email, password: passwords[i] })), casesTotal: plan.length, loadCases };
}
