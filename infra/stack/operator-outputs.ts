import { CfnOutput } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { TrialMatchStack } from './trial-match-stack.js';

/**
 * The names an operator needs for the runbook's commands (RUNBOOK.md), as stack outputs, so no step asks anyone to
 * guess a generated name: `aws cloudformation describe-stacks --stack-name TrialMatch --query "Stacks[0].Outputs"`.
 */
export class OperatorOutputs extends Construct {
  /** Output id -> value; the ids are what RUNBOOK.md names. */
  static readonly IDS = [
    'TableName',
    'EncryptionKeyArn',
    'BackupVaultName',
    'AlarmTopicArn',
    'DashboardName',
    'NotificationQueueUrl',
    'NotificationQueueArn',
    'NotificationDeadLetterQueueUrl',
    'NotificationDeadLetterQueueArn',
    'RescreenDeadLetterQueueUrl',
    'NotifySiteFunctionName',
    'RescreenFunctionName',
    'WithdrawReferralLogGroupName',
    'SiteWebhookSecretArns',
  ] as const;

  constructor(scope: Construct, id: string, stack: TrialMatchStack, rescreenDeadLetterQueueUrl: string, secretArns: string) {
    super(scope, id);
    const values: Record<(typeof OperatorOutputs.IDS)[number], string> = {
      TableName: stack.data.table.tableName,
      EncryptionKeyArn: stack.key.key.keyArn,
      BackupVaultName: stack.backup.vault.backupVaultName,
      AlarmTopicArn: stack.alarms.topic.topicArn,
      DashboardName: stack.monitoring.dashboard.dashboardName,
      NotificationQueueUrl: stack.notifications.queue.queueUrl,
      NotificationQueueArn: stack.notifications.queue.queueArn,
      NotificationDeadLetterQueueUrl: stack.notifications.deadLetterQueue.queueUrl,
      NotificationDeadLetterQueueArn: stack.notifications.deadLetterQueue.queueArn,
      RescreenDeadLetterQueueUrl: rescreenDeadLetterQueueUrl,
      NotifySiteFunctionName: stack.functions.get('notify-site').function.functionName,
      RescreenFunctionName: stack.functions.get('rescreen').function.functionName,
      WithdrawReferralLogGroupName: stack.functions.get('withdraw-referral').logGroup.logGroupName,
      SiteWebhookSecretArns: secretArns,
    };
    for (const outputId of OperatorOutputs.IDS) {
      // exportName-free: outputs for people, not cross-stack references that would pin the resources.
      new CfnOutput(scope, outputId, { value: values[outputId] });
    }
  }
}
