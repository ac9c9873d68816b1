/** Audit events of the handover capability (part of the closed list in ../audit.ts). */
export const HANDOVER_EVENTS = [
] as const;
