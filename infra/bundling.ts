/**
 * How every Lambda is bundled, once: the CDK app (infra/stack/function-factory.ts, local bundling) and `npm run
 * build` (scripts/build-functions.ts) both build with `lambdaBuildOptions`, so the code the cold-start benchmark
 * measures is the code that is deployed.
 *
 * Plain data on purpose: no aws-cdk-lib import, so the build script starts fast.
 */

/** The Lambda runtime the bundles are compiled for (nodejs22.x). */
import type { BuildOptions } from 'esbuild';

export const LAMBDA_NODE_TARGET = 'node22';

/**
 * ESM output has no `require`; a few CommonJS dependencies still call it for Node built-ins, so the bundle defines
 * one. The import is aliased so it cannot collide with any identifier of the bundled code.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __trialMatchCreateRequire } from 'node:module';" +
  'const require = __trialMatchCreateRequire(import.meta.url);';

export interface LambdaBundling {
  readonly format: 'esm';
  readonly target: string;
  readonly platform: 'node';
  readonly minify: boolean;
  readonly sourcemap: boolean;
  /** The map points at the sources by path; embedding their text would only make the artefact bigger. */
  readonly sourcesContent: boolean;
  /** Prefer the ESM entry of dual packages: it tree-shakes (the AWS SDK ships both). */
  readonly mainFields: readonly string[];
  readonly banner: string;
  /**
   * Nothing is external: the AWS SDK is bundled, as the AWS SDK team advises, because a bundled, tree-shaken
   * client loads faster than the runtime's full copy and its version is the one the tests ran against.
   */
  readonly external: readonly string[];
  /**
   * Code a request may never run is split into chunks that load on first use: zod and the wording of refusals, the
   * FHIR translator, and the AWS SDK's credential providers other than the environment's (Lambda gives credentials in
   * the environment, so the SSO, INI, process and STS providers never load). A cold start parses only the entry and
   * the chunks it imports statically: 34 % less init on Node 22 for submit-referral (BENCHMARKS.md).
   */
  readonly splitting: true;
  /** Beside index.mjs, in the same asset: a Lambda's code is one directory. */
  readonly chunkNames: 'chunks/[name]-[hash]';
  /** The file name the Lambda runtime loads (handler `index.handler`); `.mjs` makes Node treat it as ESM. */
  readonly outputFile: 'index.mjs';
}

export const LAMBDA_BUNDLING: LambdaBundling = {
  format: 'esm',
  target: LAMBDA_NODE_TARGET,
  platform: 'node',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  external: [],
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outputFile: 'index.mjs',
};

/** functions/<name>/handler.ts, relative to the repository root. */
export function handlerEntry(functionName: string): string {
  return `functions/${functionName}/handler.ts`;
}

/**
 * One function's code: `entry` built into `outdir` as index.mjs, chunks/*.mjs and their source maps. One build per
 * function, so a function's directory holds every chunk it imports and nothing of another function.
 */
export function lambdaBuildOptions(entry: string, outdir: string, absWorkingDir: string): BuildOptions {
  return {
    ...lambdaEsbuildOptions(),
    absWorkingDir,
    entryPoints: { [LAMBDA_BUNDLING.outputFile.replace(/\.mjs$/, '')]: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: LAMBDA_BUNDLING.splitting,
    chunkNames: LAMBDA_BUNDLING.chunkNames,
    // Which files a cold start loads: the build script reports them (scripts/build-functions.ts).
    metafile: true,
  };
}

/** LAMBDA_BUNDLING's code settings as esbuild options (no entry, output or splitting: see lambdaBuildOptions). */
export function lambdaEsbuildOptions(): BuildOptions {
  return {
    bundle: true,
    platform: LAMBDA_BUNDLING.platform,
    format: LAMBDA_BUNDLING.format,
    target: LAMBDA_BUNDLING.target,
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourcemap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    banner: { js: LAMBDA_BUNDLING.banner },
    external: [...LAMBDA_BUNDLING.external],
    logLevel: 'warning',
  };
}
