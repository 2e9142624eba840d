/** The trial as the service applies it, and the site's switch to pause or reopen recruitment. */
import type { Principal } from '#auth/principal.js';
import type { TrialDefinition } from '#trial/definition.js';
import { findTrial } from '#trial/registry.js';
import type { Dependencies } from './dependencies.js';
import { forbidden, notFound } from './problems.js';
import { recruitmentStatus } from './recruitment.js';

export function trialOrNotFound(trialId: string): TrialDefinition {
  const trial = findTrial(trialId);
  if (!trial) throw notFound(`no trial ${trialId} is screened by this service`);
  return trial;
}

export async function getTrial(deps: Pick<Dependencies, 'store'>, trialId: string) {
  const trial = trialOrNotFound(trialId);
  const recruitment = await recruitmentStatus(deps.store, trial);
  return {
    id: trial.id,
    title: trial.title,
    sponsor: trial.sponsor,
    phase: trial.phase,
    conditions: trial.conditions,
    registryStatus: trial.registryStatus,
    dose: trial.dose,
    sites: trial.sites,
    criteriaVersion: trial.criteriaVersion,
    recruitment,
    parameters: trial.parameters,
    criteria: trial.criteria.map((c) => ({ id: c.id, kind: c.kind, text: c.text, siteVerified: c.siteVerified })),
  };
}

export async function setRecruitment(
  deps: Pick<Dependencies, 'store' | 'clock'>,
  principal: Principal,
  trialId: string,
  recruitment: 'open' | 'paused',
) {
  const trial = trialOrNotFound(trialId);
  if (!trial.sites.some((site) => site.id === principal.siteId)) {
    throw forbidden('only the trial site’s coordinators may change its recruitment');
  }
  await deps.store.putTrialState({ trialId: trial.id, recruitment, updatedAt: deps.clock.now().toISOString() });
  return getTrial(deps, trialId);
}
