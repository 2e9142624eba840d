/**
 * The ONE test that really runs esbuild through CDK (the others skip bundling to keep the suite fast on a small
 * machine): every function's asset is a self-contained ESM build, index.mjs and its chunks, with the AWS SDK inside.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CfnElement } from 'aws-cdk-lib';
import { buildSync } from 'esbuild';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER } from '#infra/bundling.js';
import { FUNCTION_ACCESS, functionNames, type FunctionAccess } from '#infra/stack/function-catalogue.js';
import { buildApp } from '#infra/stack/trial-match-app.js';
import { contextFor } from './support/synth.js';

const outdir = mkdtempSync(join(tmpdir(), 'trial-match-cdk-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('synth with real bundling (us-east-1)', () => {
  it('builds every handler into an asset of index.mjs and its chunks, with the AWS SDK inside', { timeout: 300_000 }, () => {
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
      const files = readdirSync(assetDirectory, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mjs'));
      // The rarer code in chunks beside it, in the same asset (a Lambda's code is one directory).
      expect(files.filter((file) => file !== 'index.mjs').every((file) => file.startsWith('chunks/')), `${name}: ${files.join(', ')}`).toBe(true);
      // A function with an AWS client has at least the SDK's unused credential providers there.
      if ((FUNCTION_ACCESS[name] as FunctionAccess).table !== undefined) expect(files.length, `${name}: chunks`).toBeGreaterThan(1);
      const sources = files.map((file) => readFileSync(join(assetDirectory, file), 'utf8'));
      for (const [index, file] of files.entries()) {
        expect(existsSync(join(assetDirectory, `${file}.map`)), `${name}: ${file}.map`).toBe(true);
        const source = sources[index] ?? '';
        expect(source.startsWith(ESM_REQUIRE_BANNER), `${name}: ${file} ESM require banner`).toBe(true);
        // Bundled, not external: no import of the SDK is left for the runtime to resolve.
        expect(source, `${name}: ${file}`).not.toMatch(/from\s*["']@aws-sdk\//);
      }
      // Self-contained: every import, static or on first use, resolves inside the asset (no node_modules up here).
      const resolved = buildSync({ entryPoints: [bundle], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', logLevel: 'silent' });
      const inputs = Object.keys(resolved.metafile.inputs).map((input) => resolve(input));
      expect(inputs.every((input) => input.startsWith(`${assetDirectory}/`)), `${name}: ${inputs.join(', ')}`).toBe(true);
      const entry = readFileSync(bundle, 'utf8');
      expect(entry).toMatch(/export\s*\{[^}]*\bhandler\b/);
      const access: FunctionAccess = FUNCTION_ACCESS[name];
      const allCode = sources.join('\n');
      if (access.table !== undefined) expect(allCode, name).toContain('DynamoDB_20120810');
      else expect(allCode, name).not.toContain('DynamoDB_20120810');
    }
  });
});
