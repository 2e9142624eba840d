import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { RESCREEN_METRICS } from '#observability/metrics.js';
import { rescreenDue, type RescreenDependencies, type RescreenOptions, type RescreenReport } from '#use-cases/rescreen.js';

/** The EventBridge schedule's target: rescreen what is due, sweep the outbox, report counts. */
export function rescreenLambda(
  deps: RescreenDependencies & { logger: Logger; metrics?: Metrics; options?: RescreenOptions },
): (event: ScheduledEvent, context: Context) => Promise<RescreenReport> {
  return async (_event, context) => {
    deps.logger.addContext(context);
    const report = await rescreenDue(deps, deps.options);
    deps.logger.info('rescreen finished', { ...report });
    if (deps.metrics) {
      // Published only once the sweep has finished: its absence is what the heartbeat alarm watches for.
      deps.metrics.addMetric(RESCREEN_METRICS.completed, MetricUnit.Count, 1);
      deps.metrics.addMetric(RESCREEN_METRICS.rescreened, MetricUnit.Count, report.rescreened);
      deps.metrics.addMetric(RESCREEN_METRICS.verdictsChanged, MetricUnit.Count, report.verdictChanged);
      deps.metrics.addMetric(RESCREEN_METRICS.republished, MetricUnit.Count, report.republished);
      deps.metrics.addMetric(RESCREEN_METRICS.placesReconciled, MetricUnit.Count, report.placesReleased + report.placesRecorded);
      deps.metrics.publishStoredMetrics();
    }
    return report;
  };
}
