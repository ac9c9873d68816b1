import { isCountryCode } from './countries.js';

/**
 * Languages for interpreter needs, preferred language of communication, documents, etc.
 *
 * Tags are BCP 47 primary language subtags: every ISO 639-1 code (source: npm package iso-639-1
 * 3.1.6, names and autonyms reviewed by hand), plus ISO 639-3 codes of languages without a 639-1
 * code that come up in migration and return work (Dari, Sorani, Kurmanji, Balochi, Beja, Tamazight,
 * Kabyle, Susu, Dyula, Nigerian Pidgin, Romani, Cantonese, Rohingya, Arabic varieties, ...).
 * BCP 47 uses the shortest ISO 639 code, so Tigrinya is 'ti' (not 'tir'), Wolof 'wo', Fula 'ff'.
 */
export interface Language {
  /** BCP 47 primary language subtag, lower case: 'ar', 'prs', 'ckb'. */
  readonly tag: string;
  /** English name. */
  readonly name: string;
  /** Name of the language in the language itself. */
  readonly autonym: string;
  /** True for ISO 639-1 (two-letter) codes, false for 639-3 additions. */
  readonly iso6391: boolean;
}

type Row = readonly [tag: string, name: string, autonym: string];

// ISO 639-1 (all 183 codes).
// prettier-ignore
const ISO_639_1: readonly Row[] = [
  ['aa', 'Afar', 'Afaraf'],
  ['ab', 'Abkhaz', 'аҧсуа бызшәа'],
  ['ae', 'Avestan', 'avesta'],
  ['af', 'Afrikaans', 'Afrikaans'],
  ['ak', 'Akan', 'Akan'],
  ['am', 'Amharic', 'አማርኛ'],
  ['an', 'Aragonese', 'aragonés'],
  ['ar', 'Arabic', 'العربية'],
  ['as', 'Assamese', 'অসমীয়া'],
  ['av', 'Avaric', 'авар мацӀ'],
  ['ay', 'Aymara', 'aymar aru'],
  ['az', 'Azerbaijani', 'azərbaycan dili'],
  ['ba', 'Bashkir', 'башҡорт теле'],
  ['be', 'Belarusian', 'беларуская мова'],
  ['bg', 'Bulgarian', 'български език'],
  ['bi', 'Bislama', 'Bislama'],
  ['bm', 'Bambara', 'bamanankan'],
  ['bn', 'Bengali', 'বাংলা'],
  ['bo', 'Tibetan', 'བོད་ཡིག'],
  ['br', 'Breton', 'brezhoneg'],
  ['bs', 'Bosnian', 'bosanski jezik'],
  ['ca', 'Catalan', 'Català'],
  ['ce', 'Chechen', 'нохчийн мотт'],
  ['ch', 'Chamorro', 'Chamoru'],
  ['co', 'Corsican', 'corsu'],
  ['cr', 'Cree', 'ᓀᐦᐃᔭᐍᐏᐣ'],
  ['cs', 'Czech', 'čeština'],
  ['cu', 'Old Church Slavonic', 'ѩзыкъ словѣньскъ'],
  ['cv', 'Chuvash', 'чӑваш чӗлхи'],
  ['cy', 'Welsh', 'Cymraeg'],
  ['da', 'Danish', 'Dansk'],
  ['de', 'German', 'Deutsch'],
  ['dv', 'Dhivehi', 'ދިވެހި'],
  ['dz', 'Dzongkha', 'རྫོང་ཁ'],
  ['ee', 'Ewe', 'Eʋegbe'],
  ['el', 'Greek', 'Ελληνικά'],
  ['en', 'English', 'English'],
  ['eo', 'Esperanto', 'Esperanto'],
  ['es', 'Spanish', 'Español'],
  ['et', 'Estonian', 'eesti'],
  ['eu', 'Basque', 'euskara'],
  ['fa', 'Persian', 'فارسی'],
  ['ff', 'Fula', 'Fulfulde'],
  ['fi', 'Finnish', 'suomi'],
  ['fj', 'Fijian', 'vosa Vakaviti'],
  ['fo', 'Faroese', 'Føroyskt'],
  ['fr', 'French', 'Français'],
  ['fy', 'Western Frisian', 'Frysk'],
  ['ga', 'Irish', 'Gaeilge'],
  ['gd', 'Scottish Gaelic', 'Gàidhlig'],
  ['gl', 'Galician', 'galego'],
  ['gn', 'Guaraní', 'Avañe\'ẽ'],
  ['gu', 'Gujarati', 'ગુજરાતી'],
  ['gv', 'Manx', 'Gaelg'],
  ['ha', 'Hausa', 'Hausa'],
  ['he', 'Hebrew', 'עברית'],
  ['hi', 'Hindi', 'हिन्दी'],
  ['ho', 'Hiri Motu', 'Hiri Motu'],
  ['hr', 'Croatian', 'Hrvatski'],
  ['ht', 'Haitian Creole', 'Kreyòl ayisyen'],
  ['hu', 'Hungarian', 'magyar'],
  ['hy', 'Armenian', 'Հայերեն'],
  ['hz', 'Herero', 'Otjiherero'],
  ['ia', 'Interlingua', 'Interlingua'],
  ['id', 'Indonesian', 'Bahasa Indonesia'],
  ['ie', 'Interlingue', 'Interlingue'],
  ['ig', 'Igbo', 'Asụsụ Igbo'],
  ['ii', 'Sichuan Yi', 'ꆈꌠ꒿ Nuosuhxop'],
  ['ik', 'Inupiaq', 'Iñupiaq'],
  ['io', 'Ido', 'Ido'],
  ['is', 'Icelandic', 'Íslenska'],
  ['it', 'Italian', 'Italiano'],
  ['iu', 'Inuktitut', 'ᐃᓄᒃᑎᑐᑦ'],
  ['ja', 'Japanese', '日本語'],
  ['jv', 'Javanese', 'basa Jawa'],
  ['ka', 'Georgian', 'ქართული'],
  ['kg', 'Kongo', 'Kikongo'],
  ['ki', 'Kikuyu', 'Gĩkũyũ'],
  ['kj', 'Kwanyama', 'Kuanyama'],
  ['kk', 'Kazakh', 'қазақ тілі'],
  ['kl', 'Greenlandic', 'kalaallisut'],
  ['km', 'Khmer', 'ខ្មែរ'],
  ['kn', 'Kannada', 'ಕನ್ನಡ'],
  ['ko', 'Korean', '한국어'],
  ['kr', 'Kanuri', 'Kanuri'],
  ['ks', 'Kashmiri', 'کٲشُر'],
  ['ku', 'Kurdish', 'Kurdî'],
  ['kv', 'Komi', 'коми кыв'],
  ['kw', 'Cornish', 'Kernewek'],
  ['ky', 'Kyrgyz', 'Кыргызча'],
  ['la', 'Latin', 'latine'],
  ['lb', 'Luxembourgish', 'Lëtzebuergesch'],
  ['lg', 'Ganda', 'Luganda'],
  ['li', 'Limburgish', 'Limburgs'],
  ['ln', 'Lingala', 'Lingála'],
  ['lo', 'Lao', 'ພາສາລາວ'],
  ['lt', 'Lithuanian', 'lietuvių kalba'],
  ['lu', 'Luba-Katanga', 'Kiluba'],
  ['lv', 'Latvian', 'latviešu valoda'],
  ['mg', 'Malagasy', 'fiteny malagasy'],
  ['mh', 'Marshallese', 'Kajin M̧ajeļ'],
  ['mi', 'Māori', 'te reo Māori'],
  ['mk', 'Macedonian', 'македонски јазик'],
  ['ml', 'Malayalam', 'മലയാളം'],
  ['mn', 'Mongolian', 'Монгол хэл'],
  ['mr', 'Marathi', 'मराठी'],
  ['ms', 'Malay', 'Bahasa Melayu'],
  ['mt', 'Maltese', 'Malti'],
  ['my', 'Burmese', 'မြန်မာ'],
  ['na', 'Nauru', 'Dorerin Naoero'],
  ['nb', 'Norwegian Bokmål', 'Norsk bokmål'],
  ['nd', 'Northern Ndebele', 'isiNdebele'],
  ['ne', 'Nepali', 'नेपाली'],
  ['ng', 'Ndonga', 'Owambo'],
  ['nl', 'Dutch', 'Nederlands'],
  ['nn', 'Norwegian Nynorsk', 'Norsk nynorsk'],
  ['no', 'Norwegian', 'Norsk'],
  ['nr', 'Southern Ndebele', 'isiNdebele'],
  ['nv', 'Navajo', 'Diné bizaad'],
  ['ny', 'Chichewa', 'chiCheŵa'],
  ['oc', 'Occitan', 'occitan'],
  ['oj', 'Ojibwe', 'ᐊᓂᔑᓈᐯᒧᐎᓐ'],
  ['om', 'Oromo', 'Afaan Oromoo'],
  ['or', 'Odia', 'ଓଡ଼ିଆ'],
  ['os', 'Ossetian', 'ирон æвзаг'],
  ['pa', 'Punjabi', 'ਪੰਜਾਬੀ'],
  ['pi', 'Pāli', 'पाऴि'],
  ['pl', 'Polish', 'Polski'],
  ['ps', 'Pashto', 'پښتو'],
  ['pt', 'Portuguese', 'Português'],
  ['qu', 'Quechua', 'Runa Simi'],
  ['rm', 'Romansh', 'rumantsch grischun'],
  ['rn', 'Kirundi', 'Ikirundi'],
  ['ro', 'Romanian', 'Română'],
  ['ru', 'Russian', 'Русский'],
  ['rw', 'Kinyarwanda', 'Ikinyarwanda'],
  ['sa', 'Sanskrit', 'संस्कृतम्'],
  ['sc', 'Sardinian', 'sardu'],
  ['sd', 'Sindhi', 'سنڌي'],
  ['se', 'Northern Sami', 'Davvisámegiella'],
  ['sg', 'Sango', 'yângâ tî sängö'],
  ['si', 'Sinhala', 'සිංහල'],
  ['sk', 'Slovak', 'slovenčtina'],
  ['sl', 'Slovenian', 'slovenščina'],
  ['sm', 'Samoan', 'gagana fa\'a Samoa'],
  ['sn', 'Shona', 'chiShona'],
  ['so', 'Somali', 'Soomaaliga'],
  ['sq', 'Albanian', 'Shqip'],
  ['sr', 'Serbian', 'српски језик'],
  ['ss', 'Swati', 'SiSwati'],
  ['st', 'Southern Sotho', 'Sesotho'],
  ['su', 'Sundanese', 'Basa Sunda'],
  ['sv', 'Swedish', 'Svenska'],
  ['sw', 'Swahili', 'Kiswahili'],
  ['ta', 'Tamil', 'தமிழ்'],
  ['te', 'Telugu', 'తెలుగు'],
  ['tg', 'Tajik', 'тоҷикӣ'],
  ['th', 'Thai', 'ไทย'],
  ['ti', 'Tigrinya', 'ትግርኛ'],
  ['tk', 'Turkmen', 'Türkmençe'],
  ['tl', 'Tagalog', 'Wikang Tagalog'],
  ['tn', 'Tswana', 'Setswana'],
  ['to', 'Tongan', 'faka Tonga'],
  ['tr', 'Turkish', 'Türkçe'],
  ['ts', 'Tsonga', 'Xitsonga'],
  ['tt', 'Tatar', 'татар теле'],
  ['tw', 'Twi', 'Twi'],
  ['ty', 'Tahitian', 'Reo Tahiti'],
  ['ug', 'Uyghur', 'ئۇيغۇرچە'],
  ['uk', 'Ukrainian', 'Українська'],
  ['ur', 'Urdu', 'اردو'],
  ['uz', 'Uzbek', 'oʻzbekcha'],
  ['ve', 'Venda', 'Tshivenḓa'],
  ['vi', 'Vietnamese', 'Tiếng Việt'],
  ['vo', 'Volapük', 'Volapük'],
  ['wa', 'Walloon', 'walon'],
  ['wo', 'Wolof', 'Wollof'],
  ['xh', 'Xhosa', 'isiXhosa'],
  ['yi', 'Yiddish', 'ייִדיש'],
  ['yo', 'Yoruba', 'Yorùbá'],
  ['za', 'Zhuang', 'Saɯ cueŋƅ'],
  ['zh', 'Chinese', '中文'],
  ['zu', 'Zulu', 'isiZulu'],
];

