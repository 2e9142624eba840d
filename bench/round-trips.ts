/**
 * Round trips per route, counted, not timed: every DynamoDB and SQS call a request makes on the local stack, and
 * how many of them follow one another (calls that overlap went out together and count once). The sequential count
 * is what a request's latency is made of in AWS, whatever the machine.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';
import type { NotificationPublisher } from '#ports/notifications.js';
import { eligibleProfile } from '#test/support/profiles.js';

interface Call {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export interface RouteRoundTrips {
  readonly route: string;
  readonly calls: readonly string[];
  /** The longest chain of calls each of which started after the previous one ended. */
  readonly sequential: number;
  readonly target?: number;
}

/** Calls in a chain where each starts after the previous ended: the round trips a request waits through. */
export function sequentialRoundTrips(calls: readonly Pick<Call, 'start' | 'end'>[]): number {
  let count = 0;
  let lastEnd = -Infinity;
  for (const call of [...calls].sort((a, b) => a.end - b.end)) {
    if (call.start >= lastEnd) {
      count++;
      lastEnd = call.end;
    }
  }
  return count;
}

class CallRecorder {
  private calls: Call[] = [];
  private sequence = 0;

  /** A logical clock: each boundary gets the next number, so overlap is exact and independent of timing. */
  tick(): number {
    return ++this.sequence;
  }

  record(name: string, start: number, end: number): void {
    this.calls.push({ name, start, end });
  }

  take(): Call[] {
    const taken = this.calls;
    this.calls = [];
    return taken;
  }

  instrumentDynamoDb(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const start = this.tick();
        try {
          return await next(args);
        } finally {
          this.record(`DynamoDB ${(context.commandName ?? 'unknown').replace(/Command$/, '')}`, start, this.tick());
        }
      },
      { step: 'initialize', name: 'roundTripRecorder' },
    );
  }

  wrapPublisher(publisher: NotificationPublisher): NotificationPublisher {
    return {
      publish: async (messages) => {
        const start = this.tick();
        try {
          await publisher.publish(messages);
        } finally {
          this.record('SQS SendMessageBatch', start, this.tick());
        }
      },
    };
  }
}

const TRIAL = 'NCT05212584';
const SITE = 'hebei-yanda-ludaopei';

export async function runRoundTripBench(): Promise<RouteRoundTrips[]> {
  const recorder = new CallRecorder();
  const stack: LocalStack = await startLocalStack({
    inMemory: true,
    port: 0,
    rescreenIntervalMs: false,
    queuePolling: false,
    quiet: true,
    instrumentDynamoDb: (client) => recorder.instrumentDynamoDb(client),
    wrapPublisher: (publisher) => recorder.wrapPublisher(publisher),
  });
  try {
    const physician = await stack.mintToken({ role: 'physician', sub: 'dr-round-trips' });
    const coordinator = await stack.mintToken({ role: 'coordinator', sub: 'coord-round-trips', siteId: SITE });
    const results: RouteRoundTrips[] = [];
    const measure = async (route: string, send: () => Promise<Response>, target?: number): Promise<{ headers: Headers; text: string }> => {
      recorder.take();
      const response = await send();
      const text = await response.text();
      if (response.status >= 400) throw new Error(`${route} answered ${response.status}`);
      const calls = recorder.take();
      results.push({ route, calls: calls.map((c) => c.name), sequential: sequentialRoundTrips(calls), ...(target === undefined ? {} : { target }) });
      return { headers: response.headers, text };
    };
    const api = (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) => () =>
      fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    const today = new Date().toISOString().slice(0, 10);
    const referral = { trialId: TRIAL, prescreeningConsent: { attested: true }, profile: eligibleProfile(today) };
    const key = { 'idempotency-key': `round-trips-${Date.now()}` };
    const created = await measure('POST /referrals (Idempotency-Key)', api('POST', '/referrals', physician, referral, key), 2);
    const id = (JSON.parse(created.text) as { id: string }).id;
    await measure('POST /referrals (retry, same key)', api('POST', '/referrals', physician, referral, key));
    await stack.drainQueue();
    const read = await measure('GET /referrals/{id}', api('GET', `/referrals/${id}`, physician));
    const noNotification = await measure(
      'PATCH /referrals/{id} (no notification due)',
      api('PATCH', `/referrals/${id}`, physician, { demographics: { ...referral.profile.demographics, weight: { value: 69, unit: 'kg' } } }, {
        'content-type': 'application/merge-patch+json',
        'if-match': read.headers.get('etag') ?? '',
      }),
    );
    await measure(
      'PATCH /referrals/{id} (notification due)',
      api('PATCH', `/referrals/${id}`, physician, { ecog: { score: 3, date: today } }, {
        'content-type': 'application/merge-patch+json',
        'if-match': noNotification.headers.get('etag') ?? '',
      }),
    );
    await stack.drainQueue();
    await measure('GET /sites/{siteId}/candidates', api('GET', `/sites/${SITE}/candidates`, coordinator));
    await measure('GET /sites/{siteId}/candidates/{id}', api('GET', `/sites/${SITE}/candidates/${id}`, coordinator));
    await measure('GET /trials/{trialId}', api('GET', `/trials/${TRIAL}`, physician));
    await measure('DELETE /referrals/{id}', api('DELETE', `/referrals/${id}`, physician));
    return results;
  } finally {
    await stack.stop();
  }
}

export function formatRoundTripTable(rows: readonly RouteRoundTrips[]): string {
  const width = Math.max(...rows.map((row) => row.route.length));
  const lines = [`${'route'.padEnd(width)}  sequential  target  calls`];
  for (const row of rows) {
    const counts = new Map<string, number>();
    for (const call of row.calls) counts.set(call, (counts.get(call) ?? 0) + 1);
    const calls = [...counts].map(([name, n]) => (n === 1 ? name : `${name} ×${n}`)).join(', ');
    lines.push(`${row.route.padEnd(width)}  ${String(row.sequential).padStart(10)}  ${(row.target === undefined ? '' : `≤ ${row.target}`).padStart(6)}  ${calls}`);
  }
  return lines.join('\n');
}
