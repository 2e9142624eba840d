/**
 * The web app's hosting in the synthesized stack: a private bucket read by CloudFront through origin access control,
 * the same security headers the local stack sends (web/security-headers.ts), and sign-in through Cognito's hosted
 * UI with PKCE in us-east-1 or the deployment's OIDC provider in AWS China.
 */
import { describe, expect, it } from 'vitest';
import { CHINA_AUDIENCE, CHINA_ISSUER, resourcesOf, synthesize, TEST_API_DOMAIN } from './support/synth.js';

describe('the web app in us-east-1', () => {
  const app = synthesize('us-east-1');
  const { template, stack } = app;
  const resources = resourcesOf(template);
  const ofType = (type: string) => Object.values(resources).filter((resource) => resource.Type === type);

  it('keeps the files in a private, encrypted, TLS-only bucket that only the distribution reads', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    const policy = JSON.stringify(ofType('AWS::S3::BucketPolicy').map((resource) => resource.Properties));
    expect(policy).toContain('"aws:SecureTransport":"false"');
    expect(policy).toContain('cloudfront.amazonaws.com');
    expect(ofType('AWS::CloudFront::OriginAccessControl')).toHaveLength(1);
  });

  it('serves index.html over HTTPS only, with the security headers policy', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] },
      },
    });
    const [policy] = ofType('AWS::CloudFront::ResponseHeadersPolicy');
    const config = policy?.Properties?.['ResponseHeadersPolicyConfig'] as Record<string, Record<string, unknown>>;
    const security = config['SecurityHeadersConfig'] as Record<string, Record<string, unknown>>;
    const expected = stack.web.headers;
    expect(stack.resolve(security['ContentSecurityPolicy']?.['ContentSecurityPolicy'])).toEqual(stack.resolve(expected['content-security-policy']));
    expect(JSON.stringify(stack.resolve(security['ContentSecurityPolicy']))).toMatch(/script-src 'self'; style-src 'self'.*require-trusted-types-for 'script'/);
    expect(security['FrameOptions']).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security['ReferrerPolicy']).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    expect(security['StrictTransportSecurity']).toMatchObject({ AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true });
    expect(security['ContentTypeOptions']).toEqual({ Override: true });
    const custom = (config['CustomHeadersConfig'] as { Items: { Header: string; Value: string }[] }).Items;
    for (const { Header, Value } of custom) expect(Value, Header).toBe(expected[Header]);
    expect(custom.map((item) => item.Header).sort()).toEqual(['cross-origin-opener-policy', 'cross-origin-resource-policy', 'permissions-policy']);
  });

  it('lets the CSP reach the API and the hosted UI, and nothing else', () => {
    const csp = JSON.stringify(stack.resolve(stack.web.headers['content-security-policy']));
    expect(csp).toContain(`connect-src 'self' https://${TEST_API_DOMAIN['us-east-1']} `);
    expect(csp).not.toContain('*');
    expect(csp).toContain('.auth.');
    expect(csp).not.toContain('unsafe');
  });

  it('signs in through the hosted UI with a public client: authorization code, no secret, back to the app', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
    });
    expect(ofType('AWS::Cognito::UserPoolDomain')).toHaveLength(1);
    const config = stack.resolve(stack.web.signInConfig) as Record<string, unknown>;
    expect(config).toMatchObject({ kind: 'oidc', scope: 'openid email profile' });
    expect(JSON.stringify(config['tokenEndpoint'])).toContain('/oauth2/token');
  });

  it('deploys the fingerprinted files and the entry points separately, and invalidates only the entry points', () => {
    const deployments = Object.values(resources).filter((resource) => resource.Type === 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(2);
    const entry = deployments.find((resource) => resource.Properties?.['DistributionPaths'] !== undefined);
    expect(entry?.Properties?.['DistributionPaths']).toEqual(['/index.html', '/config.json', '/']);
    expect(JSON.stringify(deployments.map((d) => d.Properties?.['SystemMetadata']))).toContain('immutable');
  });
});

describe('the web app in AWS China (cn-north-1)', () => {
  const { stack, template } = synthesize('cn-north-1');

  it('keeps the bucket private with an origin access identity (China has no origin access control)', () => {
    const types = Object.values(resourcesOf(template)).map((resource) => resource.Type);
    expect(types).toContain('AWS::CloudFront::CloudFrontOriginAccessIdentity');
    expect(types).not.toContain('AWS::CloudFront::OriginAccessControl');
  });

  it('signs in with the OIDC provider the deployment trusts, as the API’s own client', () => {
    expect(stack.web.signInConfig).toEqual({ kind: 'oidc', issuer: CHINA_ISSUER, clientId: CHINA_AUDIENCE, scope: 'openid email profile' });
    expect(stack.web.headers['content-security-policy']).toContain('https://idp.example.cn');
  });
});
