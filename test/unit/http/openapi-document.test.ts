/**
 * The OpenAPI document passes the two linters an API consumer would run (Redocly's recommended ruleset, Spectral's
 * spectral:oas) with no error, run here as libraries (offline); it describes every route, every status it answers
 * with a schema, and takes its `servers` from configuration.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Document, Spectral } from '@stoplight/spectral-core';
import parsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '#http/openapi.js';
import { ROUTES } from '#http/routes.js';

const document = buildOpenApiDocument('https://api.trial-match.example');
const text = JSON.stringify(document, null, 2);

describe('the OpenAPI document', () => {
  it('has no error under Redocly’s recommended ruleset', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: text, absoluteRef: 'openapi.json', config });
    const errors = problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.ruleId}: ${problem.message} @ ${problem.location[0]?.pointer ?? ''}`);
    expect(errors).toEqual([]);
  }, 60_000);

  it('has no error under Spectral’s spectral:oas ruleset', async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as never, 'recommended']] } as never);
    const results = await spectral.run(new Document(text, parsers.Json));
    // Spectral's severities: 0 error, 1 warning, 2 information, 3 hint.
    const errors = results.filter((result) => result.severity === 0).map((result) => `${result.code}: ${result.message} @ ${result.path.join('.')}`);
    expect(errors).toEqual([]);
  }, 60_000);

  it('describes every route of the route table, HEAD included', () => {
    const paths = document.paths as Record<string, Record<string, unknown>>;
    for (const route of ROUTES) expect(paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
  });

  it('gives every response of every operation a description, and every non-HEAD 2xx and error a schema', () => {
    const paths = document.paths as Record<string, Record<string, { responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }> }>>;
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const where = `${method.toUpperCase()} ${path} ${status}`;
          expect(response.description, where).toBeTruthy();
          const needsBody = method !== 'head' && status !== '204' && status !== '304';
          if (needsBody) expect(Object.values(response.content ?? {}).every((media) => media.schema !== undefined) && response.content !== undefined, where).toBe(true);
        }
      }
    }
  });

  it('embeds no $schema keyword anywhere', () => {
    expect(text).not.toContain('"$schema"');
  });

  it('says exactly what the server accepts: unit enums, the plausibility bounds, merge-patch nulls, the headers it reads', () => {
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    const profile = JSON.stringify(schemas['PatientProfile']);
    expect(profile).toContain('"enum":["g/L","g/dL","mmol/L"]');
    expect(profile).toContain('"not":{"exclusiveMinimum":0,"exclusiveMaximum":1e-9}');
    expect(profile).toContain('"maximum":1000000000');
    const patch = JSON.stringify(schemas['PatientProfileMergePatch']);
    expect(patch).toContain('"type":"null"');
    const parameters = JSON.stringify(document.paths);
    for (const name of ['Idempotency-Key', 'If-Match', 'If-None-Match', '"limit"', '"cursor"', '"status"']) expect(parameters).toContain(name);
    for (const header of ['ETag', 'Location', 'Retry-After', 'Idempotent-Replayed']) expect(parameters).toContain(`"${header}"`);
    expect(parameters).toContain('"503"');
  });

  it('takes its server from configuration', () => {
    expect(document.servers).toEqual([{ url: 'https://api.trial-match.example', description: 'This deployment' }]);
  });
});
