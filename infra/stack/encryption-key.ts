import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The customer-managed key that encrypts everything holding or describing patient data: the table, the queues, the
 * alarm topic, the webhook secrets and the log groups. One key keeps the key policy small and reviewable; revoking
 * it makes the whole deployment's data unreadable at once, which is what a data-protection incident needs.
 *
 * IAM principals of this account get access through their own policies (grant methods); the key policy only
 * names the AWS services that encrypt on the deployment's behalf, each scoped to this account.
 */
export class EncryptionKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'trial-match: patient referrals, queues, secrets and logs',
      enableKeyRotation: true,
      // Losing the key loses the data: never delete it with the stack, and keep the longest undo window. Only a
      // rolled-back first creation deletes it (schedules its deletion): nothing was ever encrypted with it.
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      pendingWindow: Duration.days(30),
    });

    // CloudWatch Logs encrypts log groups with the key only for log groups of this account and region. Its
    // principal is regional, and ends in amazonaws.com.cn in AWS China: hence the URL suffix.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.${Aws.URL_SUFFIX}`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn':
              `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
          },
        },
      }),
    );

    // CloudWatch alarms publish to the encrypted alarm topic; EventBridge writes failed schedule events to the
    // encrypted dead-letter queue. Both need a data key, and only for this account's resources.
    for (const [sid, service] of [
      ['CloudWatchAlarmsPublishToTheEncryptedTopic', 'cloudwatch.amazonaws.com'],
      ['EventBridgeDeadLettersToTheEncryptedQueue', 'events.amazonaws.com'],
    ] as const) {
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
        }),
      );
    }
  }
}
