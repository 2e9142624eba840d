/**
 * The referral's life as pure functions: open, rescreen, change, deliver, withdraw. Use cases read a record, call
 * one of these, and write the result with one conditional put. No I/O here.
 */
import type { PatientProfile } from '#profile/schema.js';
import type { CandidateNotification } from './notification.js';
import type { ScreeningResult, Verdict } from '#screening/result.js';
import { isCandidate } from '#screening/candidate.js';
import {
  HISTORY_LIMIT,
  type ReferralRecord,
  type ReferralTombstone,
  type ScreeningEntry,
  type ScreeningTrigger,
} from './record.js';

/**
 * Whether the site may be told of new candidates: not when recruitment is paused or the target is reached. It
 * does not change what is recorded: a notification due while recruitment is closed is kept in the outbox and
 * released when it reopens (see publish-pending.ts), so the site hears of the candidates referred meanwhile.
 */
export type Recruitment = 'open' | 'paused' | 'full';

/**
 * The site hears of a patient when they first become a candidate, and again whenever a notified patient's verdict
 * changes (including becoming ineligible). Since only `ineligible` is not a candidate, that is: the verdict moved.
 */
export function isNotifiableChange(previous: Verdict | undefined, next: Verdict): boolean {
  return previous === undefined ? isCandidate(next) : previous !== next;
}

/**
 * The same, for a referral as it stands: nothing while it lacks the trial's minimum data (it waits as incomplete,
 * see minimum-data.ts); a first notification once it has it and is a candidate; after that, every verdict change.
 */
function notifies(record: Pick<ReferralRecord, 'notification'> | undefined, previous: Verdict | undefined, next: Verdict, complete: boolean): boolean {
  if (!complete) return false;
  const told = record !== undefined && record.notification.seq > 0;
  return isNotifiableChange(told ? previous : undefined, next);
}

function changedCriteria(previous: ScreeningResult | undefined, next: ScreeningResult): string[] {
  if (!previous) return [];
  const before = new Map(previous.criteria.map((c) => [c.id, c.outcome]));
  return next.criteria.filter((c) => before.get(c.id) !== c.outcome).map((c) => c.id);
}

function historyWith(history: readonly ScreeningEntry[], entry: ScreeningEntry): ScreeningEntry[] {
  const next = [...history, entry];
  return next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next;
}

function entryFor(result: ScreeningResult, previous: ScreeningResult | undefined, trigger: ScreeningTrigger, at: string): ScreeningEntry {
  return {
    at,
    asOf: result.asOf,
    trigger,
    criteriaVersion: result.criteriaVersion,
    verdict: result.verdict,
    score: result.score,
    changed: changedCriteria(previous, result),
  };
}

export interface OpenReferralInput {
  readonly id: string;
  readonly trialId: string;
  readonly siteId: string;
  readonly physicianId: string;
  readonly profile: PatientProfile;
  readonly result: ScreeningResult;
  readonly submissionHash?: string;
  /** The profile carries the trial's minimum data: the site may be told of it. */
  readonly complete: boolean;
  readonly now: Date;
}

export function openReferral(input: OpenReferralInput): ReferralRecord {
  const at = input.now.toISOString();
  const notify = notifies(undefined, undefined, input.result.verdict, input.complete);
  return {
    id: input.id,
    trialId: input.trialId,
    siteId: input.siteId,
    physicianId: input.physicianId,
    version: 1,
    revision: 1,
    createdAt: at,
    updatedAt: at,
    prescreeningConsentAttestedAt: at,
    ...(input.submissionHash === undefined ? {} : { submissionHash: input.submissionHash }),
    profile: input.profile,
    latest: input.result,
    history: [entryFor(input.result, undefined, 'submitted', at)],
    notification: notify ? { seq: 1, sentSeq: 0, pendingSince: at } : { seq: 0, sentSeq: 0 },
  };
}

/** Records a new screening result; bumps the notification sequence when the site must hear of it. */
export function recordScreening(
  record: ReferralRecord,
  result: ScreeningResult,
  trigger: ScreeningTrigger,
  now: Date,
  complete: boolean,
): ReferralRecord {
  const at = now.toISOString();
  const notify = notifies(record, record.latest.verdict, result.verdict, complete);
  const { notification } = record;
  return {
    ...record,
    revision: record.revision + 1,
    updatedAt: at,
    latest: result,
    history: historyWith(record.history, entryFor(result, record.latest, trigger, at)),
    notification: notify
      ? { seq: notification.seq + 1, sentSeq: notification.sentSeq, pendingSince: notification.pendingSince ?? at }
      : notification,
  };
}

/** The physician changed the profile: a new content version, screened at once. */
export function changeProfile(
  record: ReferralRecord,
  profile: PatientProfile,
  result: ScreeningResult,
  now: Date,
  complete: boolean,
): ReferralRecord {
  return { ...recordScreening({ ...record, profile }, result, 'updated', now, complete), version: record.version + 1 };
}

export const hasPendingNotification = (record: ReferralRecord): boolean =>
  record.notification.seq > record.notification.sentSeq;

/** The queue message for the referral's pending notification: identifiers and the verdict, nothing else. */
export function pendingNotification(record: ReferralRecord, now: Date): CandidateNotification | undefined {
  if (!hasPendingNotification(record)) return undefined;
  return {
    type: 'candidate.changed',
    referralId: record.id,
    trialId: record.trialId,
    siteId: record.siteId,
    seq: record.notification.seq,
    verdict: record.latest.verdict,
    score: record.latest.score,
    criteriaVersion: record.latest.criteriaVersion,
    occurredAt: now.toISOString(),
  };
}

/**
 * The site has been told everything up to `seq`: the candidate is in its inbox (as a potential candidate the
 * first time), and nothing up to `seq` is pending any more.
 */
export function markDelivered(record: ReferralRecord, seq: number, now: Date): ReferralRecord {
  const at = now.toISOString();
  const sentSeq = Math.max(record.notification.sentSeq, seq);
  const stillPending = record.notification.seq > sentSeq;
  const { pendingSince: _cleared, ...notification } = record.notification;
  const enterInbox = !record.candidate && isCandidate(record.latest.verdict);
  return {
    ...record,
    revision: record.revision + 1,
    updatedAt: at,
    ...(enterInbox ? { candidate: { status: 'potential-candidate' as const, since: at, recordedAt: at } } : {}),
    notification: stillPending ? { ...notification, sentSeq, pendingSince: at } : { ...notification, sentSeq },
  };
}

/** The patient withdrew: erase everything derived from the profile, keep only who referred whom, and when. */
export function withdraw(record: ReferralRecord, now: Date): ReferralTombstone {
  return {
    id: record.id,
    withdrawn: true,
    revision: record.revision + 1,
    trialId: record.trialId,
    siteId: record.siteId,
    physicianId: record.physicianId,
    createdAt: record.createdAt,
    withdrawnAt: now.toISOString(),
  };
}
