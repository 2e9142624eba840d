/** Where `npm start` keeps its data and the local token key; TRIAL_MATCH_DATA_DIR moves both together. */
export const DEFAULT_DATA_DIR = process.env['TRIAL_MATCH_DATA_DIR'] ?? '.local-data';