// ISO 639-3 additions without a 639-1 code.
// prettier-ignore
const ADDITIONS: readonly Row[] = [
  // Persian, Kurdish, Iranian and neighbouring languages
  ['prs', 'Dari', 'دری'],
  ['haz', 'Hazaragi', 'هزارگی'],
  ['ckb', 'Central Kurdish (Sorani)', 'کوردیی ناوەندی'],
  ['kmr', 'Northern Kurdish (Kurmanji)', 'Kurmancî'],
  ['sdh', 'Southern Kurdish', 'کوردی خوارین'],
  ['lki', 'Laki', 'لەکی'],
  ['hac', 'Gorani (Hawrami)', 'هەورامی'],
  ['zza', 'Zazaki', 'Zazakî'],
  ['bal', 'Balochi', 'بلوچی'],
  ['brh', 'Brahui', 'براہوئی'],
  ['azb', 'South Azerbaijani', 'تۆرکجه'],
  ['lrc', 'Northern Luri', 'لۊری شومالی'],
  ['mzn', 'Mazanderani', 'مازرونی'],
  ['glk', 'Gilaki', 'گیلکی'],
  ['uzs', 'Southern Uzbek', 'اوزبیکی'],
  // South Asia
  ['pnb', 'Western Punjabi (Shahmukhi)', 'پنجابی'],
  ['skr', 'Saraiki', 'سرائیکی'],
  ['hno', 'Northern Hindko', 'ہندکو'],
  ['rhg', 'Rohingya', 'Ruáingga'],
  ['ctg', 'Chittagonian', 'চাটগাঁইয়া'],
  ['syl', 'Sylheti', 'ꠍꠤꠟꠐꠤ'],
  ['bho', 'Bhojpuri', 'भोजपुरी'],
  ['mai', 'Maithili', 'मैथिली'],
  // Arabic varieties and Aramaic
  ['arz', 'Egyptian Arabic', 'مصرى'],
  ['apc', 'Levantine Arabic', 'شامي'],
  ['acm', 'Mesopotamian (Iraqi) Arabic', 'عراقي'],
  ['afb', 'Gulf Arabic', 'خليجي'],
  ['apd', 'Sudanese Arabic', 'عربي سوداني'],
  ['ayl', 'Libyan Arabic', 'ليبي'],
  ['aeb', 'Tunisian Arabic', 'تونسي'],
  ['arq', 'Algerian Arabic', 'دزيري'],
  ['ary', 'Moroccan Arabic', 'الدارجة'],
  ['mey', 'Hassaniya Arabic', 'حسانية'],
  ['shu', 'Chadian Arabic', 'عربي تشادي'],
  ['aii', 'Assyrian Neo-Aramaic', 'ܣܘܪܝܝܐ'],
  ['syr', 'Syriac', 'ܠܫܢܐ ܣܘܪܝܝܐ'],
  // Berber (Amazigh) languages
  ['tzm', 'Central Atlas Tamazight', 'Tamaziɣt n laṭlaṣ'],
  ['zgh', 'Standard Moroccan Tamazight', 'ⵜⴰⵎⴰⵣⵉⵖⵜ'],
  ['shi', 'Tachelhit', 'Taclḥit'],
  ['rif', 'Tarifit', 'Tarifit'],
  ['kab', 'Kabyle', 'Taqbaylit'],
  ['tmh', 'Tamashek (Tuareg)', 'Tamajaq'],
  // Horn of Africa, Sudan, South Sudan
  ['bej', 'Beja', 'Bidhaawyeet'],
  ['tig', 'Tigre', 'ትግረ'],
  ['din', 'Dinka', 'Thuɔŋjäŋ'],
  ['nus', 'Nuer', 'Thok Naath'],
  ['luo', 'Dholuo', 'Dholuo'],
  // West and Central Africa
  ['sus', 'Susu', 'Sosoxui'],
  ['dyu', 'Dyula', 'Julakan'],
  ['mnk', 'Mandinka', 'Mandinka kango'],
  ['snk', 'Soninke', 'Sooninkanxanne'],
  ['fuf', 'Pular', 'Pular'],
  ['fuc', 'Pulaar', 'Pulaar'],
  ['men', 'Mende', 'Mɛnde yia'],
  ['tem', 'Temne', 'KʌThemnɛ'],
  ['kri', 'Krio', 'Krio'],
  ['pcm', 'Nigerian Pidgin', 'Naijá'],
  ['wes', 'Cameroonian Pidgin', 'Kamtok'],
  ['efi', 'Efik', 'Efik'],
  ['bin', 'Edo', 'Ẹ̀dó'],
  ['tiv', 'Tiv', 'Tiv'],
  ['gaa', 'Ga', 'Gã'],
  ['mos', 'Mossi', 'Mooré'],
  ['bci', 'Baoulé', 'Baoulé'],
  ['fon', 'Fon', 'Fɔngbè'],
  ['kbp', 'Kabiyè', 'Kabɩyɛ'],
  ['lua', 'Luba-Lulua', 'Tshiluba'],
  ['swc', 'Congo Swahili', 'Kiswahili ya Kongo'],
  ['umb', 'Umbundu', 'Umbundu'],
  ['bem', 'Bemba', 'Ichibemba'],
  // Europe
  ['rom', 'Romani', 'romani ćhib'],
  ['rmy', 'Vlax Romani', 'romani ćhib'],
  ['aln', 'Gheg Albanian', 'Gegnisht'],
  ['cnr', 'Montenegrin', 'crnogorski'],
  ['gsw', 'Swiss German', 'Schwiizertüütsch'],
  // East and South-East Asia, Pacific, Caribbean, Indian Ocean
  ['cmn', 'Mandarin Chinese', '普通话'],
  ['yue', 'Cantonese', '粵語'],
  ['hak', 'Hakka Chinese', '客家話'],
  ['nan', 'Min Nan Chinese', '閩南語'],
  ['wuu', 'Wu Chinese', '吴语'],
  ['hmn', 'Hmong', 'Hmoob'],
  ['fil', 'Filipino', 'Filipino'],
  ['ceb', 'Cebuano', 'Cebuano'],
  ['tet', 'Tetum', 'Tetun'],
  ['pap', 'Papiamento', 'Papiamentu'],
  ['mfe', 'Morisyen', 'Kreol morisien'],
];

