/** Audit events of the travel capability (part of the closed list in ../audit.ts). */
export const TRAVEL_EVENTS = [
] as const;
