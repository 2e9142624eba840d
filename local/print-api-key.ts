/**
 * `npm run api-key [-- --data-dir <dir>]`: prints the local API key the FHIR matching routes accept (`x-api-key`),
 * creating it in the data directory if `npm start` has not yet (TRIAL_MATCH_DATA_DIR moves it, like the token key).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR } from './data-dir.js';
import { localApiKey } from './local-api-key.js';

const { values } = parseArgs({ args: process.argv.slice(2), strict: true, options: { 'data-dir': { type: 'string', default: DEFAULT_DATA_DIR } } });
process.stdout.write(`${await localApiKey(values['data-dir'])}\n`);
