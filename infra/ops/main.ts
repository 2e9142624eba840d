/**
 * Operator commands for a deployed stack (RUNBOOK.md), run with the operator's own credentials:
 *
 *   npm run ops -- redrive-dead-letters --region cn-north-1 --from <dead-letter queue URL> --to <queue URL> [--max N]
 *   npm run ops -- reapply-withdrawals --region cn-north-1 --restored-table <name>
 *                   [--from-table <name of the table's latest state>] [--from-log <get-query-results output.json>]
 *                   [--dry-run]
 *   npm run ops -- replace-table-contents --region cn-north-1 --from <restored table> --to <stack's table>
 *                   [--keep-newer] [--dry-run]
 *   npm run ops -- map-stack --map <the function's unzipped code package, or one .map of it> < pasted-stack.txt
 *
 * The region is always named: these commands touch patients' data and must not follow a profile's default.
 * map-stack touches nothing deployed: it reads a stack on standard input and prints it with each frame in its source.
 */
import { documentClientFor } from '#adapters/dynamodb/document-client.js';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoReferralStore } from '#adapters/dynamodb/referral-store.js';
import { systemClock } from '#adapters/runtime/system.js';
import { redriveDeadLetters } from './redrive-dead-letters.js';
import { reapplyWithdrawals, withdrawalsFromLogQuery, withdrawalsInTable, type Withdrawal } from './reapply-withdrawals.js';
import { replaceTableContents } from './replace-table-contents.js';
import { mapStack } from './map-stack.js';

export type OpsCommand =
  | { readonly name: 'redrive-dead-letters'; readonly region: string; readonly from: string; readonly to: string; readonly max?: number }
  | {
      readonly name: 'reapply-withdrawals';
      readonly region: string;
      readonly restoredTable: string;
      readonly fromTables: readonly string[];
      readonly fromLogs: readonly string[];
      readonly dryRun: boolean;
    }
  | {
      readonly name: 'replace-table-contents';
      readonly region: string;
      readonly from: string;
      readonly to: string;
      readonly keepNewer: boolean;
      readonly dryRun: boolean;
    }
  | { readonly name: 'map-stack'; readonly map: string };

const COMMANDS = ['redrive-dead-letters', 'reapply-withdrawals', 'replace-table-contents', 'map-stack'] as const;

export function parseOpsCommand(argv: readonly string[]): OpsCommand {
  const [name, ...rest] = argv;
  if (!(COMMANDS as readonly (string | undefined)[]).includes(name)) {
    throw new Error(`unknown command ${name ?? '(none)'}: ${COMMANDS.join(' or ')}`);
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      region: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      max: { type: 'string' },
      'restored-table': { type: 'string' },
      'from-table': { type: 'string', multiple: true },
      'from-log': { type: 'string', multiple: true },
      'dry-run': { type: 'boolean', default: false },
      'keep-newer': { type: 'boolean', default: false },
      map: { type: 'string' },
    },
    strict: true,
  });
  if (name === 'map-stack') return { name, map: required(values.map, "--map (the function's unzipped code package, or one .map of it)") };
  const region = required(values.region, '--region');
  if (name === 'redrive-dead-letters') {
    const max = values.max === undefined ? undefined : Number(values.max);
    if (max !== undefined && (!Number.isInteger(max) || max < 1)) throw new Error('--max must be a positive integer');
    return {
      name,
      region,
      from: required(values.from, '--from (the dead-letter queue URL)'),
      to: required(values.to, '--to (the queue URL to move the messages back to)'),
      ...(max === undefined ? {} : { max }),
    };
  }
  if (name === 'reapply-withdrawals') {
    const fromTables = values['from-table'] ?? [];
    const fromLogs = values['from-log'] ?? [];
    if (fromTables.length + fromLogs.length === 0) {
      throw new Error('name where the withdrawals are recorded: --from-table <latest state> and/or --from-log <file>');
    }
    return {
      name,
      region,
      restoredTable: required(values['restored-table'], '--restored-table'),
      fromTables,
      fromLogs,
      dryRun: values['dry-run'] ?? false,
    };
  }
  if (name === 'replace-table-contents') {
    return {
      name,
      region,
      from: required(values.from, '--from (the restored table)'),
      to: required(values.to, "--to (the stack's table, TableName in the stack outputs)"),
      keepNewer: values['keep-newer'] ?? false,
      dryRun: values['dry-run'] ?? false,
    };
  }
  throw new Error(`unhandled command ${String(name)}`);
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new Error(`${flag} is required`);
  return value;
}

async function run(command: OpsCommand): Promise<unknown> {
  if (command.name === 'map-stack') return mapStack(readFileSync(0, 'utf8'), command.map);
  if (command.name === 'redrive-dead-letters') {
    const sqs = new SQSClient({ region: command.region });
    return redriveDeadLetters(sqs, command.from, command.to, command.max === undefined ? {} : { maxMessages: command.max });
  }
  const document = documentClientFor(new DynamoDBClient({ region: command.region }));
  if (command.name === 'replace-table-contents') {
    return replaceTableContents(document, command.from, command.to, { keepNewer: command.keepNewer, dryRun: command.dryRun });
  }
  const withdrawals: Withdrawal[] = [];
  for (const table of command.fromTables) withdrawals.push(...(await withdrawalsInTable(document, table)));
  for (const file of command.fromLogs) withdrawals.push(...withdrawalsFromLogQuery(readFileSync(file, 'utf8')));
  const store = new DynamoReferralStore({ client: document, tableName: command.restoredTable, clock: systemClock });
  const report = await reapplyWithdrawals(store, withdrawals, { dryRun: command.dryRun });
  const byOutcome: Record<string, string[]> = {};
  for (const [id, outcome] of report.outcomes) (byOutcome[outcome] ??= []).push(id);
  return { dryRun: report.dryRun, withdrawalsRead: withdrawals.length, ...byOutcome };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  try {
    const result = await run(parseOpsCommand(process.argv.slice(2)));
    console.log(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
