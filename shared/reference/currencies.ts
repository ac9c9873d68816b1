/**
 * ISO 4217 currency codes (list one, "current currency & funds").
 *
 * Source: ISO 4217 list one as published by the ISO 4217 maintenance agency (SIX), taken from the
 * data of the npm package currency-codes 2.2.0 (list dated 2024-06-25; read once, not a dependency),
 * with the later amendments applied by hand:
 *  - XCG Caribbean Guilder (532) replaces ANG Netherlands Antillean Guilder (Curaçao, Sint Maarten), 2025;
 *  - BGN Bulgarian Lev withdrawn when Bulgaria adopted the euro (2026-01-01).
 * Recently withdrawn codes that still appear in case files (amounts recorded before the change)
 * are kept separately in `withdrawnCurrencies`.
 *
 * `minorUnits` is the ISO 4217 exponent (JPY 0, USD 2, IQD 3, CLF 4); null where ISO says "N.A."
 * (precious metals, SDR, bond-market units, XTS, XXX).
 */
export type CurrencyKind =
  /** Legal tender of one or more countries (incl. XAF, XOF, XCD, XPF, EUR). */
  | 'currency'
  /** Funds and indexed units of account (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW). */
  | 'fund'
  /** Metals, SDR, bond-market units, testing and "no currency" codes. */
  | 'special';

export interface Currency {
  /** Alphabetic code, e.g. 'IQD'. */
  readonly code: string;
  /** Three-digit numeric code, e.g. '368'. */
  readonly numeric: string;
  readonly minorUnits: number | null;
  readonly kind: CurrencyKind;
  /** English name as in ISO 4217. */
  readonly name: string;
  /** Year of withdrawal, only on entries of `withdrawnCurrencies`. */
  readonly withdrawn?: number;
  /** Code that replaced a withdrawn currency. */
  readonly replacedBy?: string;
}

type Row = readonly [code: string, numeric: string, minorUnits: number | null, kind: CurrencyKind, name: string];

