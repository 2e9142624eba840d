import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REGION,
  PLACEHOLDER_WEBHOOK_URL,
  isChinaRegion,
  resolveAllowedOrigins,
  resolveDeploymentSettings,
  resolveIdentity,
  resolveSiteWebhooks,
} from '../../infra/stack/settings.js';

const context =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

describe('deployment settings', () => {
  it('defaults to us-east-1 with no account (an offline, environment-agnostic synth)', () => {
    const settings = resolveDeploymentSettings(context({}), {});
    expect(settings.region).toBe(DEFAULT_REGION);
    expect(settings.account).toBeUndefined();
    expect(settings.identity).toEqual({ kind: 'cognito' });
  });

  it('takes the region from context before CDK_DEFAULT_REGION', () => {
    expect(resolveDeploymentSettings(context({}), { CDK_DEFAULT_REGION: 'eu-west-1' }).region).toBe('eu-west-1');
    expect(
      resolveDeploymentSettings(context({ region: 'ap-southeast-1' }), { CDK_DEFAULT_REGION: 'eu-west-1' }).region,
    ).toBe('ap-southeast-1');
  });

  it('recognises both AWS China regions', () => {
    expect(isChinaRegion('cn-north-1')).toBe(true);
    expect(isChinaRegion('cn-northwest-1')).toBe(true);
    expect(isChinaRegion('us-east-1')).toBe(false);
    expect(isChinaRegion('ca-central-1')).toBe(false);
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
});
