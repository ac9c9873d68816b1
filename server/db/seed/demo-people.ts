/**
 * Invented people for the demo data: households with realistic names per nationality (with the
 * spelling variants caseworkers meet: Mohammed / Muhammad / Mohamed), names in the original
 * script where the nationality writes in Arabic script, plausible birth dates, languages, phones
 * and identity documents. Every person here is fictitious.
 */
import type { CreateCaseInput, PersonInput } from '../../../shared/schemas/cases.js';
import type { Random } from './random.js';

/** One name part: its Latin spellings (the first is the most common) and the original script. */
interface NamePart {
  v: string[];
  s?: string;
  /** How common the name is, relative to the others of its list. */
  w: number;
}
/** Every name part the demo draws from, in the order written. */
const NAME_PARTS: NamePart[] = [];
const n = (spellings: string, script?: string, weight = 1): NamePart => {
  const part = { v: spellings.split('|'), s: script, w: weight };
  NAME_PARTS.push(part);
  return part;
};
/**
 * Every spelling and original-script form of the names the demo gives returnees (given and family
 * names): what must never appear in a log.
 */
export const demoNameSpellings = (): string[] => [...new Set(NAME_PARTS.flatMap((p) => [...p.v, ...(p.s ? [p.s] : [])]))];
const pickName = (r: Random, names: NamePart[]) => r.weighted(names.map((x) => [x, x.w] as const));
const list = (s: string) => s.split(',').map((x) => n(x.trim()));

interface NamePool {
  nationality: string;
  languages: () => string[];
  male: NamePart[];
  female: NamePart[];
  family: NamePart[];
  /** How family names pass on: one shared name, or Iberian double surnames. */
  surnames: 'single' | 'double';
  /** Does a wife take her husband's family name? */
  wifeTakesName: number;
  /** Is the father's name kept as an other name (Iraqi / Afghan naming)? */
  fathersName: boolean;
  documents: (r: Random, p: { birthDate: string | null; sex: 'female' | 'male' }, at: Date) => PersonInput['documents'];
}

// ---------------------------------------------------------------------------------------------
// Documents, with number formats as they look on real documents (numbers are random).

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

const passportExpiry = (r: Random, at: Date) => isoDay(addDays(at, r.int(-3 * 365, 8 * 365)));

