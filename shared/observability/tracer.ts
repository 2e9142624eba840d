/**
 * X-Ray subsegments for every AWS SDK call, with Powertools Tracer, when TRACE_AWS_SDK_CALLS=true.
 *
 * Off by default, and loaded only when switched on: measured on the bundles, the tracer (aws-xray-sdk-core)
 * adds ~17 ms (+25%) to every cold start and ~125 KB to every bundle, against a target of 1.25× the bare SDK
 * clients' init. The functions always run with Lambda active tracing, so invocations are traced either way; this
 * switch adds the per-call detail when an investigation needs it.
 */
import { SERVICE_NAME } from './logger.js';

/** Wraps an AWS SDK v3 client so its calls are traced, or returns it untouched. */
export type ClientInstrumentation = <Client>(client: Client) => Client;

export const untraced: ClientInstrumentation = (client) => client;

export async function awsClientInstrumentation(
  enabled = process.env['TRACE_AWS_SDK_CALLS'] === 'true',
): Promise<ClientInstrumentation> {
  if (!enabled) return untraced;
  const { Tracer } = await import('@aws-lambda-powertools/tracer');
  const tracer = new Tracer({ serviceName: SERVICE_NAME });
  return (client) => tracer.captureAWSv3Client(client);
}
