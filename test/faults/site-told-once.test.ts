/**
 * The precise failure behind a double notification: the site accepted the webhook, then recording that in the
 * referral (the ledger write, or the re-read after it) failed. The consumer must record it before giving up the
 * message, since a redelivered message would send the same event again. One scripted fault at a time, so each
 * case is deterministic.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { ManualClock } from '#test/support/manual-clock.js';
import { eligibleProfile } from '#test/support/profiles.js';
import { FaultInjector, type ScriptedFault } from './fault-injector.js';

const SITE = 'hebei-yanda-ludaopei';
const clock = new ManualClock(new Date('2026-11-25T02:00:00.000Z'));
const faults = new FaultInjector({ seed: 0, rate: 0 });
let stack: LocalStack;
let physician: string;

beforeAll(async () => {
  stack = await startLocalStack({
    inMemory: true,
    port: 0,
    clock,
    rescreenIntervalMs: false,
    quiet: true,
    visibilityTimeoutMs: 0,
    instrumentDynamoDb: (client) => faults.instrumentDynamoDb(client),
  });
  // Deliveries happen when the test drains, after the script is set.
  await stack.queue.stop();
  physician = await stack.mintToken({ role: 'physician', sub: 'dr-ledger' });
});

afterAll(async () => {
  await stack?.stop();
});

async function refer(): Promise<string> {
  const asOf = clock.now().toISOString().slice(0, 10);
  const response = await fetch(`${stack.apiUrl}/referrals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${physician}`, 'content-type': 'application/json' },
    body: JSON.stringify({ trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile: eligibleProfile(asOf) }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function notificationState(id: string): Promise<{ seq: string; sentSeq: string; inInbox: boolean }> {
  const { Item } = await stack.dynamodb.send(
    new GetItemCommand({ TableName: stack.tableName, Key: { pk: { S: `REFERRAL#${id}` }, sk: { S: 'REFERRAL' } }, ConsistentRead: true }),
  );
  const notification = Item?.['notification']?.M ?? {};
  return { seq: notification['seq']?.N ?? '', sentSeq: notification['sentSeq']?.N ?? '', inInbox: Item?.['candidate']?.M !== undefined };
}

const put = (fault: ScriptedFault['fault']): ScriptedFault => ({ command: 'PutItemCommand', fault });
const get = (fault: ScriptedFault['fault']): ScriptedFault => ({ command: 'GetItemCommand', fault });

// The consumer reads the referral (1st GetItem), sends the webhook, then writes the ledger (PutItem). A scripted
// GetItem step after a PutItem step hits the re-read that follows the failed write.
const CASES: Record<string, readonly ScriptedFault[]> = {
  'the ledger write is throttled': [put('throttling')],
  'the ledger write exceeds provisioned throughput, twice': [put('provisioned-throughput'), put('provisioned-throughput')],
  'the ledger write times out': [put('timeout')],
  'the ledger write gets a 500': [put('server-error')],
  'the ledger write lands but its reply is lost': [put('reply-lost')],
  'the ledger write and the re-read after it fail': [put('timeout'), get('throttling'), get('server-error')],
};

for (const [name, script] of Object.entries(CASES)) {
  it(`tells the site once when ${name}`, async () => {
    const id = await refer();
    const duplicatesBefore = stack.siteReceiverStats().duplicates;
    faults.script(script);
    await stack.drainQueue();

    expect(faults.pendingScript(), 'every scripted fault was hit').toEqual([]);
    expect(stack.siteDeliveries().filter((d) => d.referralId === id && d.siteId === SITE)).toHaveLength(1);
    expect(stack.siteReceiverStats().duplicates - duplicatesBefore, 'the same event sent twice').toBe(0);
    const state = await notificationState(id);
    expect(state).toEqual({ seq: '1', sentSeq: '1', inInbox: true });
  });
}
