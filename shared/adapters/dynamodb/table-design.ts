/**
 * The one table's keys and indexes: the single source of truth that the CDK stack and the local stack (dynalite)
 * both build the table from. All keys are strings.
 *
 * Access patterns:
 * - referral by id ................ pk = REFERRAL#<id>, sk = REFERRAL
 * - referrals by physician ........ byPhysicianListing: PHYSICIAN#<sub> / <createdAt>#<id> (newest first; projects
 *                                   only the physician's listing, see PHYSICIAN_LISTING)
 * - candidates by site, ranked .... bySite: SITE#<siteId> / <status>#<inverted score>#<id>  (present once recorded;
 *                                   projects only the inbox listing, see INBOX_LISTING)
 * - due for rescreening ........... byReview: REVIEW#<trialId> / v<criteriaVersion>#<reviewAt|~>#<id>
 *                                   (a query reads only the due range: old criteria versions, or reviewAt <= today)
 * - pending notifications ......... pendingNotifications: OUTBOX / <pendingSince>#<id>     (sparse: only pending;
 *                                   projects only the keys and the trial, see OUTBOX_ENTRY)
 * - trial state ................... pk = TRIAL#<trialId>, sk = STATE
 * - enrolment ledger .............. pk = TRIAL#<trialId>, sk = ENROLMENT   (the places of the target, see enrolment-ledger.ts)
 * - audit trail of a site ......... pk = AUDIT#<siteId>, sk = <at>#<uuid>    (newest first; expires after the retention)
 *
 * Projections: an index that its readers use to rebuild whole referrals (rescreening) projects ALL. The outbox sweep
 * reads each pending referral consistently before it publishes, so pendingNotifications carries only the keys and the
 * trial: the write that opens a notification and the consumer's write that clears it copy a few bytes into or out of
 * it instead of the whole referral (~3 KB: 3 write units each on AWS; ~8–13 KB before its bulk was compressed into one
 * document attribute), for an index that is normally empty. The
 * site inbox and the physician's list show a line per referral, so bySite and byPhysicianListing carry only that
 * line: a page reads (and, on AWS, is charged for) well under 1 KB per referral instead of the whole referral
 * (~3 KB), and a write copies the line, not the referral, into the index. Lines of items written before their
 * listing existed are read from the referral itself.
 *
 * Projections are fixed once an index exists: on a deployed table a change is a new index under a new name, and
 * CloudFormation adds or removes one index per update (RUNBOOK §3, "Changing the table's indexes"). That is why the
 * physician's index is byPhysicianListing and not byPhysician with another projection, and the outbox's is
 * pendingNotifications and not outbox. Each *replaces* its predecessor (byPhysician, outbox: both projected ALL)
 * in one change rather than being added beside it: no stack has ever been deployed, so no table holds either and
 * nothing has to be kept readable while a new index backfills, and keeping the old index
 * would copy every referral (then ~13 KB) into an index no reader uses, on every write, for good. A stack deployed before
 * such a change ships it in two deployments (RUNBOOK §3), with RETIRED_INDEXES below keeping the old index for the
 * first.
 */
export type IndexProjection =
  | { readonly type: 'ALL' }
  | { readonly type: 'INCLUDE'; readonly nonKeyAttributes: readonly string[] };

/**
 * The item attribute holding a live referral's profile, screenings and kept first reply, gzip-compressed JSON
 * (referral-document.ts). byReview projects it with the rest; no other index does.
 */
export const DOCUMENT_ATTRIBUTE = 'document';

/** The item attribute holding the inbox facts derived from the profile and the screening (candidate-listing.ts). */
export const INBOX_LISTING_ATTRIBUTE = 'inbox';

/** What bySite projects besides the keys: the referral's own fields the inbox shows, and the derived listing. */
export const INBOX_LISTING: IndexProjection = {
  type: 'INCLUDE',
  nonKeyAttributes: ['id', 'trialId', 'siteId', 'updatedAt', 'candidate', INBOX_LISTING_ATTRIBUTE],
};

/** The item attribute holding the physician's-list facts derived from the profile and screening (referral-listing.ts). */
export const PHYSICIAN_LISTING_ATTRIBUTE = 'physicianListing';

/**
 * What byPhysicianListing projects besides the keys: the record's own fields a line shows (a tombstone's included:
 * `withdrawn`, `withdrawnAt`), the candidate state for its status, and the derived listing.
 */
export const PHYSICIAN_LISTING: IndexProjection = {
  type: 'INCLUDE',
  nonKeyAttributes: ['id', 'trialId', 'siteId', 'version', 'createdAt', 'updatedAt', 'candidate', 'withdrawn', 'withdrawnAt', PHYSICIAN_LISTING_ATTRIBUTE],
};

/**
 * What pendingNotifications projects besides the keys (the referral's id is in its key): the trial, so that the sweep
 * reads no referral whose trial's recruitment holds its notification. While recruitment is paused or full the held
 * notifications stay in the outbox, and every sweep (each 15 minutes) would otherwise read each of them whole for
 * nothing. Everything else the sweep decides on (still pending, still past the grace period, not withdrawn) it reads
 * from the referral itself, consistently, since the index is eventually consistent.
 */
export const OUTBOX_ENTRY: IndexProjection = { type: 'INCLUDE', nonKeyAttributes: ['trialId'] };

const ALL: IndexProjection = { type: 'ALL' };

export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Expiry (epoch seconds) of audit entries, past their retention; DynamoDB TTL deletes them. */
  timeToLiveAttribute: 'expiresAt',
  indexes: [
    { indexName: 'byPhysicianListing', partitionKey: 'physicianPk', sortKey: 'physicianSk', projection: PHYSICIAN_LISTING },
    { indexName: 'bySite', partitionKey: 'sitePk', sortKey: 'siteSk', projection: INBOX_LISTING },
    { indexName: 'byReview', partitionKey: 'reviewPk', sortKey: 'reviewSk', projection: ALL },
    { indexName: 'pendingNotifications', partitionKey: 'outboxPk', sortKey: 'outboxSk', projection: OUTBOX_ENTRY },
  ],
} as const;

export type IndexName = (typeof TABLE_DESIGN.indexes)[number]['indexName'];

/**
 * Indexes the design no longer has, as they were, so that a stack deployed while it had one can keep it for one more
 * deployment (`-c retainIndexes=<name>`, RUNBOOK §3) while the index that replaces it is created: CloudFormation
 * takes one index change per update. Nothing reads them and no function may query them.
 */
export const RETIRED_INDEXES = [
  { indexName: 'byPhysician', partitionKey: 'physicianPk', sortKey: 'physicianSk', projection: ALL },
  // Replaced by pendingNotifications (the same keys, projecting only the trial).
  { indexName: 'outbox', partitionKey: 'outboxPk', sortKey: 'outboxSk', projection: ALL },
] as const satisfies readonly { indexName: string; partitionKey: string; sortKey: string; projection: IndexProjection }[];

export type RetiredIndexName = (typeof RETIRED_INDEXES)[number]['indexName'];
export type IndexDesign = (typeof TABLE_DESIGN.indexes)[number];
