import { Aws, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationalAlarmsProps {
  readonly key: kms.IKey;
  /** Subscribed to the topic; at least one (settings.ts refuses a deployment without). */
  readonly emails: readonly string[];
}

/**
 * Where the deployment says that something needs a human: one encrypted SNS topic that CloudWatch may publish to
 * (only this account's alarms in this region), with the operators' addresses subscribed. Every alarm made here
 * notifies on ALARM and on OK, so the on-call person also learns that it is over.
 */
export class OperationalAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'trial-match alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    // Without this statement CloudWatch cannot publish to a topic that has a resource policy at all (the TLS-only
    // deny above creates one): alarms would change state and tell nobody. Scoped with the confused-deputy
    // conditions: alarms of this account, in this region.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccountPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
        },
      }),
    );
    for (const email of props.emails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    this.action = new actions.SnsAction(this.topic);
  }

  /** Sends the alarm's transitions to the topic and lists it (the dashboard shows them all). */
  notify(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }

  /**
   * A dead-letter queue holds work that failed every retry (a site never told about a candidate, a rescreen that
   * never ran): the first message there already needs attention.
   */
  alarmOnDeadLetters(id: string, deadLetterQueue: sqs.IQueue, what: string): cloudwatch.Alarm {
    return this.notify(
      new cloudwatch.Alarm(this, id, {
        alarmDescription: `${what} failed every retry and waits in a dead-letter queue (RUNBOOK.md §9)`,
        metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        // An empty queue publishes no datapoints: that is the healthy state, not an unknown one.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}