export const languages: readonly Language[] = Object.freeze([
  ...ISO_639_1.map(([tag, name, autonym]) => Object.freeze({ tag, name, autonym, iso6391: true })),
  ...ADDITIONS.map(([tag, name, autonym]) => Object.freeze({ tag, name, autonym, iso6391: false })),
]);

const BY_TAG: ReadonlyMap<string, Language> = new Map(languages.map((l) => [l.tag, l]));

/** Lookup by primary language subtag (case-insensitive): 'ar', 'PRS'. Subtags after '-' are ignored. */
export function languageByTag(tag: string): Language | undefined {
  return BY_TAG.get(tag.split(/[-_]/, 1)[0]!.toLowerCase());
}

/**
 * Canonical form of a language tag made of a known primary language subtag, optionally followed by
 * a script subtag (4 letters) and/or a region subtag (a known ISO 3166-1 alpha-2 code or a 3-digit
 * M49 code): 'ar', 'fa-AF', 'sr-Latn', 'sr-Cyrl-RS', 'es-419'. Case-insensitive in, canonical case
 * out (language lower, Script title, REGION upper); null for anything else.
 */
export function normalizeLanguageTag(tag: string): string | null {
  const m = /^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?$/i.exec(tag.trim().replace(/_/g, '-'));
  if (!m) return null;
  const lang = m[1]!.toLowerCase();
  if (!BY_TAG.has(lang)) return null;
  const script = m[2] ? m[2][0]!.toUpperCase() + m[2].slice(1).toLowerCase() : undefined;
  const region = m[3]?.toUpperCase();
  if (region !== undefined && !/^\d{3}$/.test(region) && !isCountryCode(region)) return null;
  return [lang, script, region].filter((s) => s !== undefined).join('-');
}

/**
 * True for a valid tag in canonical form ('ar', 'prs', 'fa-AF', 'sr-Latn'); 'AR' or 'fa_af' are
 * rejected: pass user input through `normalizeLanguageTag` first. Use this to validate stored data.
 */
export function isLanguageTag(tag: unknown): tag is string {
  return typeof tag === 'string' && normalizeLanguageTag(tag) === tag;
}
