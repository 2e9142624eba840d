/**
 * Throughput measured in rounds: warm up first (let V8 optimise), then run several rounds of at least a minimum
 * duration each and report the median, which a noisy neighbour on a shared machine moves less than the mean.
 * Rounds are timed by the wall clock unless the plan names another clock (cpuClock: this process's CPU time).
 */
import { performance } from 'node:perf_hooks';

export interface Throughput {
  /** Median of the rounds, in items per second. */
  readonly perSecond: number;
  readonly rounds: readonly number[];
  readonly roundMs: number;
}

export interface RoundPlan {
  readonly warmUpItems: number;
  readonly rounds: number;
  readonly roundMs: number;
  /** Milliseconds by some clock; the wall clock (performance.now) by default. */
  readonly clock?: () => number;
}

/**
 * This process's CPU time (user and system, all its threads), in milliseconds. On a shared machine the wall clock
 * also counts the time other processes hold the core; CPU time counts only the work done, the collector's
 * included.
 */
export function cpuClock(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const wallClock = (): number => performance.now();

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** How often the clock is read: rarely enough not to dominate a microsecond operation. */
const CLOCK_EVERY = 256;

/** Items per second of a synchronous operation over `items`, cycling through them. */
export function measureSync<T>(items: readonly T[], operation: (item: T) => unknown, plan: RoundPlan): Throughput {
  if (items.length === 0) throw new Error('nothing to measure');
  const now = plan.clock ?? wallClock;
  let sink = 0;
  for (let i = 0; i < plan.warmUpItems; i++) if (operation(items[i % items.length] as T) !== undefined) sink++;
  const rates: number[] = [];
  let next = 0;
  for (let round = 0; round < plan.rounds; round++) {
    let count = 0;
    const start = now();
    let elapsed: number;
    do {
      for (let i = 0; i < CLOCK_EVERY; i++) {
        if (operation(items[next] as T) !== undefined) sink++;
        next = next + 1 === items.length ? 0 : next + 1;
      }
      count += CLOCK_EVERY;
      elapsed = now() - start;
    } while (elapsed < plan.roundMs);
    rates.push((count * 1000) / elapsed);
  }
  // The sink keeps every call observable, so no call can be optimised away.
  if (sink < 0) throw new Error('unreachable');
  return { perSecond: median(rates), rounds: rates, roundMs: plan.roundMs };
}

/** Items per second of an asynchronous operation, one at a time (the way a handler awaits it). */
export async function measureAsync<T>(items: readonly T[], operation: (item: T) => Promise<unknown>, plan: RoundPlan): Promise<Throughput> {
  if (items.length === 0) throw new Error('nothing to measure');
  const now = plan.clock ?? wallClock;
  let sink = 0;
  for (let i = 0; i < plan.warmUpItems; i++) if ((await operation(items[i % items.length] as T)) !== undefined) sink++;
  const rates: number[] = [];
  let next = 0;
  for (let round = 0; round < plan.rounds; round++) {
    let count = 0;
    const start = now();
    let elapsed: number;
    do {
      for (let i = 0; i < 16; i++) {
        if ((await operation(items[next] as T)) !== undefined) sink++;
        next = next + 1 === items.length ? 0 : next + 1;
      }
      count += 16;
      elapsed = now() - start;
    } while (elapsed < plan.roundMs);
    rates.push((count * 1000) / elapsed);
  }
  if (sink < 0) throw new Error('unreachable');
  return { perSecond: median(rates), rounds: rates, roundMs: plan.roundMs };
}
