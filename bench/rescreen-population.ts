/**
 * A referral population for the rescreen benchmark: 1% due for rescreening (half because their reviewAt has passed,
 * half because they were screened under an older criteria version), the rest not due for months. Records are built
 * with the store tests' record builder and written with the store's own key derivation (toItem), so the indexes
 * hold exactly what the adapter would have written.
 */
import { BatchWriteCommand, type BatchWriteCommandInput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { toItem } from '#adapters/dynamodb/item-keys.js';
import type { ReferralRecord } from '#referral/record.js';
import type { Verdict } from '#screening/result.js';
import type { TrialDefinition } from '#trial/definition.js';
import { referralRecord } from '#test/support/records.js';

/** One referral in this many is due. */
export const DUE_EVERY = 100;

export type DueReason = 'time-passed' | 'criteria-changed';

export interface PopulationMember {
  readonly record: ReferralRecord;
  readonly due?: DueReason;
}

const VERDICTS: readonly Verdict[] = ['eligible', 'potential', 'ineligible'];
const DAY_MS = 86_400_000;

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export const referralIdAt = (index: number): string => `bench-${String(index).padStart(7, '0')}`;

/** Why referral `index` is due, if it is: every DUE_EVERY-th one, alternating between the two reasons. */
export function dueReasonAt(index: number): DueReason | undefined {
  if (index % DUE_EVERY !== 0) return undefined;
  return (index / DUE_EVERY) % 2 === 0 ? 'time-passed' : 'criteria-changed';
}

/** How many of `population` referrals are due. */
export const dueCount = (population: number): number => Math.ceil(population / DUE_EVERY);

/** Referral `index` of the population, as of `today` (the site's calendar date) under `trial`'s current criteria. */
export function memberAt(index: number, trial: TrialDefinition, today: string): PopulationMember {
  const due = dueReasonAt(index);
  const current = trial.criteriaVersion;
  // Not due: reviewAt 1..365 days ahead, or none at all (nothing in the profile can change by time alone).
  const notDueReviewAt = index % 10 === 1 ? null : addDays(today, 1 + (index % 365));
  const reviewAt = due === 'time-passed' ? addDays(today, -(index % 60)) : notDueReviewAt;
  const createdOn = addDays(today, -(30 + (index % 300)));
  const record = referralRecord({
    id: referralIdAt(index),
    trialId: trial.id,
    siteId: trial.sites[0]?.id ?? 'site',
    physicianId: `physician-${index % 50}`,
    createdAt: `${createdOn}T08:00:00.000Z`,
    asOf: createdOn,
    criteriaVersion: due === 'criteria-changed' ? current - 1 : current,
    reviewAt,
    verdict: VERDICTS[index % VERDICTS.length] ?? 'potential',
    score: index % 101,
  });
  return due === undefined ? { record } : { record, due };
}

const BATCH_SIZE = 25; // BatchWriteItem's limit
const CONCURRENT_BATCHES = 8;

/** Writes referrals [0, population) with BatchWriteItem, several batches in flight, retrying unprocessed items. */
export async function loadPopulation(
  document: DynamoDBDocumentClient,
  tableName: string,
  population: number,
  trial: TrialDefinition,
  today: string,
): Promise<void> {
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < population) {
      const start = nextIndex;
      nextIndex = Math.min(population, start + BATCH_SIZE);
      const requests: WriteRequests = [];
      for (let index = start; index < nextIndex; index++) {
        requests.push({ PutRequest: { Item: toItem(memberAt(index, trial, today).record) } });
      }
      await writeBatch(document, tableName, requests);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_BATCHES }, worker));
}

type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];

async function writeBatch(document: DynamoDBDocumentClient, tableName: string, requests: WriteRequests): Promise<void> {
  let pending = requests;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 10) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed after ${attempt} attempts`);
    const result = await document.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = result.UnprocessedItems?.[tableName] ?? [];
  }
}
