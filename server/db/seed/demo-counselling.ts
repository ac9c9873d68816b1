import type { CounsellingTopic, SessionMode } from '../../../shared/counselling.js';
import { coiEditBody, coiEntryBody, createSessionBody, updateSessionBody } from '../../../shared/schemas/counselling.js';
import { can } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { addCoiAttachment, createCoiEntry, createSession, editCoiEntry, updateSession } from '../../modules/counselling/index.js';
import type { DemoCapability } from './demo-context.js';
import { Random } from './random.js';

/** [country, topic, language, title, summary, body, source, months before the end, months before the end of a revision or null, attach a leaflet]. */
type CoiSpec = [string, string, string, string, string, string, string, number, number | null, boolean];

// prettier-ignore
const COI: CoiSpec[] = [
  ['IQ', 'health', 'en', 'Public hospitals and primary care in Baghdad and Erbil', 'Free emergency care; long waits for specialists; medicines often bought privately.',
    'Public hospitals treat emergencies free of charge. Specialist consultations in public hospitals have waiting lists of several weeks; private clinics are widely used. Chronic medication (insulin, antihypertensives) is often out of stock in public pharmacies and bought privately at 20–60 USD a month. Mental-health services exist in Baghdad, Erbil and Basra only.',
    'Ministry of Health; WHO country office', 4, null, true],
  ['IQ', 'housing', 'ar', 'السكن والإيجارات في بغداد والموصل', 'ارتفاع الإيجارات في بغداد؛ إعادة الإعمار في الموصل لا تزال جارية.',
    'تتراوح الإيجارات الشهرية لشقة صغيرة في بغداد بين 250 و450 دولاراً. في الموصل، لا تزال أحياء في المدينة القديمة قيد إعادة الإعمار، ويلجأ كثير من العائدين إلى السكن لدى الأقارب في الأشهر الأولى.',
    'UN-Habitat Iraq', 16, null, false],
  ['IQ', 'labour_market', 'en', 'Jobs and small business in the Kurdistan Region', 'Construction and services hire; public-sector posts frozen; microgrants available.',
    'Construction, retail and transport employ most returnees. Public-sector recruitment has been frozen since 2023. Business registration takes two to four weeks at the chamber of commerce; several partner NGOs give business training followed by in-kind grants.',
    'Kurdistan Region Statistics Office; partner survey', 9, 3, false],
  ['IQ', 'reintegration_options', 'en', 'Reintegration support available on arrival in Iraq', 'Reception at Baghdad and Erbil airports; in-kind grants through the Baghdad office.',
    'Returnees are met at Baghdad or Erbil airport. The Baghdad office plans reintegration with each returnee: business set-up in kind, vocational training or job placement, housing support for up to three months, and referral to medical and psychosocial services.',
    'Homeward Baghdad office', 2, null, true],
  ['IQ', 'security', 'en', 'Security situation by governorate', 'Stable in the Kurdistan Region and Baghdad; incidents in disputed territories.',
    'The Kurdistan Region and Baghdad city are broadly stable. Isolated security incidents continue in parts of Diyala, Kirkuk and Salah al-Din. Returnees from Sinjar should get up-to-date local information before travel.',
    'UNAMI public reports', 20, null, false],
  ['AF', 'security', 'en', 'Security and freedom of movement', 'Road travel between main cities possible; checkpoints; restrictions on women travelling alone.',
    'Travel by road between Kabul, Herat and Mazar-e Sharif is possible. Checkpoints are frequent. Women are required to travel with a male relative (mahram) for journeys over 72 km. Returnees should carry their national identity document (tazkira).',
    'UNAMA; partner monitoring', 5, null, false],
  ['AF', 'education', 'prs', 'دسترسی به مکتب و آموزش', 'مکاتب ابتدایی برای پسران و دختران باز است؛ آموزش متوسطه برای دختران محدود است.',
    'مکاتب ابتدایی برای همه اطفال باز است. آموزش متوسطه و عالی برای دختران محدود است. برای ثبت نام اطفالی که در خارج درس خوانده‌اند، اسناد تحصیلی ترجمه شده لازم است.',
    'UNICEF Afghanistan', 14, null, false],
  ['AF', 'labour_market', 'en', 'Livelihoods in Kabul and Herat', 'Informal day labour dominates; tailoring, carpentry and mobile repair courses lead to work.',
    'Most work is informal day labour paid 200–400 AFN a day. Short vocational courses (tailoring, carpentry, mobile-phone repair) lead to self-employment for about half of graduates within six months.',
    'Partner labour-market assessment', 18, 7, false],
  ['AF', 'health', 'ps', 'روغتیایي خدمتونه په کابل کې', 'دولتي روغتونونه وړیا دي؛ درمل ډیری وخت نشته.',
    'په کابل کې دولتي روغتونونه بیړني درملنه وړیا کوي. درمل او ځانګړي درملنه ډیری وخت په شخصي کلینیکونو کې اخیستل کیږي.',
    'WHO Afghanistan', 3, null, false],
  ['NG', 'labour_market', 'en', 'Work and enterprise in Lagos and Benin City', 'Trade, tailoring and agriculture; start-up kits through partners.',
    'Most returnees start in trade (provisions, phone accessories), tailoring, hairdressing or agriculture. Start-up kits are purchased with the returnee from approved suppliers. Cooperative schemes exist in Edo State.',
    'Edo State Task Force; partner survey', 6, null, true],
  ['NG', 'health', 'en', 'Health insurance and hospitals', 'NHIA covers few returnees; state schemes in Lagos and Edo; mental-health referral in Benin City.',
    'The national health insurance covers formal employees; returnees can enrol in the Lagos or Edo state schemes for a yearly premium. Federal Neuro-Psychiatric Hospital Benin City takes referrals for mental-health care.',
    'NHIA; Lagos State Health Management Agency', 15, null, false],
  ['NG', 'reintegration_options', 'en', 'Reception and reintegration in Nigeria', 'Reception at Lagos airport; counselling in Benin City; victims of trafficking referred to NAPTIP.',
    'Returnees are received at Lagos airport and given onward transport. Victims of trafficking are referred to NAPTIP shelters with their consent. Economic reintegration is planned with the Lagos office.',
    'Homeward Lagos office; NAPTIP', 1, null, false],
  ['NG', 'public_services', 'en', 'Identity documents and birth registration', 'NIN enrolment at NIMC centres; birth certificates at the National Population Commission.',
    'A National Identification Number (NIN) is needed for a bank account and a SIM card. Enrolment is free at NIMC centres. Children born abroad are registered with the National Population Commission.',
    'NIMC', 26, null, false],
  ['BR', 'public_services', 'pt', 'Documentos e acesso ao SUS', 'CPF e cartão do SUS gratuitos; Bolsa Família via CadÚnico.',
    'O CPF é emitido gratuitamente nos Correios e na Receita Federal. O atendimento no SUS é gratuito para todos. Famílias de baixa renda inscrevem-se no CadÚnico para acessar o Bolsa Família.',
    'Governo Federal – gov.br', 8, null, false],
  ['BR', 'labour_market', 'pt', 'Mercado de trabalho em São Paulo e Goiás', 'Serviços e construção civil contratam; MEI para autônomos.',
    'Os setores de serviços e construção civil concentram as vagas. O registro como Microempreendedor Individual (MEI) é gratuito e online e permite emitir notas e contribuir para a previdência.',
    'IBGE; SEBRAE', 13, 4, false],
  ['BR', 'housing', 'en', 'Housing support for returning families', 'Social rent programmes in some states; shelters in São Paulo.',
    'Some states run social rent programmes (aluguel social) for families in vulnerable situations for up to twelve months. São Paulo has municipal shelters for the first nights.',
    'Ministry of Cities', 19, null, false],
  ['LK', 'reintegration_options', 'en', 'Reintegration in Sri Lanka', 'Reception at Colombo airport; livelihood grants; SLBFE support.',
    'Returnees are received at Bandaranaike International Airport. The Colombo office supports livelihood plans (agriculture, fishing, small shops). The Sri Lanka Bureau of Foreign Employment runs reintegration programmes for former migrant workers.',
    'Homeward Colombo office; SLBFE', 3, null, false],
  ['LK', 'education', 'ta', 'பாடசாலைகளில் சேர்த்தல்', 'அரச பாடசாலைகள் இலவசம்; வெளிநாட்டுச் சான்றிதழ்களுக்கு மதிப்பீடு தேவை.',
    'அரச பாடசாலைகளில் கல்வி இலவசம். வெளிநாட்டில் கற்ற பிள்ளைகளுக்கு கல்வி அமைச்சின் மதிப்பீடு தேவை.',
    'Ministry of Education', 17, null, false],
  ['LK', 'health', 'si', 'රජයේ රෝහල් සේවා', 'රජයේ රෝහල් නොමිලේ; ඖෂධ හිඟයක් පවතී.',
    'රජයේ රෝහල්වල ප්‍රතිකාර නොමිලේ ලැබේ. සමහර ඖෂධ පෞද්ගලික ෆාමසිවලින් මිලදී ගැනීමට සිදුවේ.',
    'Ministry of Health', 7, null, false],
  ['EC', 'labour_market', 'es', 'Empleo y emprendimiento en Quito y Guayaquil', 'Alta informalidad; programas de capital semilla para emprendimientos.',
    'Más de la mitad del empleo es informal. Programas públicos y de socios ofrecen capacitación y capital semilla para pequeños negocios (alimentos, costura, comercio).',
    'INEC; Ministerio de Producción', 5, null, true],
  ['EC', 'security', 'es', 'Situación de seguridad', 'Estado de excepción en algunas provincias; violencia en Guayaquil y la costa.',
    'Algunas provincias costeras están bajo estado de excepción. Guayaquil, Esmeraldas y Los Ríos registran altos índices de violencia. Se recomienda información local actualizada antes del viaje.',
    'Defensoría del Pueblo', 14, null, false],
  ['EC', 'public_services', 'es', 'Cédula, salud pública y bono de desarrollo humano', 'Renovación de cédula en el Registro Civil; salud pública gratuita.',
    'La cédula se renueva en el Registro Civil. La atención en centros de salud del Ministerio de Salud Pública es gratuita. Las familias vulnerables pueden solicitar el Bono de Desarrollo Humano.',
    'Registro Civil; MIES', 9, null, false],
];

