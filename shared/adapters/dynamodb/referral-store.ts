/**
 * The referral store on DynamoDB: one table (table-design.ts), one item per referral, every write a single
 * conditional PutItem so that what must change together does. Index keys come from item-keys.ts, so a referral is
 * in the site, review and outbox (pendingNotifications) indexes exactly when its state says so. The trial's state,
 * its enrolment ledger and a submission's create-once live in the same table and have their own adapters
 * (trial-state.ts, enrolment-ledger.ts, idempotency.ts); this store hands those calls on, so use cases see one store.
 */
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClaimOutcome, PlaceClaim } from '#ports/enrolment-ledger.js';
import type { CreateOutcome } from '#ports/idempotency.js';
import { InvalidCursorError, RevisionConflictError, type Page, type PageRequest, type PendingNotificationEntry, type ReferralStore } from '#ports/referral-store.js';
import type { Clock } from '#ports/runtime.js';
import type { TrialState } from '#ports/trial-state.js';
import type { Verdict } from '#screening/result.js';
import { candidateListing, type CandidateListing } from '#referral/candidate-listing.js';
import { intakeStatus, physicianListing, type PhysicianListing } from '#referral/referral-listing.js';
import { CANDIDATE_STATUSES, isTombstone, type CandidateState, type CandidateStatus, type ReferralRecord, type StoredReferral } from '#referral/record.js';
import { decodeCursor, encodeCursor, type StartKey } from './cursor.js';
import { DynamoEnrolmentLedger } from './enrolment-ledger.js';
import { DynamoCreateOnce } from './idempotency.js';
import { dueRanges, fromItem, OUTBOX_PK, physicianPk, REFERRAL_SK, referralIdOf, referralPk, reviewPk, siteStatusPrefix, sitePk, toItem, type Item } from './item-keys.js';
import { isConditionalCheckFailed } from './store-errors.js';
import { isFiniteNumber, isMap, isOneOf, isString } from './stored-fields.js';
import { checkedLimit, keyAttributesOf, Table, type QuerySpec } from './table.js';
import { DOCUMENT_ATTRIBUTE, INBOX_LISTING_ATTRIBUTE, PHYSICIAN_LISTING_ATTRIBUTE, TABLE_DESIGN } from './table-design.js';
import { DynamoTrialStateStore } from './trial-state.js';

export { isRetryableStoreError } from './store-errors.js';

export interface DynamoReferralStoreOptions {
  /** Made with `marshallOptions: { removeUndefinedValues: true }`: optional fields may be present as undefined. */
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The service's clock. Nothing here reads it today: a kept first reply lives in its referral and never expires. */
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

const isStringList = (value: unknown): value is readonly string[] => Array.isArray(value) && value.every(isString);

/**
 * The line a byPhysicianListing entry carries: a tombstone's own fields, or a live referral's fields beside its
 * PHYSICIAN_LISTING_ATTRIBUTE. Undefined when the entry has none or an incomplete one (written before listings
 * existed), or when its intake evidence does not decide the status under the trial as it is now.
 */
function physicianListingIn(item: Item): PhysicianListing | undefined {
  const { id, trialId, siteId, createdAt } = item;
  if (!isString(id) || !isString(trialId) || !isString(siteId) || !isString(createdAt)) return undefined;
  if (item['withdrawn'] === true) {
    const { withdrawnAt } = item;
    return isString(withdrawnAt) ? { id, withdrawn: true, trialId, siteId, createdAt, withdrawnAt } : undefined;
  }
  const { version, updatedAt, candidate, [PHYSICIAN_LISTING_ATTRIBUTE]: derived } = item;
  if (!isFiniteNumber(version) || !isString(updatedAt) || !isMap(derived)) return undefined;
  let candidateStatus: CandidateStatus | null = null;
  if (candidate !== undefined) {
    if (!isMap(candidate) || !isOneOf(CANDIDATE_STATUSES, candidate['status'])) return undefined;
    candidateStatus = candidate['status'];
  }
  const { verdict, score, missingData, intake: evidence } = derived;
  if (!isOneOf(VERDICTS, verdict) || !isFiniteNumber(score) || !isFiniteNumber(missingData) || !isMap(evidence)) return undefined;
  const { rules, checked, missing } = evidence;
  if (!isFiniteNumber(rules) || !isStringList(checked) || !isStringList(missing)) return undefined;
  const intake = intakeStatus(trialId, { rules, checked, missing });
  if (intake === undefined) return undefined;
  return { id, trialId, siteId, version, createdAt, updatedAt, intake, verdict, score, missingData, candidateStatus };
}

/** listDue's two queries, in the order they are read. */
const DUE_PHASES = ['older', 'dated'] as const;
type DuePhase = (typeof DUE_PHASES)[number];

export class DynamoReferralStore implements ReferralStore {
  private readonly table: Table;
  private readonly ledger: DynamoEnrolmentLedger;
  private readonly trialState: DynamoTrialStateStore;
  private readonly createOnce: DynamoCreateOnce;