function cpf(r: Random) {
  const d = r.digits(9).split('').map(Number);
  const check = (ds: number[]) => {
    const sum = ds.reduce((s, x, i) => s + x * (ds.length + 1 - i), 0);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  d.push(check(d));
  d.push(check(d));
  const s = d.join('');
  return `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}`;
}

function cedulaEcuador(r: Random) {
  const province = String(r.int(1, 24)).padStart(2, '0');
  const d = (province + String(r.int(0, 5)) + r.digits(6)).split('').map(Number);
  const sum = d.reduce((s, x, i) => {
    const p = x * (i % 2 === 0 ? 2 : 1);
    return s + (p > 9 ? p - 9 : p);
  }, 0);
  return d.join('') + String((10 - (sum % 10)) % 10);
}

/** Sri Lankan NIC: the old 9 digits + V (born before 2000) or the 12-digit form, from the birth date. */
function nicSriLanka(r: Random, birthDate: string | null, sex: 'female' | 'male') {
  const b = birthDate ? new Date(`${birthDate}T00:00:00Z`) : new Date(Date.UTC(1985, 5, 1));
  const dayOfYear = Math.floor((b.getTime() - Date.UTC(b.getUTCFullYear(), 0, 1)) / 86_400_000) + 1 + (sex === 'female' ? 500 : 0);
  const ddd = String(dayOfYear).padStart(3, '0');
  return b.getUTCFullYear() < 2000 && r.chance(0.7)
    ? `${String(b.getUTCFullYear()).slice(2)}${ddd}${r.digits(4)}V`
    : `${b.getUTCFullYear()}${ddd}${r.digits(5)}`;
}

const docs = {
  IQ: (r: Random, _p: unknown, at: Date): PersonInput['documents'] => [
    ...(r.chance(0.7) ? [{ type: 'passport' as const, number: `${r.pick(['A', 'B', 'G'])}${r.digits(8)}`, issuingCountry: 'IQ', expiryDate: passportExpiry(r, at) }] : []),
    ...(r.chance(0.35) ? [{ type: 'national_id' as const, number: `1${r.digits(11)}`, issuingCountry: 'IQ', expiryDate: null }] : []),
  ],
  AF: (r: Random, _p: unknown, at: Date): PersonInput['documents'] => [
    ...(r.chance(0.45) ? [{ type: 'passport' as const, number: `P0${r.digits(7)}`, issuingCountry: 'AF', expiryDate: passportExpiry(r, at) }] : []),
    // Electronic tazkira: solar-hijri year, volume, number.
    ...(r.chance(0.5) ? [{ type: 'national_id' as const, number: `${r.int(1396, 1402)}-${r.digits(4)}-${r.digits(5)}`, issuingCountry: 'AF', expiryDate: null }] : []),
  ],
  NG: (r: Random, _p: unknown, at: Date): PersonInput['documents'] => [
    ...(r.chance(0.7) ? [{ type: 'passport' as const, number: `${r.pick(['A', 'B'])}${r.digits(8)}`, issuingCountry: 'NG', expiryDate: passportExpiry(r, at) }] : []),
    ...(r.chance(0.3) ? [{ type: 'national_id' as const, number: r.digits(11), issuingCountry: 'NG', expiryDate: null }] : []),
  ],
  BR: (r: Random, _p: unknown, at: Date): PersonInput['documents'] => [
    ...(r.chance(0.8) ? [{ type: 'passport' as const, number: `${r.pick(['FX', 'FY', 'GA', 'GB', 'FZ'])}${r.digits(6)}`, issuingCountry: 'BR', expiryDate: passportExpiry(r, at) }] : []),
    ...(r.chance(0.4) ? [{ type: 'national_id' as const, number: cpf(r), issuingCountry: 'BR', expiryDate: null }] : []),
  ],
  LK: (r: Random, p: { birthDate: string | null; sex: 'female' | 'male' }, at: Date): PersonInput['documents'] => [
    ...(r.chance(0.7) ? [{ type: 'passport' as const, number: `N${r.digits(7)}`, issuingCountry: 'LK', expiryDate: passportExpiry(r, at) }] : []),
    ...(r.chance(0.45) ? [{ type: 'national_id' as const, number: nicSriLanka(r, p.birthDate, p.sex), issuingCountry: 'LK', expiryDate: null }] : []),
  ],
  EC: (r: Random, _p: unknown, at: Date): PersonInput['documents'] => [
    ...(r.chance(0.6) ? [{ type: 'passport' as const, number: `A${r.digits(7)}`, issuingCountry: 'EC', expiryDate: passportExpiry(r, at) }] : []),
    ...(r.chance(0.6) ? [{ type: 'national_id' as const, number: cedulaEcuador(r), issuingCountry: 'EC', expiryDate: null }] : []),
  ],
};

// ---------------------------------------------------------------------------------------------
// Names.

const ARABIC_MALE = [
  n('Mohammed|Muhammad|Mohamed|Mohammad', 'محمد', 5), n('Ahmed|Ahmad', 'أحمد', 3), n('Hussein|Husain|Hussain', 'حسين', 2), n('Ali', 'علي', 3),
  n('Yousef|Youssef|Yusuf', 'يوسف', 2), n('Abdul Rahman|Abdulrahman|Abdelrahman', 'عبد الرحمن', 2), n('Omar|Umar', 'عمر'),
  n('Mustafa|Mostafa', 'مصطفى'), n('Haider|Haidar', 'حيدر'), n('Abbas', 'عباس'), n('Khalid|Khaled', 'خالد'), n('Karim|Kareem', 'كريم'),
  n('Ibrahim', 'إبراهيم'), n('Hassan|Hasan', 'حسن'), n('Zaid|Zeid', 'زيد'), n('Mahmoud|Mahmud', 'محمود'), n('Saif|Sayf', 'سيف'),
  n('Abdullah|Abdallah', 'عبد الله'), n('Jassim|Jasim', 'جاسم'), n('Murtadha|Murtada', 'مرتضى'),
];
const ARABIC_FEMALE = [
  n('Fatima|Fatma|Fatimah', 'فاطمة', 3), n('Zainab|Zaynab', 'زينب', 2), n('Maryam|Mariam', 'مريم'), n('Noor|Nour', 'نور'), n('Aisha|Aysha', 'عائشة'),
  n('Huda', 'هدى'), n('Rana', 'رنا'), n('Sara|Sarah', 'سارة'), n('Layla|Leila', 'ليلى'), n('Amal', 'أمل'), n('Hiba', 'هبة'),
  n('Shahad', 'شهد'), n('Ruqaya|Ruqayya', 'رقية'), n('Duaa|Dua', 'دعاء'),
];
const IRAQI_FAMILY = [
  n('Al-Hassan|Al Hasan|Alhassan', 'الحسن'), n('Al-Jubouri|Al-Juburi|Aljubouri', 'الجبوري'), n('Al-Tamimi|Altamimi', 'التميمي'),
  n('Al-Obaidi|Al-Ubaidi', 'العبيدي'), n('Al-Rubaie|Al-Rubaiy', 'الربيعي'), n("Al-Saadi|Al-Sa'adi", 'الساعدي'),
  n('Al-Dulaimi|Al-Dulaymi', 'الدليمي'), n('Hamid|Hameed', 'حميد'), n('Al-Shammari|Alshammari', 'الشمري'), n('Kadhim|Kazim|Kadim', 'كاظم'),
  n('Al-Khafaji', 'الخفاجي'), n('Al-Zubaidi|Al-Zubaydi', 'الزبيدي'), n('Jaber|Jabir', 'جابر'), n('Al-Mousawi|Al-Musawi', 'الموسوي'),
];
const KURDISH_MALE = [
  n('Karwan', 'کاروان'), n('Dilshad', 'دلشاد'), n('Shwan', 'شوان'), n('Rebin|Rebeen', 'ڕێبین'), n('Hemin|Hemn', 'هێمن'), n('Aram', 'ئارام'),
  n('Sherzad', 'شێرزاد'), n('Bakhtiyar|Bakhtiar', 'بەختیار'), n('Hawkar', 'هاوکار'), n('Rzgar|Rizgar', 'ڕزگار'),
];
const KURDISH_FEMALE = [
  n('Shilan', 'شیلان'), n('Nazdar', 'نازدار'), n('Rozhin|Rojin', 'ڕۆژین'), n('Avan', 'ئاڤان'), n('Shno', 'شنۆ'), n('Hana', 'هانا'),
  n('Bahar', 'بەهار'), n('Zhila|Jila', 'ژیلا'),
];
const KURDISH_FAMILY = [
  n('Mahmoud|Mahmud', 'مەحمود'), n('Aziz', 'عەزیز'), n('Rashid|Rasheed', 'ڕەشید'), n('Qadir|Kadir', 'قادر'),
  n('Hama Amin|Hamaamin', 'حەمە ئەمین'), n('Omer|Omar', 'عومەر'), n('Salih|Saleh', 'ساڵح'), n('Karim|Kareem', 'کەریم'),
  n('Faraj', 'فەرەج'), n('Jalal', 'جەلال'),
];
const AFGHAN_MALE = [
  n('Mohammad|Mohammed|Muhammad', 'محمد', 4), n('Ahmad Shah', 'احمد شاه'), n('Abdul Rahman|Abdulrahman', 'عبدالرحمن', 2), n('Gul Ahmad', 'گل احمد'),
  n('Hamid|Hameed', 'حمید'), n('Naveed|Navid', 'نوید'), n('Rahmatullah|Rahmatollah', 'رحمت‌الله'), n('Farid|Fareed', 'فرید'),
  n('Wahid|Waheed', 'وحید'), n('Sayed|Sayyed', 'سید'), n('Ahmad|Ahmed', 'احمد'), n('Hussain|Hussein|Hosain', 'حسین'), n('Jawad|Javad', 'جواد'),
  n('Mirwais', 'میرویس'), n('Zabihullah', 'ذبیح‌الله'), n('Ezatullah|Izatullah', 'عزت‌الله'), n('Yousuf|Yusuf|Yousef', 'یوسف'),
  n('Baryalai', 'بریالی'),
];
const AFGHAN_FEMALE = [
  n('Fatima|Fatema', 'فاطمه'), n('Zahra', 'زهرا'), n('Maryam|Mariam', 'مریم'), n('Parwana', 'پروانه'), n('Shabnam', 'شبنم'),
  n('Nilofar|Nilufar', 'نیلوفر'), n('Freshta|Fereshta', 'فرشته'), n('Marzia|Marziya', 'مرضیه'), n('Gulalai', 'ګلالۍ'), n('Sima', 'سیما'),
  n('Laila|Layla', 'لیلا'), n('Nazia', 'نازیه'),
];
const PASHTUN_FAMILY = [
  n('Ahmadzai', 'احمدزی'), n('Popal', 'پوپل'), n('Safi', 'صافی'), n('Stanikzai|Stanekzai', 'ستانکزی'), n('Wardak', 'وردک'),
  n('Yousufzai|Yusufzai', 'یوسفزی'), n('Mangal', 'منگل'), n('Zazai', 'ځاځی'),
];
const DARI_FAMILY = [
  n('Hakimi', 'حکیمی'), n('Rahimi', 'رحیمی'), n('Sultani', 'سلطانی'), n('Karimi', 'کریمی'), n('Noori|Nouri|Nuri', 'نوری'),
  n('Haidari|Heydari|Haydari', 'حیدری'), n('Mohammadi|Mohammady', 'محمدی'), n('Amiri', 'امیری'), n('Hussaini|Hosseini|Husaini', 'حسینی'),
];
const HAUSA_MALE = [
  n('Abubakar|Abubakr'), n('Ibrahim'), n('Musa'), n('Aminu'), n('Bello'), n('Sani'), n('Mohammed|Muhammad|Muhammed', undefined, 3), n('Yusuf|Yusufu'),
  n('Umar|Umaru'), n('Haruna'),
];
const HAUSA_FEMALE = [n('Hauwa'), n('Aisha|Aishat|Aishatu'), n('Zainab|Zainabu'), n('Halima|Halimatu'), n('Fatima|Fatimah'), n('Amina'), n('Hadiza'), n('Maryam|Mariam')];
const HAUSA_FAMILY = [n('Bello'), n('Abdullahi'), n('Usman|Usmanu'), n('Danjuma'), n('Garba'), n('Sani'), n('Lawal'), n('Suleiman|Sulaiman'), n('Aliyu'), n('Ibrahim')];
const YORUBA_MALE = [
  n('Oluwaseun|Seun'), n('Adebayo'), n('Olumide'), n('Babatunde|Tunde'), n('Oluwafemi|Femi'), n('Ayodele'), n('Kehinde'), n('Taiwo'),
  n('Adewale|Wale'), n('Olusegun|Segun'),
];
const YORUBA_FEMALE = [
  n('Folake|Folakemi'), n('Adunni'), n('Temitope|Tope'), n('Yetunde'), n('Funmilayo|Funmi'), n('Omolara|Lara'), n('Bukola|Bukky'), n('Abisola'),
  n('Oluwakemi|Kemi'),
];
const YORUBA_FAMILY = list('Adeyemi, Ogunleye, Adewale, Balogun, Oladipo, Ogunbiyi, Afolabi, Adeleke, Olaniyan, Akinola');
const IGBO_MALE = [n('Chinedu'), n('Chukwuemeka|Emeka'), n('Obinna'), n('Uchenna'), n('Ikenna'), n('Chidiebere|Chidi'), n('Nnamdi'), n('Kelechi'), n('Chukwudi')];
const IGBO_FEMALE = [n('Ngozi'), n('Chiamaka|Amaka'), n('Ifeoma'), n('Adaeze|Ada'), n('Chinonso'), n('Nneka'), n('Obiageli|Obiageri'), n('Uchechi')];
const IGBO_FAMILY = list('Okonkwo, Eze, Nwosu, Obi, Okafor, Nwachukwu, Onyekachi, Okeke, Uzor, Anyanwu');
const BRAZIL_MALE = [
  n('João|Joao'), n('José|Jose'), n('Carlos'), n('Rafael'), n('Lucas'), n('Francisco'), n('Antônio|Antonio'), n('Paulo'), n('Luiz|Luis'),
  n('Marcos'), n('Thiago|Tiago'), n('Felipe|Filipe'),
];
const BRAZIL_FEMALE = [
  n('Maria'), n('Ana'), n('Juliana'), n('Francisca'), n('Adriana'), n('Fernanda'), n('Camila'), n('Patrícia|Patricia'), n('Aline'),
  n('Luciana'), n('Vitória|Vitoria'),
];
const BRAZIL_FAMILY = [
  n('Silva|da Silva'), n('Santos|dos Santos'), n('Oliveira|de Oliveira'), n('Souza|Sousa'), n('Pereira'), n('Rodrigues'), n('Ferreira'),
  n('Alves'), n('Lima'), n('Carvalho'), n('Gomes'), n('Ribeiro'), n('Costa'), n('Araújo|Araujo'),
];
const SINHALA_MALE = list('Nuwan, Chaminda, Kasun, Ruwan, Sampath, Lahiru, Tharindu, Dinesh, Saman').concat(n('Pradeep|Pradip'));
const SINHALA_FEMALE = list('Dilani, Chathurika, Sanduni, Ishara, Kumari, Anoma, Madushani').concat(n('Nadeesha|Nadisha'));
const SINHALA_FAMILY = [
  n('Perera'), n('Fernando'), n('de Silva|De Silva'), n('Jayasinghe'), n('Wickramasinghe|Wickremasinghe'), n('Bandara'),
  n('Gunawardena|Gunawardana'), n('Rathnayake|Ratnayake'), n('Herath'), n('Dissanayake|Dissanayaka'),
];
const TAMIL_MALE = [n('Suresh'), n('Ravi'), n('Tharshan|Dharshan'), n('Kumaran'), n('Sivakumar|Sivakumaar'), n('Vijay|Vijai'), n('Prakash'), n('Thilip|Dilip'), n('Kajan|Gajan'), n('Mathan')];
const TAMIL_FEMALE = [n('Priya'), n('Kavitha|Kavita'), n('Thusyanthini'), n('Sharmila'), n('Nirosha'), n('Vasanthi|Vasanti'), n('Tharani|Dharani'), n('Janani')];
const TAMIL_FAMILY = [
  n('Selvarajah|Selvaraja'), n('Sivapalan'), n('Thambirajah|Thambiraja'), n('Kanagaratnam'), n('Rajendran'), n('Balasingham|Balasingam'),
  n('Navaratnam'), n('Sriskandarajah'), n('Yogarajah|Yogaraja'), n('Murugesu'),
];
const ECUADOR_MALE = [
  n('José Luis|Jose Luis'), n('Luis'), n('Jorge'), n('Christian|Cristian'), n('Diego'), n('Segundo'), n('Carlos'), n('Byron'), n('Wilson'),
  n('Édison|Edison'), n('Kevin'), n('Juan Carlos'),
];
const ECUADOR_FEMALE = [
  n('María Fernanda|Maria Fernanda'), n('Gabriela'), n('Andrea'), n('Verónica|Veronica'), n('Jessica|Yessica'), n('Mayra'), n('Diana'),
  n('Rosa'), n('Nancy'), n('Mónica|Monica'),
];
const ECUADOR_FAMILY = [
  n('Zambrano'), n('Vera'), n('Cedeño|Cedeno'), n('Mendoza'), n('Chávez|Chaves|Chavez'), n('Torres'), n('Guamán|Guaman'), n('Quishpe'),
  n('Morales'), n('Ramírez|Ramirez'), n('Pilco'), n('Tenesaca'), n('Loja'), n('Yánez|Yanez'),
];

const pool = (p: Omit<NamePool, 'surnames' | 'wifeTakesName' | 'fathersName'> & Partial<NamePool>): NamePool => ({
  surnames: 'single',
  wifeTakesName: 0,
  fathersName: false,
  ...p,
});

const POOLS: Record<string, NamePool> = {
  iraqiArab: pool({ nationality: 'IQ', languages: () => ['ar'], male: ARABIC_MALE, female: ARABIC_FEMALE, family: IRAQI_FAMILY, fathersName: true, documents: docs.IQ }),
  iraqiKurd: pool({ nationality: 'IQ', languages: () => ['ckb', 'ar'], male: KURDISH_MALE, female: KURDISH_FEMALE, family: KURDISH_FAMILY, fathersName: true, documents: docs.IQ }),
  pashtun: pool({ nationality: 'AF', languages: () => ['ps', 'prs'], male: AFGHAN_MALE, female: AFGHAN_FEMALE, family: PASHTUN_FAMILY, fathersName: true, documents: docs.AF }),
  dari: pool({ nationality: 'AF', languages: () => ['prs', 'fa'], male: AFGHAN_MALE, female: AFGHAN_FEMALE, family: DARI_FAMILY, fathersName: true, documents: docs.AF }),
  yoruba: pool({ nationality: 'NG', languages: () => ['yo', 'en'], male: YORUBA_MALE, female: YORUBA_FEMALE, family: YORUBA_FAMILY, wifeTakesName: 0.85, documents: docs.NG }),
  igbo: pool({ nationality: 'NG', languages: () => ['ig', 'en'], male: IGBO_MALE, female: IGBO_FEMALE, family: IGBO_FAMILY, wifeTakesName: 0.85, documents: docs.NG }),
  hausa: pool({ nationality: 'NG', languages: () => ['ha', 'en'], male: HAUSA_MALE, female: HAUSA_FEMALE, family: HAUSA_FAMILY, wifeTakesName: 0.5, documents: docs.NG }),
  brazilian: pool({ nationality: 'BR', languages: () => ['pt'], male: BRAZIL_MALE, female: BRAZIL_FEMALE, family: BRAZIL_FAMILY, surnames: 'double', documents: docs.BR }),
  sinhala: pool({ nationality: 'LK', languages: () => ['si'], male: SINHALA_MALE, female: SINHALA_FEMALE, family: SINHALA_FAMILY, wifeTakesName: 0.8, documents: docs.LK }),
  tamil: pool({ nationality: 'LK', languages: () => ['ta'], male: TAMIL_MALE, female: TAMIL_FEMALE, family: TAMIL_FAMILY, wifeTakesName: 0.6, documents: docs.LK }),
  ecuadorian: pool({ nationality: 'EC', languages: () => ['es'], male: ECUADOR_MALE, female: ECUADOR_FEMALE, family: ECUADOR_FAMILY, surnames: 'double', documents: docs.EC }),
};

const POOLS_BY_COUNTRY: Record<string, [string, number][]> = {
  IQ: [['iraqiArab', 65], ['iraqiKurd', 35]],
  AF: [['pashtun', 45], ['dari', 55]],
  NG: [['yoruba', 40], ['igbo', 35], ['hausa', 25]],
  BR: [['brazilian', 1]],
  LK: [['sinhala', 45], ['tamil', 55]],
  EC: [['ecuadorian', 1]],
};

// ---------------------------------------------------------------------------------------------
// People and households.

/** A person's name as chosen parts and spelling indexes, so that a near-duplicate can respell it. */
interface ChosenName {
  given: { part: NamePart; i: number }[];
  family: { part: NamePart; i: number }[];
}

const spell = (r: Random, part: NamePart) => ({ part, i: part.v.length > 1 && r.chance(0.4) ? r.int(1, part.v.length - 1) : 0 });
const render = (parts: { part: NamePart; i: number }[]) => parts.map((p) => p.part.v[p.i]).join(' ');
const script = (c: ChosenName) => {
  const all = [...c.given, ...c.family];
  return all.every((p) => p.part.s) ? all.map((p) => p.part.s).join(' ') : null;
};

const HOST_PHONES: Record<string, (r: Random) => string> = {
  BE: (r) => `+32 4${r.int(60, 99)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`,
  DE: (r) => `+49 1${r.pick(['51', '52', '57', '60', '62', '70', '76'])} ${r.digits(8)}`,
  NL: (r) => `+31 6 ${r.digits(4)} ${r.digits(4)}`,
  GB: (r) => `+44 7${r.digits(3)} ${r.digits(6)}`,
  MA: (r) => `+212 6${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`,
  ID: (r) => `+62 81${r.digits(1)} ${r.digits(4)} ${r.digits(4)}`,
  MX: (r) => `+52 ${r.pick(['962', '55', '33'])} ${r.digits(3)} ${r.digits(4)}`,
  IQ: (r) => `+964 7${r.pick(['50', '70', '71', '80', '81'])} ${r.digits(3)} ${r.digits(4)}`,
  NG: (r) => `+234 ${r.pick(['803', '805', '806', '813', '816', '703', '706', '810'])} ${r.digits(3)} ${r.digits(4)}`,
  AF: (r) => `+93 7${r.digits(2)} ${r.digits(3)} ${r.digits(3)}`,
  LK: (r) => `+94 7${r.digits(1)} ${r.digits(3)} ${r.digits(4)}`,
  BR: (r) => `+55 ${r.pick(['11', '31', '62', '81'])} 9${r.digits(4)}-${r.digits(4)}`,
  EC: (r) => `+593 9${r.digits(1)} ${r.digits(3)} ${r.digits(4)}`,
};
export const phoneFor = (r: Random, country: string) => (HOST_PHONES[country] ?? HOST_PHONES.BE)(r);

/** The language children growing up in a host country pick up. */
const HOST_LANGUAGE: Record<string, string> = { BE: 'fr', DE: 'de', NL: 'nl', GB: 'en', MA: 'ar', ID: 'id', MX: 'es' };

interface PersonSpec {
  pool: NamePool;
  sex: 'female' | 'male';
  /** Age in days at the date of registration. */
  ageDays: number;
  at: Date;
  name?: ChosenName;
  familyParts?: ChosenName['family'];
  estimatedShare: number;
  phoneCountry?: string;
  docShare: number;
  extraLanguage?: string;
  nationality?: string;
  /** Given names already used in the household. */
  avoid?: NamePart[];
}

export interface BuiltPerson {
  input: PersonInput;
  name: ChosenName;
}

function birthDate(ageDays: number, at: Date, estimated: boolean) {
  const born = new Date(at.getTime() - ageDays * 86_400_000);
  return estimated ? `${born.getUTCFullYear()}-01-01` : isoDay(born);
}

function givenParts(r: Random, p: NamePool, sex: 'female' | 'male', avoid: NamePart[] = []) {
  const names = (sex === 'male' ? p.male : p.female).filter((x) => !avoid.includes(x));
  return [spell(r, pickName(r, names))];
}

function familyParts(r: Random, p: NamePool) {
  if (p.surnames === 'double') {
    const first = pickName(r, p.family);
    let second = pickName(r, p.family);
    while (second === first) second = pickName(r, p.family);
    return [spell(r, first), spell(r, second)];
  }
  return [spell(r, pickName(r, p.family))];
}

function person(r: Random, s: PersonSpec): BuiltPerson {
  const name: ChosenName = s.name ?? { given: givenParts(r, s.pool, s.sex, s.avoid), family: s.familyParts ?? familyParts(r, s.pool) };
  const estimated = s.ageDays >= 18 * 365 && r.chance(s.estimatedShare);
  const birth = birthDate(s.ageDays, s.at, estimated);
  const otherNames: string[] = [];
  if (s.pool.fathersName && s.ageDays >= 16 * 365 && r.chance(0.3)) otherNames.push(r.pick(s.pool.male).v[0]);
  const languages = s.pool.languages();
  if (s.ageDays >= 16 * 365 && languages.length > 1 && r.chance(0.5)) languages.pop();
  if (s.extraLanguage && !languages.includes(s.extraLanguage)) languages.push(s.extraLanguage);
  const input: PersonInput = {
    givenName: render(name.given),
    familyName: render(name.family),
    otherNames,
    originalScriptName: script(name),
    transliteration: null,
    sex: s.sex,
    birthDate: birth,
    birthDateEstimated: estimated,
    nationality: s.nationality ?? s.pool.nationality,
    languages,
    phone: s.phoneCountry ? phoneFor(r, s.phoneCountry) : null,
    documents: r.chance(s.docShare) ? s.pool.documents(r, { birthDate: birth, sex: s.sex }, s.at) : [],
  };
  return { input, name };
}

export interface Household {
  principal: BuiltPerson;
  members: { relationship: CreateCaseInput['members'][number]['relationship']; person: BuiltPerson }[];
  poolKey: string;
}

export interface HouseholdOptions {
  countryOfReturn: string;
  /** The office's country: where the phone number is from. */
  officeCountry: string;
  at: Date;
  /** A post-arrival case: no host-country language for the children. */
  postArrival?: boolean;
  /** An unaccompanied minor as principal. */
  unaccompaniedMinor?: boolean;
}

const HOUSEHOLD_SIZES: [number, number][] = [[1, 48], [2, 12], [3, 13], [4, 12], [5, 9], [6, 6]];

const Y = 365;

export function household(r: Random, o: HouseholdOptions): Household {
  const poolKey = r.weighted(POOLS_BY_COUNTRY[o.countryOfReturn]);
  const p = POOLS[poolKey];
  const hostLanguage = o.postArrival ? undefined : HOST_LANGUAGE[o.officeCountry];
  const base = { pool: p, at: o.at, estimatedShare: p.nationality === 'AF' ? 0.35 : 0.1, docShare: 0.9 };

  if (o.unaccompaniedMinor) {
    const principal = person(r, { ...base, sex: r.chance(0.85) ? 'male' : 'female', ageDays: r.int(15 * Y, 17 * Y + 300), phoneCountry: o.officeCountry, docShare: 0.4 });
    return { principal, members: [], poolKey };
  }

  const size = r.weighted(HOUSEHOLD_SIZES);
  const members: Household['members'] = [];
  if (size === 1) {
    const sex = r.chance(0.8) ? 'male' : 'female';
    const principal = person(r, { ...base, sex, ageDays: r.int(19 * Y, 58 * Y), phoneCountry: r.chance(0.7) ? o.officeCountry : undefined });
    return { principal, members, poolKey };
  }

  // A couple with children, a single parent with children, or an adult with a parent or sibling.
  const shape = r.weighted([['couple', 70], ['singleParent', 20], ['withRelative', 10]] as const);
  const principalSex = shape === 'singleParent' ? (r.chance(0.85) ? 'female' : 'male') : r.chance(0.85) ? 'male' : 'female';

  // Children's ages, youngest first, 14 months to 4 years apart, none of age.
  const childDays: number[] = [];
  for (let d = r.int(60, 6 * Y), i = 0; i < size - 1 - (shape === 'singleParent' ? 0 : 1) && d < 17 * Y + 300; i++, d += r.int(420, 1500)) childDays.push(d);
  const youngest = childDays[0] ?? 0;
  const eldest = childDays[childDays.length - 1] ?? 0;
  // The mother was at least 19 at the eldest's birth and at most 43 at the youngest's.
  const low = childDays.length ? Math.max(eldest + 19 * Y, 21 * Y) : 21 * Y;
  const motherDays = r.int(low, Math.max(low, childDays.length ? Math.min(youngest + 43 * Y, 52 * Y) : 55 * Y));
  const fatherDays = motherDays + r.int(0, 8 * Y);
  const principal = person(r, {
    ...base, sex: principalSex, ageDays: principalSex === 'female' ? motherDays : fatherDays,
    phoneCountry: r.chance(0.75) ? o.officeCountry : undefined,
  });
  const principalDays = principalSex === 'female' ? motherDays : fatherDays;

  let father = principalSex === 'male' ? principal : undefined;
  let mother = principalSex === 'female' ? principal : undefined;
  if (shape === 'couple') {
    const spouseSex = principalSex === 'male' ? 'female' : 'male';
    const takesName = spouseSex === 'female' && r.chance(p.wifeTakesName);
    const spouse = person(r, {
      ...base, sex: spouseSex, ageDays: spouseSex === 'female' ? motherDays : fatherDays,
      familyParts: takesName ? principal.name.family : undefined,
      phoneCountry: r.chance(0.3) ? o.officeCountry : undefined,
      // Now and then a spouse of a neighbouring nationality.
      nationality: r.chance(0.05) ? ({ IQ: 'SY', AF: 'IR', NG: 'GH', BR: 'PT', LK: 'IN', EC: 'CO' } as Record<string, string>)[p.nationality] : undefined,
    });
    members.push({ relationship: r.chance(0.9) ? 'spouse' : 'partner', person: spouse });
    if (spouseSex === 'male') father = spouse;
    else mother = spouse;
  } else if (shape === 'withRelative') {
    const parent = r.chance(0.6);
    const rel = person(r, {
      ...base,
      sex: r.chance(0.6) ? 'female' : 'male',
      ageDays: parent ? principalDays + r.int(20 * Y, 32 * Y) : Math.max(18 * Y, principalDays + (r.chance(0.5) ? 1 : -1) * r.int(420, 3000)),
      familyParts: r.chance(0.7) ? principal.name.family : undefined,
      avoid: [principal.name.given[0].part],
    });
    members.push({ relationship: parent ? 'parent' : 'sibling', person: rel });
  }

  const children: BuiltPerson[] = [];
  for (const ageDays of [...childDays].reverse()) {
    const childFamily =
      p.surnames === 'double'
        ? [(father ?? principal).name.family[0], (mother ?? principal).name.family[0]].filter((x, j, a) => a.findIndex((y) => y.part === x.part) === j)
        : (father ?? principal).name.family;
    const avoid = [principal, ...members.map((m) => m.person), ...children].map((x) => x.name.given[0].part);
    children.push(person(r, {
      ...base, sex: r.chance(0.5) ? 'female' : 'male', ageDays, familyParts: childFamily, docShare: 0.35, estimatedShare: 0, avoid,
      extraLanguage: ageDays >= 3 * Y && hostLanguage && r.chance(0.6) ? hostLanguage : undefined,
    }));
  }
  // A stepchild now and then in larger households (the eldest).
  children.forEach((c, i) => members.push({ relationship: children.length >= 3 && i === 0 && r.chance(0.12) ? 'stepchild' : 'child', person: c }));
  return { principal, members, poolKey };
}

/**
 * The same person registered again, slightly differently: another spelling of the given and
 * family names, an estimated or missing birth date, the passport typed with spaces.
 */
export function respell(r: Random, original: BuiltPerson, phoneCountry: string): BuiltPerson {
  const other = (parts: ChosenName['given']) =>
    parts.map((p) => (p.part.v.length > 1 ? { part: p.part, i: (p.i + 1 + r.int(0, p.part.v.length - 2)) % p.part.v.length } : p));
  const name: ChosenName = { given: other(original.name.given), family: r.chance(0.6) ? other(original.name.family) : original.name.family };
  const o = original.input;
  // No other spelling known: the names were taken down the other way round, a common slip.
  const swapped = render(name.given) === o.givenName && render(name.family) === o.familyName;
  const birthChoice = r.weighted([['same', 40], ['estimated', 35], ['missing', 25]] as const);
  const birthDate = birthChoice === 'same' ? o.birthDate : birthChoice === 'estimated' && o.birthDate ? `${Number(o.birthDate.slice(0, 4)) + r.int(-1, 1)}-01-01` : null;
  const passport = o.documents.find((d) => d.type === 'passport');
  const input: PersonInput = {
    ...o,
    givenName: swapped ? o.familyName : render(name.given),
    familyName: swapped ? o.givenName : render(name.family),
    // Typed without the original script this time, or with it.
    originalScriptName: r.chance(0.5) ? o.originalScriptName : null,
    otherNames: [],
    birthDate,
    birthDateEstimated: birthChoice === 'estimated',
    phone: r.chance(0.6) ? phoneFor(r, phoneCountry) : null,
    documents: passport && r.chance(0.6) ? [{ ...passport, number: passport.number.replace(/^([A-Z]+)(\d{3,4})(\d+)$/, '$1 $2 $3') }] : [],
  };
  return { input, name };
}

/** The spelled name of a built person, e.g. for notes. */
export const fullName = (p: BuiltPerson) => `${p.input.givenName} ${p.input.familyName}`;
