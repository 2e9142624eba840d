/**
 * What a Lambda runs at init, seen from the bundles as deployed: no API function builds a zod schema at cold start,
 * except get-openapi, which renders the schemas. The others accept the ordinary request by hand-written checks or
 * specs generated from the schemas (a FHIR Bundle too: shared/fhir/translate-bundle-on-demand.ts) and load zod only
 * to decide and word a refusal (shared/validation/checked-shape.ts). Timing is the benchmark's job (`npm run bench -- cold-start`);
 * this only keeps a static import of a schema from slipping back onto the init path.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coldStartEnvironment } from '#bench/cold-start-environment.js';
import { startSecretsManagerStub, type SecretsManagerStub } from '#bench/secrets-manager-stub.js';
import { buildFunctions, lambdaNames, type BundleSize } from '#scripts/build-functions.js';

const run = promisify(execFile);

/** The functions that build zod schemas at init, and why they must. */
const ZOD_AT_INIT: Readonly<Record<string, string>> = {
  'get-openapi': 'the OpenAPI document is rendered from the schemas',
  'notify-site': 'a queue consumer: its site configuration and every message are checked with zod (1.19x its floor)',
};

/** zod's core sets this global when its module runs (node_modules/zod/v4/core/core.js). */
const PROBE = "globalThis.__zod_globalConfig === undefined ? 'no zod' : 'zod'";

let directory: string;
let bundles: readonly BundleSize[];
let secrets: SecretsManagerStub;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'trial-match-init-'));
  [bundles, secrets] = await Promise.all([buildFunctions({ outdir: directory }), startSecretsManagerStub()]);
}, 120_000);

afterAll(async () => {
  await secrets.close();
  await rm(directory, { recursive: true, force: true });
});

describe('Lambda init', () => {
  it('names only functions that exist', () => {
    for (const name of Object.keys(ZOD_AT_INIT)) expect(lambdaNames()).toContain(name);
  });

  it('builds no zod schema, except where every request needs one', async () => {
    const found = await Promise.all(
      bundles.map(async ({ name, file }) => {
        const script = `await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(${PROBE});`;
        const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: coldStartEnvironment(name, secrets.endpoint) });
        return [name, stdout.trim()] as const;
      }),
    );
    const expected = bundles.map(({ name }) => [name, Object.hasOwn(ZOD_AT_INIT, name) ? 'zod' : 'no zod'] as const);
    expect(found).toEqual(expected);
  }, 120_000);

  it('loads only part of a function with an AWS client: the rest waits in chunks until a request needs it', () => {
    const submit = bundles.find(({ name }) => name === 'submit-referral');
    expect(submit?.initBytes).toBeGreaterThan(0);
    // zod, the wording of refusals, the FHIR translator and the SDK's unused credential providers: well over 100 KB.
    expect((submit?.bytes ?? 0) - (submit?.initBytes ?? 0)).toBeGreaterThan(100 * 1024);
    for (const { name, bytes, initBytes } of bundles) if (name !== 'get-openapi') expect(initBytes, name).toBeLessThan(bytes);
  });
});
