/** Audit events of the protection capability (part of the closed list in ../audit.ts). */
export const PROTECTION_EVENTS = [
] as const;
