/**
 * A submission's create-once on DynamoDB: a PutItem conditioned on the key being free. A retry (same
 * Idempotency-Key, hence the same referral id) fails the condition and reads back what its first attempt stored.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CreateOnce, CreateOutcome } from '#ports/idempotency.js';
import type { ReferralRecord, StoredReferral } from '#referral/record.js';
import { toItem } from './item-keys.js';
import { isConditionalCheckFailed } from './store-errors.js';
import type { Table } from './table.js';
import { TABLE_DESIGN } from './table-design.js';

export class DynamoCreateOnce implements CreateOnce {
  constructor(
    private readonly table: Table,
    /** The strongly consistent read of a stored referral (the store's `get`). */
    private readonly read: (id: string) => Promise<StoredReferral | undefined>,
  ) {}

  async create(record: ReferralRecord): Promise<CreateOutcome> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
          Item: toItem(record),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_DESIGN.partitionKey },
        }),
      );
      return { created: true };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const existing = await this.read(record.id);
    // Referrals are never deleted (a withdrawal leaves a tombstone), so the item that failed the check is there.
    if (!existing) throw new Error(`referral ${record.id} exists but could not be read`);
    return { created: false, existing };
  }
}
