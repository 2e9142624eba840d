/**
 * Withdrawal erases every copy of what was derived from the patient's profile: the referral, its screenings and
 * history, the cached first reply to the submission, the outbox and notification state, the site inbox's
 * projection, and the request fingerprint. Checked generically: every item of the table and of each of its indexes
 * is scanned, and no attribute anywhere may hold a value taken from the profile or from its screening. A replay of
 * the original POST with its Idempotency-Key answers 410.
 */
import { createHash } from 'node:crypto';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import { TABLE_DESIGN } from '#adapters/dynamodb/table-design.js';
import type { PatientProfile } from '#profile/schema.js';
import { apiClient } from '#test/support/api-client.js';
import { withDocumentOpened } from '#test/support/stored-items.js';
import { ManualClock } from '#test/support/manual-clock.js';
import { daysBefore, eligibleProfile } from '#test/support/profiles.js';

const SITE = 'hebei-yanda-ludaopei';
const clock = new ManualClock(new Date('2026-11-25T02:00:00.000Z'));
let stack: LocalStack;
let physician: string;
let coordinator: string;
const call = apiClient(() => stack.apiUrl);

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, clock, rescreenIntervalMs: false, quiet: true });
  physician = await stack.mintToken({ role: 'physician', sub: 'dr-erase' });
  coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-erase', siteId: SITE });
});

afterAll(async () => {
  await stack?.stop();
});

/** A profile whose values are distinctive enough that finding one in the table can only mean a copy of it. */
function distinctiveProfile(asOf: string): PatientProfile {
  const base = eligibleProfile(asOf);
  const recent = daysBefore(asOf, 3);
  return {
    ...base,
    demographics: { birthDate: '1979-06-23', sex: 'female', weight: { value: 57.35, unit: 'kg', date: recent } },
    diagnosis: { type: 'T-LBL', classification: 'WHO-2022', diagnosedOn: '2025-02-17', coding: [{ system: 'urn:test', code: 'C83.5-x7', display: 'Kestrel lymphoblastic' }] },
    cd7: { percent: 87.65, method: 'immunohistochemistry', date: recent },
    labs: {
      hemoglobin: { value: 93.7, unit: 'g/L', date: recent },
      totalBilirubin: { value: 13.3, unit: 'umol/L', date: recent, upperLimitOfNormal: { value: 20.9, unit: 'umol/L' } },
      ast: { value: 31.7, unit: 'U/L', date: recent, upperLimitOfNormal: { value: 39.5, unit: 'U/L' } },
      alt: { value: 44.1, unit: 'U/L', date: recent, upperLimitOfNormal: { value: 41.5, unit: 'U/L' } },
    },
  };
}

/** Leaf values of a JSON value, as strings, that could only have come from it (no short codes, no small integers). */
function distinctiveLeaves(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string' && value.length >= 6) into.add(value);
  else if (typeof value === 'number' && !Number.isInteger(value)) into.add(String(value));
  else if (Array.isArray(value)) for (const item of value) distinctiveLeaves(item, into);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) distinctiveLeaves(item, into);
  return into;
}

interface Finding {
  readonly source: string;
  readonly item: string;
  readonly path: string;
  readonly marker: string;
}

/** Every attribute value, at every depth, of every item of the table and of each index. */
async function scanEverything(): Promise<{ source: string; item: Record<string, AttributeValue> }[]> {
  const sources: (string | undefined)[] = [undefined, ...TABLE_DESIGN.indexes.map((index) => index.indexName)];
  const all: { source: string; item: Record<string, AttributeValue> }[] = [];
  for (const indexName of sources) {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await stack.dynamodb.send(new ScanCommand({ TableName: stack.tableName, IndexName: indexName, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) all.push({ source: indexName ?? 'table', item });
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return all;
}

function findMarkers(items: { source: string; item: Record<string, AttributeValue> }[], markers: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  const visit = (source: string, key: string, path: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      for (const marker of markers) if (text.includes(marker)) findings.push({ source, item: key, path, marker });
    } else if (Array.isArray(value)) value.forEach((inner, i) => visit(source, key, `${path}[${i}]`, inner));
    else if (typeof value === 'object' && value !== null) {
      for (const [name, inner] of Object.entries(value)) {
        // Attribute names are data too (a map keyed by a value would hide it there).
        for (const marker of markers) if (name.includes(marker)) findings.push({ source, item: key, path: `${path}.${name} (name)`, marker });
        visit(source, key, `${path}.${name}`, inner);
      }
    }
  };
  for (const { source, item } of items) visit(source, `${item['pk']?.S ?? '?'}|${item['sk']?.S ?? '?'}`, '', withDocumentOpened(item));
  return findings;
}

it('leaves no attribute derived from the profile anywhere in the table, and a replay of the POST answers 410', async () => {
  const asOf = clock.now().toISOString().slice(0, 10);
  const profile = distinctiveProfile(asOf);
  const body = { trialId: 'NCT05212584', prescreeningConsent: { attested: true }, profile };
  const key = 'erasure-key-0001';
  const created = await call('POST', '/referrals', physician, body, { 'idempotency-key': key });
  expect(created.status).toBe(201);
  const id = String(created.body.id);

  // Every copy the service makes: delivered to the site, in the inbox, moved, read, corrected, replayed.
  await stack.drainQueue();
  expect((await call('PATCH', `/sites/${SITE}/candidates/${id}`, coordinator, { status: 'candidate' })).status).toBe(200);
  expect((await call('GET', `/sites/${SITE}/candidates`, coordinator)).status).toBe(200);
  const read = await call('GET', `/referrals/${id}`, physician);
  const etag = read.headers.get('etag') ?? '';
  const patched = await call('PATCH', `/referrals/${id}`, physician, { ecog: { score: 1, date: asOf } }, { 'content-type': 'application/merge-patch+json', 'if-match': etag });
  expect(patched.status).toBe(200);
  expect((await call('POST', '/referrals', physician, body, { 'idempotency-key': key })).status).toBe(201);
  await stack.drainQueue();

  const markers = new Set([
    ...distinctiveLeaves(profile),
    ...distinctiveLeaves((created.body.criteria as { reason: string }[]).map((criterion) => criterion.reason)),
    ...distinctiveLeaves((patched.body.screening as { criteria: { reason: string }[] }).criteria.map((criterion) => criterion.reason)),
    createHash('sha256').update(canonicalize(body) ?? '').digest('hex'),
  ]);
  const before = findMarkers(await scanEverything(), markers);
  expect(before.length, 'the scan finds the copies while the referral is active').toBeGreaterThan(0);
  expect(new Set(before.map((finding) => finding.marker)).size).toBeGreaterThan(10);

  expect((await call('DELETE', `/referrals/${id}`, physician)).status).toBe(204);
  await stack.drainQueue();
  clock.advanceMinutes(10);
  await stack.runRescreen();

  const after = findMarkers(await scanEverything(), markers);
  expect(after, 'profile-derived values left after withdrawal').toEqual([]);

  const replay = await call('POST', '/referrals', physician, body, { 'idempotency-key': key });
  expect(replay.status).toBe(410);
  expect(replay.headers.get('content-type')).toContain('application/problem+json');
  expect(replay.text).not.toContain('1979-06-23');
  expect((await call('GET', `/referrals/${id}`, physician)).status).toBe(410);
});
