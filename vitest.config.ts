import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration and e2e suites start their own dynalite and HTTP servers on ephemeral ports,
    // so files can run in parallel; two cores is the CI machine, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          // The CDK tests share one module cache per worker: aws-cdk-lib's lazily loaded modules load once, and each
          // partition's app is synthesized once (test/infra/support/synth.ts) for every file that asserts on it.
          // No test mutates a shared app (a test that adds to an app builds its own).
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'service', include: ['test/**/*.test.ts'], exclude: ['test/infra/**', '**/node_modules/**'] },
      },
    ],
  },
});
