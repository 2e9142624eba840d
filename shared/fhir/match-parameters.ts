/**
 * `ResearchStudy/$match` (the CodeX "PCT" trial-matching operation as the issue asks it): the clinical data arrives
 * as a Bundle in the `trialMatchClinicalData` parameter of a Parameters resource, and the searchset goes back in
 * `trialMatchOutput`.
 */
import type { Bundle, Parameters } from 'fhir/r4.js';
import { BundleRejected } from './read-bundle.js';

export function clinicalDataOf(parameters: unknown): unknown {
  const record = typeof parameters === 'object' && parameters !== null && !Array.isArray(parameters) ? (parameters as Record<string, unknown>) : undefined;
  if (record?.['resourceType'] !== 'Parameters') {
    throw new BundleRejected(400, 'the body is not a FHIR Parameters resource', [{ field: 'resourceType', message: 'must be "Parameters"' }]);
  }
  const list = Array.isArray(record['parameter']) ? (record['parameter'] as unknown[]) : [];
  const index = list.findIndex((p) => typeof p === 'object' && p !== null && (p as { name?: unknown }).name === 'trialMatchClinicalData');
  const found = list[index] as { resource?: unknown } | undefined;
  if (found?.resource === undefined) {
    throw new BundleRejected(422, 'the trialMatchClinicalData parameter is missing', [
      { field: index === -1 ? 'parameter' : `parameter[${index}].resource`, message: 'a parameter named trialMatchClinicalData holding the patient Bundle is required' },
    ]);
  }
  return found.resource;
}

/** Errors inside the clinical data name the parameter they are in. */
export function withinClinicalData(error: BundleRejected, index = 0): BundleRejected {
  return new BundleRejected(
    error.status === 400 ? 422 : error.status,
    error.detail,
    error.errors.map((e) => ({ ...e, field: `parameter[${index}].resource.${e.field}` })),
  );
}

export const matchOutput = (searchSet: Bundle): Parameters => ({
  resourceType: 'Parameters',
  parameter: [{ name: 'trialMatchOutput', resource: searchSet }],
});
