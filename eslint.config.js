// @ts-check
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * The layers point one way: the domain (trial, profile, screening, units, fhir, referral) and the application
 * (use cases and the ports they talk through) reach the world only through ports, so they never import an SDK, a
 * Lambda or HTTP type, a Node builtin that does I/O, an adapter, the composition roots or the HTTP edge; they read
 * no environment, clock or randomness of their own and write no log lines. Options of one rule do not merge across
 * config objects, so each layer's block states its whole list.
 */
const OUTER_ROOMS = ['adapters', 'composition', 'http', 'observability', 'functions', 'infra', 'local', 'cli', 'bench', 'scripts', 'test'];

/** An import that reaches one of `rooms`, by alias or by a climb (`#http/problem.js`, `../../../adapters/…`). */
const reaching = (rooms, message) => ({ regex: `^(?:(\\.\\./)+|#)(${rooms.join('|')})(/|$)`, message });

const purity = ({ inner = [], allowedBuiltins = [] }) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: builtinModules
        .filter((name) => !name.startsWith('_'))
        .map((name) => ({ name, message: 'Node builtins do I/O: reach the world through a port (and import builtins as node:…).' })),
      patterns: [
        {
          regex: allowedBuiltins.length === 0 ? '^node:' : `^node:(?!(${allowedBuiltins.join('|')})$)`,
          message: 'Node builtins do I/O: reach the world through a port (shared/ports) implemented by an adapter.',
        },
        {
          group: ['@aws-sdk/*', '@smithy/*', '@aws-lambda-powertools/*', 'aws-lambda', 'aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'dynalite'],
          message: 'AWS, Lambda and the deployment belong to adapters, handlers and infra, behind ports.',
        },
        reaching(OUTER_ROOMS, 'This layer does not know the edges (HTTP, adapters, composition, logging): depend on a port or return a neutral result.'),
        ...(inner.length === 0 ? [] : [reaching(inner, 'A lower layer does not depend on a higher one.')]),
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'process', message: 'No environment or process state here: configuration is read by the composition roots.' },
    { name: 'fetch', message: 'No I/O here: reach the world through a port.' },
    { name: 'crypto', message: 'No randomness here: ids come from the IdGenerator port.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No clock here: time comes from the Clock port (or an as-of date).' },
    { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'No clock here: time comes from the Clock port.' },
    { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'No randomness here: ids come from the IdGenerator port.' },
  ],
  // Logs go through the UseCaseEvents port, whose adapter keeps patient data out of them.
  'no-console': 'error',
});

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'dist/', '.local-data/', 'coverage/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The domain is pure: no I/O, and no knowledge of the use cases or the ports above it.
    files: ['shared/trial/**', 'shared/profile/**', 'shared/screening/**', 'shared/units/**', 'shared/fhir/**', 'shared/referral/**'],
    rules: purity({ inner: ['use-cases', 'ports'] }),
  },
  {
    // The ports: interfaces the use cases call and the adapters implement; they know the domain, not the use cases.
    files: ['shared/ports/**'],
    rules: purity({ inner: ['use-cases'] }),
  },
  {
    // The use cases orchestrate the domain over ports. Waiting (a backoff between retries) is not I/O.
    files: ['shared/use-cases/**'],
    rules: purity({ allowedBuiltins: ['timers/promises'] }),
  },
);
