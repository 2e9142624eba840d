/** The trials this service screens for. Adding a trial means adding its definition file here. */
import type { TrialDefinition } from './definition.js';
import { NCT05212584 } from './nct05212584.js';

export const TRIALS: readonly TrialDefinition[] = [NCT05212584];

const byId = new Map(TRIALS.map((trial) => [trial.id, trial]));

export function findTrial(id: string): TrialDefinition | undefined {
  return byId.get(id);
}
