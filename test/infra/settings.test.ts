import { describe, expect, it } from 'vitest';
import {
  PLACEHOLDER_WEBHOOK_URL,
  isChinaRegion,
  resolveAlarmEmails,
  resolveAllowedOrigins,
  resolveApiDomain,
  resolveDeploymentSettings,
  resolveEdge,
  resolveIdentity,
  resolveRegion,
  resolveReservedConcurrency,
  resolveSiteWebhooks,
  resolveWebDomain,
} from '#infra/stack/settings.js';
import { contextFor, TEST_IAM_SERVER_CERTIFICATE_ID } from './support/synth.js';

const context =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

describe('deployment settings', () => {
  it('reads a complete China deployment with no account (an offline, environment-agnostic synth)', () => {
    const settings = resolveDeploymentSettings(context(contextFor('cn-north-1')), {});
    expect(settings.region).toBe('cn-north-1');
    expect(settings.account).toBeUndefined();
    expect(settings.identity.kind).toBe('external-oidc');
    expect(settings.residency.crossBorderTransfer).toBeUndefined();
    expect(settings.reservedConcurrency).toEqual({});
    expect(settings.deletionProtection).toBe(true);
    expect(settings.edge.kind).toBe('api-gateway-only');
  });

  it('requires the region by name: no default, and not the deployer\'s profile region', () => {
    expect(() => resolveRegion(context({}))).toThrow(/-c region=cn-north-1/);
    const { region: _omitted, ...withoutRegion } = contextFor('cn-north-1');
    expect(() => resolveDeploymentSettings(context(withoutRegion), { CDK_DEFAULT_REGION: 'cn-north-1' })).toThrow(
      /name the region explicitly/,
    );
    expect(() => resolveRegion(context({ region: 'beijing' }))).toThrow(/not an AWS region/);
  });

  it('recognises both AWS China regions', () => {
    expect(isChinaRegion('cn-north-1')).toBe(true);
    expect(isChinaRegion('cn-northwest-1')).toBe(true);
    expect(isChinaRegion('us-east-1')).toBe(false);
    expect(isChinaRegion('ca-central-1')).toBe(false);
  });
});

describe('alarm destination', () => {
  it('is required, and may name several addresses', () => {
    expect(() => resolveAlarmEmails(context({}))).toThrow(/-c alarmEmail=/);
    expect(resolveAlarmEmails(context({ alarmEmail: 'a@h.example, b@h.example' }))).toEqual(['a@h.example', 'b@h.example']);
    expect(() => resolveAlarmEmails(context({ alarmEmail: 'oncall' }))).toThrow(/not an e-mail address/);
  });
});

describe('API domain and certificate', () => {
  const cert = 'arn:aws-cn:acm:cn-north-1:111122223333:certificate/abc-123';

  it('are required together', () => {
    expect(() => resolveApiDomain(context({ apiDomain: 'api.example.cn' }), 'cn-north-1')).toThrow(/apiCertificateArn/);
    expect(() => resolveApiDomain(context({ apiCertificateArn: cert }), 'cn-north-1')).toThrow(/-c apiDomain=/);
    expect(resolveApiDomain(context({ apiDomain: 'API.Example.cn', apiCertificateArn: cert }), 'cn-north-1')).toEqual({
      name: 'api.example.cn',
      certificateArn: cert,
    });
  });

  it('takes a host name, not a URL', () => {
    expect(() => resolveApiDomain(context({ apiDomain: 'https://api.example.cn', apiCertificateArn: cert }), 'cn-north-1')).toThrow(
      /host name/,
    );
  });

  it('refuses an IAM server certificate (API Gateway custom domains take ACM only) and one of another region', () => {
    const iam = 'arn:aws-cn:iam::111122223333:server-certificate/trial-match';
    expect(() => resolveApiDomain(context({ apiDomain: 'api.example.cn', apiCertificateArn: iam }), 'cn-north-1')).toThrow(
      /ACM certificate ARN/,
    );
    const ningxia = 'arn:aws-cn:acm:cn-northwest-1:111122223333:certificate/abc-123';
    expect(() => resolveApiDomain(context({ apiDomain: 'api.example.cn', apiCertificateArn: ningxia }), 'cn-north-1')).toThrow(
      /certificate in cn-north-1/,
    );
  });
});

describe('edge', () => {
  it('is CloudFront with a WAF in us-east-1, API Gateway alone in China, and refused elsewhere in aws', () => {
    expect(resolveEdge('us-east-1')).toEqual({ kind: 'cloudfront-waf' });
    expect(resolveEdge('cn-northwest-1').kind).toBe('api-gateway-only');
    expect(() => resolveEdge('eu-central-1')).toThrow(/us-east-1/);
  });
});

describe('reserved concurrency', () => {
  it('is none by default, or exactly what the JSON names', () => {
    expect(resolveReservedConcurrency(context({}))).toEqual({});
    expect(resolveReservedConcurrency(context({ reservedConcurrency: 'none' }))).toEqual({});
    expect(resolveReservedConcurrency(context({ reservedConcurrency: '{"rescreen":1,"notify-site":5}' }))).toEqual({
      rescreen: 1,
      'notify-site': 5,
    });
  });

  it('refuses unknown functions, zero (which disables a function), and a consumer below the event source minimum', () => {
    expect(() => resolveReservedConcurrency(context({ reservedConcurrency: '{"rescrene":1}' }))).toThrow(/no function rescrene/);
    expect(() => resolveReservedConcurrency(context({ reservedConcurrency: '{"rescreen":0}' }))).toThrow(/positive integer/);
    expect(() => resolveReservedConcurrency(context({ reservedConcurrency: '{"notify-site":1}' }))).toThrow(/at least 2/);
  });
});

