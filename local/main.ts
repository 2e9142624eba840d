/**
 * `npm start`: the whole service on this machine, on embedded defaults, with no cloud account.
 *
 *   npm start                      data kept in .local-data/ across restarts, API on http://127.0.0.1:3000
 *   npm start -- --in-memory       throwaway data
 *   npm start -- --port 3001 --rescreen-every 30
 *
 * With AWS_ENDPOINT_URL set (LocalStack), DynamoDB is LocalStack's; the queue stays in-process.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, DEFAULT_PORT, startLocalStack } from './local-stack.js';

const USAGE = `usage: npm start -- [--in-memory] [--port ${DEFAULT_PORT}] [--data-dir ${DEFAULT_DATA_DIR}] [--rescreen-every <seconds, default 60>]`;

function parseOptions(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      'in-memory': { type: 'boolean', default: false },
      port: { type: 'string', default: String(DEFAULT_PORT) },
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      'rescreen-every': { type: 'string', default: '60' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const port = Number(values.port);
  const rescreenSeconds = Number(values['rescreen-every']);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, got ${values.port}`);
  if (!(rescreenSeconds > 0)) throw new Error(`--rescreen-every must be a positive number of seconds`);
  return { help: values.help, inMemory: values['in-memory'], port, dataDir: values['data-dir'], rescreenIntervalMs: rescreenSeconds * 1000 };
}

let options: ReturnType<typeof parseOptions>;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const stack = await startLocalStack({ ...options, web: true });
/** The token key lives in the data directory in both modes; the printed commands must name the same one. */
const shellWord = (word: string) => (/^[\w./:@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
const dataDirArgument = options.dataDir === DEFAULT_DATA_DIR ? '' : ` --data-dir ${shellWord(options.dataDir)}`;
const storage = process.env['AWS_ENDPOINT_URL']
  ? `DynamoDB at ${process.env['AWS_ENDPOINT_URL']} (LocalStack)`
  : options.inMemory
    ? 'embedded dynalite, in memory'
    : `embedded dynalite, data in ${options.dataDir}/`;
console.log(`
trial-match is running
  web app             ${stack.apiUrl}/   (choose a local identity: a referring physician or the site's coordinator)
  API                 ${stack.apiUrl}   (GET ${stack.apiUrl}/trials/NCT05212584, ${stack.apiUrl}/openapi.json)
  storage             ${storage}, table ${stack.tableName}
  site webhook        ${stack.webhookUrl} (signed deliveries are verified and logged)
  rescreening         every ${options.rescreenIntervalMs / 1000} s
  FHIR matching       POST ${stack.apiUrl}/getClinicalTrial, /ResearchStudy/$match   (x-api-key: $(npm run -s api-key${dataDirArgument ? ` --${dataDirArgument}` : ''}))
  tokens              npm run token -- --role physician --sub dr-li${dataDirArgument}
                      npm run token -- --role coordinator --sub coord-wang --site hebei-yanda-ludaopei${dataDirArgument}
`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  stack.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
