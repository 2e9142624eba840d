/**
 * Stored referrals for store tests, built by hand (not by the screening engine): the store only cares about the
 * fields that decide its keys, so each can be set directly.
 */
import type { PatientProfile } from '#profile/schema.js';
import { withdraw } from '#referral/lifecycle.js';
import type {
  CandidateState,
  CandidateStatus,
  NotificationState,
  ReferralRecord,
  ReferralTombstone,
} from '#referral/record.js';
import type { CriterionResult, ScreeningResult, Verdict } from '#screening/result.js';

export const TRIAL_ID = 'NCT05212584';
export const SITE_ID = 'hebei-yanda-lu-daopei';

let counter = 0;
/** A fresh, sortable id per call (unique within a test process). */
export const nextId = (prefix = 'ref'): string => `${prefix}-${String(++counter).padStart(6, '0')}`;

/** A profile with nested maps, lists, booleans, decimals and an empty string: everything the store must round-trip. */
export function sampleProfile(): PatientProfile {
  return {
    demographics: { birthDate: '1991-03-14', sex: 'male', weight: { value: 68.5, unit: 'kg', date: '2025-05-20' } },
    diagnosis: {
      type: 'T-ALL',
      classification: 'WHO-2016',
      coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'C91.0', display: '' }],
      diagnosedOn: '2024-04-01',
    },
    diseaseStatus: { status: 'relapsed', since: '2025-05-01' },
    blasts: [{ specimen: 'bone-marrow', percent: 38.2, date: '2025-05-20', method: 'morphology' }],
    cd7: { percent: 92, method: 'flow-cytometry', date: '2025-05-20' },
    labs: { hemoglobin: { value: 92, unit: 'g/L', date: '2025-05-20', transfused: false } },
    cardiac: { qtcMs: { value: 418, date: '2025-05-20' }, myocardialInfarction: { status: 'absent' } },
  };
}

const consentCriterion: CriterionResult = {
  id: 'inc-consent',
  kind: 'inclusion',
  text: 'Signed informed consent.',
  outcome: 'unknown',
  reasons: [{ code: 'not-reported', subject: 'consent' }],
  siteVerified: true,
  missing: [],
};

export interface ScreeningOptions {
  readonly verdict?: Verdict;
  readonly score?: number;
  readonly criteriaVersion?: number;
  readonly asOf?: string;
  readonly reviewAt?: string | null;
  readonly trialId?: string;
}

export function screeningResult(options: ScreeningOptions = {}): ScreeningResult {
  return {
    trialId: options.trialId ?? TRIAL_ID,
    criteriaVersion: options.criteriaVersion ?? 1,
    asOf: options.asOf ?? '2025-05-25',
    verdict: options.verdict ?? 'eligible',
    score: options.score ?? 80,
    criteria: [
      consentCriterion,
      {
        id: 'inc-hemoglobin',
        kind: 'inclusion',
        text: 'Hemoglobin >= 70 g/L (can be transfused).',
        outcome: 'met',
        reasons: [
          {
            code: 'measured',
            subject: 'hemoglobin',
            measured: { value: 92, unit: 'g/L' },
            date: '2025-05-20',
            comparator: '>=',
            limit: 70,
            limitUnit: 'g/L',
            passes: true,
          },
        ],
        siteVerified: false,
        missing: [],
      },
    ],
    missingData: [],
    reviewAt: options.reviewAt === undefined ? '2025-06-17' : options.reviewAt,
    rescreenAt: options.reviewAt === undefined ? '2025-06-17' : options.reviewAt,
  };
}

export interface RecordOptions extends ScreeningOptions {
  readonly id?: string;
  readonly physicianId?: string;
  readonly siteId?: string;
  readonly createdAt?: string;
  readonly revision?: number;
  /** A candidate in this status (recorded by notify-site); absent when not given. */
  readonly candidateStatus?: CandidateStatus;
  readonly notification?: NotificationState;
}

export function referralRecord(options: RecordOptions = {}): ReferralRecord {
  const createdAt = options.createdAt ?? '2025-05-25T08:00:00.000Z';
  const latest = screeningResult(options);
  const candidate: CandidateState | undefined =
    options.candidateStatus === undefined
      ? undefined
      : { status: options.candidateStatus, since: createdAt, recordedAt: createdAt };
  return {
    id: options.id ?? nextId(),
    trialId: latest.trialId,
    siteId: options.siteId ?? SITE_ID,
    physicianId: options.physicianId ?? 'physician-1',
    version: 1,
    revision: options.revision ?? 1,
    createdAt,
    updatedAt: createdAt,
    prescreeningConsentAttestedAt: createdAt,
    profile: sampleProfile(),
    latest,
    history: [
      {
        at: createdAt,
        asOf: latest.asOf,
        trigger: 'submitted',
        criteriaVersion: latest.criteriaVersion,
        verdict: latest.verdict,
        score: latest.score,
        changed: [],
      },
    ],
    ...(candidate ? { candidate } : {}),
    notification: options.notification ?? { seq: 0, sentSeq: 0 },
  };
}

/** The record after one more write: the revision bumped, the rest changed by `change`. */
export function nextRevision(record: ReferralRecord, change: Partial<ReferralRecord> = {}): ReferralRecord {
  return { ...record, ...change, revision: record.revision + 1 };
}

/** What remains of `record` after the patient withdraws: the domain's own `withdraw`, so the two cannot drift. */
export function tombstoneOf(record: ReferralRecord, withdrawnAt = '2025-06-01T09:00:00.000Z'): ReferralTombstone {
  return withdraw(record, new Date(withdrawnAt));
}
