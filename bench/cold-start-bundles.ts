/**
 * The bundles the cold-start benchmark loads: each handler built by `npm run build`'s own buildFunctions (the
 * settings in infra/bundling.ts, as CDK deploys them), and for each, its floor: a bundle built the same way from a
 * tiny entry that only does the AWS SDK work the handler's init does (construct the same clients; notify-site also
 * fetches its webhook secrets at init, so its floor does the same fetch). Init ÷ floor is then what our own code
 * adds to a cold start.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { handlerEntry, LAMBDA_BUNDLING, lambdaBuildOptions } from '#infra/bundling.js';
import { buildFunctions, REPOSITORY_ROOT, sizesOf } from '#scripts/build-functions.js';

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
  /** The entry, index.mjs; its chunks are beside it. */
  readonly file: string;
  /** All of its .mjs files, and those a cold start loads (the entry and its static imports). */
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly initBytes: number;
}

export interface HandlerBundle extends BuiltBundle {
  readonly name: string;
  readonly floor: string;
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
    handlers.push({ ...bundle, floor: floorName(work) });
  }
  const floors = new Map<string, BuiltBundle>();
  for (const [name, work] of floorWork) {
    // A file, not stdin: code splitting needs an entry point on disk.
    const entry = join(outdir, 'floor-entries', `${name}.mjs`);
    await mkdir(join(outdir, 'floor-entries'), { recursive: true });
    await writeFile(entry, floorSource(work));
    const directory = join(outdir, 'floors', name);
    // The entry lives outside the repository: its SDK imports resolve from the repository's node_modules.
    const { metafile } = await build({ ...lambdaBuildOptions(entry, directory, REPOSITORY_ROOT), nodePaths: [join(REPOSITORY_ROOT, 'node_modules')] });
    if (metafile === undefined) throw new Error(`esbuild gave no metafile for the ${name} floor`);
    const file = join(directory, LAMBDA_BUNDLING.outputFile);
    floors.set(name, { file, ...(await sizesOf(metafile, file)) });
  }
  return { handlers, floors };
}
