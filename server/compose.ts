/**
 * Connects modules that may not import each other, once, when Homeward's code is loaded (the app,
 * and through it the start-up, the demo data and the tests). Wired by hand, in one place.
 */
import { provideMedicalCertificates, provideOriginSharing } from './modules/cases/index.js';
import { readOriginSharing } from './modules/handover/index.js';
import { medicalCertificateIds } from './modules/protection/index.js';

// Cases, counselling, protection and eligibility ask the cases module what the returnee consented
// to share with the origin office; the handover module records and reads that consent, and
// imports the cases module, so cases gets the reader through its port.
provideOriginSharing(readOriginSharing);

// The attachment list and the audit values withhold medical certificates with health
// information; health records are protection's, which imports the cases module.
provideMedicalCertificates(medicalCertificateIds);