const monthsBefore = (end: Date, months: number, day = 0) => new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - months, 10 + day, 10));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

async function leaflet(title: string, body: string) {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText(title.replace(/[^\x20-\x7E]/g, ' '), { x: 50, y: 780, size: 14, font });
  const words = body.replace(/[^\x20-\x7E]/g, ' ').split(' ');
  let line = '';
  let y = 750;
  for (const w of words) {
    if ((line + w).length > 85) {
      page.drawText(line, { x: 50, y, size: 10, font });
      y -= 14;
      line = '';
    }
    line += `${w} `;
  }
  page.drawText(line, { x: 50, y, size: 10, font });
  pdf.setCreationDate(new Date(Date.UTC(2026, 0, 1)));
  pdf.setModificationDate(new Date(Date.UTC(2026, 0, 1)));
  return Buffer.from(await pdf.save());
}

/** The COI versions current at a moment for a country (the latest version created by then, per entry). */
async function coiAt(db: Db, country: string, at: Date) {
  return db
    .selectFrom('coi_entry_version as v')
    .innerJoin('coi_entry as e', 'e.id', 'v.entry_id')
    .select(['v.id', 'e.topic'])
    .distinctOn('v.entry_id')
    .where('e.country_code', '=', country)
    .where('v.created_at', '<=', at)
    .orderBy('v.entry_id')
    .orderBy('v.version', 'desc')
    .execute();
}

