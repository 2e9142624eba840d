/**
 * The bundles the cold-start benchmark loads: each handler built by `npm run build`'s own buildFunctions (the
 * settings in infra/bundling.ts, as CDK deploys them), and for each, its floor: a bundle built the same way from a
 * tiny entry that only does the AWS SDK work the handler's init does (construct the same clients; notify-site also
 * fetches its webhook secrets at init, so its floor does the same fetch). Init ÷ floor is then what our own code
 * adds to a cold start.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { handlerEntry, LAMBDA_BUNDLING, lambdaEsbuildOptions } from '#infra/bundling.js';
import { buildFunctions, REPOSITORY_ROOT } from '#scripts/build-functions.js';

/** The SDK work done at a handler's module init. */
export type InitSdkWork = 'dynamodb' | 'sqs' | 'secrets-manager';

/**
 * What a handler's init does with the SDK, read from its entry: each composition builder it calls constructs one
 * client (siteNotifierFromEnvironment also reads the secrets). Handlers wire adapters only through these builders.
 */
export function initSdkWorkOf(handlerSource: string): InitSdkWork[] {
  const work: InitSdkWork[] = [];
  if (handlerSource.includes('referralStoreFromEnvironment(')) work.push('dynamodb');
  if (handlerSource.includes('publisherFromEnvironment(')) work.push('sqs');
  if (handlerSource.includes('siteNotifierFromEnvironment(')) work.push('secrets-manager');
  return work;
}

/** The floor entry's source for `work`: the same clients, built as composition/*.ts builds them. */
export function floorSource(work: readonly InitSdkWork[]): string {
  const lines: string[] = ['export const clients = [];'];
  if (work.includes('dynamodb')) {
    lines.unshift(
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    );
    lines.push('clients.push(DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }));');
  }
  if (work.includes('sqs')) {
    lines.unshift("import { SQSClient } from '@aws-sdk/client-sqs';");
    lines.push('clients.push(new SQSClient({}));');
  }
  if (work.includes('secrets-manager')) {
    lines.unshift("import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';");
    lines.push(
      'const secrets = new SecretsManagerClient({});',
      'clients.push(secrets);',
      "const sites = JSON.parse(process.env.SITE_WEBHOOKS ?? '{}');",
      'export const secretValues = await Promise.all(Object.values(sites).map((site) => secrets.send(new GetSecretValueCommand({ SecretId: site.secretArn }))));',
    );
  }
  return lines.join('\n');
}

export const floorName = (work: readonly InitSdkWork[]): string => (work.length === 0 ? 'no-sdk' : work.join('+'));

export interface BuiltBundle {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface HandlerBundle extends BuiltBundle {
  readonly name: string;
  readonly floor: string;
}

async function sizeOf(file: string): Promise<BuiltBundle> {
  const [{ size }, contents] = await Promise.all([stat(file), readFile(file)]);
  return { file, bytes: size, gzipBytes: gzipSync(contents).length };
}

/** Builds the handlers into `<outdir>/functions` and their floors into `<outdir>/floors/<floor>/index.mjs`. */
export async function buildColdStartBundles(
  outdir: string,
  names?: readonly string[],
): Promise<{ handlers: HandlerBundle[]; floors: Map<string, BuiltBundle> }> {
  const built = await buildFunctions({ outdir: join(outdir, 'functions'), ...(names === undefined ? {} : { names }) });
  const floorWork = new Map<string, InitSdkWork[]>();
  const handlers: HandlerBundle[] = [];
  for (const bundle of built) {
    const work = initSdkWorkOf(await readFile(join(REPOSITORY_ROOT, handlerEntry(bundle.name)), 'utf8'));
    floorWork.set(floorName(work), work);
    handlers.push({ name: bundle.name, file: bundle.file, bytes: bundle.bytes, gzipBytes: bundle.gzipBytes, floor: floorName(work) });
  }
  const floors = new Map<string, BuiltBundle>();
  for (const [name, work] of floorWork) {
    const file = join(outdir, 'floors', name, LAMBDA_BUNDLING.outputFile);
    await build({
      absWorkingDir: REPOSITORY_ROOT,
      stdin: { contents: floorSource(work), resolveDir: REPOSITORY_ROOT, sourcefile: `floor-${name}.mjs`, loader: 'js' },
      outfile: file,
      ...lambdaEsbuildOptions(),
    });
    floors.set(name, await sizeOf(file));
  }
  return { handlers, floors };
}
