/**
 * Vulnerability screening and special measures: the closed vocabularies and, as data, the
 * measures each category brings when a member is screened.
 */
export const VULNERABILITY_CATEGORIES = [
  'trafficking_victim', 'unaccompanied_child', 'separated_child', 'medical_physical', 'medical_mental_health', 'disability',
  'elderly', 'pregnant', 'single_parent', 'violence_victim', 'other',
] as const;
export type VulnerabilityCategory = (typeof VULNERABILITY_CATEGORIES)[number];

/** An active vulnerability of one of these makes the whole case restricted. */
export const RESTRICTING_CATEGORIES: readonly VulnerabilityCategory[] = ['trafficking_victim', 'unaccompanied_child', 'separated_child'];

/** Categories whose details are health information. */
export const HEALTH_CATEGORIES: readonly VulnerabilityCategory[] = ['medical_physical', 'medical_mental_health', 'disability', 'pregnant'];
export const isHealthCategory = (category: string | null | undefined) => !!category && (HEALTH_CATEGORIES as readonly string[]).includes(category);

/**
 * The consent (to the origin office) that lets a vulnerability's details travel: health
 * information for the medical categories; the asylum history for every other one, since those
 * details tell what happened to the person before and during migration (trafficking, violence,
 * exploitation, a child's separation from the family), the same story as an asylum claim. The
 * category itself, and the measures it brings, travel without consent: the origin office needs
 * them to receive the person safely.
 */
export const detailsConsent = (category: string): 'healthInformation' | 'asylumHistory' => (isHealthCategory(category) ? 'healthInformation' : 'asylumHistory');

export const VULNERABILITY_STATUSES = ['active', 'resolved'] as const;
export type VulnerabilityStatus = (typeof VULNERABILITY_STATUSES)[number];

export const MEASURE_KINDS = [
  'guardian_consent', 'family_tracing', 'best_interests_determination', 'escort', 'life_plan',
  'medical_assessment', 'fit_to_travel_certificate', 'medical_escort', 'continuity_of_care',
  'specialised_referral', 'risk_assessment', 'airport_assistance', 'psychosocial_support',
  'reception_arrangement', 'other',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_STATUSES = ['open', 'in_progress', 'done', 'not_needed'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const FIT_TO_TRAVEL = ['fit', 'fit_with_escort', 'unfit', 'pending'] as const;
export type FitToTravel = (typeof FIT_TO_TRAVEL)[number];

/** One measure a category brings: its kind and when it falls due, in days after screening. */
export interface MeasureTemplate {
  kind: MeasureKind;
  dueInDays: number;
}

const child: MeasureTemplate[] = [
  { kind: 'guardian_consent', dueInDays: 14 },
  { kind: 'family_tracing', dueInDays: 30 },
  { kind: 'best_interests_determination', dueInDays: 45 },
  { kind: 'life_plan', dueInDays: 60 },
  { kind: 'escort', dueInDays: 60 },
];
const medical: MeasureTemplate[] = [
  { kind: 'medical_assessment', dueInDays: 14 },
  { kind: 'fit_to_travel_certificate', dueInDays: 30 },
  { kind: 'medical_escort', dueInDays: 45 },
  { kind: 'continuity_of_care', dueInDays: 45 },
];

export const MEASURE_TEMPLATES: Record<VulnerabilityCategory, MeasureTemplate[]> = {
  trafficking_victim: [
    { kind: 'specialised_referral', dueInDays: 7 },
    { kind: 'risk_assessment', dueInDays: 14 },
    { kind: 'reception_arrangement', dueInDays: 45 },
  ],
  unaccompanied_child: child,
  separated_child: child,
  medical_physical: medical,
  medical_mental_health: [...medical, { kind: 'psychosocial_support', dueInDays: 30 }],
  disability: [
    { kind: 'medical_assessment', dueInDays: 14 },
    { kind: 'fit_to_travel_certificate', dueInDays: 30 },
    { kind: 'airport_assistance', dueInDays: 45 },
  ],
  elderly: [
    { kind: 'fit_to_travel_certificate', dueInDays: 30 },
    { kind: 'airport_assistance', dueInDays: 45 },
  ],
  pregnant: [
    { kind: 'fit_to_travel_certificate', dueInDays: 21 },
    { kind: 'airport_assistance', dueInDays: 45 },
    { kind: 'continuity_of_care', dueInDays: 45 },
  ],
  single_parent: [
    { kind: 'reception_arrangement', dueInDays: 45 },
    { kind: 'airport_assistance', dueInDays: 45 },
  ],
  violence_victim: [
    { kind: 'specialised_referral', dueInDays: 7 },
    { kind: 'psychosocial_support', dueInDays: 30 },
  ],
  other: [],
};
