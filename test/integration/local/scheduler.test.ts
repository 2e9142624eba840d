/** The local schedule: the EventBridge event shape, runNow's result, and runs that never overlap. */
import type { ScheduledEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { LocalLog } from '#local/local-log.js';
import { LocalScheduler } from '#local/scheduler.js';

const quiet: LocalLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A promise the test settles by hand. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('LocalScheduler', () => {
  it('runNow invokes the handler with a Scheduled Event and returns its result', async () => {
    const events: ScheduledEvent[] = [];
    const scheduler = new LocalScheduler(
      async (event, context) => {
        events.push(event);
        return { rescreened: 3, functionName: context.functionName };
      },
      { intervalMs: 60_000, now: () => new Date('2026-11-25T02:00:00.123Z'), logger: quiet },
    );
    expect(await scheduler.runNow()).toEqual({ rescreened: 3, functionName: 'rescreen' });
    expect(events[0]).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      version: '0',
      time: '2026-11-25T02:00:00Z',
      detail: {},
      resources: [expect.stringMatching(/^arn:aws:events:[^:]+:\d{12}:rule\/trial-match-rescreen$/)],
    });
    expect(events[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(scheduler.completedRuns).toBe(1);
  });

  it('passes a failing run’s error to the caller of runNow, and keeps working', async () => {
    let calls = 0;
    const scheduler = new LocalScheduler(
      async () => {
        if (++calls === 1) throw new Error('store unavailable');
        return calls;
      },
      { intervalMs: 60_000, logger: quiet },
    );
    await expect(scheduler.runNow()).rejects.toThrow('store unavailable');
    expect(await scheduler.runNow()).toBe(2);
  });

  it('never overlaps runs: a run asked for during another starts after it ends', async () => {
    const first = gate();
    let active = 0;
    let maxActive = 0;
    const order: string[] = [];
    let calls = 0;
    const scheduler = new LocalScheduler(
      async () => {
        const call = ++calls;
        active++;
        maxActive = Math.max(maxActive, active);
        order.push(`start ${call}`);
        if (call === 1) await first.opened;
        order.push(`end ${call}`);
        active--;
        return call;
      },
      { intervalMs: 60_000, logger: quiet },
    );
    const one = scheduler.runNow();
    const two = scheduler.runNow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['start 1']);
    first.open();
    expect(await Promise.all([one, two])).toEqual([1, 2]);
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    expect(maxActive).toBe(1);
  });

  it('runs on its own every interval once started, and stop() waits for a run in progress', async () => {
    const ran = gate();
    const release = gate();
    let calls = 0;
    const scheduler = new LocalScheduler(
      async () => {
        calls++;
        ran.open();
        await release.opened;
        return calls;
      },
      { intervalMs: 1, logger: quiet },
    );
    scheduler.start();
    await ran.opened;
    const stopped = scheduler.stop();
    release.open();
    await stopped;
    const after = calls;
    expect(after).toBeGreaterThanOrEqual(1);
    expect(scheduler.completedRuns).toBe(after);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(after);
  });
});
