/**
 * Erasure must survive a restore. Restoring the table from a backup or a point in time brings back every referral as
 * it was then, including patients who withdrew since: their profiles would be back. Before the restored table takes
 * traffic, this re-applies every withdrawal made after the restore point, from the records that outlive it:
 *
 * - the tombstones in the table's latest state (the live table, or a point-in-time restore of it to the latest
 *   restorable time): a withdrawal replaces the referral with a tombstone carrying its id and `withdrawnAt`;
 * - the withdraw-referral function's log ("referral withdrawn", with the referral id; kept a year), for when the
 *   latest state itself is what went wrong.
 *
 * Each withdrawal is applied as the withdraw use case applies it (shared/use-cases/withdraw-referral.ts): the
 * record in the restored table is replaced by its tombstone in one conditional write (which erases the stored first
 * reply with the rest), and a patient who was on study gives their place back to the enrolment ledger. The use
 * case's audit entry is not written again: it is in the live table's audit trail, which the restore keeps
 * (replace-table-contents.ts never deletes an audit entry). Applying a withdrawal twice changes nothing.
 */
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REFERRAL_SK } from '#adapters/dynamodb/item-keys.js';
import { TABLE_DESIGN } from '#adapters/dynamodb/table-design.js';
import { RevisionConflictError, type ReferralStore } from '#ports/referral-store.js';
import { isTombstone } from '#referral/record.js';
import { withdraw } from '#referral/lifecycle.js';

export interface Withdrawal {
  readonly referralId: string;
  /** ISO 8601: when the patient withdrew (the tombstone keeps it). */
  readonly withdrawnAt: string;
}

export type ReapplyOutcome =
  /** The restored table had the live referral: it is a tombstone now. */
  | 'erased'
  /** The restored table already had the tombstone (the withdrawal predates the restore point). */
  | 'already-withdrawn'
  /** Referred after the restore point: the restored table never had it, so there is nothing to erase. */
  | 'not-in-restored-table';

export interface ReapplyReport {
  readonly outcomes: ReadonlyMap<string, ReapplyOutcome>;
  readonly dryRun: boolean;
}

const MAX_ATTEMPTS = 5;

/**
 * Re-applies the withdrawals to the restored table's store, one referral at a time; the earliest `withdrawnAt`
 * wins when a referral is listed twice (table and log).
 */
export async function reapplyWithdrawals(
  restored: ReferralStore,
  withdrawals: Iterable<Withdrawal>,
  options: { readonly dryRun?: boolean } = {},
): Promise<ReapplyReport> {
  const dryRun = options.dryRun ?? false;
  const outcomes = new Map<string, ReapplyOutcome>();
  for (const withdrawal of earliestPerReferral(withdrawals)) {
    outcomes.set(withdrawal.referralId, await reapplyOne(restored, withdrawal, dryRun));
  }
  return { outcomes, dryRun };
}

async function reapplyOne(store: ReferralStore, withdrawal: Withdrawal, dryRun: boolean): Promise<ReapplyOutcome> {
  const withdrawnAt = new Date(withdrawal.withdrawnAt);
  if (Number.isNaN(withdrawnAt.getTime())) {
    throw new Error(`withdrawal of ${withdrawal.referralId} has no valid date: ${withdrawal.withdrawnAt}`);
  }
  for (let attempt = 1; ; attempt++) {
    const current = await store.get(withdrawal.referralId);
    if (current === undefined) return 'not-in-restored-table';
    if (isTombstone(current)) return 'already-withdrawn';
    if (dryRun) return 'erased';
    try {
      await store.put(withdraw(current, withdrawnAt), current.revision);
    } catch (error) {
      // The restored table should take no traffic yet; if something writes anyway, read again and re-apply.
      if (error instanceof RevisionConflictError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
    // As the use case does: a patient on study leaves it, and the place goes back (idempotent).
    if (current.candidate?.status === 'on-study') await store.releasePlace(current.trialId, current.id);
    return 'erased';
  }
}

function earliestPerReferral(withdrawals: Iterable<Withdrawal>): Withdrawal[] {
  const byId = new Map<string, Withdrawal>();
  for (const withdrawal of withdrawals) {
    const seen = byId.get(withdrawal.referralId);
    if (seen === undefined || Date.parse(withdrawal.withdrawnAt) < Date.parse(seen.withdrawnAt)) {
      byId.set(withdrawal.referralId, withdrawal);
    }
  }
  return [...byId.values()].sort((a, b) => a.withdrawnAt.localeCompare(b.withdrawnAt));
}

/**
 * The withdrawals recorded in a table's tombstones. A Scan (an operator's read, not a function's: no role of the
 * service may scan), reading only ids and dates.
 */
export async function withdrawalsInTable(client: DynamoDBDocumentClient, tableName: string): Promise<Withdrawal[]> {
  const withdrawals: Withdrawal[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#sk = :referral AND #withdrawn = :yes',
        ProjectionExpression: '#id, #withdrawnAt',
        ExpressionAttributeNames: {
          '#sk': TABLE_DESIGN.sortKey,
          '#withdrawn': 'withdrawn',
          '#id': 'id',
          '#withdrawnAt': 'withdrawnAt',
        },
        ExpressionAttributeValues: { ':referral': REFERRAL_SK, ':yes': true },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const { id, withdrawnAt } = item as { id?: unknown; withdrawnAt?: unknown };
      if (typeof id !== 'string' || typeof withdrawnAt !== 'string') throw new Error('a tombstone without id or date');
      withdrawals.push({ referralId: id, withdrawnAt });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return withdrawals;
}

/**
 * The withdrawals in the output of `aws logs get-query-results` for the RUNBOOK's Logs Insights query
 * (`fields @timestamp, referralId | filter message = "referral withdrawn"`): `{ "results": [[{ "field", "value" }]] }`.
 * Logs Insights prints @timestamp as `YYYY-MM-DD HH:MM:SS.mmm`, in UTC.
 */
export function withdrawalsFromLogQuery(json: string): Withdrawal[] {
  const parsed = JSON.parse(json) as { results?: unknown };
  if (!Array.isArray(parsed.results)) throw new Error('not the output of aws logs get-query-results (no "results")');
  return parsed.results.map((row: unknown, index) => {
    const fields = new Map<string, string>();
    for (const cell of Array.isArray(row) ? row : []) {
      const { field, value } = cell as { field?: unknown; value?: unknown };
      if (typeof field === 'string' && typeof value === 'string') fields.set(field, value);
    }
    const referralId = fields.get('referralId');
    const timestamp = fields.get('@timestamp');
    if (referralId === undefined || timestamp === undefined) {
      throw new Error(`log result ${index} lacks referralId or @timestamp: query "fields @timestamp, referralId"`);
    }
    const withdrawnAt = new Date(`${timestamp.replace(' ', 'T')}Z`);
    if (Number.isNaN(withdrawnAt.getTime())) throw new Error(`log result ${index} has an unreadable @timestamp ${timestamp}`);
    return { referralId, withdrawnAt: withdrawnAt.toISOString() };
  });
}
