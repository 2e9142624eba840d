/**
 * How every Lambda is bundled, once: CDK's NodejsFunction (infra/stack/function-factory.ts) and `npm run build`
 * (scripts/build-functions.ts) both read these settings, so the bundle the cold-start benchmark measures is the
 * bundle that is deployed.
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
  outputFile: 'index.mjs',
};

/** functions/<name>/handler.ts, relative to the repository root. */
export function handlerEntry(functionName: string): string {
  return `functions/${functionName}/handler.ts`;
}

/** LAMBDA_BUNDLING as esbuild options, for the build script and the cold-start benchmark (CDK maps it itself). */
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
