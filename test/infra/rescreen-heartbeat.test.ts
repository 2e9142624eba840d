/**
 * The rescreen heartbeat alarm (deployment.test.ts) watches a metric the handler must publish at the end of every
 * sweep, even one with nothing due. This runs the real handler over a real (empty) table and reads the embedded
 * metric format document Powertools would print, so the alarm and the handler cannot drift apart.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rescreenLambda } from '#functions/rescreen/rescreen.js';
import { createLambdaContext } from '#local/lambda-context.js';
import { createLogger, SERVICE_NAME } from '#adapters/logger.js';
import { METRICS_NAMESPACE, RESCREEN_METRICS } from '#observability/metrics.js';
import { startStoreHarness, type StoreHarness } from '#test/integration/adapters/dynamodb/store-harness.js';

let harness: StoreHarness;
beforeAll(async () => {
  harness = await startStoreHarness();
});
afterAll(async () => {
  await harness.stop();
});

describe('the rescreen heartbeat', () => {
  it('is published by every finished sweep, with the namespace and dimension the alarm reads', async () => {
    const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
    const published: unknown[] = [];
    vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => {
      published.push(metrics.serializeMetrics());
      return metrics;
    });
    const handler = rescreenLambda({
      store: harness.store,
      publisher: {
        publish: () => Promise.reject(new Error('nothing is due: nothing may be published')),
      },
      clock: harness.clock,
      events: { warn: () => undefined },
      logger: createLogger('rescreen'),
      metrics,
    });

    await handler({} as ScheduledEvent, createLambdaContext({ functionName: 'rescreen' }));

    expect(published).toHaveLength(1);
    const document = published[0] as {
      _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
      [key: string]: unknown;
    };
    const [directive] = document._aws.CloudWatchMetrics;
    expect(directive?.Namespace).toBe(METRICS_NAMESPACE);
    expect(directive?.Dimensions).toEqual([['service']]);
    expect(document['service']).toBe(SERVICE_NAME);
    expect(directive?.Metrics.map((metric) => metric.Name)).toContain(RESCREEN_METRICS.completed);
    expect(document[RESCREEN_METRICS.completed]).toBe(1);
  });
});
