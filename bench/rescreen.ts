/**
 * Rescreening cost against population size: one real `rescreenDue` run (the real DynamoReferralStore on an
 * embedded dynalite, over the wire) on populations of which 1% is due, counting the items DynamoDB reports
 * reading. The baseline, measured in the same run on the same table, is the naive alternative: a full-table Scan
 * that finds the due referrals by reading everything. What should hold: reads ÷ due stays near 1 at every size.
 */
import { documentClientFor } from '#adapters/dynamodb/document-client.js';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient} from '@aws-sdk/lib-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { startEmbeddedDynalite } from '#local/dynalite.js';
import { createTable } from '#local/create-table.js';
import { fromItem, reviewPk } from '#adapters/dynamodb/item-keys.js';
import { DynamoReferralStore } from '#adapters/dynamodb/referral-store.js';
import type { NotificationPublisher } from '#ports/notifications.js';
import type { CandidateNotification } from '#referral/notification.js';
import { isTombstone } from '#referral/record.js';
import type { Clock } from '#ports/runtime.js';
import { screeningDate } from '#referral/screening-date.js';
import type { TrialDefinition } from '#trial/definition.js';
import { TRIALS } from '#trial/registry.js';
import { rescreenDue } from '#use-cases/rescreen.js';
import { countReads } from './read-counter.js';
import { fixed, renderTable } from './render-table.js';
import { dueCount, dueReasonAt, loadPopulation, referralIdAt } from './rescreen-population.js';

export interface RescreenBenchRow {
  readonly population: number;
  /** Referrals seeded as due. */
  readonly due: number;
  /** What the run reported rescreening, and how many of the seeded due referrals read back as rescreened. */
  readonly rescreened: number;
  readonly verifiedRescreened: number;
  /** Items DynamoDB reported reading during the run (Query ScannedCount, GetItem hits). */
  readonly itemsRead: number;
  readonly readsPerDue: number;
  readonly writes: number;
  readonly runMs: number;
  readonly msPerDue: number;
  /** The baseline: a full-table Scan of the same table, and how many due referrals it found. */
  readonly scanItemsRead: number;
  readonly scanDueFound: number;
  readonly scanMs: number;
  /** Baseline ÷ run: how many times more the Scan reads, and how many times longer it takes. */
  readonly readRatio: number;
  readonly timeRatio: number;
  /** Loading the population (BatchWriteItem); not part of any measured figure. */
  readonly loadMs: number;
}

export const DEFAULT_RESCREEN_SIZES: readonly number[] = [1_000, 10_000, 100_000];

/** The fixed "now" of every run: 08:00 UTC is 16:00 at the site (Asia/Shanghai), so "today" is 2025-06-10 there. */
const NOW = new Date('2025-06-10T08:00:00.000Z');

/** The population sizes to run: the defaults up to BENCH_RESCREEN_MAX (default 100,000), ending at it. */
export function rescreenSizesFromEnvironment(value = process.env['BENCH_RESCREEN_MAX']): number[] {
  const max = value === undefined || value === '' ? 100_000 : Number(value);
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`BENCH_RESCREEN_MAX must be a positive integer, got ${value}`);
  return [...DEFAULT_RESCREEN_SIZES.filter((size) => size < max), max];
}

export async function runRescreenBench(options: { sizes?: number[] } = {}): Promise<RescreenBenchRow[]> {
  const trial = TRIALS[0];
  if (!trial) throw new Error('no trial registered');
  const rows: RescreenBenchRow[] = [];
  for (const population of options.sizes ?? rescreenSizesFromEnvironment()) rows.push(await measurePopulation(population, trial));
  return rows;
}

