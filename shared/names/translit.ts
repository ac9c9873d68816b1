/**
 * Transliteration tables used by name-keys.ts. They aim at matching the Latin spellings that people
 * and registration officers actually use (passport / ICAO 9303 style, common English and French
 * spellings), not at a reversible scientific transliteration.
 * All keys are lower-case, composed (NFC) characters.
 */

/** Latin letters that Unicode does not decompose into base letter + mark. */
export const LATIN_EXTRA: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h', ŋ: 'ng',
  ɛ: 'e', ɔ: 'o', ə: 'a', ƴ: 'y', ƙ: 'k', ɓ: 'b', ɗ: 'd', ʃ: 'sh', ʒ: 'zh', ɣ: 'gh', ɲ: 'ny',
  ʊ: 'u', ɪ: 'i', ĸ: 'k', ſ: 's',
};

/** Russian-style Cyrillic, plus Ukrainian, Belarusian, Serbian/Macedonian and Central Asian letters. */
export const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  є: 'ye', і: 'i', ї: 'yi', ґ: 'g', ў: 'u',
  ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dzh', ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
  ә: 'a', ғ: 'gh', қ: 'q', ң: 'ng', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', ӣ: 'i', ӯ: 'u', ҳ: 'h',
  ҷ: 'j', ӧ: 'o', ӱ: 'u', ӈ: 'ng', ҫ: 's',
};

/** Letters that Ukrainian romanizes differently (applied to words containing і, ї, є or ґ). */
export const CYRILLIC_UKRAINIAN: Readonly<Record<string, string>> = { г: 'h', и: 'y' };

/**
 * Serbian and Macedonian Cyrillic follow their official Latin alphabets without diacritics
 * (Ђорђе -> dorde = Đorđe, Ковачевић -> kovacevic = Kovačević); applied to words containing one
 * of ђ ј љ њ ћ џ ѓ ќ ѕ.
 */
export const CYRILLIC_SERBIAN: Readonly<Record<string, string>> = {
  ђ: 'd', ћ: 'c', ч: 'c', џ: 'dz', ш: 's', ж: 'z', х: 'h', ц: 'c', ѓ: 'g', ќ: 'k',
};

/** Greek, applied after accents are stripped. */
export const GREEK: Readonly<Record<string, string>> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l',
  μ: 'm', ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f',
  χ: 'ch', ψ: 'ps', ω: 'o',
};

/** Georgian Mkhedruli (Georgian national romanization, 2002). */
export const GEORGIAN: Readonly<Record<string, string>> = {
  ა: 'a', ბ: 'b', გ: 'g', დ: 'd', ე: 'e', ვ: 'v', ზ: 'z', თ: 't', ი: 'i', კ: 'k', ლ: 'l',
  მ: 'm', ნ: 'n', ო: 'o', პ: 'p', ჟ: 'zh', რ: 'r', ს: 's', ტ: 't', უ: 'u', ფ: 'p', ქ: 'k',
  ღ: 'gh', ყ: 'q', შ: 'sh', ჩ: 'ch', ც: 'ts', ძ: 'dz', წ: 'ts', ჭ: 'ch', ხ: 'kh', ჯ: 'j', ჰ: 'h',
};

/** Armenian (lower case; 'ու' is handled as 'u' before this table). */
export const ARMENIAN: Readonly<Record<string, string>> = {
  ա: 'a', բ: 'b', գ: 'g', դ: 'd', ե: 'e', զ: 'z', է: 'e', ը: 'y', թ: 't', ժ: 'zh', ի: 'i',
  լ: 'l', խ: 'kh', ծ: 'ts', կ: 'k', հ: 'h', ձ: 'dz', ղ: 'gh', ճ: 'ch', մ: 'm', յ: 'y', ն: 'n',
  շ: 'sh', ո: 'o', չ: 'ch', պ: 'p', ջ: 'j', ռ: 'r', ս: 's', վ: 'v', տ: 't', ր: 'r', ց: 'ts',
  ւ: 'v', փ: 'p', ք: 'k', օ: 'o', ֆ: 'f', և: 'ev',
};

/**
 * Arabic-script letters (Arabic, Persian, Urdu, Pashto, Sindhi, Kurdish, Uyghur), after NFD and the
 * removal of harakat and hamza marks (so أ إ آ are already ا, ؤ is و, ئ is ي). و and ي/ی are
 * context-dependent and handled in code; ع is rendered as a vowel, as in most Latin spellings
 * (Abd, Ali, Omar); taa marbuta and alef maqsura are vowels (Fatima, Mustafa).
 */
export const ARABIC: Readonly<Record<string, string>> = {
  ا: 'a', ٱ: 'a', ٲ: 'a', ٳ: 'a', ى: 'a', ة: 'a', ء: '', ع: 'a',
  ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's',
  ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm',
  ن: 'n', ه: 'h',
  // Persian, Urdu
  پ: 'p', چ: 'ch', ژ: 'zh', گ: 'g', ک: 'k', ے: 'e', ہ: 'h', ھ: 'h', ە: 'e', ٹ: 't', ڈ: 'd',
  ڑ: 'r', ں: 'n',
  // Pashto
  ټ: 't', ډ: 'd', ړ: 'r', ږ: 'zh', ښ: 'sh', ګ: 'g', ځ: 'dz', څ: 'ts', ڼ: 'n', ې: 'e', ۍ: 'ay',
  // Kurdish (Sorani), Uyghur, Maghrebi
  ۆ: 'o', ێ: 'e', ڵ: 'l', ڕ: 'r', ڤ: 'v', ڨ: 'g', ۋ: 'v', ۇ: 'u', ۈ: 'u', ۉ: 'u', ۅ: 'o',
  // Sindhi
  ٻ: 'b', ڀ: 'bh', ٺ: 'th', ٽ: 't', ٿ: 'th', ڄ: 'j', ڃ: 'ny', ڇ: 'chh', ڌ: 'dh', ڍ: 'd',
  ڊ: 'd', ڏ: 'd', ڙ: 'r', ڦ: 'ph', ڪ: 'k', ڳ: 'g', ڱ: 'ng', ڻ: 'n',
};

/**
 * Words starting with ال that are not the article + a noun (Persian and foreign given names).
 * Spelt after hamza removal (إلياس -> الياس).
 */
export const AL_EXCEPTIONS = new Set([
  'الياس', 'الیاس', 'اليسع', 'الهام', 'الهه', 'الناز', 'اليكا', 'الیکا', 'الیزابت', 'اليزابيث',
  'البرت', 'الكسندر', 'الکساندر', 'الکسندر',
]);
