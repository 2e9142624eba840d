/**
 * A function's code asset: functions/<name>/handler.ts built by esbuild at synth (CDK local bundling) with the
 * settings every build uses (lambdaBuildOptions, infra/bundling.ts): index.mjs, the chunks it loads on first use,
 * and their source maps, in one directory.
 *
 * Not NodejsFunction: it writes one file (`--outfile`), so it cannot split code into chunks, and a cold start would
 * parse code a request may never run (BENCHMARKS.md: 34 % of submit-referral's init on Node 22).
 */
import { dirname, join } from 'node:path';
import { AssetHashType } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';
import { handlerEntry, LAMBDA_BUNDLING, lambdaBuildOptions } from '#infra/bundling.js';

/** The handler the runtime calls: `handler`, exported by the entry file. */
export const FUNCTION_HANDLER = `${LAMBDA_BUNDLING.outputFile.replace(/\.mjs$/, '')}.handler`;

export function functionCode(repositoryRoot: string, functionName: string, runtime: lambda.Runtime): lambda.Code {
  const entry = handlerEntry(functionName);
  return lambda.Code.fromAsset(join(repositoryRoot, dirname(entry)), {
    // The asset is what was built: a change anywhere in shared/ or the lockfile changes the code, and the hash.
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local: {
        tryBundle(outputDir) {
          buildSync(lambdaBuildOptions(entry, outputDir, repositoryRoot));
          return true;
        },
      },
      // Never used: local bundling always answers (or fails with esbuild's own error). CDK requires an image.
      image: runtime.bundlingImage,
      command: ['bash', '-c', 'echo "trial-match builds its functions with the esbuild that npm ci installs" >&2; exit 1'],
    },
  });
}
