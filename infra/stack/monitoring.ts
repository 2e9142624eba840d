import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SERVICE_NAME } from '#adapters/logger.js';
import { METRICS_NAMESPACE, RESCREEN_METRICS } from '#observability/metrics.js';
import type { OperationalAlarms } from './alarms.js';
import type { FunctionName } from './function-catalogue.js';
import type { TrialMatchFunction } from './function-factory.js';
import { RESCREEN_RATE } from './schedule.js';

/**
 * The thresholds, each with the reason it is where it is. The service sees a few dozen requests a day, so rates are
 * computed over five minutes and a single server error is already worth a look (the house rule is "never a 500").
 */
export const ALARM_THRESHOLDS = {
  /** Percent of API requests answered 5xx over five minutes. */
  api5xxPercent: 5,
  /**
   * A notification older than this has missed several deliveries (the queue redelivers every visibility timeout,
   * about three minutes): the site's webhook is probably down, and the dead-letter queue is the next stop.
   */
  oldestNotification: Duration.minutes(10),
  /** Two missed sweeps in a row: one missed tick is harmless (the next does the same work), two are not. */
  rescreenSilence: Duration.minutes(RESCREEN_RATE.toMinutes() * 2),
} as const;

export interface ServiceMonitoringProps {
  readonly alarms: OperationalAlarms;
  readonly httpApi: apigwv2.IHttpApi;
  readonly functions: ReadonlyMap<FunctionName, TrialMatchFunction>;
  readonly table: dynamodb.ITable;
  readonly notificationQueue: sqs.IQueue;
  readonly deadLetterQueues: readonly { readonly title: string; readonly queue: sqs.IQueue }[];
}

/** The alarms on what the service does (errors, throttles, stuck work, a silent schedule) and its one dashboard. */
export class ServiceMonitoring extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ServiceMonitoringProps) {
    super(scope, id);
    const { alarms } = props;
    const fiveMinutes = Duration.minutes(5);

    const requests = props.httpApi.metricCount({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM });
    const serverErrors = props.httpApi.metricServerError({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM });
    const serverErrorRate = new cloudwatch.MathExpression({
      label: 'API 5xx (% of requests)',
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period: fiveMinutes,
    });
    alarms.notify(
      new cloudwatch.Alarm(this, 'Api5xxRate', {
        alarmDescription:
          `More than ${ALARM_THRESHOLDS.api5xxPercent}% of API requests failed with a 5xx in five minutes ` +
          '(RUNBOOK.md §9)',
        metric: serverErrorRate,
        threshold: ALARM_THRESHOLDS.api5xxPercent,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        // No traffic is not an outage.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    // One throttle alarm per function: a metric-math sum is capped at ten metrics per alarm, and the function list
    // grows with the route table.
    for (const [name, fn] of props.functions) {
      alarms.notify(
        new cloudwatch.Alarm(this, `Throttles-${name}`, {
          alarmDescription: `Lambda throttled ${name}: the account's concurrency is exhausted (RUNBOOK.md §9)`,
          metric: fn.function.metricThrottles({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    // The single-item and query operations the store uses (an alarm's math may sum at most ten metrics).
    const tableThrottles = props.table.metricThrottledRequestsForOperations({
      operations: [
        dynamodb.Operation.GET_ITEM,
        dynamodb.Operation.PUT_ITEM,
        dynamodb.Operation.UPDATE_ITEM,
        dynamodb.Operation.DELETE_ITEM,
        dynamodb.Operation.QUERY,
      ],
      period: fiveMinutes,
    });
    alarms.notify(
      new cloudwatch.Alarm(this, 'TableThrottles', {
        alarmDescription: 'DynamoDB throttled requests to the referral table (RUNBOOK.md §9)',
        metric: tableThrottles,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    const oldestNotification = props.notificationQueue.metricApproximateAgeOfOldestMessage({
      period: Duration.minutes(1),
      statistic: cloudwatch.Stats.MAXIMUM,
    });
    alarms.notify(
      new cloudwatch.Alarm(this, 'OldestNotification', {
        alarmDescription:
          `A candidate notification has waited more than ${ALARM_THRESHOLDS.oldestNotification.toMinutes()} ` +
          'minutes for the site webhook (RUNBOOK.md §9)',
        metric: oldestNotification,
        threshold: ALARM_THRESHOLDS.oldestNotification.toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    // The rescreen handler publishes rescreenCompleted = 1 at the end of every sweep. No datapoint in two periods
    // of the schedule means no sweep finished: a disabled rule, a failing function, a missing permission.
    const rescreenHeartbeat = new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: RESCREEN_METRICS.completed,
      dimensionsMap: { service: SERVICE_NAME },
      statistic: cloudwatch.Stats.SUM,
      period: ALARM_THRESHOLDS.rescreenSilence,
      label: 'rescreen sweeps completed',
    });
    alarms.notify(
      new cloudwatch.Alarm(this, 'RescreenHeartbeat', {
        alarmDescription:
          `No rescreen sweep finished in ${ALARM_THRESHOLDS.rescreenSilence.toMinutes()} minutes ` +
          '(RUNBOOK.md §9)',
        metric: rescreenHeartbeat,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 1,
        // Silence is the failure this alarm exists for.
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
    );

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      widgets: [
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: alarms.alarms, width: 24, height: 4 })],
        [
          graph('API requests and errors', [requests, serverErrors, props.httpApi.metricClientError({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM })]),
          graph('API 5xx rate (%)', [serverErrorRate]),
          graph('API latency (p50, p99)', [
            props.httpApi.metricLatency({ period: fiveMinutes, statistic: 'p50' }),
            props.httpApi.metricLatency({ period: fiveMinutes, statistic: 'p99' }),
          ]),
        ],
        [
          graph('Lambda errors', [...props.functions].map(([name, fn]) => fn.function.metricErrors({ period: fiveMinutes, label: name }))),
          graph('Lambda throttles', [...props.functions].map(([name, fn]) => fn.function.metricThrottles({ period: fiveMinutes, label: name }))),
          graph('Lambda duration p99', [...props.functions].map(([name, fn]) => fn.function.metricDuration({ period: fiveMinutes, statistic: 'p99', label: name }))),
        ],
        [
          graph('Notifications: queued, oldest (s)', [
            props.notificationQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: cloudwatch.Stats.MAXIMUM }),
            oldestNotification,
          ]),
          graph(
            'Dead letters',
            props.deadLetterQueues.map(({ title, queue }) =>
              queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: cloudwatch.Stats.MAXIMUM, label: title }),
            ),
          ),
          graph('Rescreen', [
            rescreenHeartbeat,
            ...[RESCREEN_METRICS.rescreened, RESCREEN_METRICS.verdictsChanged, RESCREEN_METRICS.republished].map(
              (metricName) =>
                new cloudwatch.Metric({
                  namespace: METRICS_NAMESPACE,
                  metricName,
                  dimensionsMap: { service: SERVICE_NAME },
                  statistic: cloudwatch.Stats.SUM,
                  period: Duration.hours(1),
                }),
            ),
          ]),
        ],
        [
          graph('Table: consumed capacity', [
            props.table.metricConsumedReadCapacityUnits({ period: fiveMinutes }),
            props.table.metricConsumedWriteCapacityUnits({ period: fiveMinutes }),
          ]),
          graph('Table: throttled requests', [tableThrottles]),
        ],
      ],
    });
  }
}

function graph(title: string, metrics: cloudwatch.IMetric[]): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left: metrics, width: 8, height: 6 });
}
