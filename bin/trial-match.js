#!/usr/bin/env node
// The `trial-match` command. The CLI is TypeScript run through tsx (a dependency), so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
