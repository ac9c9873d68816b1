import { describe, expect, it } from 'vitest';
import { MAX_KEY_LENGTH, foldLatin, nameKeys, nameSkeleton, queryKeys } from './name-keys.js';

/** Every spelling in a group must give the same skeleton. */
const SAME: Record<string, readonly string[]> = {
  mhmd: ['Mohammed', 'Muhammad', 'Mohamed', 'Mohammad', 'Muhammed', 'Mouhamed', 'MOHAMED', 'محمد', 'مُحَمَّد', 'ﻣﺤﻤﺪ', 'محمـــد'],
  mhmwd: ['Mahmoud', 'Mahmud', 'Mahmood', 'محمود'],
  ysf: ['Yousef', 'Youssef', 'Yusuf', 'Youssouf', 'يوسف', 'Юсуф', 'Iusuf'],
  hmd: ['Ahmed', 'Ahmad', 'أحمد', 'احمد'],
  hsyn: ['Hussein', 'Husain', 'Husayn', 'Hussain', 'Hossein', 'Hüseyin', 'حسين', 'حسین'],
  hsn: ['Hassan', 'Hasan', 'حسن'],
  bdrhmn: [
    'Abdul Rahman', 'Abdulrahman', 'Abd al-Rahman', 'Abd ar-Rahman', 'Abdelrahman', 'Abdurrahman',
    'Abderrahmane', 'عبد الرحمن', 'عبدالرحمن', 'عبد الرَّحْمٰن',
  ],
  bdl: ['Abdullah', 'Abdallah', 'Abdulla', 'Abd Allah', 'عبد الله', 'عبدالله'],
  bdz: ['Abdulaziz', 'Abdul Aziz', 'Abdelaziz', 'عبد العزيز', 'عبدالعزيز'],
  lr: ['Olivera', 'Oliveira'],
  xkmk: ['Chukwuemeka', 'Chukwumeka'],
  dmtr: ['Дмитрий', 'Dmitriy', 'Dmitry', 'Dmitrii'],
  lksndr: ['Александр', 'Alexander', 'Aleksandr'],
  srh: ['Сергій', 'Serhii', 'Serhiy'],
  drd: ['Ђорђе', 'Đorđe', 'Dorde'],
  ksk: ['Ковачевић', 'Kovačević', 'Kovacevic'],
  // Persian / Dari letters پ چ ژ گ ک ی and v/w
  prz: ['Parviz', 'Parwiz', 'پرویز'],
  xngz: ['Changiz', 'چنگیز'],
  jl: ['Zhila', 'Jila', 'ژیلا'],
  glnz: ['Golnaz', 'گلناز'],
  kmrn: ['Kamran', 'کامران', 'كامران'],
  mhd: ['Mehdi', 'Mahdi', 'مهدی', 'مهدي'],
  jd: ['Javad', 'Jawad', 'جواد'],
  whd: ['Vahid', 'Wahid', 'وحید', 'وحيد'],
  // Urdu, Pashto
  hrn: ['Haroon', 'Harun', 'ہارون'],
  ftm: ['Fatima', 'Fatimah', 'Fatma', 'فاطمة'],
  kld: ['Khaled', 'Khalid', 'خالد'],
  wld: ['Walid', 'Waleed', 'Oualid', 'وليد'],
  mr: ['Omar', 'Umar', 'Oumar', 'عمر'],
  jml: ['Djamel', 'Jamal', 'Jamel', 'جمال'],
  mstf: ['Mustafa', 'Moustapha', 'Mostafa', 'مصطفى'],
  brhm: ['Ibrahim', 'Ebrahim', 'İbrahim', 'إبراهيم'],
  sl: ['Saleh', 'صالح'],
  'nr dn': ['Nour ad-Din', 'Nour Eddine', 'Nur al-Din', 'نور الدين'],
  grg: ['Giorgi', 'გიორგი'],
  mlr: ['Müller', 'Mueller', 'Muller'],
};

