/** The bundle settings CDK uses and the ones `npm run build` uses are the same settings (infra/bundling.ts). */
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER, LAMBDA_BUNDLING, handlerEntry } from '#infra/bundling.js';
import { cdkBundling, LAMBDA_RUNTIME } from '#infra/stack/function-factory.js';
import { functionNames } from '#infra/stack/function-catalogue.js';
import { formatSizeTable, lambdaNames } from '#scripts/build-functions.js';

describe('Lambda bundling options', () => {
  it('target the Lambda runtime as ESM, minified with source maps, the AWS SDK bundled', () => {
    expect(LAMBDA_RUNTIME.name).toBe('nodejs22.x');
    expect(cdkBundling()).toEqual({
      format: OutputFormat.ESM,
      target: 'node22',
      minify: true,
      sourceMap: true,
      sourcesContent: false,
      mainFields: ['module', 'main'],
      banner: ESM_REQUIRE_BANNER,
      externalModules: [],
      bundleAwsSDK: true,
      logLevel: expect.anything(),
    });
    expect(LAMBDA_BUNDLING.outputFile).toBe('index.mjs');
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
  it('lists the largest bundle first, in bytes, KB and gzip KB, with a total', () => {
    const table = formatSizeTable([
      { name: 'get-openapi', file: 'a', bytes: 2048, gzipBytes: 1024 },
      { name: 'submit-referral', file: 'b', bytes: 10240, gzipBytes: 3072 },
    ]);
    const lines = table.split('\n').map((line) => line.trim().split(/\s+/));
    expect(lines[0]).toEqual(['function', 'bytes', 'KB', 'gzip', 'KB']);
    expect(lines[1]).toEqual(['submit-referral', '10240', '10.0', '3.0']);
    expect(lines[2]).toEqual(['get-openapi', '2048', '2.0', '1.0']);
    expect(lines[3]).toEqual(['total', '12288', '12.0', '4.0']);
  });
});
