/** The registry of service providers that deliver reintegration assistance, per office. */
export { providersRoutes } from './providers.routes.js';
export { assertProviderUsable } from './assert-provider-usable.js';
export { createProvider } from './create-provider.js';
export { reinstateProvider, suspendProvider } from './provider-status.js';
export { errors as providerErrors } from './providers.errors.js';
