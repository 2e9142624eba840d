/**
 * Erasure survives a restore, along the runbook's path: a table restored to a point before some withdrawals gets them
 * re-applied from the tombstones of the latest state (or the withdraw function's log), its contents go back into the
 * stack's table, and for each of those patients the table then holds exactly what it held after the real withdrawal:
 * the tombstone, the place given back to the enrolment ledger, and the audit trail (kept through the restore). Real
 * DynamoDB wire protocol (dynalite); the restore is a copy of every item at the restore point, which is what a
 * point-in-time restore produces.
 */
import { documentClientFor } from '#adapters/dynamodb/document-client.js';
import type { DynamoDBDocumentClient} from '@aws-sdk/lib-dynamodb';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  reapplyWithdrawals,
  withdrawalsFromLogQuery,
  withdrawalsInTable,
  type Withdrawal,
} from '#infra/ops/reapply-withdrawals.js';
import { replaceTableContents } from '#infra/ops/replace-table-contents.js';
import { DynamoAuditTrail } from '#adapters/dynamodb/audit-trail.js';
import { createTable } from '#local/create-table.js';
import { DynamoReferralStore } from '#adapters/dynamodb/referral-store.js';
import type { Principal } from '#auth/principal.js';
import { isTombstone } from '#referral/record.js';
import { withdrawReferral } from '#use-cases/withdraw-referral.js';
import { startDynalite, type TestDynalite } from '#test/support/dynalite.js';
import { ManualClock } from '#test/support/manual-clock.js';
import { referralRecord, TRIAL_ID } from '#test/support/records.js';

let dynalite: TestDynalite;
let document: DynamoDBDocumentClient;
const clock = new ManualClock(new Date('2025-06-10T08:00:00.000Z'));
const physician: Principal = { sub: 'physician-1', roles: ['physician'] };

beforeAll(async () => {
  dynalite = await startDynalite();
  document = documentClientFor(dynalite.client);
});
afterAll(async () => {
  await dynalite.stop();
});

const storeOn = (tableName: string) => new DynamoReferralStore({ client: document, tableName, clock });
/** What the live withdraw function is given, on a table. */
const useCaseOn = (tableName: string) => ({
  store: storeOn(tableName),
  audit: new DynamoAuditTrail(document, tableName),
  clock,
  events: { warn: () => undefined },
});

