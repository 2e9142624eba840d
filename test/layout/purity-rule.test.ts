/**
 * The lint rule that keeps the layers pointing one way, shown to bite: sources that reach outwards from the domain,
 * the ports or the use cases are linted as if they lived there, with the project's own eslint.config.js, and each
 * reach is reported; what the layers may import passes.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The layer rules' findings (a probe's unused imports are no concern here), as `rule@line`. */
const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-globals', 'no-restricted-syntax', 'no-console']);

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  const unreadable = messages.find((message) => message.ruleId === null);
  if (unreadable) throw new Error(`the probe does not parse: ${unreadable.message}`);
  return messages.filter((message) => LAYER_RULES.has(message.ruleId ?? '')).map((message) => `${message.ruleId}@${message.line}`);
}

const OUTWARD = [
  "import { problems } from '#http/problem.js';",
  "import { isTransientAwsError } from '#adapters/aws-errors.js';",
  "import { ENVIRONMENT } from '#composition/environment.js';",
  "import { createLogger } from '#adapters/logger.js';",
  "import type { APIGatewayProxyEventV2 } from 'aws-lambda';",
  "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
  "import { Logger } from '@aws-lambda-powertools/logger';",
  "import { readFileSync } from 'node:fs';",
  "import { request } from 'https';",
  "export { handler } from '#functions/get-trial/handler.js';",
];
const IMPURE = ['export const region = process.env.AWS_REGION;', 'export const today = new Date();', 'export const at = Date.now();', "console.log('screened');", 'export const id = Math.random();'];
const lines = (code: readonly string[]) => code.join('\n');

describe.each([
  ['the domain', 'shared/referral/probe.ts'],
  ['the engine, deep inside', 'shared/screening/rules/serology/probe.ts'],
  ['the ports', 'shared/ports/probe.ts'],
  ['the use cases', 'shared/use-cases/probe.ts'],
])('%s', (_layer, filePath) => {
  const depth = filePath.split('/').length - 3;
  const fromHere = (code: string) => code.replaceAll("'../", `'${'../'.repeat(depth + 1)}`);

  it('may not reach HTTP, adapters, composition, logging, AWS, Lambda, Node I/O or the handlers', async () => {
    const code = OUTWARD.map(fromHere);
    const found = await violations(filePath, lines(code));
    expect(found).toEqual(code.map((_, index) => `no-restricted-imports@${index + 1}`));
  });

  it('reads no environment, clock or randomness of its own, and writes no log lines', async () => {
    const found = await violations(filePath, lines(IMPURE));
    expect(found).toEqual(['no-restricted-globals@1', 'no-restricted-syntax@2', 'no-restricted-syntax@3', 'no-console@4', 'no-restricted-syntax@5']);
  });

  it('may use the domain and a date it is given', async () => {
    const code = [
      fromHere("import type { TrialDefinition } from '#trial/definition.js';"),
      fromHere("import { isTombstone } from '#referral/record.js';"),
      "import * as z from 'zod/mini';",
      'export const asOf = (iso: string): Date => new Date(iso);',
      'export type T = TrialDefinition;',
      'export const schema = z.string();',
      'export const tombstone = isTombstone;',
    ];
    expect(await violations(filePath, lines(code))).toEqual([]);
  });
});

describe('direction inside', () => {
  it('the domain knows neither the ports nor the use cases', async () => {
    const code = ["import type { Clock } from '#ports/runtime.js';", "import { notFound } from '#use-cases/problems.js';"];
    expect(await violations('shared/referral/probe.ts', lines(code))).toEqual(['no-restricted-imports@1', 'no-restricted-imports@2']);
  });

  it('the ports do not know the use cases', async () => {
    expect(await violations('shared/ports/probe.ts', "import type { Dependencies } from '#use-cases/dependencies.js';")).toEqual(['no-restricted-imports@1']);
  });

  it('the use cases call ports and may wait between retries, and nothing else of Node', async () => {
    const code = ["import type { Clock } from '#ports/runtime.js';", "import { setTimeout } from 'node:timers/promises';", "import { randomUUID } from 'node:crypto';"];
    expect(await violations('shared/use-cases/probe.ts', lines(code))).toEqual(['no-restricted-imports@3']);
  });
});
