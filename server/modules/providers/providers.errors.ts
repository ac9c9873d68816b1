import { defineErrors } from '../../platform/errors.js';

/** The codes the providers module answers with, each with its one HTTP status. */
export const errors = defineErrors('providers', {
  PROVIDER_NOT_FOUND: { status: 404, message: 'The service provider was not found.' },
  PROVIDER_SUSPENDED: { status: 409, message: 'This service provider is suspended: it cannot receive new components or payments until it is reinstated.' },
  PROVIDER_ALREADY_SUSPENDED: { status: 409, message: 'This service provider is already suspended.' },
  PROVIDER_NOT_SUSPENDED: { status: 409, message: 'This service provider is not suspended.' },
  PROVIDER_NO_PAYMENT_DETAILS: { status: 409, message: 'No bank or mobile-money details are recorded for this service provider.' },
  PROVIDER_OFFICE_REQUIRED: { status: 400, message: 'Choose the office whose registry the service provider joins.' },
});
