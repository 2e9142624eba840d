/**
 * The referral store on DynamoDB: one table (table-design.ts), one item per referral, every write a single
 * conditional PutItem so that what must change together does. Index keys come from item-keys.ts, so a referral is
 * in the site, review and outbox indexes exactly when its state says so.
 */
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  InvalidCursorError,
  RevisionConflictError,
  type Page,
  type PageRequest,
  type ReferralStore,
  type TrialState,
} from '#ports/referral-store.js';
import type { ClaimOutcome, PlaceClaim } from '#ports/enrolment-ledger.js';
import type { Clock } from '#ports/runtime.js';
import type { Verdict } from '#screening/result.js';
import { candidateListing, type CandidateListing } from '#referral/candidate-listing.js';
import { CANDIDATE_STATUSES, isTombstone, type CandidateState, type CandidateStatus, type ReferralRecord, type StoredReferral } from '#referral/record.js';
import { decodeCursor, encodeCursor, type StartKey } from './cursor.js';
import { DynamoEnrolmentLedger, placesIn } from './enrolment-ledger.js';
import {
  dueRanges,
  ENROLMENT_SK,
  fromItem,
  OUTBOX_PK,
  physicianPk,
  REFERRAL_SK,
  referralPk,
  reviewPk,
  siteStatusPrefix,
  sitePk,
  toItem,
  TRIAL_STATE_SK,
  trialStatePk,
  type Item,
} from './item-keys.js';
import { isConditionalCheckFailed } from './store-errors.js';
import { isFiniteNumber, isMap, isOneOf, isString, MalformedItemError } from './stored-fields.js';
import { INBOX_LISTING_ATTRIBUTE, TABLE_DESIGN, type IndexName } from './table-design.js';

export { isRetryableStoreError } from './store-errors.js';

export interface DynamoReferralStoreOptions {
  /** Made with `marshallOptions: { removeUndefinedValues: true }`: optional fields may be present as undefined. */
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Decides when an idempotent reply has expired (TTL deletion is lazy, so an expired one may still be read). */
  readonly clock: Clock;
}

const VERDICTS = ['eligible', 'potential', 'ineligible'] as const satisfies readonly Verdict[];

/**
 * The listing a bySite entry carries (INBOX_LISTING_ATTRIBUTE beside the record's own small fields), or undefined
 * when the entry has none or an incomplete one. Reads only the listing's fields, in CandidateListing's order.
 */
function listingIn(item: Item): CandidateListing | undefined {
  const { id, trialId, siteId, updatedAt, candidate, [INBOX_LISTING_ATTRIBUTE]: derived } = item;
  if (!isString(id) || !isString(trialId) || !isString(siteId) || !isString(updatedAt) || !isMap(derived)) return undefined;
  let state: CandidateState | undefined;
  if (candidate !== undefined) {
    if (!isMap(candidate)) return undefined;
    const { status, since, recordedAt } = candidate;
    if (!isOneOf(CANDIDATE_STATUSES, status) || !isString(since) || !isString(recordedAt)) return undefined;
    state = { status, since, recordedAt };
  }
  const { age, verdict, score, missingData, screenedOn } = derived;
  if (!(age === null || isFiniteNumber(age)) || !isOneOf(VERDICTS, verdict) || !isFiniteNumber(score)) return undefined;
  if (!isFiniteNumber(missingData) || !isString(screenedOn)) return undefined;
  return { id, trialId, siteId, updatedAt, ...(state === undefined ? {} : { candidate: state }), age, verdict, score, missingData, screenedOn };
}

/** One query's worth of key condition, over the table or an index. */
interface QuerySpec {
  readonly indexName: IndexName;
  readonly keyCondition: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, string>;
  readonly forward: boolean;
}

/** listDue's two queries, in the order they are read. */
const DUE_PHASES = ['older', 'dated'] as const;
type DuePhase = (typeof DUE_PHASES)[number];

