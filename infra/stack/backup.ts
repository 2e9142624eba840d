import { Aws, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge } from './nag.js';

export interface ReferralBackupProps {
  readonly table: dynamodb.ITable;
  readonly key: kms.IKey;
}

/**
 * Backups beyond point-in-time recovery: PITR undoes a bad write within 35 days; these recovery points survive a
 * deleted table or a corruption noticed late (monthly, kept for a year) in a vault encrypted with the deployment's
 * key and protected from deletion with the stack. The rules have no copy actions: recovery points stay in the
 * deployment's region (residency.ts), like everything else.
 */
export class ReferralBackup extends Construct {
  readonly vault: backup.BackupVault;

  constructor(scope: Construct, id: string, props: ReferralBackupProps) {
    super(scope, id);
    const vault = new backup.BackupVault(this, 'Vault', {
      // CloudFormation requires a vault name, and a retained vault keeps it: a name derived from the construct path
      // is "already exists" on every retry after a failed first deployment. The stack's own id (a UUID that a
      // re-created stack does not share) makes each stack's vault name its own.
      backupVaultName: uniquePerStack('trial-match'),
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    this.vault = vault;
    // Explicit rules, not the presets: the presets move recovery points to cold storage, which DynamoDB supports
    // only with AWS Backup's advanced features opted in per account.
    const plan = new backup.BackupPlan(this, 'Plan', {
      // Plan names are unique per account and region too.
      backupPlanName: uniquePerStack('trial-match'),
      backupVault: vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: events.Schedule.cron({ hour: '3', minute: '0' }),
          deleteAfter: Duration.days(35),
        }),
        new backup.BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: events.Schedule.cron({ day: '1', hour: '4', minute: '0' }),
          deleteAfter: Duration.days(366),
        }),
      ],
    });
    const selection = plan.addSelection('Referrals', {
      resources: [backup.BackupResource.fromDynamoDbTable(props.table)],
    });
    acknowledgeBackupRole(selection);
  }
}

/** `<prefix>-<UUID of this stack>`: unique per stack creation, stable across its updates. */
export function uniquePerStack(prefix: string): string {
  return `${prefix}-${Fn.select(2, Fn.split('/', Aws.STACK_ID))}`;
}

function acknowledgeBackupRole(selection: IConstruct): void {
  const policy = 'arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup';
  acknowledge(selection, {
    id: `AwsSolutions-IAM4[Policy::${policy}]`,
    reason:
      'The AWS Backup service role uses the AWS-maintained backup policy: AWS keeps it in step with the resource ' +
      'types Backup supports, and only backup.amazonaws.com can assume the role, for this one table selection.',
  });
}