// prettier-ignore
const ROWS: readonly Row[] = [
  ['AED', '784', 2, 'currency', 'UAE Dirham'],
  ['AFN', '971', 2, 'currency', 'Afghani'],
  ['ALL', '008', 2, 'currency', 'Lek'],
  ['AMD', '051', 2, 'currency', 'Armenian Dram'],
  ['AOA', '973', 2, 'currency', 'Kwanza'],
  ['ARS', '032', 2, 'currency', 'Argentine Peso'],
  ['AUD', '036', 2, 'currency', 'Australian Dollar'],
  ['AWG', '533', 2, 'currency', 'Aruban Florin'],
  ['AZN', '944', 2, 'currency', 'Azerbaijan Manat'],
  ['BAM', '977', 2, 'currency', 'Convertible Mark'],
  ['BBD', '052', 2, 'currency', 'Barbados Dollar'],
  ['BDT', '050', 2, 'currency', 'Taka'],
  ['BHD', '048', 3, 'currency', 'Bahraini Dinar'],
  ['BIF', '108', 0, 'currency', 'Burundi Franc'],
  ['BMD', '060', 2, 'currency', 'Bermudian Dollar'],
  ['BND', '096', 2, 'currency', 'Brunei Dollar'],
  ['BOB', '068', 2, 'currency', 'Boliviano'],
  ['BOV', '984', 2, 'fund', 'Mvdol'],
  ['BRL', '986', 2, 'currency', 'Brazilian Real'],
  ['BSD', '044', 2, 'currency', 'Bahamian Dollar'],
  ['BTN', '064', 2, 'currency', 'Ngultrum'],
  ['BWP', '072', 2, 'currency', 'Pula'],
  ['BYN', '933', 2, 'currency', 'Belarusian Ruble'],
  ['BZD', '084', 2, 'currency', 'Belize Dollar'],
  ['CAD', '124', 2, 'currency', 'Canadian Dollar'],
  ['CDF', '976', 2, 'currency', 'Congolese Franc'],
  ['CHE', '947', 2, 'fund', 'WIR Euro'],
  ['CHF', '756', 2, 'currency', 'Swiss Franc'],
  ['CHW', '948', 2, 'fund', 'WIR Franc'],
  ['CLF', '990', 4, 'fund', 'Unidad de Fomento'],
  ['CLP', '152', 0, 'currency', 'Chilean Peso'],
  ['CNY', '156', 2, 'currency', 'Yuan Renminbi'],
  ['COP', '170', 2, 'currency', 'Colombian Peso'],
  ['COU', '970', 2, 'fund', 'Unidad de Valor Real'],
  ['CRC', '188', 2, 'currency', 'Costa Rican Colon'],
  ['CUC', '931', 2, 'currency', 'Peso Convertible'],
  ['CUP', '192', 2, 'currency', 'Cuban Peso'],
  ['CVE', '132', 2, 'currency', 'Cabo Verde Escudo'],
  ['CZK', '203', 2, 'currency', 'Czech Koruna'],
  ['DJF', '262', 0, 'currency', 'Djibouti Franc'],
  ['DKK', '208', 2, 'currency', 'Danish Krone'],
  ['DOP', '214', 2, 'currency', 'Dominican Peso'],
  ['DZD', '012', 2, 'currency', 'Algerian Dinar'],
  ['EGP', '818', 2, 'currency', 'Egyptian Pound'],
  ['ERN', '232', 2, 'currency', 'Nakfa'],
  ['ETB', '230', 2, 'currency', 'Ethiopian Birr'],
  ['EUR', '978', 2, 'currency', 'Euro'],
  ['FJD', '242', 2, 'currency', 'Fiji Dollar'],
  ['FKP', '238', 2, 'currency', 'Falkland Islands Pound'],
  ['GBP', '826', 2, 'currency', 'Pound Sterling'],
  ['GEL', '981', 2, 'currency', 'Lari'],
  ['GHS', '936', 2, 'currency', 'Ghana Cedi'],
  ['GIP', '292', 2, 'currency', 'Gibraltar Pound'],
  ['GMD', '270', 2, 'currency', 'Dalasi'],
  ['GNF', '324', 0, 'currency', 'Guinean Franc'],
  ['GTQ', '320', 2, 'currency', 'Quetzal'],
  ['GYD', '328', 2, 'currency', 'Guyana Dollar'],
  ['HKD', '344', 2, 'currency', 'Hong Kong Dollar'],
  ['HNL', '340', 2, 'currency', 'Lempira'],
  ['HTG', '332', 2, 'currency', 'Gourde'],
  ['HUF', '348', 2, 'currency', 'Forint'],
  ['IDR', '360', 2, 'currency', 'Rupiah'],
  ['ILS', '376', 2, 'currency', 'New Israeli Sheqel'],
  ['INR', '356', 2, 'currency', 'Indian Rupee'],
  ['IQD', '368', 3, 'currency', 'Iraqi Dinar'],
  ['IRR', '364', 2, 'currency', 'Iranian Rial'],
  ['ISK', '352', 0, 'currency', 'Iceland Krona'],
  ['JMD', '388', 2, 'currency', 'Jamaican Dollar'],
  ['JOD', '400', 3, 'currency', 'Jordanian Dinar'],
  ['JPY', '392', 0, 'currency', 'Yen'],
  ['KES', '404', 2, 'currency', 'Kenyan Shilling'],
  ['KGS', '417', 2, 'currency', 'Som'],
  ['KHR', '116', 2, 'currency', 'Riel'],
  ['KMF', '174', 0, 'currency', 'Comorian Franc '],
  ['KPW', '408', 2, 'currency', 'North Korean Won'],
  ['KRW', '410', 0, 'currency', 'Won'],
  ['KWD', '414', 3, 'currency', 'Kuwaiti Dinar'],
  ['KYD', '136', 2, 'currency', 'Cayman Islands Dollar'],
  ['KZT', '398', 2, 'currency', 'Tenge'],
  ['LAK', '418', 2, 'currency', 'Lao Kip'],
  ['LBP', '422', 2, 'currency', 'Lebanese Pound'],
  ['LKR', '144', 2, 'currency', 'Sri Lanka Rupee'],
  ['LRD', '430', 2, 'currency', 'Liberian Dollar'],
  ['LSL', '426', 2, 'currency', 'Loti'],
  ['LYD', '434', 3, 'currency', 'Libyan Dinar'],
  ['MAD', '504', 2, 'currency', 'Moroccan Dirham'],
  ['MDL', '498', 2, 'currency', 'Moldovan Leu'],
  ['MGA', '969', 2, 'currency', 'Malagasy Ariary'],
  ['MKD', '807', 2, 'currency', 'Denar'],
  ['MMK', '104', 2, 'currency', 'Kyat'],
  ['MNT', '496', 2, 'currency', 'Tugrik'],
  ['MOP', '446', 2, 'currency', 'Pataca'],
  ['MRU', '929', 2, 'currency', 'Ouguiya'],
  ['MUR', '480', 2, 'currency', 'Mauritius Rupee'],
  ['MVR', '462', 2, 'currency', 'Rufiyaa'],
  ['MWK', '454', 2, 'currency', 'Malawi Kwacha'],
  ['MXN', '484', 2, 'currency', 'Mexican Peso'],
  ['MXV', '979', 2, 'fund', 'Mexican Unidad de Inversion (UDI)'],
  ['MYR', '458', 2, 'currency', 'Malaysian Ringgit'],
  ['MZN', '943', 2, 'currency', 'Mozambique Metical'],
  ['NAD', '516', 2, 'currency', 'Namibia Dollar'],
  ['NGN', '566', 2, 'currency', 'Naira'],
  ['NIO', '558', 2, 'currency', 'Cordoba Oro'],
  ['NOK', '578', 2, 'currency', 'Norwegian Krone'],
  ['NPR', '524', 2, 'currency', 'Nepalese Rupee'],
  ['NZD', '554', 2, 'currency', 'New Zealand Dollar'],
  ['OMR', '512', 3, 'currency', 'Rial Omani'],
  ['PAB', '590', 2, 'currency', 'Balboa'],
  ['PEN', '604', 2, 'currency', 'Sol'],
  ['PGK', '598', 2, 'currency', 'Kina'],
  ['PHP', '608', 2, 'currency', 'Philippine Peso'],
  ['PKR', '586', 2, 'currency', 'Pakistan Rupee'],
  ['PLN', '985', 2, 'currency', 'Zloty'],
  ['PYG', '600', 0, 'currency', 'Guarani'],
  ['QAR', '634', 2, 'currency', 'Qatari Rial'],
  ['RON', '946', 2, 'currency', 'Romanian Leu'],
  ['RSD', '941', 2, 'currency', 'Serbian Dinar'],
  ['RUB', '643', 2, 'currency', 'Russian Ruble'],
  ['RWF', '646', 0, 'currency', 'Rwanda Franc'],
  ['SAR', '682', 2, 'currency', 'Saudi Riyal'],
  ['SBD', '090', 2, 'currency', 'Solomon Islands Dollar'],
  ['SCR', '690', 2, 'currency', 'Seychelles Rupee'],
  ['SDG', '938', 2, 'currency', 'Sudanese Pound'],
  ['SEK', '752', 2, 'currency', 'Swedish Krona'],
  ['SGD', '702', 2, 'currency', 'Singapore Dollar'],
  ['SHP', '654', 2, 'currency', 'Saint Helena Pound'],
  ['SLE', '925', 2, 'currency', 'Leone'],
  ['SOS', '706', 2, 'currency', 'Somali Shilling'],
  ['SRD', '968', 2, 'currency', 'Surinam Dollar'],
  ['SSP', '728', 2, 'currency', 'South Sudanese Pound'],
  ['STN', '930', 2, 'currency', 'Dobra'],
  ['SVC', '222', 2, 'currency', 'El Salvador Colon'],
  ['SYP', '760', 2, 'currency', 'Syrian Pound'],
  ['SZL', '748', 2, 'currency', 'Lilangeni'],
  ['THB', '764', 2, 'currency', 'Baht'],
  ['TJS', '972', 2, 'currency', 'Somoni'],
  ['TMT', '934', 2, 'currency', 'Turkmenistan New Manat'],
  ['TND', '788', 3, 'currency', 'Tunisian Dinar'],
  ['TOP', '776', 2, 'currency', 'Pa’anga'],
  ['TRY', '949', 2, 'currency', 'Turkish Lira'],
  ['TTD', '780', 2, 'currency', 'Trinidad and Tobago Dollar'],
  ['TWD', '901', 2, 'currency', 'New Taiwan Dollar'],
  ['TZS', '834', 2, 'currency', 'Tanzanian Shilling'],
  ['UAH', '980', 2, 'currency', 'Hryvnia'],
  ['UGX', '800', 0, 'currency', 'Uganda Shilling'],
  ['USD', '840', 2, 'currency', 'US Dollar'],
  ['USN', '997', 2, 'fund', 'US Dollar (Next day)'],
  ['UYI', '940', 0, 'fund', 'Uruguay Peso en Unidades Indexadas (UI)'],
  ['UYU', '858', 2, 'currency', 'Peso Uruguayo'],
  ['UYW', '927', 4, 'fund', 'Unidad Previsional'],
  ['UZS', '860', 2, 'currency', 'Uzbekistan Sum'],
  ['VED', '926', 2, 'currency', 'Bolívar Soberano'],
  ['VES', '928', 2, 'currency', 'Bolívar Soberano'],
  ['VND', '704', 0, 'currency', 'Dong'],
  ['VUV', '548', 0, 'currency', 'Vatu'],
  ['WST', '882', 2, 'currency', 'Tala'],
  ['XAF', '950', 0, 'currency', 'CFA Franc BEAC'],
  ['XAG', '961', null, 'special', 'Silver'],
  ['XAU', '959', null, 'special', 'Gold'],
  ['XBA', '955', null, 'special', 'Bond Markets Unit European Composite Unit (EURCO)'],
  ['XBB', '956', null, 'special', 'Bond Markets Unit European Monetary Unit (E.M.U.-6)'],
  ['XBC', '957', null, 'special', 'Bond Markets Unit European Unit of Account 9 (E.U.A.-9)'],
  ['XBD', '958', null, 'special', 'Bond Markets Unit European Unit of Account 17 (E.U.A.-17)'],
  ['XCD', '951', 2, 'currency', 'East Caribbean Dollar'],
  ['XCG', '532', 2, 'currency', 'Caribbean Guilder'],
  ['XDR', '960', null, 'special', 'SDR (Special Drawing Right)'],
  ['XOF', '952', 0, 'currency', 'CFA Franc BCEAO'],
  ['XPD', '964', null, 'special', 'Palladium'],
  ['XPF', '953', 0, 'currency', 'CFP Franc'],
  ['XPT', '962', null, 'special', 'Platinum'],
  ['XSU', '994', null, 'special', 'Sucre'],
  ['XTS', '963', null, 'special', 'Codes specifically reserved for testing purposes'],
  ['XUA', '965', null, 'special', 'ADB Unit of Account'],
  ['XXX', '999', null, 'special', 'The codes assigned for transactions where no currency is involved'],
  ['YER', '886', 2, 'currency', 'Yemeni Rial'],
  ['ZAR', '710', 2, 'currency', 'Rand'],
  ['ZMW', '967', 2, 'currency', 'Zambian Kwacha'],
  ['ZWG', '924', 2, 'currency', 'Zimbabwe Gold'],
];

