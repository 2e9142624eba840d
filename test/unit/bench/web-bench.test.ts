/** The web bench runs for real (a build, the local stack, Chromium) and reports positive figures; no timing asserted. */
import { describe, expect, it } from 'vitest';
import { formatWebTable, runWebBench } from '#bench/web.js';

describe('the web benchmark', () => {
  it('measures the bundle against its budget and first renders against a baseline page', async () => {
    const result = await runWebBench({ rounds: 1 });
    expect(result.gzipBytes).toBeGreaterThan(0);
    expect(result.gzipBytes).toBeLessThanOrEqual(result.budgetBytes);
    for (const ms of [result.baselineMs, result.firstRenderMs, result.formMs]) expect(ms).toBeGreaterThan(0);
    expect(formatWebTable(result)).toMatch(/first render/);
  }, 120_000);
});
