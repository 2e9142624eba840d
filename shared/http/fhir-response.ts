/**
 * Replies of the FHIR routes: resources as `application/fhir+json`, and a Bundle the translator refused as
 * problem+json naming each bad element (`entry[3].resource.valueQuantity.value`), like every other 4xx of this API.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { BundleRejected } from '#fhir/read-bundle.js';
import { DEFAULT_LOCALE, type Locale } from '#i18n/locale.js';
import { ProblemError, problems, type Problem } from './problem.js';

/** FHIR's JSON media type (http://hl7.org/fhir/R4/http.html#mime-type). */
export const FHIR_JSON = 'application/fhir+json';

/** Bundles from EHRs are large; API Gateway accepts at most 10 MB, and so do the FHIR routes. */
export const FHIR_MAX_BODY_BYTES = 10 * 1024 * 1024;

export function fhirJson(statusCode: number, resource: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': `${FHIR_JSON}; charset=utf-8`, 'cache-control': 'no-store' },
    body: JSON.stringify(resource),
  };
}

export function bundleProblem(error: BundleRejected, prefix = '', locale: Locale = DEFAULT_LOCALE): ProblemError {
  const errors = error.errorsIn(locale).map((e) => ({ field: prefix === '' ? e.field : `${prefix}.${e.field}`, message: e.message }));
  const problem: Problem =
    error.status === 400
      ? problems.badRequest(error.detail, errors)
      : { status: 422, type: 'invalid-fhir', title: 'The FHIR resource is invalid', detail: error.detail, errors };
  return new ProblemError(problem);
}

/** Whether the caller asked for FHIR JSON (`Accept: application/fhir+json`). */
export function acceptsFhir(accept: string | undefined): boolean {
  return accept !== undefined && accept.split(',').some((part) => part.split(';', 1)[0]?.trim().toLowerCase() === FHIR_JSON);
}
