/**
 * The audit trail on DynamoDB: one item per access, in the site's partition (`AUDIT#<siteId>`), sorted by time
 * (`<at>#<random>`), so the site's entries are one Query, newest first, optionally bounded in time. Entries expire
 * (TTL) after AUDIT_RETENTION_YEARS. Appends are unconditional single-item puts under keys nothing else uses; the
 * deployed read-only functions may write only keys starting with `AUDIT#` (infra/stack/permissions.ts).
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditQuery, AuditTrail } from '#ports/audit-trail.js';
import type { Role } from '#auth/principal.js';
import { AUDIT_ACTIONS, type AuditEntry, type PurposeOfUse } from '#referral/audit-entry.js';
import type { Page, PageRequest } from '#ports/referral-store.js';
import { decodeCursor, encodeCursor, type StartKey } from './cursor.js';
import { auditPk } from './item-keys.js';
import { isOneOf, isString, MalformedItemError } from './stored-fields.js';
import { TABLE_DESIGN } from './table-design.js';

/**
 * HIPAA asks covered entities to keep their security documentation six years (§164.316(b)(2)); the audit trail is
 * kept as long. A trial site with a longer legal retention changes this number.
 */
export const AUDIT_RETENTION_YEARS = 6;

const ROLES = ['physician', 'coordinator'] as const satisfies readonly Role[];
const PURPOSES = ['TREAT', 'CLINTRCH'] as const satisfies readonly PurposeOfUse[];

/** An entry as `record` wrote it, without its key and expiry attributes. */
function auditEntryIn(item: Record<string, unknown>): AuditEntry {
  const { siteId, at, actor, role, action, purpose, referralIds } = item;
  const malformed = (field: string) => new MalformedItemError('audit entry', field);
  if (!isString(siteId)) throw malformed('siteId');
  if (!isString(at)) throw malformed('at');
  if (!isString(actor)) throw malformed('actor');
  if (!isOneOf(ROLES, role)) throw malformed('role');
  if (!isOneOf(AUDIT_ACTIONS, action)) throw malformed('action');
  if (!isOneOf(PURPOSES, purpose)) throw malformed('purpose');
  if (!Array.isArray(referralIds) || !referralIds.every(isString)) throw malformed('referralIds');
  return { siteId, at, actor, role, action, purpose, referralIds: [...referralIds] };
}

export class DynamoAuditTrail implements AuditTrail {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const expiresAt = new Date(entry.at);
    expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + AUDIT_RETENTION_YEARS);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          [TABLE_DESIGN.partitionKey]: auditPk(entry.siteId),
          [TABLE_DESIGN.sortKey]: `${entry.at}#${randomUUID()}`,
          siteId: entry.siteId,
          at: entry.at,
          actor: entry.actor,
          role: entry.role,
          action: entry.action,
          purpose: entry.purpose,
          referralIds: [...entry.referralIds],
          [TABLE_DESIGN.timeToLiveAttribute]: Math.floor(expiresAt.getTime() / 1000),
        },
      }),
    );
  }

  async list(siteId: string, query: AuditQuery, page: PageRequest): Promise<Page<AuditEntry>> {
    const pk = auditPk(siteId);
    const names: Record<string, string> = { '#pk': TABLE_DESIGN.partitionKey };
    const values: Record<string, unknown> = { ':pk': pk };
    let keyCondition = '#pk = :pk';
    if (query.from !== undefined || query.to !== undefined) {
      names['#sk'] = TABLE_DESIGN.sortKey;
      // `~` sorts after every `#<uuid>` suffix, so an entry at exactly `to` is included.
      values[':from'] = query.from ?? '0';
      values[':to'] = `${query.to ?? '9999'}~`;
      keyCondition += ' AND #sk BETWEEN :from AND :to';
    }
    if (query.referralId !== undefined) values[':referral'] = query.referralId;
    const startKey: StartKey | undefined =
      page.cursor === undefined
        ? undefined
        : decodeCursor(page.cursor, {
            keyAttributes: [TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey],
            partition: { name: TABLE_DESIGN.partitionKey, value: pk },
          }).key;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: keyCondition,
        ...(query.referralId === undefined ? {} : { FilterExpression: 'contains(referralIds, :referral)' }),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: page.limit,
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    const items = (result.Items ?? []).map(auditEntryIn);
    const last = result.LastEvaluatedKey as StartKey | undefined;
    return last ? { items, cursor: encodeCursor({ key: last }) } : { items };
  }
}
