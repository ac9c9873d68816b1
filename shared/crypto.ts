/**
 * What the server answers for a sensitive field sealed for a person whose key was destroyed (the
 * person was erased, see `server/platform/person-keys.ts`); the web app shows it as "erased".
 */
export const ERASED_VALUE = '[erased]';
