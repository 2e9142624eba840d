/** The trial a command screens against: the one `--trial` names (any case), else the only trial there is. */
import type { TrialDefinition } from '#trial/definition.js';
import { findTrial, TRIALS } from '#trial/registry.js';

export function chosenTrial(trialId: string | undefined): TrialDefinition | undefined {
  if (trialId !== undefined) return findTrial(trialId.trim().toUpperCase());
  return TRIALS.length === 1 ? TRIALS[0] : undefined;
}

/** Every trial's registration number, for the refusal of one that is not known. */
export const knownTrialIds = (): readonly string[] => TRIALS.map((trial) => trial.id);
