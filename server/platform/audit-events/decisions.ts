/** Audit events of the decisions capability (part of the closed list in ../audit.ts). */
export const DECISIONS_EVENTS = [
] as const;
