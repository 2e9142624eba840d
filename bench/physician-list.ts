/**
 * GET /referrals' store read, before and after byPhysicianListing, in one run on one table: CPU ms per 25-line page.
 * Before: the retired byPhysician index (ALL), each entry rebuilt into a whole referral, then its line (the code before
 * the change). After: DynamoReferralStore.listByPhysician on byPhysicianListing. dynalite runs in this process, so
 * process CPU covers DynamoDB's side, the SDK's (de)serialisation and ours, as the local stack does. Not in `npm test`.
 * Run: `npx tsx bench/physician-list.ts`.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClientFor } from '#adapters/dynamodb/document-client.js';
import { fromItem } from '#adapters/dynamodb/item-keys.js';
import { DynamoReferralStore } from '#adapters/dynamodb/referral-store.js';
import { RETIRED_INDEXES } from '#adapters/dynamodb/table-design.js';
import { createTable, createTableInput } from '#local/create-table.js';
import { startEmbeddedDynalite } from '#local/dynalite.js';
import { physicianListing } from '#referral/referral-listing.js';
import { referralSummary } from '#referral/views.js';
import { referralRecord } from '#test/support/records.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const PAGES = Number(process.env['PAGES'] ?? 400);
const ROUNDS = 5;
const server = await startEmbeddedDynalite({});
const client = new DynamoDBClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const tableName = 'physician-list-bench';
const input = createTableInput(tableName);
const [retired] = RETIRED_INDEXES;
await client.send(
  new CreateTableCommand({
    ...input,
    GlobalSecondaryIndexes: [
      ...(input.GlobalSecondaryIndexes ?? []),
      { IndexName: retired.indexName, KeySchema: [{ AttributeName: 'physicianPk', KeyType: 'HASH' }, { AttributeName: 'physicianSk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
    ],
  }),
);
await createTable(client, tableName);
const document = documentClientFor(client);
const store = new DynamoReferralStore({ client: document, tableName, clock: { now: () => new Date() } });
for (let i = 0; i < 200; i++) {
  await store.create(referralRecord({ physicianId: 'dr-bench', createdAt: new Date(Date.UTC(2025, 4, 1) + i * 60_000).toISOString(), ...(i % 3 === 0 ? { candidateStatus: 'candidate' as const } : {}) }));
}

const before = async () => {
  const { Items = [] } = await document.send(
    new QueryCommand({ TableName: tableName, IndexName: retired.indexName, KeyConditionExpression: 'physicianPk = :pk', ExpressionAttributeValues: { ':pk': 'PHYSICIAN#dr-bench' }, ScanIndexForward: false, Limit: 25 }),
  );
  return JSON.stringify(Items.map((item) => referralSummary(physicianListing(fromItem(item)))));
};
const after = async () => JSON.stringify((await store.listByPhysician('dr-bench', { limit: 25 })).items.map(referralSummary));
if ((await before()) !== (await after())) throw new Error('the two paths answer differently');

const cpuMsPerPage = async (read: () => Promise<string>): Promise<number> => {
  const start = process.cpuUsage();
  for (let i = 0; i < PAGES; i++) await read();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / PAGES;
};
for (let i = 0; i < 50; i++) await Promise.all([before(), after()]); // warm-up
const results: { before: number; after: number }[] = [];
for (let round = 0; round < ROUNDS; round++) results.push({ before: await cpuMsPerPage(before), after: await cpuMsPerPage(after) });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const b = median(results.map((r) => r.before));
const a = median(results.map((r) => r.after));
console.log(`GET /referrals store read, 25 lines a page, ${PAGES} pages x ${ROUNDS} rounds (median), one process:`);
console.log(`  before (byPhysician ALL, whole referrals): ${b.toFixed(2)} CPU ms/page`);
console.log(`  after  (byPhysicianListing, lines):        ${a.toFixed(2)} CPU ms/page`);
console.log(`  ratio before/after: ${(b / a).toFixed(1)}x; rounds: ${results.map((r) => `${r.before.toFixed(2)}/${r.after.toFixed(2)}`).join(', ')}`);
client.destroy();
await server.close();
