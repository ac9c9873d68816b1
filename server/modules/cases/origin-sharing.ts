import type { Executor } from '../../platform/db.js';

/**
 * What the returnee consented to share with the origin office: what the case view, notes,
 * counselling sessions and health records let the origin office read.
 */
export interface OriginSharing {
  asylumHistory: boolean;
  counsellingNotes: boolean;
  healthInformation: boolean;
}

/** Reads the current consent to share of a case. */
export type OriginSharingReader = (ex: Executor, caseId: string) => Promise<OriginSharing>;

/*
 * The consent is recorded and owned by the handover module (`handover_consent`, for the purpose of
 * a handover), which itself needs the cases module (to find, move and read cases). So that the
 * cases module never imports handover, it declares this port and the application's composition
 * (`server/compose.ts`) connects handover's reader to it when Homeward starts.
 */
let reader: OriginSharingReader | undefined;

/** Connects the reader of the consent to share (done once, by `server/compose.ts`). */
export function provideOriginSharing(read: OriginSharingReader): void {
  reader = read;
}

/**
 * What the returnee consented to share with the origin office (see the handover module's
 * `readOriginSharing`). Throws when Homeward was started without connecting the reader, rather
 * than sharing or withholding by accident.
 */
export function sharedWithOrigin(ex: Executor, caseId: string): Promise<OriginSharing> {
  if (!reader) throw new Error('The consent to share with the origin office is not connected: import server/compose.ts.');
  return reader(ex, caseId);
}
