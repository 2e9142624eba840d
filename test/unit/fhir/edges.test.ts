/**
 * Where the FHIR edge meets the rest of the service: a partial birth date (a FHIR year or year-month) counts as the
 * birth date the trial's minimum data names before the site is told, and the OpenAPI document describes the FHIR
 * routes with their API key and their FHIR replies.
 */
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '#http/openapi.js';
import { missingMinimumData } from '#referral/minimum-data.js';
import { NCT05212584 } from '#trial/nct05212584.js';

describe('the minimum data before the site is told', () => {
  const diagnosis = { type: 'T-ALL', cd7: [] } as never;

  it('takes the age range of a partial birth date for the birth date', () => {
    const profile = { diagnosis, demographics: { birthDateRange: { earliest: '1990-01-01', latest: '1990-12-31' } } } as never;
    expect(missingMinimumData(profile, NCT05212584)).toEqual([]);
  });

  it('still names the birth date when neither is there', () => {
    expect(missingMinimumData({ diagnosis } as never, NCT05212584)).toEqual(['demographics.birthDate']);
  });
});

describe('the OpenAPI document for the FHIR routes', () => {
  const document = buildOpenApiDocument('https://api.trial-match.example');
  const paths = document.paths as Record<string, Record<string, { security: unknown[]; responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }> }>>;

  it('secures getClinicalTrial and $match by API key, and documents their 401 without a bearer challenge', () => {
    for (const path of ['/getClinicalTrial', '/ResearchStudy/$match']) {
      const operation = paths[path]?.['post'];
      expect(operation?.security).toEqual([{ apiKey: [] }]);
      expect(Object.keys(operation?.responses['200']?.content ?? {})).toEqual(['application/fhir+json']);
      expect(operation?.responses['401']?.headers).not.toHaveProperty('WWW-Authenticate');
    }
    expect((document.components.securitySchemes as Record<string, unknown>)['apiKey']).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key' });
  });

  it('offers the trial as JSON and as a FHIR ResearchStudy', () => {
    expect(Object.keys(paths['/trials/{trialId}']?.['get']?.responses['200']?.content ?? {})).toEqual(['application/json', 'application/fhir+json']);
  });
});
