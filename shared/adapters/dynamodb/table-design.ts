/**
 * The one table's keys and indexes: the single source of truth that the CDK stack and the local stack (dynalite)
 * both build the table from. All keys are strings.
 *
 * Access patterns:
 * - referral by id ................ pk = REFERRAL#<id>, sk = REFERRAL
 * - referrals by physician ........ byPhysician: PHYSICIAN#<sub> / <createdAt>#<id>       (newest first)
 * - candidates by site, ranked .... bySite: SITE#<siteId> / <status>#<inverted score>#<id>  (present once recorded)
 * - due for rescreening ........... byReview: REVIEW#<trialId> / v<criteriaVersion>#<reviewAt|~>#<id>
 *                                   (a query reads only the due range: old criteria versions, or reviewAt <= today)
 * - pending notifications ......... outbox: OUTBOX / <pendingSince>#<id>                   (sparse: only pending)
 * - trial state ................... pk = TRIAL#<trialId>, sk = STATE
 * - enrolment ledger .............. pk = TRIAL#<trialId>, sk = ENROLMENT   (the places of the target, see enrolment-ledger.ts)
 * - audit trail of a site ......... pk = AUDIT#<siteId>, sk = <at>#<uuid>    (newest first; expires after the retention)
 */
export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Expiry (epoch seconds) of audit entries, past their retention; DynamoDB TTL deletes them. */
  timeToLiveAttribute: 'expiresAt',
  indexes: [
    { indexName: 'byPhysician', partitionKey: 'physicianPk', sortKey: 'physicianSk' },
    { indexName: 'bySite', partitionKey: 'sitePk', sortKey: 'siteSk' },
    { indexName: 'byReview', partitionKey: 'reviewPk', sortKey: 'reviewSk' },
    { indexName: 'outbox', partitionKey: 'outboxPk', sortKey: 'outboxSk' },
  ],
} as const;

export type IndexName = (typeof TABLE_DESIGN.indexes)[number]['indexName'];
