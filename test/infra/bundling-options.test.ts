/** The build settings the CDK app uses and the ones `npm run build` uses are the same settings (infra/bundling.ts). */
import { describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER, LAMBDA_BUNDLING, handlerEntry, lambdaBuildOptions } from '#infra/bundling.js';
import { LAMBDA_RUNTIME } from '#infra/stack/function-factory.js';
import { FUNCTION_HANDLER } from '#infra/stack/function-code.js';
import { functionNames } from '#infra/stack/function-catalogue.js';
import { formatSizeTable, lambdaNames } from '#scripts/build-functions.js';

describe('Lambda build options', () => {
  it('target the Lambda runtime as ESM, minified with source maps, the AWS SDK bundled, rare code in chunks', () => {
    expect(LAMBDA_RUNTIME.name).toBe('nodejs22.x');
    expect(lambdaBuildOptions('functions/get-trial/handler.ts', '/tmp/out', '/repo')).toEqual({
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      mainFields: ['module', 'main'],
      banner: { js: ESM_REQUIRE_BANNER },
      external: [],
      logLevel: 'warning',
      absWorkingDir: '/repo',
      entryPoints: { index: 'functions/get-trial/handler.ts' },
      outdir: '/tmp/out',
      outExtension: { '.js': '.mjs' },
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      metafile: true,
    });
    expect(LAMBDA_BUNDLING.outputFile).toBe('index.mjs');
    expect(FUNCTION_HANDLER).toBe('index.handler');
  });

  it('define require for CommonJS dependencies, under a name nothing else uses', () => {
    expect(ESM_REQUIRE_BANNER).toContain("from 'node:module'");
    expect(ESM_REQUIRE_BANNER).toMatch(/const require = \w+\(import\.meta\.url\);$/);
  });

  it('build the same functions the stack deploys, from functions/<name>/handler.ts', () => {
    expect([...lambdaNames()].sort()).toEqual([...functionNames()].sort());
    expect(handlerEntry('notify-site')).toBe('functions/notify-site/handler.ts');
  });
});

describe('bundle size table', () => {
  it('lists the largest function first, in bytes, KB, gzip KB and what a cold start loads, with a total', () => {
    const table = formatSizeTable([
      { name: 'get-openapi', file: 'a', bytes: 2048, gzipBytes: 1024, initBytes: 2048 },
      { name: 'submit-referral', file: 'b', bytes: 10240, gzipBytes: 3072, initBytes: 6144 },
    ]);
    const lines = table.split('\n').map((line) => line.trim().split(/\s+/));
    expect(lines[0]).toEqual(['function', 'bytes', 'KB', 'gzip', 'KB', 'loaded', 'at', 'init', 'KB']);
    expect(lines[1]).toEqual(['submit-referral', '10240', '10.0', '3.0', '6.0']);
    expect(lines[2]).toEqual(['get-openapi', '2048', '2.0', '1.0', '2.0']);
    expect(lines[3]).toEqual(['total', '12288', '12.0', '4.0', '8.0']);
  });
});
