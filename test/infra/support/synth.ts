/**
 * Synthesizes the real app (infra/stack/trial-match-app.ts) the way the tests need it: without esbuild unless asked
 * (the template is identical; only the asset contents differ), and once per region per test file.
 */
import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { FunctionName } from '#infra/stack/function-catalogue.js';
import { buildApp, type TrialMatchApp } from '#infra/stack/trial-match-app.js';

/** The external OIDC provider the China deployment trusts in these tests. */
export const CHINA_ISSUER = 'https://idp.example.cn/realms/trial-match';
export const CHINA_AUDIENCE = 'trial-match-portal';

export type TestRegion = 'us-east-1' | 'cn-north-1';
export const TEST_REGIONS: readonly TestRegion[] = ['us-east-1', 'cn-north-1'];

/** What a real deployment must name, as the tests name it (settings.ts refuses a synth without). */
export const TEST_ALARM_EMAIL = 'oncall@hospital.example';
export const TEST_API_DOMAIN: Readonly<Record<TestRegion, string>> = {
  'us-east-1': 'api.trial-match.example.org',
  'cn-north-1': 'api.trial-match.example.cn',
};
export const TEST_WEB_DOMAIN: Readonly<Record<TestRegion, string>> = {
  'us-east-1': 'portal.trial-match.example.org',
  'cn-north-1': 'portal.trial-match.example.cn',
};
export function testCertificateArn(region: TestRegion): string {
  const partition = region.startsWith('cn-') ? 'aws-cn' : 'aws';
  return `arn:${partition}:acm:${region}:111122223333:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
}
/** An IAM server certificate id (uploaded with --path /cloudfront/), as CloudFront in China takes it. */
export const TEST_IAM_SERVER_CERTIFICATE_ID = 'ASCATRIALMATCHTESTWEB01';
/** The trial's site is in China: us-east-1 is a transfer abroad, and needs its declared basis. */
export const TEST_CROSS_BORDER_BASIS = 'cac-standard-contract';

export interface SynthesizedApp extends TrialMatchApp {
  readonly template: Template;
  /** The logical id of a construct's CloudFormation resource. */
  readonly logicalId: (construct: IConstruct) => string;
  readonly functionLogicalId: (name: FunctionName) => string;
}

export function contextFor(region: TestRegion): Record<string, string> {
  const common = {
    region,
    alarmEmail: TEST_ALARM_EMAIL,
    apiDomain: TEST_API_DOMAIN[region],
    apiCertificateArn: testCertificateArn(region),
    webDomain: TEST_WEB_DOMAIN[region],
    // CloudFront's certificate of the web app (web-hosting.ts): ACM in us-east-1, an IAM server certificate in China.
    webCertificate: region === 'cn-north-1' ? TEST_IAM_SERVER_CERTIFICATE_ID : testCertificateArn('us-east-1'),
  };
  return region === 'cn-north-1'
    ? { ...common, jwtIssuer: CHINA_ISSUER, jwtAudience: CHINA_AUDIENCE }
    : { ...common, crossBorderTransfer: TEST_CROSS_BORDER_BASIS };
}

const cache = new Map<TestRegion, SynthesizedApp>();

export function synthesize(region: TestRegion): SynthesizedApp {
  const cached = cache.get(region);
  if (cached !== undefined) return cached;
  // environment: {} so the developer's CDK_DEFAULT_ACCOUNT/REGION cannot change what the tests see.
  const built = buildApp({ context: contextFor(region), bundling: false, environment: {} });
  const logicalId = (construct: IConstruct): string => {
    const cfn = construct.node.defaultChild ?? construct;
    if (!CfnElement.isCfnElement(cfn)) throw new Error(`${construct.node.path} is not a CloudFormation resource`);
    return Stack.of(construct).getLogicalId(cfn);
  };
  const synthesized: SynthesizedApp = {
    ...built,
    template: Template.fromStack(built.stack),
    logicalId,
    functionLogicalId: (name) => logicalId(built.stack.functions.get(name).function),
  };
  cache.set(region, synthesized);
  return synthesized;
}

export type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;

export function resourcesOf(template: Template): Resources {
  return (template.toJSON() as { Resources: Resources }).Resources;
}
