/** The trials this service screens for. Adding a trial means adding its definition file here. */
import type { TrialDefinition } from './definition.js';
import { NCT05212584 } from './nct05212584.js';

export const TRIALS: readonly TrialDefinition[] = [NCT05212584];

const byId = new Map(TRIALS.map((trial) => [trial.id, trial]));

export function findTrial(id: string): TrialDefinition | undefined {
  return byId.get(id);
}

/**
 * The IANA time zone a referral at this site is dated in: screening dates are the site's calendar days. The trial's
 * first site when none is named (today's trials have one); UTC only for a trial with no site at all.
 */
export function siteTimeZone(trial: TrialDefinition, siteId?: string): string {
  const site = (siteId === undefined ? undefined : trial.sites.find((candidate) => candidate.id === siteId)) ?? trial.sites[0];
  return site?.timeZone ?? 'UTC';
}
