import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Every 15 minutes: often enough that a notification stuck in the outbox, or a referral whose labs just went stale,
 * waits minutes rather than hours; rare enough that the sweep costs nothing when there is nothing to do.
 */
export const RESCREEN_RATE = Duration.minutes(15);

export interface RescreenScheduleProps {
  readonly rescreen: lambda.IFunction;
  /** Where events that EventBridge could not deliver go (the same queue as the function's failed invocations). */
  readonly deadLetterQueue: sqs.IQueue;
}

/** The rescreen sweep's clock (it also re-sends what the outbox still holds). */
export class RescreenSchedule extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: RescreenScheduleProps) {
    super(scope, id);
    this.rule = new events.Rule(this, 'Rule', {
      description: 'trial-match: rescreen referrals whose result can change, and sweep the notification outbox',
      schedule: events.Schedule.rate(RESCREEN_RATE),
    });
    this.rule.addTarget(
      new targets.LambdaFunction(props.rescreen, {
        // A missed tick is harmless (the next one does the same work), so retry briefly and then let it go to
        // the dead-letter queue, where the alarm says the schedule is not reaching the function.
        retryAttempts: 2,
        maxEventAge: RESCREEN_RATE,
        deadLetterQueue: props.deadLetterQueue,
      }),
    );
  }
}
