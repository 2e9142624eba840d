import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { RETIRED_INDEXES, TABLE_DESIGN, type RetiredIndexName } from '#adapters/dynamodb/table-design.js';

export interface ReferralDataProps {
  readonly key: kms.IKey;
  /** settings.deletionProtection: off only for a first deployment that may have to roll back. */
  readonly deletionProtection: boolean;
  /** settings.retainIndexes: retired indexes a deployed table keeps for one more update (RUNBOOK §3). */
  readonly retainIndexes?: readonly RetiredIndexName[];
}

/**
 * The one table, built from TABLE_DESIGN (the same description the local stack builds dynalite's table from), so
 * the deployed keys and indexes cannot drift from what the store's code queries.
 */
export class ReferralData extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: ReferralDataProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: TABLE_DESIGN.timeToLiveAttribute,
      // A few dozen referrals a month: paying per request is cheaper than any provisioned floor, and never throttles.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Referrals are medical records: neither a stack deletion nor a stray API call may drop the table. A rollback
      // of the stack's first creation does delete it (it is new and empty), so a failed first deploy can be retried;
      // deletion protection would stop that delete, hence `-c deletionProtection=false` for a first deployment.
      deletionProtection: props.deletionProtection,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    const retained = RETIRED_INDEXES.filter((index) => props.retainIndexes?.includes(index.indexName));
    for (const index of [...TABLE_DESIGN.indexes, ...retained]) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        // As designed: whole items where the store rebuilds referrals from the index, a listing for the two lists.
        ...(index.projection.type === 'ALL'
          ? { projectionType: dynamodb.ProjectionType.ALL }
          : { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection.nonKeyAttributes] }),
      });
    }
  }
}