export const currencies: readonly Currency[] = Object.freeze(
  ROWS.map(([code, numeric, minorUnits, kind, name]) => Object.freeze({ code, numeric, minorUnits, kind, name })),
);

/** Withdrawn from list one recently; accepted by `currencyByCode`/`minorUnits`, not by `isCurrencyCode`. */
export const withdrawnCurrencies: readonly Currency[] = Object.freeze(
  (
    [
      ['ANG', '532', 2, 'Netherlands Antillean Guilder', 2025, 'XCG'],
      ['BGN', '975', 2, 'Bulgarian Lev', 2026, 'EUR'],
      ['HRK', '191', 2, 'Kuna', 2023, 'EUR'],
      ['SLL', '694', 2, 'Leone (old)', 2024, 'SLE'],
      ['ZWL', '932', 2, 'Zimbabwe Dollar', 2024, 'ZWG'],
    ] as const
  ).map(([code, numeric, minorUnits, name, withdrawn, replacedBy]): Currency =>
    Object.freeze({ code, numeric, minorUnits, kind: 'currency', name, withdrawn, replacedBy }),
  ),
);

const ACTIVE: ReadonlyMap<string, Currency> = new Map(currencies.map((c) => [c.code, c]));
const WITHDRAWN: ReadonlyMap<string, Currency> = new Map(withdrawnCurrencies.map((c) => [c.code, c]));

/** Exact upper-case lookup among active and recently withdrawn codes. */
export function currencyByCode(code: string): Currency | undefined {
  return ACTIVE.get(code) ?? WITHDRAWN.get(code);
}

/** True for an active ISO 4217 code (any kind). Withdrawn codes are not valid for new data. */
export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && ACTIVE.has(code);
}

/**
 * Number of decimal digits used for amounts in a currency (ISO 4217 exponent).
 * Accepts a code or a Currency. Returns undefined for an unknown code, and for "N.A." codes
 * (XAU, XDR, XXX, ...), which have no minor unit.
 */
export function minorUnits(currency: string | Currency): number | undefined {
  const c = typeof currency === 'string' ? currencyByCode(currency) : currency;
  return c?.minorUnits ?? undefined;
}
