/**
 * The enrolment ledger on DynamoDB: one item per trial (`TRIAL#<id>` / `ENROLMENT`) holding the ids of the
 * referrals with a place in a string set, which conditions can count (`size`) and search (`contains`), and each
 * place's claim in an attribute of its own (`claim#<referralId>`), so no nested map needs to exist first. Taking a
 * place is one conditional UpdateItem: the limit and the uniqueness are checked by the write that takes it. Only
 * conditional single-item writes, which DynamoDB, DynamoDB Local and dynalite all have.
 */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClaimOutcome, EnrolmentLedger, PlaceClaim } from '#ports/enrolment-ledger.js';
import { ENROLMENT_SK, trialStatePk } from './item-keys.js';
import { isConditionalCheckFailed } from './store-errors.js';
import { TABLE_DESIGN } from './table-design.js';

const CLAIM_PREFIX = 'claim#';
/** A place freed between a refused claim and the read that explains it: try again, a few times. */
const CLAIM_ATTEMPTS = 3;

/** The place could be neither claimed nor explained: places come and go too fast. Retry later. */
export class PlaceContendedError extends Error {
  override name = 'PlaceContendedError';
}

/** The places held, as the ledger item (`TRIAL#<id>` / `ENROLMENT`) records them; none when there is no item yet. */
export function placesIn(item: Record<string, unknown> | undefined): readonly PlaceClaim[] {
  if (!item) return [];
  const holders = item['onStudy'] instanceof Set ? [...(item['onStudy'] as Set<string>)] : [];
  return holders.map((referralId) => {
    const claim = item[`${CLAIM_PREFIX}${referralId}`] as { token?: unknown; at?: unknown } | undefined;
    return { referralId, token: typeof claim?.token === 'string' ? claim.token : '', at: typeof claim?.at === 'string' ? claim.at : '' };
  });
}

export class DynamoEnrolmentLedger implements EnrolmentLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private key(trialId: string) {
    return { [TABLE_DESIGN.partitionKey]: trialStatePk(trialId), [TABLE_DESIGN.sortKey]: ENROLMENT_SK };
  }

  async places(trialId: string): Promise<readonly PlaceClaim[]> {
    const { Item: item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: this.key(trialId), ConsistentRead: true }));
    return placesIn(item);
  }

  async claimPlace(trialId: string, claim: PlaceClaim, limit: number): Promise<ClaimOutcome> {
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: this.key(trialId),
            UpdateExpression: 'ADD onStudy :ids SET #claim = :claim, trialId = :trialId',
            ConditionExpression: '(attribute_not_exists(onStudy) OR size(onStudy) < :limit) AND NOT contains(onStudy, :id)',
            ExpressionAttributeNames: { '#claim': `${CLAIM_PREFIX}${claim.referralId}` },
            ExpressionAttributeValues: {
              ':ids': new Set([claim.referralId]),
              ':id': claim.referralId,
              ':claim': { token: claim.token, at: claim.at },
              ':limit': limit,
              ':trialId': trialId,
            },
          }),
        );
        return { kind: 'claimed' };
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
      // Refused: either the referral holds a place already, or every place is held, or one was freed meanwhile.
      const places = await this.places(trialId);
      const held = places.find((place) => place.referralId === claim.referralId);
      if (held) return { kind: 'held', claim: held };
      if (places.length >= limit) return { kind: 'full' };
    }
    throw new PlaceContendedError(`the places of ${trialId} changed ${CLAIM_ATTEMPTS} times during one claim`);
  }

  async takeOverPlace(trialId: string, previous: PlaceClaim, next: PlaceClaim): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(trialId),
          UpdateExpression: 'SET #claim = :next',
          ConditionExpression: 'contains(onStudy, :id) AND #claim.#token = :previous',
          ExpressionAttributeNames: { '#claim': `${CLAIM_PREFIX}${previous.referralId}`, '#token': 'token' },
          ExpressionAttributeValues: { ':id': previous.referralId, ':previous': previous.token, ':next': { token: next.token, at: next.at } },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async releasePlace(trialId: string, referralId: string, token?: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(trialId),
          UpdateExpression: 'DELETE onStudy :ids REMOVE #claim',
          ConditionExpression: token === undefined ? 'contains(onStudy, :id)' : 'contains(onStudy, :id) AND #claim.#token = :token',
          ExpressionAttributeNames: { '#claim': `${CLAIM_PREFIX}${referralId}`, ...(token === undefined ? {} : { '#token': 'token' }) },
          ExpressionAttributeValues: { ':ids': new Set([referralId]), ':id': referralId, ...(token === undefined ? {} : { ':token': token }) },
        }),
      );
    } catch (error) {
      // Not held (any more), or held under another claim: nothing of ours to free.
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
