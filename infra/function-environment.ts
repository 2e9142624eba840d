/**
 * What every function's environment carries on Lambda, kept free of CDK so that the cold-start benchmark can start
 * each bundle with exactly this environment, as Lambda does.
 *
 * No `NODE_OPTIONS=--enable-source-maps`: it would map the frames of every error, but Node then reads and parses the
 * bundle's ~0.9 MB source map at every cold start, +10–20 ms of init per function on Node 22 (BENCHMARKS.md). The
 * map ships in the asset all the same, and the one place that logs a stack (an HTTP handler's unhandled error) maps
 * its frames through it when it happens (shared/observability/source-frames.ts).
 */
import { SERVICE_NAME } from '#adapters/logger.js';
import { METRICS_NAMESPACE } from '#observability/metrics.js';

export const COMMON_ENVIRONMENT: Readonly<Record<string, string>> = {
  POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
  POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
};