describe('identity provider', () => {
  const external = { jwtIssuer: 'https://idp.example.cn/realms/tm', jwtAudience: 'trial-match' };

  it('uses Cognito outside China unless an issuer is given', () => {
    expect(resolveIdentity(context({}), 'us-east-1')).toEqual({ kind: 'cognito' });
    expect(resolveIdentity(context(external), 'us-east-1')).toEqual({
      kind: 'external-oidc',
      issuer: external.jwtIssuer,
      audience: external.jwtAudience,
    });
  });

  it('uses the external issuer in China, and refuses to synthesize China without one (no Cognito there)', () => {
    expect(resolveIdentity(context(external), 'cn-north-1').kind).toBe('external-oidc');
    expect(() => resolveIdentity(context({}), 'cn-north-1')).toThrow(/not available in cn-north-1/);
    expect(() => resolveIdentity(context({ jwtIssuer: external.jwtIssuer }), 'cn-north-1')).toThrow(/audience/);
  });

  it('requires an https issuer, since API Gateway fetches its keys from it', () => {
    expect(() =>
      resolveIdentity(context({ jwtIssuer: 'http://idp.example.cn', jwtAudience: 'a' }), 'cn-north-1'),
    ).toThrow(/https/);
  });

  it('refuses, in China, an issuer in the global AWS partition: identities stay in the country too', () => {
    const globalCognito = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf';
    expect(() => resolveIdentity(context({ jwtIssuer: globalCognito, jwtAudience: 'a' }), 'cn-north-1')).toThrow(
      /in China too/,
    );
  });
});

describe('site webhooks', () => {
  it('gives the trial site an unroutable placeholder URL by default', () => {
    expect(resolveSiteWebhooks(context({}))).toEqual([
      { siteId: 'hebei-yanda-ludaopei', url: PLACEHOLDER_WEBHOOK_URL },
    ]);
  });

  it('takes the URL from siteWebhookUrl, or per site from siteWebhookUrls', () => {
    expect(resolveSiteWebhooks(context({ siteWebhookUrl: 'https://hospital.example/hook' }))[0]?.url).toBe(
      'https://hospital.example/hook',
    );
    const perSite = JSON.stringify({ 'hebei-yanda-ludaopei': 'https://ludaopei.example/hook' });
    expect(
      resolveSiteWebhooks(context({ siteWebhookUrl: 'https://other.example', siteWebhookUrls: perSite }))[0]?.url,
    ).toBe('https://ludaopei.example/hook');
  });

  it('refuses a webhook that is not https (notifications carry referral ids)', () => {
    expect(() => resolveSiteWebhooks(context({ siteWebhookUrl: 'http://hospital.example/hook' }))).toThrow(/https/);
  });
});

describe('allowed origins', () => {
  it('is empty by default and splits a comma-separated list', () => {
    expect(resolveAllowedOrigins(context({}))).toEqual([]);
    expect(resolveAllowedOrigins(context({ allowedOrigins: 'https://a.example, https://b.example' }))).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(() => resolveAllowedOrigins(context({ allowedOrigins: 'http://a.example' }))).toThrow(/https/);
  });

  it('includes the web app\'s own origin', () => {
    const settings = resolveDeploymentSettings(context({ ...contextFor('cn-north-1'), allowedOrigins: 'https://a.example' }), {});
    expect(settings.allowedOrigins).toEqual(['https://a.example', 'https://portal.trial-match.example.cn']);
    expect(settings.web).toEqual({ name: 'portal.trial-match.example.cn', certificate: { kind: 'iam-server-certificate', id: TEST_IAM_SERVER_CERTIFICATE_ID } });
  });
});

describe('web app domain and certificate (for its hosting construct)', () => {
  it('takes, in China, the id of an IAM server certificate (CloudFront there takes no ACM certificate)', () => {
    expect(resolveWebDomain(context({ webDomain: 'portal.example.cn', webCertificate: 'ASCAEXAMPLE0123456789' }), 'cn-north-1')).toEqual({
      name: 'portal.example.cn',
      certificate: { kind: 'iam-server-certificate', id: 'ASCAEXAMPLE0123456789' },
    });
    const acm = 'arn:aws-cn:acm:cn-north-1:111122223333:certificate/abc';
    expect(() => resolveWebDomain(context({ webDomain: 'portal.example.cn', webCertificate: acm }), 'cn-north-1')).toThrow(
      /IAM server certificate/,
    );
  });

  it('takes, in the aws partition, an ACM certificate of us-east-1 (where CloudFront reads certificates)', () => {
    const acm = 'arn:aws:acm:us-east-1:111122223333:certificate/abc-123';
    expect(resolveWebDomain(context({ webDomain: 'portal.example.org', webCertificate: acm }), 'us-east-1')?.certificate).toEqual({
      kind: 'acm',
      arn: acm,
    });
    expect(() =>
      resolveWebDomain(context({ webDomain: 'portal.example.org', webCertificate: 'arn:aws:acm:eu-west-1:111122223333:certificate/x' }), 'us-east-1'),
    ).toThrow(/us-east-1/);
    expect(() => resolveWebDomain(context({ webCertificate: acm }), 'us-east-1')).toThrow(/webDomain/);
  });
});
