/**
 * The app as `npx cdk synth` builds it: the nag packs are registered on the app itself (so an unacknowledged
 * finding fails the synth, not only this test suite), and the optional context switches what it should.
 */
import { Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '#infra/stack/trial-match-app.js';
import { contextFor } from './support/synth.js';

const build = (extra: Record<string, string>) =>
  buildApp({ context: { ...contextFor('us-east-1'), ...extra }, bundling: false, environment: {} });

describe('the CDK app', () => {
  it('fails synthesis when a resource breaks a nag rule nobody acknowledged', () => {
    const { app, stack } = build({});
    // A queue without encryption, TLS enforcement or dead-letter queue: several AwsSolutions/HIPAA findings.
    new sqs.Queue(stack, 'CarelessQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
    // A whole synthesis with both nag packs: ~20 s on an idle 2-core machine, several times that when it is shared.
  }, 180_000);

  it('enables CORS for the web app and the portal origins given in context, and subscribes every alarm address', () => {
    const { stack } = build({
      allowedOrigins: 'https://portal.example.org',
      alarmEmail: 'ops@example.org, oncall@example.org',
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        // The web app's origin (web-hosting.ts) is its domain, served by CloudFront with the domain's certificate.
        AllowOrigins: ['https://portal.example.org', 'https://portal.trial-match.example.org'],
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
        ExposeHeaders: ['etag', 'location', 'idempotent-replayed'],
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.org' });
  });

  it('uses the context issuer instead of Cognito outside China when one is given', () => {
    const { stack } = build({ jwtIssuer: 'https://login.example.org', jwtAudience: 'portal' });
    expect(stack.identity.userPool).toBeUndefined();
    expect(stack.identity.trust).toEqual({ issuer: 'https://login.example.org', audience: 'portal' });
  });
});
