/**
 * The one table's keys and indexes: the single source of truth that the CDK stack and the local stack (dynalite)
 * both build the table from. All keys are strings.
 *
 * Access patterns:
 * - referral by id ................ pk = REFERRAL#<id>, sk = REFERRAL
 * - referrals by physician ........ byPhysician: PHYSICIAN#<sub> / <createdAt>#<id>       (newest first)
 * - candidates by site, ranked .... bySite: SITE#<siteId> / <status>#<inverted score>#<id>  (present once recorded;
 *                                   projects only the inbox listing, see INBOX_LISTING)
 * - due for rescreening ........... byReview: REVIEW#<trialId> / v<criteriaVersion>#<reviewAt|~>#<id>
 *                                   (a query reads only the due range: old criteria versions, or reviewAt <= today)
 * - pending notifications ......... outbox: OUTBOX / <pendingSince>#<id>                   (sparse: only pending)
 * - trial state ................... pk = TRIAL#<trialId>, sk = STATE
 * - enrolment ledger .............. pk = TRIAL#<trialId>, sk = ENROLMENT   (the places of the target, see enrolment-ledger.ts)
 * - audit trail of a site ......... pk = AUDIT#<siteId>, sk = <at>#<uuid>    (newest first; expires after the retention)
 *
 * Projections: an index that its readers use to rebuild whole referrals (the physician's list, rescreening, the
 * outbox sweep) projects ALL. The site inbox shows a line per candidate, so bySite carries only that line: a page
 * of it reads (and, on AWS, is charged for) about 0.3 KB per candidate instead of the whole referral (~13 KB), and
 * a write copies the line, not the referral, into it. Projections are fixed once an index exists: on a deployed
 * table a change is a new index under a new name (CloudFormation adds or removes one index per update).
 */
export type IndexProjection =
  | { readonly type: 'ALL' }
  | { readonly type: 'INCLUDE'; readonly nonKeyAttributes: readonly string[] };

/** The item attribute holding the inbox facts derived from the profile and the screening (candidate-listing.ts). */
export const INBOX_LISTING_ATTRIBUTE = 'inbox';

/** What bySite projects besides the keys: the referral's own fields the inbox shows, and the derived listing. */
export const INBOX_LISTING: IndexProjection = {
  type: 'INCLUDE',
  nonKeyAttributes: ['id', 'trialId', 'siteId', 'updatedAt', 'candidate', INBOX_LISTING_ATTRIBUTE],
};

const ALL: IndexProjection = { type: 'ALL' };

export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Expiry (epoch seconds) of audit entries, past their retention; DynamoDB TTL deletes them. */
  timeToLiveAttribute: 'expiresAt',
  indexes: [
    { indexName: 'byPhysician', partitionKey: 'physicianPk', sortKey: 'physicianSk', projection: ALL },
    { indexName: 'bySite', partitionKey: 'sitePk', sortKey: 'siteSk', projection: INBOX_LISTING },
    { indexName: 'byReview', partitionKey: 'reviewPk', sortKey: 'reviewSk', projection: ALL },
    { indexName: 'outbox', partitionKey: 'outboxPk', sortKey: 'outboxSk', projection: ALL },
  ],
} as const;

export type IndexName = (typeof TABLE_DESIGN.indexes)[number]['indexName'];
export type IndexDesign = (typeof TABLE_DESIGN.indexes)[number];
