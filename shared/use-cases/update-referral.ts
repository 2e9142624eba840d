/**
 * The physician adds or corrects data (a JSON Merge Patch of the profile); the referral is rescreened at once.
 * Optimistic concurrency: the caller names the representation it read (If-Match); if the referral has changed since
 * (by anyone: a correction, a rescreen, the site) the patch is refused (`precondition-failed`), never applied to
 * something the caller has not seen. A patch that changes nothing writes nothing and makes no new version.
 */
import canonicalize from 'canonicalize';
import type { Principal } from '#auth/principal.js';
import { PATIENT_PROFILE } from '#profile/accept-profile.js';
import { changeProfile } from '#referral/lifecycle.js';
import { applyMergePatch, PatchTooDeepError } from '#referral/merge-patch.js';
import { missingMinimumData } from '#referral/minimum-data.js';
import type { ReferralRecord } from '#referral/record.js';
import { screeningDate } from '#referral/screening-date.js';
import type { Locale } from '#i18n/locale.js';
import { referralView } from '#referral/views.js';
import { screen } from '#screening/screen.js';
import { findTrial, siteTimeZone } from '#trial/registry.js';
import { recordChange } from './audit.js';
import type { Dependencies } from './dependencies.js';
import { publishPending } from './publish-pending.js';
import { recruitmentStatus } from './recruitment.js';
import { malformed, preconditionFailed } from './problems.js';
import { ownReferral } from './referral-access.js';
import { retryOnConflict } from './retry-on-conflict.js';
import { validateChecked } from './validate.js';

export interface UpdateReferralInput {
  readonly principal: Principal;
  readonly id: string;
  /** Whether the referral as it stands is the one the caller read (If-Match against its current ETag). */
  readonly matches: (current: ReferralRecord) => boolean;
  readonly patch: unknown;
  /** The language of the reply's texts. */
  readonly locale?: Locale;
}

async function patchedProfile(record: ReferralRecord, patch: unknown, locale: Locale | undefined) {
  let merged: unknown;
  try {
    merged = applyMergePatch(record.profile, patch);
  } catch (error) {
    if (error instanceof PatchTooDeepError) throw malformed(error.message);
    throw error;
  }
  return validateChecked(PATIENT_PROFILE, merged, 'profile', locale);
}

export type UpdateReferralDependencies = Pick<Dependencies, 'store' | 'audit' | 'publisher' | 'clock' | 'events'>;

export async function updateReferral(deps: UpdateReferralDependencies, input: UpdateReferralInput) {
  const change = await retryOnConflict('referral', async () => {
    const record = await ownReferral(deps.store, input.principal, input.id);
    if (!input.matches(record)) {
      throw preconditionFailed(`the referral has changed since you read it (it is at version ${record.version}): read it again`);
    }
    const trial = findTrial(record.trialId);
    if (!trial) throw new Error(`referral ${record.id} names unknown trial ${record.trialId}`);
    const profile = await patchedProfile(record, input.patch, input.locale);
    // Nothing changes: no write, no new version, no rescreen.
    if (canonicalize(profile) === canonicalize(record.profile)) return { record, next: record, trial };
    const now = deps.clock.now();
    const complete = missingMinimumData(profile, trial).length === 0;
    const next = changeProfile(record, profile, screen(profile, trial, screeningDate(now, siteTimeZone(trial, record.siteId))), now, complete);
    await deps.store.put(next, record.revision);
    return { record, next, trial };
  });
  const { record, next, trial } = change;
  // The change is stored: from here nothing may fail the request (the outbox sweep sends what is not sent now).
  // Recruitment is read only when the site has something to hear: most edits change no notification.
  const notify = async () => {
    if (next.notification.seq === record.notification.seq) return;
    try {
      await publishPending(deps, [next], (await recruitmentStatus(deps.store, trial)).status);
    } catch (error) {
      deps.events.warn('reading recruitment failed; the notification waits for the sweep', { error: error instanceof Error ? error.name : 'unknown' });
    }
  };
  await Promise.all([notify(), recordChange(deps, input.principal, 'update-referral', [next])]);
  return { view: referralView(next, input.locale), record: next };
}