describe('nameSkeleton: spellings that must match', () => {
  for (const [skeleton, spellings] of Object.entries(SAME)) {
    it(`${spellings.join(' / ')} -> ${skeleton}`, () => {
      for (const s of spellings) expect(nameSkeleton(s), s).toBe(skeleton);
    });
  }
});

describe('nameSkeleton: names that must not match', () => {
  it.each([
    ['Mohammed', 'Mahmoud'],
    ['Muhammad', 'Mahmud'],
    ['محمد', 'محمود'],
    ['Hassan', 'Hussein'],
    ['حسن', 'حسين'],
    ['Ahmed', 'Mohammed'],
    ['Yusuf', 'Younes'],
    ['Abdul Rahman', 'Abdul Karim'],
    ['Abdullah', 'Abdelaziz'],
    ['Omar', 'Ammar Ali'],
    ['Fatima', 'Fadia'],
    ['Sergey', 'Serhii'],
  ])('%s vs %s', (a, b) => {
    expect(nameSkeleton(a)).not.toBe(nameSkeleton(b));
  });

  it('documents known collisions: names that differ only in vowels share a skeleton', () => {
    // Arabic script writes no short vowels, so the skeleton drops all vowels: Ali / Ola / Ula
    // collide (and Said / Saad, Omar / Amer). The folded key keeps them apart.
    expect(nameSkeleton('Ali')).toBe('l');
    expect(nameSkeleton('Ola')).toBe('l');
    expect(nameSkeleton('علي')).toBe('l');
    expect(foldLatin('Ali')).not.toBe(foldLatin('Ola'));
    expect(nameSkeleton('Said')).toBe(nameSkeleton('Saad'));
    expect(foldLatin('Said')).not.toBe(foldLatin('Saad'));
  });
});

describe('foldLatin', () => {
  it.each([
    ['  Jean-Pierre  O’Brien ', 'jean pierre obrien'],
    ['Müller', 'muller'],
    ['ŁUKASZ Żółć', 'lukasz zolc'],
    ['Straße', 'strasse'],
    ['Hüseyin Şükrü', 'huseyin sukru'],
    ["N'Diaye", 'ndiaye'],
    ['Sa‘ad', 'saad'],
    ['محمد', 'mhmd'],
    ['مُحَمَّد', 'mhmd'],
    ['أحمد', 'ahmd'],
    ['علي', 'ali'],
    ['يوسف', 'yusf'],
    ['فاطمة', 'fatma'],
    ['مصطفى', 'mstfa'],
    ['عبد الرحمن', 'abd al rhmn'],
    ['الله', 'allah'],
    ['ﷲ', 'allah'],
    ['الياس', 'alyas'],
    ['پرویز', 'prwiz'],
    ['ژیلا', 'zhila'],
    ['Дмитрий', 'dmitriy'],
    ['Сергій', 'serhiy'],
    ['Щукин Ёлкин', 'shchukin elkin'],
    ['Μαρία', 'maria'],
    ['Հովհաննես', 'hovhannes'],
    ['გიორგი', 'giorgi'],
    ['Mohammed 2nd, (alias)', 'mohammed nd alias'],
  ])('%s -> %s', (input, folded) => {
    expect(foldLatin(input)).toBe(folded);
  });

  it('keeps scripts it cannot transliterate as lower-cased text', () => {
    expect(foldLatin('देवनागरी')).toBe('देवनागरी');
    expect(foldLatin('ተስፋይ Tesfay')).toBe('ተስፋይ tesfay');
    expect(foldLatin('张伟')).toBe('张伟');
    expect(nameSkeleton('ተስፋይ Tesfay')).toBe('ተስፋይ tsf');
  });

  it('returns an empty string for blank or punctuation-only input', () => {
    expect(foldLatin('')).toBe('');
    expect(foldLatin(' -- , ')).toBe('');
    expect(nameSkeleton(' ')).toBe('');
  });
});

