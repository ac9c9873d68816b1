/** Audit events of the counselling capability (part of the closed list in ../audit.ts). */
export const COUNSELLING_EVENTS = [
] as const;