async function itemsOf(tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await document.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** A point-in-time restore: a new table holding every item as it is now. */
async function restoreCopyOf(tableName: string, restoredName: string): Promise<void> {
  await createTable(dynalite.client, restoredName);
  for (const item of await itemsOf(tableName)) await document.send(new PutCommand({ TableName: restoredName, Item: item }));
}

const mentioning = (items: Record<string, unknown>[], id: string) =>
  items.filter((item) => JSON.stringify(item).includes(id)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('re-applying withdrawals after a restore', () => {
  const live = () => dynalite.tableName;
  const restored = 'restored-referrals';
  const before = referralRecord({ physicianId: physician.sub });
  // On study when the backup was taken; withdraws after it.
  const after = referralRecord({ physicianId: physician.sub, candidateStatus: 'on-study' });
  const untouched = referralRecord({ physicianId: physician.sub });
  const referredLater = referralRecord({ physicianId: physician.sub, createdAt: '2025-06-12T08:00:00.000Z' });

  it('erases, in the restored table, the patients who withdrew after the restore point, as the use case did', async () => {
    const liveStore = storeOn(live());
    for (const record of [before, after, untouched]) await liveStore.create(record);
    await liveStore.claimPlace(TRIAL_ID, { referralId: after.id, token: 'put-on-study', at: after.createdAt }, 24);
    await withdrawReferral(useCaseOn(live()), physician, before.id, undefined);

    clock.set(new Date('2025-06-11T00:00:00.000Z'));
    await restoreCopyOf(live(), restored);

    clock.set(new Date('2025-06-12T09:30:00.000Z'));
    await withdrawReferral(useCaseOn(live()), physician, after.id, undefined);
    await liveStore.create(referredLater);
    await withdrawReferral(useCaseOn(live()), physician, referredLater.id, undefined);
    const truth = await itemsOf(live());

    // Before: the restored table still holds the profile of a patient who withdrew, and their place.
    const beforeReapply = await storeOn(restored).get(after.id);
    expect(beforeReapply !== undefined && !isTombstone(beforeReapply)).toBe(true);
    expect((await storeOn(restored).places(TRIAL_ID)).map((place) => place.referralId)).toEqual([after.id]);

    const withdrawals = await withdrawalsInTable(document, live());
    expect(withdrawals.map((w) => w.referralId).sort()).toEqual([before.id, after.id, referredLater.id].sort());
    const report = await reapplyWithdrawals(storeOn(restored), withdrawals);
    expect(Object.fromEntries(report.outcomes)).toEqual({
      [before.id]: 'already-withdrawn',
      [after.id]: 'erased',
      [referredLater.id]: 'not-in-restored-table',
    });
    expect(await storeOn(restored).places(TRIAL_ID)).toEqual([]);

    // The runbook's next step: the restored contents go back into the stack's table (the audit trail is kept).
    const replaced = await replaceTableContents(document, restored, live());
    expect(replaced.newerReferralIds).toEqual([referredLater.id]);
    expect(replaced.keptAuditEntries).toBeGreaterThan(0);

    // Every item that mentions the patient is what the table held after the real withdrawal: the tombstone and the
    // audit entries, no profile, no screening, no first reply, no place.
    const now = await itemsOf(live());
    expect(mentioning(now, after.id)).toEqual(mentioning(truth, after.id));
    expect(JSON.stringify(mentioning(now, after.id))).not.toMatch(/birthDate|firstReply|criteria/);
    expect(await storeOn(live()).places(TRIAL_ID)).toEqual([]);
    // The patient who stayed is untouched; the later referral's audit entries are kept, its tombstone is not.
    expect(await storeOn(live()).get(untouched.id)).toEqual(await storeOn(restored).get(untouched.id));
    expect(mentioning(now, referredLater.id).length).toBeGreaterThan(0);
    expect(await storeOn(live()).get(referredLater.id)).toBeUndefined();
  });

  it('changes nothing when run again, and writes nothing in a dry run', async () => {
    const withdrawals = await withdrawalsInTable(document, live());
    const snapshot = await itemsOf(restored);
    const again = await reapplyWithdrawals(storeOn(restored), withdrawals);
    expect(again.outcomes.get(after.id)).toBe('already-withdrawn');
    const dry = await reapplyWithdrawals(storeOn(restored), [{ referralId: untouched.id, withdrawnAt: '2025-06-12T10:00:00.000Z' }], {
      dryRun: true,
    });
    expect(dry.outcomes.get(untouched.id)).toBe('erased');
    expect(await itemsOf(restored)).toEqual(snapshot);
  });

  it('takes the earliest date when the table and the log both name a withdrawal', async () => {
    const other = 'restored-twice';
    const record = referralRecord({ physicianId: physician.sub });
    await createTable(dynalite.client, other);
    await storeOn(other).create(record);
    const twice: Withdrawal[] = [
      { referralId: record.id, withdrawnAt: '2025-06-12T10:00:00.000Z' },
      { referralId: record.id, withdrawnAt: '2025-06-12T09:00:00.000Z' },
    ];
    await reapplyWithdrawals(storeOn(other), twice);
    const tombstone = await storeOn(other).get(record.id);
    expect(tombstone).toMatchObject({ withdrawn: true, withdrawnAt: '2025-06-12T09:00:00.000Z' });
  });
});

describe('withdrawals from the withdraw function\'s log', () => {
  it('reads `aws logs get-query-results` output (Logs Insights prints @timestamp in UTC without a zone)', () => {
    const output = JSON.stringify({
      status: 'Complete',
      results: [
        [
          { field: '@timestamp', value: '2025-06-12 09:30:00.123' },
          { field: 'referralId', value: 'ref-1' },
          { field: '@ptr', value: 'abc' },
        ],
      ],
    });
    expect(withdrawalsFromLogQuery(output)).toEqual([{ referralId: 'ref-1', withdrawnAt: '2025-06-12T09:30:00.123Z' }]);
  });

  it('refuses what is not that output, or a row without the referral id', () => {
    expect(() => withdrawalsFromLogQuery('{"queryId":"x"}')).toThrow(/get-query-results/);
    expect(() => withdrawalsFromLogQuery(JSON.stringify({ results: [[{ field: '@timestamp', value: '2025-06-12 09:30:00.000' }]] }))).toThrow(
      /referralId/,
    );
  });
});