describe('nameKeys / queryKeys', () => {
  it('combines and de-duplicates all name parts', () => {
    const keys = nameKeys(['Mohammed', 'Al-Hassan', 'محمد الحسن', 'Muhammad al Hasan', null, undefined, '']);
    expect(keys.folded).toBe('mohammed al hassan mhmd hsn muhammad hasan');
    expect(keys.skeleton).toBe('mhmd hsn');
  });

  it('gives a query the same keys as a person with that single name', () => {
    expect(queryKeys('Abd al-Rahman Yusuf')).toEqual(nameKeys(['Abd al-Rahman Yusuf']));
    expect(queryKeys('عبد الرحمن يوسف').skeleton).toBe('bdrhmn ysf');
    expect(queryKeys('Abdulrahman Youssef').skeleton).toBe('bdrhmn ysf');
  });

  it('joins abd + name and drops articles only within one part', () => {
    expect(nameKeys(['Abdul', 'Rahman']).skeleton).toBe('bd rhmn');
    expect(nameKeys(['An', 'Nguyen']).skeleton).toBe('n ngn');
    expect(nameKeys(['An Nguyen']).skeleton).toBe('ngn');
  });

  it('keeps keys short', () => {
    const many = Array.from({ length: 400 }, (_, i) => `Name${String.fromCharCode(97 + (i % 26))}${i}x${'abcdefghij'[i % 10]}`);
    const keys = nameKeys(many.map((n, i) => n + 'q'.repeat(i % 7)));
    expect(keys.folded.length).toBeLessThanOrEqual(MAX_KEY_LENGTH);
    expect(keys.skeleton.length).toBeLessThanOrEqual(MAX_KEY_LENGTH);
  });
});

/** Deterministic PRNG (mulberry32) for the property-like loop below. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  ...'abcdefghijklmnopqrstuvwxyzAEIOUY     -\'.,',
  ...'áéíóúüöçşğıİñøǿǽßæłđžščﬁＡ',
  ...'ابتثجحخدذرسشصضطظعغفقكلمنهويىةءأإآؤئ',
  ...'پچژگکیۀےٹڈڑںښګ',
  ...'\u064e\u064f\u0650\u0651\u0652\u0640',
  ...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґђћџ',
  ...'αβγδεζηθλμξπσςφχψω',
  ...'აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ',
  ...'աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ',
  ...'कखगघ्ािे张伟ተስፋ',
];

const SAMPLES = [...Object.values(SAME).flat(), 'Ali', 'Ola', 'Aya', 'Ea', 'Taha', 'Noha', 'Abd', 'Al', 'el sayed'];

describe('idempotence (property-like loop)', () => {
  const random = rng(20240611);
  const inputs = [...SAMPLES];
  for (let i = 0; i < 3000; i++) {
    const length = 1 + Math.floor(random() * 24);
    let s = '';
    for (let j = 0; j < length; j++) s += ALPHABET[Math.floor(random() * ALPHABET.length)];
    inputs.push(s);
  }

  it('folding is idempotent', () => {
    for (const s of inputs) expect(foldLatin(foldLatin(s)), JSON.stringify(s)).toBe(foldLatin(s));
  });

  it('skeletons are stable on already-folded input and are their own skeleton', () => {
    for (const s of inputs) {
      const skeleton = nameSkeleton(s);
      expect(nameSkeleton(foldLatin(s)), JSON.stringify(s)).toBe(skeleton);
      expect(nameSkeleton(skeleton), JSON.stringify(s)).toBe(skeleton);
    }
  });

  it('keys only contain lower-case letters of the output alphabet and single spaces', () => {
    for (const s of inputs) {
      const { folded, skeleton } = queryKeys(s);
      for (const key of [folded, skeleton]) {
        expect(key).not.toMatch(/^\s|\s$|\s\s|[A-Z0-9'\-.,]/);
      }
    }
  });
});