export class DynamoReferralStore implements ReferralStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly clock: Clock;

  private readonly ledger: DynamoEnrolmentLedger;

  constructor(options: DynamoReferralStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.clock = options.clock;
    this.ledger = new DynamoEnrolmentLedger(options.client, options.tableName);
  }

  places(trialId: string): Promise<readonly PlaceClaim[]> {
    return this.ledger.places(trialId);
  }

  claimPlace(trialId: string, claim: PlaceClaim, limit: number): Promise<ClaimOutcome> {
    return this.ledger.claimPlace(trialId, claim, limit);
  }

  takeOverPlace(trialId: string, previous: PlaceClaim, next: PlaceClaim): Promise<boolean> {
    return this.ledger.takeOverPlace(trialId, previous, next);
  }

  releasePlace(trialId: string, referralId: string, token?: string): Promise<void> {
    return this.ledger.releasePlace(trialId, referralId, token);
  }

  async create(record: ReferralRecord): Promise<{ created: true } | { created: false; existing: StoredReferral }> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(record),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_DESIGN.partitionKey },
        }),
      );
      return { created: true };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const existing = await this.get(record.id);
    // Referrals are never deleted (a withdrawal leaves a tombstone), so the item that failed the check is there.
    if (!existing) throw new Error(`referral ${record.id} exists but could not be read`);
    return { created: false, existing };
  }

  async get(id: string): Promise<StoredReferral | undefined> {
    const { Item: item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [TABLE_DESIGN.partitionKey]: referralPk(id), [TABLE_DESIGN.sortKey]: REFERRAL_SK },
        ConsistentRead: true,
      }),
    );
    return item ? fromItem(item) : undefined;
  }

  async put(next: StoredReferral, expectedRevision: number): Promise<void> {
    if (next.revision !== expectedRevision + 1) {
      throw new Error(`referral ${next.id}: revision ${next.revision} does not follow ${expectedRevision}`);
    }
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(next),
          ConditionExpression: 'attribute_exists(#pk) AND #revision = :expected',
          ExpressionAttributeNames: { '#pk': TABLE_DESIGN.partitionKey, '#revision': 'revision' },
          ExpressionAttributeValues: { ':expected': expectedRevision },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new RevisionConflictError(next.id);
      throw error;
    }
  }

  async listByPhysician(physicianId: string, page: PageRequest): Promise<Page<StoredReferral>> {
    const spec: QuerySpec = {
      indexName: 'byPhysician',
      keyCondition: '#ipk = :pk',
      names: { '#ipk': 'physicianPk' },
      values: { ':pk': physicianPk(physicianId) },
      forward: false, // newest first
    };
    return this.singleQueryPage(spec, page, fromItem);
  }

  async listDue(trialId: string, today: string, criteriaVersion: number, page: PageRequest): Promise<Page<ReferralRecord>> {
    const limit = checkedLimit(page.limit);
    const partition = reviewPk(trialId);
    const ranges = dueRanges(today, criteriaVersion);
    const phases: Record<DuePhase, QuerySpec> = {
      // Screened under an older criteria version: every one is due.
      older: {
        indexName: 'byReview',
        keyCondition: '#ipk = :pk AND #isk < :below',
        names: { '#ipk': 'reviewPk', '#isk': 'reviewSk' },
        values: { ':pk': partition, ':below': ranges.olderVersionsBelow },
        forward: true,
      },
      // Current version, reviewAt on or before today: the key range holds exactly those.
      dated: {
        indexName: 'byReview',
        keyCondition: '#ipk = :pk AND #isk BETWEEN :from AND :to',
        names: { '#ipk': 'reviewPk', '#isk': 'reviewSk' },
        values: { ':pk': partition, ':from': ranges.dueByDate[0], ':to': ranges.dueByDate[1] },
        forward: true,
      },
    };

    let phase: DuePhase = 'older';
    let startKey: StartKey | undefined;
    if (page.cursor !== undefined) {
      const position = decodeCursor(page.cursor, {
        keyAttributes: keyAttributesOf('byReview'),
        partition: { name: 'reviewPk', value: partition },
        phases: DUE_PHASES,
      });
      phase = position.phase === 'dated' ? 'dated' : 'older';
      // Only the dated phase is ever started without a key (when the older phase filled the previous page).
      if (phase === 'older' && position.key === undefined) throw new InvalidCursorError();
      startKey = position.key;
    }

    const items: ReferralRecord[] = [];
    for (;;) {
      const result = await this.query(phases[phase], limit - items.length, startKey);
      items.push(...result.items.map((item) => asRecord(fromItem(item))));
      if (result.lastKey) {
        // A full page (or DynamoDB's 1 MB cap): resume this phase where it stopped.
        return { items, cursor: encodeCursor({ phase, key: result.lastKey }) };
      }
      if (phase === 'dated') return { items };
      phase = 'dated';
      startKey = undefined;
      // The older phase ended exactly at the page size: the next page starts the dated phase.
      if (items.length >= limit) return { items, cursor: encodeCursor({ phase }) };
    }
  }

  async listPendingNotifications(olderThan: string, page: PageRequest): Promise<Page<ReferralRecord>> {
    const spec: QuerySpec = {
      indexName: 'outbox',
      keyCondition: '#ipk = :pk AND #isk < :olderThan',
      names: { '#ipk': 'outboxPk', '#isk': 'outboxSk' },
      values: { ':pk': OUTBOX_PK, ':olderThan': olderThan },
      forward: true, // oldest first
    };
    return this.singleQueryPage(spec, page, (item) => asRecord(fromItem(item)));
  }

  async listCandidates(siteId: string, status: CandidateStatus | undefined, page: PageRequest): Promise<Page<CandidateListing>> {
    const spec: QuerySpec = {
      indexName: 'bySite',
      keyCondition: status === undefined ? '#ipk = :pk' : '#ipk = :pk AND begins_with(#isk, :status)',
      names: status === undefined ? { '#ipk': 'sitePk' } : { '#ipk': 'sitePk', '#isk': 'siteSk' },
      values: status === undefined ? { ':pk': sitePk(siteId) } : { ':pk': sitePk(siteId), ':status': siteStatusPrefix(status) },
      forward: true, // the inverted score sorts the best first
    };
    const listed = await this.singleQueryPage(spec, page, (item) => item);
    const items = await Promise.all(listed.items.map((item) => this.listingOf(item)));
    return { ...listed, items: items.filter((item) => item !== undefined) };
  }

  /**
   * A bySite entry as the inbox lists it. Entries written before referrals carried their listing have none: one
   * from an index that still projects ALL (a local table created before) is derived from the copy it holds, any
   * other from the referral itself, which is then skipped if it has left the inbox meanwhile (index lag).
   */
  private async listingOf(item: Item): Promise<CandidateListing | undefined> {
    const listing = listingIn(item);
    if (listing !== undefined) return listing;
    if ('latest' in item && 'profile' in item) return candidateListing(asRecord(fromItem(item)));
    const id = typeof item['id'] === 'string' ? item['id'] : undefined;
    if (id === undefined) throw new Error('a bySite entry without a referral id');
    const stored = await this.get(id);
    return stored && !isTombstone(stored) && stored.candidate ? candidateListing(stored) : undefined;
  }

  async countCandidates(siteId: string, status: CandidateStatus): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'bySite',
          KeyConditionExpression: '#ipk = :pk AND begins_with(#isk, :status)',
          ExpressionAttributeNames: { '#ipk': 'sitePk', '#isk': 'siteSk' },
          ExpressionAttributeValues: { ':pk': sitePk(siteId), ':status': siteStatusPrefix(status) },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      count += result.Count ?? 0;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  async getTrialState(trialId: string): Promise<TrialState> {
    const { Item: item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
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
    const { Items: items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
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
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
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

  /** A page of one query, resumed from the request's cursor. */
  private async singleQueryPage<T>(spec: QuerySpec, page: PageRequest, read: (item: Item) => T): Promise<Page<T>> {
    const limit = checkedLimit(page.limit);
    const partitionName = spec.names['#ipk'];
    const partitionValue = spec.values[':pk'];
    const startKey =
      page.cursor === undefined
        ? undefined
        : decodeCursor(page.cursor, {
            keyAttributes: keyAttributesOf(spec.indexName),
            ...(partitionName !== undefined && partitionValue !== undefined
              ? { partition: { name: partitionName, value: partitionValue } }
              : {}),
          }).key;
    const result = await this.query(spec, limit, startKey);
    const items = result.items.map(read);
    return result.lastKey ? { items, cursor: encodeCursor({ key: result.lastKey }) } : { items };
  }

  private async query(spec: QuerySpec, limit: number, startKey: StartKey | undefined): Promise<{ items: Item[]; lastKey?: StartKey }> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: spec.indexName,
        KeyConditionExpression: spec.keyCondition,
        ExpressionAttributeNames: spec.names,
        ExpressionAttributeValues: spec.values,
        ScanIndexForward: spec.forward,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const items = result.Items ?? [];
    const lastKey = result.LastEvaluatedKey ? toStartKey(result.LastEvaluatedKey) : undefined;
    return lastKey ? { items, lastKey } : { items };
  }
}

const RECRUITMENT_STATES = ['open', 'paused'] as const satisfies readonly TrialState['recruitment'][];

/** The trial's stored switch; open when none was ever stored. */
function trialStateIn(trialId: string, item: Item | undefined): TrialState {
  if (!item) return { trialId, recruitment: 'open' };
  const { trialId: storedTrialId, recruitment, updatedAt } = item;
  if (!isString(storedTrialId)) throw new MalformedItemError('trial state', 'trialId');
  if (!isOneOf(RECRUITMENT_STATES, recruitment)) throw new MalformedItemError('trial state', 'recruitment');
  if (updatedAt !== undefined && !isString(updatedAt)) throw new MalformedItemError('trial state', 'updatedAt');
  return { trialId: storedTrialId, recruitment, ...(updatedAt === undefined ? {} : { updatedAt }) };
}

/** The key attributes of an index's LastEvaluatedKey: the table's key and the index's own. */
function keyAttributesOf(indexName: IndexName): string[] {
  const index = TABLE_DESIGN.indexes.find((candidate) => candidate.indexName === indexName);
  if (!index) throw new Error(`unknown index ${indexName}`);
  return [TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey, index.partitionKey, index.sortKey];
}

function toStartKey(key: Record<string, unknown>): StartKey {
  const startKey: StartKey = {};
  for (const [name, value] of Object.entries(key)) {
    if (typeof value !== 'string') throw new Error(`key attribute ${name} is not a string`);
    startKey[name] = value;
  }
  return startKey;
}

/** Only live referrals are in the review, outbox and site indexes (item-keys.ts leaves tombstones out of them). */
function asRecord(referral: StoredReferral): ReferralRecord {
  if (isTombstone(referral)) throw new Error(`tombstone ${referral.id} found in a live-referral index`);
  return referral;
}

function checkedLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page limit must be a positive integer, got ${limit}`);
  return limit;
}
