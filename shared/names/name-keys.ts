/**
 * Transliteration-tolerant keys for person names.
 *
 * Homeward stores, for each person, two keys built from all their names (given, family, aliases,
 * name in the original script, transliterations) and compares them with PostgreSQL pg_trgm
 * similarity against the keys of a search query:
 *
 *  - `folded`: the names lower-cased, without diacritics, transliterated to Latin letters
 *    ('Müller' -> 'muller', 'محمد' -> 'mhmd', 'Дмитрий' -> 'dmitriy'); good for typos.
 *  - `skeleton`: a phonetic consonant skeleton per token, equal for the usual spelling variants
 *    across scripts: Mohammed / Muhammad / Mohamed / محمد -> 'mhmd'; Yousef / Yusuf / يوسف -> 'ysf';
 *    Abdul Rahman / Abdulrahman / Abd al-Rahman / عبد الرحمن -> 'bdrhmn'; Дмитрий / Dmitry -> 'dmtr'.
 *
 * Skeleton rules, per token of the folded text:
 *  1. Arabic articles written apart are dropped ('al', 'el', 'ul', and 'ad', 'ar', 'as', 'an', 'ash',
 *     ... before a word starting with the same consonant: 'Nasr ad-Din', 'Abd ar-Rahman'). Arabic
 *     script ال at the start of a word is split off by `foldLatin` and dropped the same way.
 *  2. 'abd' / 'abdul' / 'abdel' / 'abdur' ... + next word become one token, and an attached article
 *     is removed ('Abdulaziz', 'Abdurrahman', 'عبدالعزيز' -> abd + aziz / rahman).
 *  3. Letters: x (next to a vowel) -> ks; dj, dzh, zh, xh, gj -> j; sh, ch, sch, tch, cz -> x;
 *     kh -> k; gh -> g; th -> t; dh -> d; ph -> f; ck, q, c -> k (c before e, i, y -> s); v -> w.
 *     A leading 'i' before a vowel is 'y' (Iusuf), a leading 'ou' before a vowel is 'w' (Oualid).
 *  4. Doubled letters collapse; a final h is dropped from a token that has vowels (Fatimah = Fatima,
 *     Saleh = صالح, Abdallah = عبدالله), not from a bare consonant skeleton.
 *  5. Vowels and the semivowels y, w are dropped, except a token-initial y or w (Yusuf 'ysf',
 *     Walid 'wld'). v counts as w so that Persian/Dari spellings match (Javad = Jawad = جواد).
 *  6. Rules 3-5 repeat until nothing changes, so a skeleton is its own skeleton.
 *  7. A few frequent names whose consonants collide are told apart by their written long vowel
 *     (see LONG_VOWEL_NAMES): Mahmoud / محمود -> 'mhmwd' (not 'mhmd'), Hussein / حسين -> 'hsyn'
 *     (not Hassan 'hsn').
 *  8. A token left empty (all vowels, 'Aya') keeps its folded form.
 *
 * Known limits:
 *  - Scripts without transliteration here (Devanagari, Bengali, Gurmukhi, Tamil, Sinhala, Thai,
 *    Burmese, Ge'ez/Ethiopic, Hebrew, Chinese, Japanese, Korean, ...) are kept as raw lower-cased
 *    text: they match the same script only.
 *  - Arabic script has no short vowels, so the skeleton drops all vowels; names that differ only
 *    in vowels collide: Ali / Ola / Ula -> 'l', Said / Saad / Sayed -> 'sd', Hassan / Hosni -> 'hsn',
 *    Salah / Saleh -> 'sl', Omar / Amer / Ammar -> 'mr', Aisha -> 'x'. The folded key (which keeps
 *    the vowels) and the other name parts must tell such people apart.
 *  - Persian/Turkish pronunciations of ض ظ ذ (z) are not matched with the Arabic d/dh; Egyptian g
 *    for ج (Gamal) is not matched with j (Jamal); Balkan/German j (Jusuf) is not matched with y.
 *  - Attached Latin article prefixes ('Elsayed', 'Alrashid') and attached 'ud-din' compounds
 *    ('Nasiruddin') are not split.
 *  - Russian and Ukrainian г are told apart only in words with і, ї, є or ґ (Сергій -> serhiy);
 *    Serbian Cyrillic follows Serbian Latin only in words with ђ ј љ њ ћ џ (Ковачевић -> kovacevic).
 *  - Latin đ folds to d, so 'Đorđe' matches 'Dorde' but not 'Djordje'; Cyrillic е is 'e' (ICAO),
 *    so 'Екатерина' matches 'Ekaterina' but not 'Yekaterina'.
 */
