#!/usr/bin/env node
// The `trial-match` command: the bundle `npm ci` builds (scripts/build-cli.mjs, run by `prepare`) starts in well
// under half a second. A checkout that has not been built yet falls back to running the TypeScript through tsx.
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const built = new URL('../dist/cli/trial-match.mjs', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('#cli/main.ts');
}
