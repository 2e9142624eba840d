/** The round-trip counts the bench prints are counts of calls, so they are asserted here like any behaviour. */
import { describe, expect, it } from 'vitest';
import { runRoundTripBench, sequentialRoundTrips } from '#bench/round-trips.js';

describe('sequentialRoundTrips', () => {
  it('counts calls that follow one another once each, and calls that overlap together', () => {
    expect(sequentialRoundTrips([])).toBe(0);
    expect(sequentialRoundTrips([{ start: 1, end: 2 }, { start: 3, end: 4 }])).toBe(2);
    expect(sequentialRoundTrips([{ start: 1, end: 4 }, { start: 2, end: 3 }, { start: 5, end: 6 }])).toBe(2);
  });
});

describe('round trips per route on the local stack', () => {
  it('POST /referrals with an Idempotency-Key waits on two round trips; PATCH reads recruitment only to notify', async () => {
    const rows = new Map((await runRoundTripBench()).map((row) => [row.route, row]));
    expect(rows.get('POST /referrals (Idempotency-Key)')?.sequential).toBeLessThanOrEqual(2);
    // The referral, then the audit entry; no trial state, no places: nothing is due to the site.
    expect(rows.get('PATCH /referrals/{id} (no notification due)')?.calls.filter((call) => call === 'DynamoDB GetItem')).toHaveLength(1);
    expect(rows.get('PATCH /referrals/{id} (notification due)')?.calls).toContain('SQS SendMessageBatch');
  }, 120_000);
});