import {
  AL_EXCEPTIONS,
  ARABIC,
  ARMENIAN,
  CYRILLIC,
  CYRILLIC_SERBIAN,
  CYRILLIC_UKRAINIAN,
  GEORGIAN,
  GREEK,
  LATIN_EXTRA,
} from './translit.js';

export interface NameKeys {
  /** Space-joined, de-duplicated folded tokens. */
  readonly folded: string;
  /** Space-joined, de-duplicated skeleton tokens. */
  readonly skeleton: string;
}

/** Upper bound on the length of each key (whole tokens only). */
export const MAX_KEY_LENGTH = 512;

const APOSTROPHES = /['’‘ʼʻʿʾ`´ʹ]/g;
const INVISIBLE = /[\u200b-\u200f\u061c\u2066-\u2069\ufeff\u00ad]/g;
const CYRILLIC_WORD = /[\u0400-\u052f]+/g;
const ARABIC_WORD = /[\u0620-\u064a\u066e-\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9]+/g;
/** Harakat, hamza and madda marks, superscript alef, Quranic marks, tatweel. */
// eslint-disable-next-line no-misleading-character-class -- the Arabic marks are listed on their own, on purpose
const ARABIC_MARKS = /[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u08ca-\u08ff]/g;
const MARKS_AFTER_LATIN_OR_GREEK = /(?<=[\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu;

function mapChars(text: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  for (const ch of text) out += table[ch] ?? ch;
  return out;
}

function transliterateCyrillicWord(word: string): string {
  const local: Readonly<Record<string, string>> = /[іїєґ]/.test(word)
    ? CYRILLIC_UKRAINIAN
    : /[ђјљњћџѓќѕ]/.test(word)
      ? CYRILLIC_SERBIAN
      : {};
  let out = '';
  for (const ch of word) out += local[ch] ?? CYRILLIC[ch] ?? ch;
  return out;
}

function transliterateArabicWord(word: string): string {
  // Allah, also at the end of a compound (عبدالله): the long a is never written
  if (word === 'الله') return 'allah';
  if (word.length > 3 && word.endsWith('لله')) return `${transliterateArabicWord(word.slice(0, -3))}llah`;
  if (word.length >= 4 && word.startsWith('ال') && !AL_EXCEPTIONS.has(word)) {
    return `al ${transliterateArabicWord(word.slice(2))}`;
  }
  const letters = [...word];
  let out = '';
  letters.forEach((ch, i) => {
    const prev = letters[i - 1];
    const next = letters[i + 1];
    if (ch === 'و') {
      const consonantal = i === 0 || prev === 'ا' || (next !== undefined && 'اىةيی'.includes(next));
      out += consonantal ? 'w' : 'u';
    } else if (ch === 'ي' || ch === 'ی') {
      const consonantal = i === 0 || prev === 'ا' || next === 'ا' || next === 'و';
      out += consonantal ? 'y' : 'i';
    } else {
      out += ARABIC[ch] ?? ch;
    }
  });
  return out;
}

/**
 * Lower-cases, strips diacritics, transliterates Arabic-script (Arabic, Persian, Urdu, Pashto,
 * Kurdish, Sindhi), Cyrillic, Greek, Georgian and Armenian letters to Latin, turns everything that
 * is not a letter into a space and collapses spaces. Letters of other scripts are kept as they are
 * (lower-cased). Idempotent: foldLatin(foldLatin(s)) === foldLatin(s).
 */
export function foldLatin(s: string): string {
  let t = s.normalize('NFKC').toLowerCase().replace(APOSTROPHES, '').replace(INVISIBLE, '');
  t = t.replace(CYRILLIC_WORD, transliterateCyrillicWord);
  t = mapChars(t.replace(/ու/g, 'u'), ARMENIAN);
  t = mapChars(t, GEORGIAN);
  t = t.normalize('NFD').replace(MARKS_AFTER_LATIN_OR_GREEK, '');
  t = mapChars(mapChars(t, LATIN_EXTRA), GREEK);
  t = t.replace(ARABIC_MARKS, '').replace(ARABIC_WORD, transliterateArabicWord);
  return t
    .replace(MARKS_AFTER_LATIN_OR_GREEK, '') // stray marks now following transliterated letters
    .replace(/[^\p{L}\p{M}]+/gu, ' ')
    .trim()
    .normalize('NFC');
}

// ---------------------------------------------------------------------------------------------
// Skeleton

const ABD_JOINER = /^abd(?:[aeiou]{1,2}(?:sh|[lrsntdz]))?$/;
const ARTICLE = /^(?:al|el|ul|il|ol)$/;
const ASSIMILATED_ARTICLE = /^[aeiu](sh|th|dh|[tdrzsn])$/;

function isArticle(token: string, next: string | undefined): boolean {
  if (next === undefined) return false;
  if (ARTICLE.test(token)) return true;
  const m = ASSIMILATED_ARTICLE.exec(token);
  return m !== null && next.startsWith(m[1]!);
}

/** 'abdulaziz' -> 'abdaziz', 'abdurrahman' -> 'abdrahman', 'abdallah' -> 'abdlah'. */
function stripAttachedAbdArticle(token: string): string {
  const l = /^abd[aeiou]*l(?=.)/.exec(token);
  if (l) return `abd${token.slice(l[0].length)}`;
  const a = /^abd[aeiou]+(sh|th|dh|[rsntdz])(?=\1)/.exec(token);
  if (a) return `abd${token.slice(a[0].length)}`;
  return token;
}

/** Applies rules 1 and 2 (articles, abd + name) to the folded tokens of one name part. */
function joinTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (ABD_JOINER.test(t)) {
      let j = i + 1;
      if (j < tokens.length && isArticle(tokens[j]!, tokens[j + 1])) j++;
      if (j < tokens.length && !ABD_JOINER.test(tokens[j]!)) {
        out.push(`abd${tokens[j]}`);
        i = j;
      } else {
        out.push('abd');
      }
    } else if (isArticle(t, tokens[i + 1])) {
      continue;
    } else {
      out.push(t.startsWith('abd') ? stripAttachedAbdArticle(t) : t);
    }
  }
  return out;
}

function skeletonStep(token: string): string {
  return (
    token
      .replace(/^i(?=[aeou])/, 'y')
      .replace(/^ou(?=[aeiy])/, 'w')
      .replace(/xh|dzh|dj|zh|gj/g, 'j')
      .replace(/(?<=[aeiou])x|x(?=[aeiou])/g, 'ks')
      .replace(/tsch|sch|tch|sh|ch|cz/g, 'x')
      .replace(/ck/g, 'k')
      .replace(/c(?=[eiy])/g, 's')
      .replace(/[cq]/g, 'k')
      .replace(/kh/g, 'k')
      .replace(/gh/g, 'g')
      .replace(/th/g, 't')
      .replace(/dh/g, 'd')
      .replace(/ph/g, 'f')
      .replace(/v/g, 'w')
      .replace(/(.)\1+/g, '$1')
      // a written final h (Fatimah, Abdallah, Saleh); not one exposed by dropping vowels (Noha 'nh')
      .replace(/(?<=[aeiou].*)h$/, '')
      // keep a token-initial y or w, drop every other vowel and semivowel
      .replace(/(?<=.)[aeiouyw]|^[aeiou]/g, '')
      .replace(/(.)\1+/g, '$1')
  );
}

function consonantSkeleton(token: string): string {
  let t = token;
  for (let i = 0; i < 10; i++) {
    const next = skeletonStep(t);
    if (next === t) break;
    t = next;
  }
  return t;
}

/**
 * Names whose consonant skeletons collide with a more frequent name but that are written with a
 * long vowel (و / ي) in Arabic script and with a vowel in that place in Latin spellings.
 * `base`: the plain skeleton; `pattern`: matches the folded token; `key`: the distinct skeleton
 * (itself matched by `pattern`, so that skeletons stay idempotent).
 */
const LONG_VOWEL_NAMES: readonly { base: string; pattern: RegExp; key: string }[] = [
  // Mahmoud, Mahmud, Mahmood, Mehmood, محمود (mhmud) - not Mohammed, Muhammad, محمد (mhmd)
  { base: 'mhmd', pattern: /^m[aeiouwy]*h+m+[aeiouwy]+d+$/, key: 'mhmwd' },
  // Hussein, Husain, Husayn, Hossein, Hüseyin, حسين (hsin) - not Hassan, Hasan, حسن (hsn)
  { base: 'hsn', pattern: /^h[aeiouwy]*s+[aeiouwy]*(?:i|y|ee)[aeiouwy]*n+$/, key: 'hsyn' },
];

function skeletonToken(token: string): string {
  if (!/^[a-z]+$/.test(token)) return token;
  const skeleton = consonantSkeleton(token);
  for (const name of LONG_VOWEL_NAMES) {
    if (skeleton === name.base && name.pattern.test(token)) return name.key;
  }
  return skeleton === '' ? token : skeleton;
}

function partSkeletonTokens(folded: string): string[] {
  if (folded === '') return [];
  return joinTokens(folded.split(' ')).map(skeletonToken);
}

/**
 * Phonetic consonant skeleton of a name (see the module comment for the rules), as space-joined
 * tokens, one per name token (fewer where articles are dropped or 'abd' is joined).
 * nameSkeleton('Abd al-Rahman') === nameSkeleton('عبد الرحمن') === 'bdrhmn'.
 * Idempotent, and nameSkeleton(foldLatin(s)) === nameSkeleton(s).
 */
export function nameSkeleton(s: string): string {
  return partSkeletonTokens(foldLatin(s)).join(' ');
}

function addTokens(into: string[], seen: Set<string>, tokens: readonly string[]): void {
  for (const t of tokens) {
    if (t === '' || seen.has(t)) continue;
    const length = into.reduce((n, x) => n + x.length + 1, 0) + t.length;
    if (length > MAX_KEY_LENGTH) return;
    seen.add(t);
    into.push(t);
  }
}

/**
 * Keys of a person from all their name strings (given, family, aliases, original-script name,
 * transliterations). Each part is folded and skeletonized on its own (so 'abd' joins and article
 * drops happen within a part), then tokens are de-duplicated in order of first appearance.
 * Blank, null and undefined parts are ignored. Each key is at most MAX_KEY_LENGTH characters.
 */
export function nameKeys(parts: ReadonlyArray<string | null | undefined>): NameKeys {
  const folded: string[] = [];
  const skeleton: string[] = [];
  const seenFolded = new Set<string>();
  const seenSkeleton = new Set<string>();
  for (const part of parts) {
    if (typeof part !== 'string') continue;
    const f = foldLatin(part);
    addTokens(folded, seenFolded, f === '' ? [] : f.split(' '));
    addTokens(skeleton, seenSkeleton, partSkeletonTokens(f));
  }
  return { folded: folded.join(' '), skeleton: skeleton.join(' ') };
}

/** Keys of a free-text search query, built like those of a person with a single name part. */
export function queryKeys(q: string): NameKeys {
  return nameKeys([q]);
}

/**
 * `nameKeys` that remembers each part's folding and skeleton, for bulk work where the same names
 * come back many times (a legacy import); its answers are those of `nameKeys`. Up to `maxParts`
 * parts are remembered, then the memory starts afresh.
 */
export function memoNameKeys(maxParts = 200_000): (parts: ReadonlyArray<string | null | undefined>) => NameKeys {
  const memo = new Map<string, { tokens: readonly string[]; skeleton: readonly string[] }>();
  return (parts) => {
    const folded: string[] = [];
    const skeleton: string[] = [];
    const seenFolded = new Set<string>();
    const seenSkeleton = new Set<string>();
    for (const part of parts) {
      if (typeof part !== 'string') continue;
      let m = memo.get(part);
      if (!m) {
        const f = foldLatin(part);
        m = { tokens: f === '' ? [] : f.split(' '), skeleton: partSkeletonTokens(f) };
        if (memo.size >= maxParts) memo.clear();
        memo.set(part, m);
      }
      addTokens(folded, seenFolded, m.tokens);
      addTokens(skeleton, seenSkeleton, m.skeleton);
    }
    return { folded: folded.join(' '), skeleton: skeleton.join(' ') };
  };
}
