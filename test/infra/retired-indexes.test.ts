/**
 * A retired index (table-design.ts RETIRED_INDEXES) is in the table only when a deployment asks to keep it
 * (`-c retainIndexes=byPhysician`, RUNBOOK §3), so a stack deployed while it existed makes one index change per update.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import { TABLE_DESIGN } from '#adapters/dynamodb/table-design.js';
import { ReferralData } from '#infra/stack/data.js';
import { resolveRetainIndexes } from '#infra/stack/settings.js';

const indexNamesOf = (retainIndexes: readonly ('byPhysician' | 'outbox')[] | undefined): string[] => {
  const stack = new Stack(new App(), 'Data');
  new ReferralData(stack, 'Data', { key: new kms.Key(stack, 'Key'), deletionProtection: true, ...(retainIndexes ? { retainIndexes } : {}) });
  const [table] = Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::Table'));
  const indexes = (table?.['Properties'] as { GlobalSecondaryIndexes: { IndexName: string; Projection: unknown }[] }).GlobalSecondaryIndexes;
  return indexes.map((index) => index.IndexName);
};

describe('retired indexes', () => {
  it('are left out by default, and kept beside the design when asked for', () => {
    const designed = TABLE_DESIGN.indexes.map((index) => index.indexName);
    expect(indexNamesOf(undefined)).toEqual(designed);
    expect(indexNamesOf(['byPhysician'])).toEqual([...designed, 'byPhysician']);
    expect(indexNamesOf(['outbox'])).toEqual([...designed, 'outbox']);
  });

  it('are named from the context, and an unknown name is refused', () => {
    const context = (values: Record<string, string>) => (key: string) => values[key];
    expect(resolveRetainIndexes(context({}))).toEqual([]);
    expect(resolveRetainIndexes(context({ retainIndexes: 'byPhysician' }))).toEqual(['byPhysician']);
    expect(resolveRetainIndexes(context({ retainIndexes: 'outbox' }))).toEqual(['outbox']);
    expect(() => resolveRetainIndexes(context({ retainIndexes: 'bySite' }))).toThrow(/no retired index bySite/);
  });
});
