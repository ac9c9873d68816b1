/**
 * Connects modules that may not import each other, once, when Homeward's code is loaded (the app,
 * and through it the start-up and the tests; the demo data imports it too). Wired by hand, in one
 * place: the ports a module reads through, and the hooks by which a module reacts to another's
 * change.
 */
import { provideMedicalCertificates, provideOriginSharing } from './modules/cases/index.js';
import { onTrainingCompleted } from './modules/community/index.js';
import { onCaseWithdrawn } from './modules/decisions/index.js';
import { provideReintegrationPlan, readOriginSharing } from './modules/handover/index.js';
import { assertReceiptsComplete, meetTrainingConditions } from './modules/payments/index.js';
import { medicalCertificateIds } from './modules/protection/index.js';
import { scheduleOnPlanMove } from './modules/monitoring/index.js';
import { onPlanStageMove, planForHandover, provideDeliveryCheck } from './modules/reintegration/index.js';
import { flagBookingsOnWithdrawal } from './modules/travel/index.js';

// Cases, counselling, protection and eligibility ask the cases module what the returnee consented
// to share with the origin office; the handover module records and reads that consent, and
// imports the cases module, so cases gets the reader through its port.
provideOriginSharing(readOriginSharing);

// The attachment list and the audit values withhold medical certificates with health
// information; health records are protection's, which imports the cases module.
provideMedicalCertificates(medicalCertificateIds);

// Travel depends on decisions (its bookings need current decisions), so a withdrawal reaches
// travel's open bookings through this hook, inside the withdrawal's transaction.
onCaseWithdrawn('travel.bookings', flagBookingsOnWithdrawal);

// The handover package shows the reintegration plan; the plan's module comes after the handover
// in a case's life and neither imports the other.
provideReintegrationPlan(planForHandover);

// A component of the plan is delivered only when every paid disbursement of it has a receipt or a
// waiver; payments are the payments module's, which imports reintegration (not the other way).
provideDeliveryCheck(assertReceiptsComplete);

// A case the plan moves into reintegration or monitoring gets its monitoring schedule in the same
// transaction; monitoring imports reintegration (the approved components), not the other way.
onPlanStageMove('monitoring.schedule', scheduleOnPlanMove);
// A returnee's completion of a group training meets the open "training attended" conditions naming
// it on their case's tranches; payments reads the community module's attendance (to refuse meeting
// such a condition by hand before a completion), so community reaches payments through this hook.
onTrainingCompleted('payments.training_conditions', meetTrainingConditions);