async function measurePopulation(population: number, trial: TrialDefinition): Promise<RescreenBenchRow> {
  const server = await startEmbeddedDynalite();
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: server.endpoint,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  try {
    const tableName = `referrals-bench-${randomUUID()}`;
    await createTable(client, tableName);
    const counter = countReads(client);
    const document = documentClientFor(client);
    const clock: Clock = { now: () => new Date(NOW) };
    const today = screeningDate(NOW, trial.sites[0]?.timeZone ?? 'UTC');

    const loadStart = performance.now();
    await loadPopulation(document, tableName, population, trial, today);
    const loadMs = performance.now() - loadStart;

    // The baseline first, while the due referrals are still due, so it can show it finds the same ones.
    counter.reset();
    const scanStart = performance.now();
    const scanDueFound = await scanForDue(document, tableName, trial, today);
    const scanMs = performance.now() - scanStart;
    const scanItemsRead = counter.itemsRead;

    const store = new DynamoReferralStore({ client: document, tableName, clock });
    const published: CandidateNotification[] = [];
    const publisher: NotificationPublisher = { publish: async (messages) => void published.push(...messages) };
    counter.reset();
    const runStart = performance.now();
    const report = await rescreenDue({ store, publisher, clock, events: { warn: () => undefined } });
    const runMs = performance.now() - runStart;
    const itemsRead = counter.itemsRead;
    const writes = counter.writes;

    const verifiedRescreened = await countRescreened(store, population, trial, today);
    const due = dueCount(population);
    return {
      population,
      due,
      rescreened: report.rescreened,
      verifiedRescreened,
      itemsRead,
      readsPerDue: itemsRead / due,
      writes,
      runMs,
      msPerDue: runMs / due,
      scanItemsRead,
      scanDueFound,
      scanMs,
      readRatio: scanItemsRead / itemsRead,
      timeRatio: scanMs / runMs,
      loadMs,
    };
  } finally {
    client.destroy();
    await server.close();
  }
}

/** The naive way: read every item and keep the referrals due by the same rule listDue applies. */
async function scanForDue(document: DynamoDBDocumentClient, tableName: string, trial: TrialDefinition, today: string): Promise<number> {
  const partition = reviewPk(trial.id);
  let found = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await document.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      if (item['reviewPk'] !== partition) continue;
      // A referral's screening is inside its compressed document: the scan reads each item as the store does.
      const referral = fromItem(item);
      if (isTombstone(referral)) continue;
      const { latest } = referral;
      if (latest.criteriaVersion < trial.criteriaVersion || (latest.reviewAt !== null && latest.reviewAt <= today)) found += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

/** How many of the seeded due referrals now carry a screening of today under the current criteria. */
async function countRescreened(store: DynamoReferralStore, population: number, trial: TrialDefinition, today: string): Promise<number> {
  let rescreened = 0;
  for (let index = 0; index < population; index++) {
    if (dueReasonAt(index) === undefined) continue;
    const stored = await store.get(referralIdAt(index));
    if (!stored || isTombstone(stored)) continue;
    if (stored.latest.asOf === today && stored.latest.criteriaVersion === trial.criteriaVersion && stored.revision === 2) rescreened += 1;
  }
  return rescreened;
}

export function formatRescreenTable(rows: readonly RescreenBenchRow[]): string {
  const table = renderTable(
    ['population', 'due', 'rescreened', 'items read', 'reads/due', 'run ms', 'ms/due', 'scan read', 'scan ms', 'scan/run reads', 'scan/run time'],
    rows.map((row) => [
      fixed(row.population),
      fixed(row.due),
      fixed(row.verifiedRescreened),
      fixed(row.itemsRead),
      fixed(row.readsPerDue, 2),
      fixed(row.runMs, 1),
      fixed(row.msPerDue, 2),
      fixed(row.scanItemsRead),
      fixed(row.scanMs, 1),
      `${fixed(row.readRatio, 1)}x`,
      `${fixed(row.timeRatio, 1)}x`,
    ]),
  );
  const load = rows.map((row) => `${fixed(row.population)} in ${fixed(row.loadMs / 1000, 1)} s`).join(', ');
  return `${table}\nreads/due target <= 1.10 (run: rescreenDue on dynalite; baseline: full-table Scan of the same table). Loading (not measured): ${load}.`;
}
