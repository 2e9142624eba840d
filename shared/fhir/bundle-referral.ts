/** What a referral made from a FHIR Bundle needs, in one module the submit handler loads on its first Bundle. */
export { renderMappingReport } from './fhir-messages.js';
export { BundleRejected } from './read-bundle.js';
export { translateBundle } from './translate-bundle.js';
