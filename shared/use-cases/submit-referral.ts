/**
 * A physician refers a patient: store the profile, screen it, and (if the patient is a candidate and the trial
 * recruits) record the site notification in the same write, then publish it.
 *
 * Retries: with an Idempotency-Key the referral id is derived from (physician, key), so the create is a
 * conditional put that can only happen once, and the first reply is written into the referral itself (not into a
 * cache beside it): a retry reads the referral and gets that reply back verbatim, and withdrawal, which replaces the
 * referral with a tombstone, erases the reply with everything else. A retry after withdrawal is refused as `gone`.
 */
import type { Principal } from '#auth/principal.js';
import type { PatientProfile } from '#profile/schema.js';
import { openReferral } from '#referral/lifecycle.js';
import { missingMinimumData } from '#referral/minimum-data.js';
import { isTombstone, type ReferralRecord, type StoredReferral } from '#referral/record.js';
import { screeningDate } from '#referral/screening-date.js';
import { DEFAULT_LOCALE, type Locale } from '#i18n/locale.js';
import { intakeView, screeningView } from '#referral/views.js';
import { screen } from '#screening/screen.js';
import { findTrial } from '#trial/registry.js';
import { recordChange, recordRead } from './audit.js';
import type { Dependencies } from './dependencies.js';
import { gone, idempotencyKeyReused, invalid } from './problems.js';
import { publishPending } from './publish-pending.js';
import { recruitmentNotice, recruitmentStatus, type RecruitmentStatus } from './recruitment.js';

/** What the physician sends: the trial, their attestation that the patient agreed to be pre-screened, the profile. */
export interface ReferralSubmission {
  readonly trialId: string;
  readonly prescreeningConsent: { readonly attested: true };
  readonly profile: PatientProfile;
}

export interface SubmitReferralInput {
  readonly principal: Principal;
  readonly request: ReferralSubmission;
  readonly idempotencyKey?: string;
  /** The request's fingerprint (RFC 8785 canonical JSON, hashed), to refuse a reused key with a different body. */
  readonly requestHash: string;
  /** The language of the reply's texts. */
  readonly locale?: Locale;
}

export interface SubmitReferralReply {
  /** The reply, serialized: a replay gets the first one verbatim, whatever has changed since. */
  readonly replyJson: string;
  readonly referralId: string;
  /** The referral as it stands (a replay's may have changed since the first reply). */
  readonly record: ReferralRecord;
  readonly replayed: boolean;
}

const submissionReply = (record: ReferralRecord, recruitment: RecruitmentStatus | undefined, locale: Locale) => {
  const notice = recruitment ? recruitmentNotice(recruitment) : undefined;
  return {
    id: record.id,
    ...intakeView(record, locale),
    version: record.version,
    trialId: record.trialId,
    siteId: record.siteId,
    createdAt: record.createdAt,
    ...screeningView(record.latest, locale),
    ...(notice ? { recruitment: { status: recruitment?.status, notice } } : {}),
  };
};

function refuseMismatch(): never {
  throw idempotencyKeyReused('use a new Idempotency-Key for a new referral', [
    { field: 'idempotency-key', message: 'already used with a different body' },
  ]);
}

/** The answer to a retry: the first reply, verbatim; `gone` once the patient withdrew; refused for another body. */
function replayOf(existing: StoredReferral, requestHash: string, locale: Locale): SubmitReferralReply {
  if (isTombstone(existing)) {
    throw gone('this submission created a referral that has since been withdrawn', { id: existing.id });
  }
  if (existing.submissionHash !== requestHash) refuseMismatch();
  return {
    // A referral stored before first replies were kept in it gets its reply rebuilt from the record.
    replyJson: existing.firstReply ?? JSON.stringify(submissionReply(existing, undefined, locale)),
    referralId: existing.id,
    record: existing,
    replayed: true,
  };
}

export type SubmitReferralDependencies = Pick<Dependencies, 'store' | 'audit' | 'publisher' | 'clock' | 'ids' | 'events'>;

export async function submitReferral(deps: SubmitReferralDependencies, input: SubmitReferralInput): Promise<SubmitReferralReply> {
  const { principal, request, idempotencyKey, requestHash } = input;
  const locale = input.locale ?? DEFAULT_LOCALE;
  const trial = findTrial(request.trialId);
  if (!trial) {
    throw invalid([{ field: 'trialId', message: `no trial ${request.trialId} is screened by this service` }]);
  }
  const site = trial.sites[0];
  if (!site) throw invalid([{ field: 'trialId', message: 'the trial has no site' }]);

  const id = idempotencyKey === undefined ? deps.ids.newId() : deps.ids.idForIdempotencyKey(principal.sub, idempotencyKey);
  const now = deps.clock.now();
  const result = screen(request.profile, trial, screeningDate(now, site.timeZone));
  const opened = openReferral({
    id,
    trialId: trial.id,
    siteId: site.id,
    physicianId: principal.sub,
    profile: request.profile,
    result,
    ...(idempotencyKey === undefined ? {} : { submissionHash: requestHash }),
    complete: missingMinimumData(request.profile, trial).length === 0,
    now,
  });
  // The first reply is kept in the item for retries. It is written as recruitment usually stands (open, no
  // notice), so the create and the recruitment read go out together: two round trips in all on this path.
  const openBody = JSON.stringify(submissionReply(opened, undefined, locale));
  const record: ReferralRecord = idempotencyKey === undefined ? opened : { ...opened, firstReply: openBody };

  // A retry finds its referral by the key's id: the conditional create fails and the stored referral answers.
  // Once the referral is stored the reply must be a success (a client without a key would otherwise refer twice),
  // so a failed recruitment read only leaves the notification to the outbox sweep, which reads recruitment itself.
  const [outcome, recruitment] = await Promise.all([
    deps.store.create(record),
    recruitmentStatus(deps.store, trial).catch((error: unknown) => {
      deps.events.warn('reading recruitment failed; the notification waits for the sweep', { error: error instanceof Error ? error.name : 'unknown' });
      return undefined;
    }),
  ]);
  if (!outcome.created) {
    const replay = replayOf(outcome.existing, requestHash, locale);
    await recordRead(deps, principal, 'submit-referral', [record]);
    return replay;
  }

  let body = openBody;
  let stored = record;
  if (recruitment !== undefined && recruitment.status !== 'open') {
    // Closed recruitment is the rare path: the reply says so, and the kept reply is corrected to match.
    body = JSON.stringify(submissionReply(opened, recruitment, locale));
    if (idempotencyKey !== undefined) stored = await keepFirstReply(deps, record, body);
  }
  await Promise.all([
    recruitment === undefined ? undefined : publishPending(deps, [stored], recruitment.status),
    recordChange(deps, principal, 'submit-referral', [stored]),
  ]);
  return { replyJson: body, referralId: stored.id, record: stored, replayed: false };
}

/** Keeps the reply actually given; if the referral changed meanwhile, the kept one stays (a retry still succeeds). */
async function keepFirstReply(deps: SubmitReferralDependencies, record: ReferralRecord, body: string): Promise<ReferralRecord> {
  const next: ReferralRecord = { ...record, revision: record.revision + 1, firstReply: body };
  try {
    await deps.store.put(next, record.revision);
    return next;
  } catch (error) {
    deps.events.warn('keeping the first reply failed', { error: error instanceof Error ? error.name : 'unknown' });
    return record;
  }
}
