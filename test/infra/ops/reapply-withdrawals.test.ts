/**
 * Erasure survives a restore: a table restored to a point before some withdrawals gets them re-applied from the
 * tombstones of the latest state (or the withdraw function's log), and ends up holding, for each of those patients,
 * exactly what the live table holds after the withdraw use case ran. Real DynamoDB wire protocol (dynalite); the
 * restore is a copy of every item at the restore point, which is what a point-in-time restore produces.
 */
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  reapplyWithdrawals,
  withdrawalsFromLogQuery,
  withdrawalsInTable,
  type Withdrawal,
} from '../../../infra/ops/reapply-withdrawals.js';
import { createTable } from '../../../shared/adapters/dynamodb/create-table.js';
import { DynamoReferralStore } from '../../../shared/adapters/dynamodb/referral-store.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { isTombstone } from '../../../shared/ports/referral-store.js';
import { withdrawReferral } from '../../../shared/use-cases/withdraw-referral.js';
import { startDynalite, type TestDynalite } from '../../support/dynalite.js';
import { ManualClock } from '../../support/manual-clock.js';
import { referralRecord } from '../../support/records.js';

let dynalite: TestDynalite;
let document: DynamoDBDocumentClient;
const clock = new ManualClock(new Date('2025-06-10T08:00:00.000Z'));
const physician: Principal = { sub: 'physician-1', roles: ['physician'] };

beforeAll(async () => {
  dynalite = await startDynalite();
  document = DynamoDBDocumentClient.from(dynalite.client, { marshallOptions: { removeUndefinedValues: true } });
});
afterAll(async () => {
  await dynalite.stop();
});

const storeOn = (tableName: string) => new DynamoReferralStore({ client: document, tableName, clock });

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
  const after = referralRecord({ physicianId: physician.sub });
  const untouched = referralRecord({ physicianId: physician.sub });
  const referredLater = referralRecord({ physicianId: physician.sub, createdAt: '2025-06-12T08:00:00.000Z' });
  it('erases, in the restored table, the patients who withdrew after the restore point, as the use case did', async () => {
    const liveStore = storeOn(live());
    // What the live withdraw function is given (a variable, so the use case takes whichever of these it needs).
    const useCaseDeps = { store: liveStore, clock, events: { warn: () => undefined } };
    for (const record of [before, after, untouched]) await liveStore.create(record);
    await withdrawReferral(useCaseDeps, physician, before.id, undefined);

    clock.set(new Date('2025-06-11T00:00:00.000Z'));
    await restoreCopyOf(live(), restored);

    clock.set(new Date('2025-06-12T09:30:00.000Z'));
    await withdrawReferral(useCaseDeps, physician, after.id, undefined);
    await liveStore.create(referredLater);
    await withdrawReferral(useCaseDeps, physician, referredLater.id, undefined);

    // Before: the restored table still holds the profile of a patient who withdrew.
    const beforeReapply = await storeOn(restored).get(after.id);
    expect(beforeReapply !== undefined && !isTombstone(beforeReapply)).toBe(true);

    const withdrawals = await withdrawalsInTable(document, live());
    expect(withdrawals.map((w) => w.referralId).sort()).toEqual([before.id, after.id, referredLater.id].sort());
    const report = await reapplyWithdrawals(storeOn(restored), withdrawals);

    expect(Object.fromEntries(report.outcomes)).toEqual({
      [before.id]: 'already-withdrawn',
      [after.id]: 'erased',
      [referredLater.id]: 'not-in-restored-table',
    });
    // Every item that mentions the patient is what the live table holds after the real withdrawal: no profile,
    // no screening, nothing the use case would have removed.
    expect(mentioning(await itemsOf(restored), after.id)).toEqual(mentioning(await itemsOf(live()), after.id));
    expect(JSON.stringify(mentioning(await itemsOf(restored), after.id))).not.toContain('birthDate');
    // The patient who stayed is untouched.
    expect(await storeOn(restored).get(untouched.id)).toEqual(await liveStore.get(untouched.id));
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
