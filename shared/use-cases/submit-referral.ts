/**
 * A physician refers a patient: store the profile, screen it, and (if the patient is a candidate and the trial
 * recruits) record the site notification in the same write, then publish it.
 *
 * Retries: with an Idempotency-Key the referral id is derived from (physician, key), so the create is a
 * conditional put that can only happen once; the first reply is cached so a retry gets it back verbatim.
 */
import type { Principal } from '../auth/principal.js';
import { ProblemError, problems } from '../http/problem.js';
import type { SubmitReferralRequest } from '../http/referral-request.js';
import { isTombstone, type StoredReferral } from '../ports/referral-store.js';
import { openReferral } from '../referral/lifecycle.js';
import type { ReferralRecord } from '../referral/record.js';
import { screeningDate } from '../referral/screening-date.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { screeningView } from '../referral/views.js';
import { screen } from '../screening/screen.js';
import { findTrial } from '../trial/registry.js';
import type { Dependencies } from './dependencies.js';
import { publishPending } from './publish-pending.js';
import { recruitmentNotice, recruitmentStatus, type RecruitmentStatus } from './recruitment.js';

/** How long a cached first reply is kept; after that a retry still finds the referral by its derived id. */
export const IDEMPOTENT_REPLY_TTL_SECONDS = 24 * 60 * 60;

export interface SubmitReferralInput {
  readonly principal: Principal;
  readonly request: SubmitReferralRequest;
  readonly idempotencyKey?: string;
  /** SHA-256 of the raw body, to refuse a reused key with a different body. */
  readonly requestHash: string;
  /** The language of the reply's texts. */
  readonly locale?: Locale;
}

export interface SubmitReferralReply {
  readonly statusCode: 201;
  readonly body: string;
  readonly referralId: string;
  readonly version: number;
  readonly replayed: boolean;
}

const submissionReply = (record: ReferralRecord, recruitment: RecruitmentStatus | undefined, locale: Locale) => {
  const notice = recruitment ? recruitmentNotice(recruitment) : undefined;
  return {
    id: record.id,
    version: record.version,
    trialId: record.trialId,
    siteId: record.siteId,
    createdAt: record.createdAt,
    ...screeningView(record.latest, locale),
    ...(notice ? { recruitment: { status: recruitment?.status, notice } } : {}),
  };
};

function refuseMismatch(): never {
  throw new ProblemError({
    status: 422,
    type: 'idempotency-key-reused',
    title: 'The Idempotency-Key was already used for a different request',
    detail: 'use a new Idempotency-Key for a new referral',
    errors: [{ field: 'idempotency-key', message: 'already used with a different body' }],
  });
}

function replayOf(existing: StoredReferral, requestHash: string, locale: Locale): SubmitReferralReply {
  if (isTombstone(existing)) {
    throw new ProblemError(problems.gone('this submission created a referral that has since been withdrawn', { id: existing.id }));
  }
  if (existing.submissionHash !== requestHash) refuseMismatch();
  return {
    statusCode: 201,
    body: JSON.stringify(submissionReply(existing, undefined, locale)),
    referralId: existing.id,
    version: existing.version,
    replayed: true,
  };
}

export type SubmitReferralDependencies = Pick<Dependencies, 'store' | 'idempotency' | 'publisher' | 'clock' | 'ids' | 'events'>;

export async function submitReferral(deps: SubmitReferralDependencies, input: SubmitReferralInput): Promise<SubmitReferralReply> {
  const { principal, request, idempotencyKey, requestHash } = input;
  const locale = input.locale ?? DEFAULT_LOCALE;
  const trial = findTrial(request.trialId);
  if (!trial) {
    throw new ProblemError(problems.invalidFields([{ field: 'trialId', message: `no trial ${request.trialId} is screened by this service` }]));
  }
  const site = trial.sites[0];
  if (!site) throw new ProblemError(problems.invalidFields([{ field: 'trialId', message: 'the trial has no site' }]));

  if (idempotencyKey !== undefined) {
    const cached = await deps.idempotency.getReply(principal.sub, idempotencyKey);
    if (cached) {
      if (cached.requestHash !== requestHash) refuseMismatch();
      const { id, version } = JSON.parse(cached.body) as { id: string; version: number };
      return { statusCode: 201, body: cached.body, referralId: id, version, replayed: true };
    }
  }

  const now = deps.clock.now();
  const recruitment = await recruitmentStatus(deps.store, trial);
  const result = screen(request.profile, trial, screeningDate(now, site.timeZone));
  const record = openReferral({
    id: idempotencyKey === undefined ? deps.ids.newId() : deps.ids.idForIdempotencyKey(principal.sub, idempotencyKey),
    trialId: trial.id,
    siteId: site.id,
    physicianId: principal.sub,
    profile: request.profile,
    result,
    ...(idempotencyKey === undefined ? {} : { submissionHash: requestHash }),
    now,
  });

  const outcome = await deps.store.create(record);
  if (!outcome.created) return replayOf(outcome.existing, requestHash, locale);

  await publishPending(deps, [record], recruitment.status);
  const body = JSON.stringify(submissionReply(record, recruitment, locale));
  if (idempotencyKey !== undefined) {
    try {
      await deps.idempotency.putReply({
        physicianId: principal.sub,
        key: idempotencyKey,
        requestHash,
        statusCode: 201,
        body,
        expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENT_REPLY_TTL_SECONDS,
      });
    } catch (error) {
      // The referral is stored; a retry will find it by its derived id. Losing the cache only costs a rebuild.
      deps.events.warn('caching the idempotent reply failed', { error: error instanceof Error ? error.name : 'unknown' });
    }
  }
  return { statusCode: 201, body, referralId: record.id, version: record.version, replayed: false };
}
