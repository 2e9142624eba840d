/**
 * `npm run api-key`: prints the local API key the FHIR matching routes accept (`x-api-key`), creating it in the data
 * directory if `npm start` has not yet (TRIAL_MATCH_DATA_DIR moves it, like the token key).
 */
import { DEFAULT_DATA_DIR } from './data-dir.js';
import { localApiKey } from './local-api-key.js';

process.stdout.write(`${await localApiKey(DEFAULT_DATA_DIR)}\n`);