const TOPICS_BY_COI: Record<string, CounsellingTopic> = {
  health: 'health', education: 'education', labour_market: 'employment', housing: 'housing', security: 'security', public_services: 'documents',
  reintegration_options: 'reintegration',
};

const NEXT_STEPS = [
  'Family to discuss the return together; second session in two weeks.',
  'Bring the children’s school certificates to the next session.',
  'Caseworker to check passport validity with the embassy.',
  'Medical report to be requested from the GP before the decision.',
  'Principal will confirm the decision after speaking with relatives at home.',
];
const NOTES = [
  'Expressed fear about debts owed in the home town; explained that information stays confidential.',
  'Visibly anxious when speaking about the journey; offered psychosocial referral.',
  'Spouse less certain than principal about returning; spoke to each separately.',
  'Disclosed family conflict at home; noted for the reintegration plan.',
];

export const counsellingDemo: DemoCapability = {
  name: 'counselling',
  async setup(ctx) {
    // The library is kept by the Belgian and German counsellors.
    for (const [i, [country, topic, language, title, summary, body, source, months, revisedMonths, attach]] of COI.entries()) {
      const author = ctx.actorOf(i % 2 ? 'DE' : 'BE', 'counsel', 'coi.manage');
      const informationDate = monthsBefore(ctx.end, months, -3);
      const input = coiEntryBody.parse({ country, topic, language, title, summary, body, source, informationDate: isoDay(informationDate) });
      const created = await createCoiEntry(author, input, { db: ctx.db, clock: ctx.clockAt(monthsBefore(ctx.end, months)) });
      if (attach) {
        await addCoiAttachment(author, created.id, { fileName: `${country}-${topic}.pdf`, content: await leaflet(title, body), description: 'Leaflet given to returnees' }, { db: ctx.db, clock: ctx.clockAt(monthsBefore(ctx.end, months, 1)) });
      }
      if (revisedMonths !== null) {
        const edit = coiEditBody.parse({ title, summary, body: `${body}\n\nRevised: figures checked again with the source.`, language, source, informationDate: isoDay(monthsBefore(ctx.end, revisedMonths, -2)) });
        await editCoiEntry(author, created.id, created.version, edit, { db: ctx.db, clock: ctx.clockAt(monthsBefore(ctx.end, revisedMonths)) });
      }
    }
  },
  async afterStep(ctx) {
    const { plan, stage, step, at, isLast, db } = ctx;
    if (plan.kind === 'post_arrival') return;
    const counselAt = stage === 'counselling';
    const waitingForFirst = stage === 'registered' && isLast;
    if (!counselAt && !waitingForFirst) return;
    const counsellor = ctx.actor('counsel', 'counselling.write');
    const r = new Random((plan.createdAt.getTime() + step * 7919) % 2_147_483_647);
    const c = await db.selectFrom('return_case').select(['country_of_return', 'principal_person_id']).where('id', '=', ctx.caseId).executeTakeFirstOrThrow();
    const members = await db.selectFrom('case_member').select('person_id').where('case_id', '=', ctx.caseId).orderBy('position').execute();
    const languages = (plan.input.principal.languages ?? []).slice(0, 2);
    const interpreter = languages[0] && languages[0] !== 'en' && r.chance(0.7) ? { name: r.pick(['Samir Haddad', 'Leila Karimi', 'Ahmad Noori', 'Grace Okoye', 'Priya Nadarajah', 'Lucía Andrade']), language: languages[0] } : null;
    const withNotes = can(counsellor, 'case.note.sensitive');
    const base = (startsAt: Date, mode: SessionMode) => ({
      startsAt: startsAt.toISOString(), mode, counsellorId: counsellor.userId,
      participantPersonIds: members.slice(0, r.int(1, members.length)).map((m) => m.person_id),
      otherParticipants: r.chance(0.2) ? ['Social worker of the reception centre'] : [], languages, interpreter,
    });
    const hour = (d: Date, h: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), h, r.pick([0, 30])));

    if (waitingForFirst) {
      // A first appointment ahead for some newly registered households.
      if (!r.chance(0.5)) return;
      const startsAt = hour(new Date(ctx.end.getTime() + r.int(1, 14) * 86_400_000), r.int(8, 15));
      const input = createSessionBody.parse({ ...base(startsAt, r.pick(['office', 'office', 'phone', 'video'] as const)), topics: ['return_process'], status: 'scheduled' });
      await createSession(counsellor, ctx.caseId, input, { db, clock: ctx.clockAt(new Date(Math.max(at.getTime() + 3_600_000, ctx.end.getTime() - 3 * 86_400_000))) });
      return;
    }

    // Held sessions between reaching counselling and the next step (or the end of the timeline).
    const nextAt = plan.steps[step]?.at ?? ctx.end;
    const span = nextAt.getTime() - at.getTime();
    const count = span > 10 * 86_400_000 && r.chance(0.5) ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const day = new Date(at.getTime() + (span * (k + 1)) / (count + 1.5));
      const startsAt = hour(day, r.int(8, 15));
      if (startsAt.getTime() <= at.getTime() || startsAt.getTime() >= Math.min(nextAt.getTime(), ctx.end.getTime())) continue;
      const given = r.shuffle(await coiAt(db, c.country_of_return, startsAt)).slice(0, r.int(1, 3));
      const topics = [...new Set<CounsellingTopic>(['return_process', ...(k === 0 ? (['voluntariness'] as const) : []), ...given.map((g) => TOPICS_BY_COI[g.topic])])];
      const mode = r.weighted<SessionMode>([['office', 6], ['phone', 1], ['video', 1], ['outreach', plan.officePrefix.includes('-') ? 3 : 1]]);
      const cancelledFirst = k === 0 && r.chance(0.1);
      if (cancelledFirst) {
        // A first appointment the family could not keep, booked a few days before.
        const booked = new Date(startsAt.getTime() - 4 * 86_400_000);
        if (booked.getTime() > at.getTime()) {
          const s = await createSession(counsellor, ctx.caseId, createSessionBody.parse({ ...base(new Date(startsAt.getTime() - 86_400_000), mode), topics: ['return_process'], status: 'scheduled' }), { db, clock: ctx.clockAt(booked) });
          await updateSession(counsellor, ctx.caseId, s.id, s.version, updateSessionBody.parse({ status: 'cancelled', cancelReason: r.pick(['Child ill; family asked for another date.', 'Interpreter not available.', 'Family did not come; rebooked by phone.']) }), { db, clock: ctx.clockAt(new Date(startsAt.getTime() - 86_400_000 - 3_600_000)) });
        }
      }
      // Returns from Berlin to Iraq are handed over only on arrival (demo-handover.ts): their first
      // session always has notes, so that a handover still to be sent shows them whatever the day.
      const noted = withNotes && (r.chance(0.4) || (k === 0 && plan.officePrefix === 'DE' && c.country_of_return === 'IQ'));
      const input = createSessionBody.parse({
        ...base(startsAt, mode), topics, coiVersionIds: given.map((g) => g.id), status: 'held',
        notes: noted ? r.pick(NOTES) : null, nextSteps: r.pick(NEXT_STEPS),
      });
      await createSession(counsellor, ctx.caseId, input, { db, clock: ctx.clockAt(new Date(startsAt.getTime() + 90 * 60_000)) });
    }
    if (isLast && r.chance(0.6)) {
      // A follow-up appointment ahead for households still in counselling.
      const startsAt = hour(new Date(ctx.end.getTime() + r.int(1, 21) * 86_400_000), r.int(8, 15));
      const input = createSessionBody.parse({ ...base(startsAt, 'office'), topics: ['return_process', 'reintegration'], status: 'scheduled' });
      await createSession(counsellor, ctx.caseId, input, { db, clock: ctx.clockAt(new Date(Math.max(at.getTime() + 3_600_000, ctx.end.getTime() - 2 * 86_400_000))) });
    }
  },
};