  constructor(options: DynamoReferralStoreOptions) {
    this.table = new Table(options.client, options.tableName);
    this.ledger = new DynamoEnrolmentLedger(options.client, options.tableName);
    this.trialState = new DynamoTrialStateStore(this.table);
    this.createOnce = new DynamoCreateOnce(this.table, (id) => this.get(id));
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

  getTrialState(trialId: string): Promise<TrialState> {
    return this.trialState.getTrialState(trialId);
  }

  readRecruitment(trialId: string): Promise<{ state: TrialState; places: readonly PlaceClaim[] }> {
    return this.trialState.readRecruitment(trialId);
  }

  putTrialState(state: TrialState): Promise<void> {
    return this.trialState.putTrialState(state);
  }

  create(record: ReferralRecord): Promise<CreateOutcome> {
    return this.createOnce.create(record);
  }

  async get(id: string): Promise<StoredReferral | undefined> {
    const { Item: item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.name,
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
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
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

  async listByPhysician(physicianId: string, page: PageRequest): Promise<Page<PhysicianListing>> {
    const spec: QuerySpec = {
      indexName: 'byPhysicianListing',
      keyCondition: '#ipk = :pk',
      names: { '#ipk': 'physicianPk' },
      values: { ':pk': physicianPk(physicianId) },
      forward: false, // newest first
    };
    return this.pageOfLines(spec, page, (item) => this.physicianListingOf(item));
  }

  /** A page of an index whose entries are list lines: each entry read as one, those that no longer are dropped. */
  private async pageOfLines<T>(spec: QuerySpec, page: PageRequest, lineOf: (item: Item) => Promise<T | undefined>): Promise<Page<T>> {
    const listed = await this.table.page(spec, page, (item) => item);
    const items = await Promise.all(listed.items.map(lineOf));
    return { ...listed, items: items.filter((item): item is Awaited<T> => item !== undefined) };
  }

  /**
   * A byPhysicianListing entry as the physician's list shows it. An entry without a line that decides (written
   * before referrals carried their listing, or whose intake evidence the trial has outgrown) is read from the
   * referral itself; one whose referral is gone (index lag) is skipped.
   */
  private async physicianListingOf(item: Item): Promise<PhysicianListing | undefined> {
    const listing = physicianListingIn(item);
    if (listing !== undefined) return listing;
    const id = typeof item['id'] === 'string' ? item['id'] : undefined;
    if (id === undefined) throw new Error('a byPhysicianListing entry without a referral id');
    const stored = await this.get(id);
    return stored ? physicianListing(stored) : undefined;
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
      const result = await this.table.query(phases[phase], limit - items.length, startKey);
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

  async listPendingNotifications(olderThan: string, page: PageRequest): Promise<Page<PendingNotificationEntry>> {
    const spec: QuerySpec = {
      indexName: 'pendingNotifications',
      keyCondition: '#ipk = :pk AND #isk < :olderThan',
      names: { '#ipk': 'outboxPk', '#isk': 'outboxSk' },
      values: { ':pk': OUTBOX_PK, ':olderThan': olderThan },
      forward: true, // oldest first
    };
    return this.table.page(spec, page, pendingNotificationEntry);
  }

  async listCandidates(siteId: string, status: CandidateStatus | undefined, page: PageRequest): Promise<Page<CandidateListing>> {
    const spec: QuerySpec = {
      indexName: 'bySite',
      keyCondition: status === undefined ? '#ipk = :pk' : '#ipk = :pk AND begins_with(#isk, :status)',
      names: status === undefined ? { '#ipk': 'sitePk' } : { '#ipk': 'sitePk', '#isk': 'siteSk' },
      values: status === undefined ? { ':pk': sitePk(siteId) } : { ':pk': sitePk(siteId), ':status': siteStatusPrefix(status) },
      forward: true, // the inverted score sorts the best first
    };
    return this.pageOfLines(spec, page, (item) => this.listingOf(item));
  }

  /**
   * A bySite entry as the inbox lists it. Entries written before referrals carried their listing have none: one
   * from an index that still projects ALL (a local table created before) is derived from the copy it holds, any
   * other from the referral itself, which is then skipped if it has left the inbox meanwhile (index lag).
   */
  private async listingOf(item: Item): Promise<CandidateListing | undefined> {
    const listing = listingIn(item);
    if (listing !== undefined) return listing;
    if (DOCUMENT_ATTRIBUTE in item || ('latest' in item && 'profile' in item)) return candidateListing(asRecord(fromItem(item)));
    const id = typeof item['id'] === 'string' ? item['id'] : undefined;
    if (id === undefined) throw new Error('a bySite entry without a referral id');
    const stored = await this.get(id);
    return stored && !isTombstone(stored) && stored.candidate ? candidateListing(stored) : undefined;
  }

  async countCandidates(siteId: string, status: CandidateStatus): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.name,
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
}

/** A pendingNotifications entry: the referral's id (from its key) and its trial (projected). */
function pendingNotificationEntry(item: Item): PendingNotificationEntry {
  const id = referralIdOf(item[TABLE_DESIGN.partitionKey]);
  const trialId = item['trialId'];
  if (id === undefined || typeof trialId !== 'string') throw new Error('a pendingNotifications entry without a referral id or trial');
  return { id, trialId };
}

/** Only live referrals are in the review, outbox and site indexes (item-keys.ts leaves tombstones out of them). */
function asRecord(referral: StoredReferral): ReferralRecord {
  if (isTombstone(referral)) throw new Error(`tombstone ${referral.id} found in a live-referral index`);
  return referral;
}
