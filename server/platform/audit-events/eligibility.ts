/** Audit events of the eligibility capability (part of the closed list in ../audit.ts). */
export const ELIGIBILITY_EVENTS = [
] as const;
