/** The operator commands' arguments: the region is always named, and each command says what it lacks. */
import { describe, expect, it } from 'vitest';
import { parseOpsCommand } from '#infra/ops/main.js';

describe('npm run ops', () => {
  it('reads a redrive', () => {
    expect(parseOpsCommand(['redrive-dead-letters', '--region', 'cn-north-1', '--from', 'https://dlq', '--to', 'https://q', '--max', '5'])).toEqual({
      name: 'redrive-dead-letters',
      region: 'cn-north-1',
      from: 'https://dlq',
      to: 'https://q',
      max: 5,
    });
  });

  it('reads a re-application of withdrawals from a table and a log', () => {
    expect(
      parseOpsCommand([
        'reapply-withdrawals',
        '--region=cn-north-1',
        '--restored-table=restored',
        '--from-table=live',
        '--from-log=withdrawals.json',
        '--dry-run',
      ]),
    ).toEqual({
      name: 'reapply-withdrawals',
      region: 'cn-north-1',
      restoredTable: 'restored',
      fromTables: ['live'],
      fromLogs: ['withdrawals.json'],
      dryRun: true,
    });
  });

  it('refuses a missing region, a missing source of withdrawals, and unknown commands or flags', () => {
    expect(() => parseOpsCommand(['redrive-dead-letters', '--from', 'a', '--to', 'b'])).toThrow(/--region/);
    expect(() => parseOpsCommand(['reapply-withdrawals', '--region', 'cn-north-1', '--restored-table', 'r'])).toThrow(/--from-table/);
    expect(() => parseOpsCommand(['restore', '--region', 'cn-north-1'])).toThrow(/unknown command/);
    expect(() => parseOpsCommand(['redrive-dead-letters', '--region', 'x', '--form', 'a'])).toThrow();
  });
});
