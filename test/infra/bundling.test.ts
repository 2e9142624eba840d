/**
 * The ONE test that really runs esbuild through CDK (the others skip bundling to keep the suite fast on a small
 * machine): every function's asset is a self-contained ESM bundle named index.mjs, with the AWS SDK inside.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER } from '#infra/bundling.js';
import { FUNCTION_ACCESS, functionNames, type FunctionAccess } from '#infra/stack/function-catalogue.js';
import { buildApp } from '#infra/stack/trial-match-app.js';
import { contextFor } from './support/synth.js';

const outdir = mkdtempSync(join(tmpdir(), 'trial-match-cdk-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('synth with real bundling (us-east-1)', () => {
  it('bundles every handler into an index.mjs asset with the AWS SDK inside', { timeout: 300_000 }, () => {
    const { app, stack } = buildApp({ context: contextFor('us-east-1'), bundling: true, environment: {}, outdir });
    const assembly = app.synth();
    const template = Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template as Record<string, unknown>);

    for (const name of functionNames()) {
      const fn = stack.functions.get(name).function;
      const cfn = fn.node.defaultChild;
      if (!CfnElement.isCfnElement(cfn)) throw new Error(`${name} has no CloudFormation resource`);
      const logicalId = stack.getLogicalId(cfn);
      const code = (template.toJSON() as { Resources: Record<string, { Properties: { Code: { S3Key: string } } }> })
        .Resources[logicalId]?.Properties.Code;
      const assetHash = code?.S3Key.replace(/\.zip$/, '') ?? '';
      const assetDirectory = join(assembly.directory, `asset.${assetHash}`);
      const bundle = join(assetDirectory, 'index.mjs');

      expect(existsSync(bundle), `${name}: ${bundle}`).toBe(true);
      expect(existsSync(`${bundle}.map`), `${name}: source map`).toBe(true);
      const source = readFileSync(bundle, 'utf8');
      expect(source.startsWith(ESM_REQUIRE_BANNER), `${name}: ESM require banner`).toBe(true);
      // Bundled, not external: no import of the SDK is left for the runtime to resolve.
      expect(source).not.toMatch(/from\s*["']@aws-sdk\//);
      expect(source).toMatch(/export\s*\{[^}]*\bhandler\b/);
      const access: FunctionAccess = FUNCTION_ACCESS[name];
      if (access.table !== undefined) expect(source, name).toContain('DynamoDB_20120810');
      else expect(source, name).not.toContain('DynamoDB_20120810');
    }
  });
});
