import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Tags } from 'aws-cdk-lib';
import { REPOSITORY_ROOT } from './function-factory.js';
import { addNagPacks } from './nag.js';
import { resolveDeploymentSettings, type DeploymentSettings } from './settings.js';
import { TrialMatchStack } from './trial-match-stack.js';

export const STACK_NAME = 'TrialMatch';

export interface BuildAppOptions {
  /** CDK context (`-c key=value`): region, alarmEmail, apiDomain, apiCertificateArn, jwtIssuer, ... */
  readonly context?: Readonly<Record<string, unknown>>;
  /**
   * false skips esbuild (CDK's `aws:cdk:bundling-stacks` = []): the template is the same, the assets are empty.
   * Tests use it; a deployment never does.
   */
  readonly bundling?: boolean;
  /** The environment variables CDK reads (CDK_DEFAULT_ACCOUNT); defaults to process.env. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Where the cloud assembly goes; CDK's default (cdk.out, or the CLI's choice) when absent. */
  readonly outdir?: string;
}

export interface TrialMatchApp {
  readonly app: App;
  readonly stack: TrialMatchStack;
  readonly settings: DeploymentSettings;
}

/**
 * The context pinned in cdk.json (the feature flags). The CLI passes it to the app; the tests build the app without
 * the CLI, so the app reads the same file itself and both synthesize under the same flags.
 */
export function pinnedContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/**
 * The whole CDK app, with both nag packs registered: `infra/app.ts` synthesizes it for the CLI, and the infra
 * tests build the very same app.
 */
export function buildApp(options: BuildAppOptions = {}): TrialMatchApp {
  const app = new App({
    context: {
      ...pinnedContext(),
      ...options.context,
      ...(options.bundling === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
    },
    ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
  });
  const settings = resolveDeploymentSettings((key) => app.node.tryGetContext(key), options.environment ?? process.env);
  const stack = new TrialMatchStack(app, STACK_NAME, {
    // Without an account the synth stays environment-agnostic (works offline); the region is always concrete, so
    // the partition (aws / aws-cn) and the identity provider are decided at synth time.
    env: { region: settings.region, ...(settings.account === undefined ? {} : { account: settings.account }) },
    description: 'trial-match: screens referred patients against clinical trial NCT05212584',
    // Deleting the stack is a decision for two people and a console, not a stray `cdk destroy`.
    terminationProtection: true,
    settings,
  });
  // Where the data may live, and on what basis it left the sites' jurisdiction if it did: visible on every resource.
  Tags.of(stack).add('trial-match:data-residency', settings.residency.jurisdictions.map((j) => j.country).join(','));
  if (settings.residency.crossBorderTransfer !== undefined) {
    Tags.of(stack).add('trial-match:cross-border-transfer', settings.residency.crossBorderTransfer);
  }
  addNagPacks(app);
  return { app, stack, settings };
}
