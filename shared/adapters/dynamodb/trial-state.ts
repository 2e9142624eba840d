/**
 * A trial's recruitment switch on DynamoDB: one item (`TRIAL#<id>` / `STATE`) beside the trial's enrolment ledger
 * (`TRIAL#<id>` / `ENROLMENT`), so one strongly consistent Query reads both.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PlaceClaim } from '#ports/enrolment-ledger.js';
import type { TrialState, TrialStateStore } from '#ports/trial-state.js';
import { placesIn } from './enrolment-ledger.js';
import { ENROLMENT_SK, TRIAL_STATE_SK, trialStatePk, type Item } from './item-keys.js';
import { isOneOf, isString, MalformedItemError } from './stored-fields.js';
import type { Table } from './table.js';
import { TABLE_DESIGN } from './table-design.js';

const RECRUITMENT_STATES = ['open', 'paused'] as const satisfies readonly TrialState['recruitment'][];

export class DynamoTrialStateStore implements TrialStateStore {
  constructor(private readonly table: Table) {}

  async getTrialState(trialId: string): Promise<TrialState> {
    const { Item: item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
        Key: { [TABLE_DESIGN.partitionKey]: trialStatePk(trialId), [TABLE_DESIGN.sortKey]: TRIAL_STATE_SK },
        ConsistentRead: true,
      }),
    );
    return trialStateIn(trialId, item);
  }

  /**
   * The switch and the ledger live in the trial's partition, side by side (ENROLMENT and STATE): one strongly
   * consistent Query reads both, where two GetItems would be two requests (and two read units) for two small items.
   */
  async readRecruitment(trialId: string): Promise<{ state: TrialState; places: readonly PlaceClaim[] }> {
    const { Items: items = [] } = await this.table.client.send(
      new QueryCommand({
        TableName: this.table.name,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
        ExpressionAttributeNames: { '#pk': TABLE_DESIGN.partitionKey, '#sk': TABLE_DESIGN.sortKey },
        ExpressionAttributeValues: { ':pk': trialStatePk(trialId), ':first': ENROLMENT_SK, ':last': TRIAL_STATE_SK },
        ConsistentRead: true,
      }),
    );
    const withSortKey = (sk: string) => items.find((item) => item[TABLE_DESIGN.sortKey] === sk);
    return { state: trialStateIn(trialId, withSortKey(TRIAL_STATE_SK)), places: placesIn(withSortKey(ENROLMENT_SK)) };
  }

  async putTrialState(state: TrialState): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: {
          [TABLE_DESIGN.partitionKey]: trialStatePk(state.trialId),
          [TABLE_DESIGN.sortKey]: TRIAL_STATE_SK,
          trialId: state.trialId,
          recruitment: state.recruitment,
          ...(state.updatedAt === undefined ? {} : { updatedAt: state.updatedAt }),
        },
      }),
    );
  }
}

/** The trial's stored switch; open when none was ever stored. */
function trialStateIn(trialId: string, item: Item | undefined): TrialState {
  if (!item) return { trialId, recruitment: 'open' };
  const { trialId: storedTrialId, recruitment, updatedAt } = item;
  if (!isString(storedTrialId)) throw new MalformedItemError('trial state', 'trialId');
  if (!isOneOf(RECRUITMENT_STATES, recruitment)) throw new MalformedItemError('trial state', 'recruitment');
  if (updatedAt !== undefined && !isString(updatedAt)) throw new MalformedItemError('trial state', 'updatedAt');
  return { trialId: storedTrialId, recruitment, ...(updatedAt === undefined ? {} : { updatedAt }) };
}
