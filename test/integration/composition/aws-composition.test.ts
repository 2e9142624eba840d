/**
 * The Lambda wiring reads its configuration from the environment the CDK stack sets: the site webhooks' URLs and
 * the HMAC secret from Secrets Manager (a local AWS-JSON endpoint here), the table through the SDK's endpoint
 * variables (dynalite here).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { referralStoreFromEnvironment } from '#composition/aws.js';
import { siteNotifierFromEnvironment } from '#composition/aws-site-webhooks.js';
import { startWebhookReceiver, type WebhookReceiver } from '#local/webhook-receiver.js';
import { silentLog } from '#local/local-log.js';
import { startDynalite } from '#test/support/dynalite.js';
import { startFakeAwsJsonEndpoint, type FakeAwsJsonEndpoint } from '#test/support/fake-aws-json-endpoint.js';

const SECRET_ARN = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:trial-match-site-webhook-AbCdEf';
const saved = { ...process.env };

beforeAll(() => {
  process.env['AWS_REGION'] = 'us-east-1';
  process.env['AWS_ACCESS_KEY_ID'] = 'test';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'test';
});
afterAll(() => {
  process.env = saved;
});

describe('siteNotifierFromEnvironment', () => {
  let secrets: FakeAwsJsonEndpoint | undefined;
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await secrets?.close();
    await receiver?.close();
    secrets = undefined;
    receiver = undefined;
  });

  it('reads each site’s secret once, by ARN, and signs deliveries the site can verify', async () => {
    receiver = await startWebhookReceiver({ secrets: { 'hebei-yanda-ludaopei': 's3cret-from-secrets-manager' }, logger: silentLog });
    secrets = await startFakeAwsJsonEndpoint(({ body }) => ({
      body: { ARN: body['SecretId'], Name: 'trial-match-site-webhook', SecretString: 's3cret-from-secrets-manager' },
    }));
    process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'] = secrets.url;
    process.env['SITE_WEBHOOKS'] = JSON.stringify({ 'hebei-yanda-ludaopei': { url: receiver.urlFor('hebei-yanda-ludaopei'), secretArn: SECRET_ARN } });

    const notifier = await siteNotifierFromEnvironment();
    expect(secrets.calls).toEqual([{ target: 'secretsmanager.GetSecretValue', body: { SecretId: SECRET_ARN } }]);
    await notifier.notify({
      eventId: 'r-1:1',
      siteId: 'hebei-yanda-ludaopei',
      trialId: 'NCT05212584',
      referralId: 'r-1',
      verdict: 'eligible',
      verdictLabel: { en: 'Pre-screen eligible', 'zh-CN': '预筛符合' },
      inboxUrl: 'https://api.example/sites/hebei-yanda-ludaopei/candidates',
      occurredAt: '2026-11-25T02:00:00.000Z',
    });
    expect(receiver.deliveries().map((d) => d.eventId)).toEqual(['r-1:1']);
  });

  it('refuses to start with a malformed SITE_WEBHOOKS rather than fail on the first candidate', async () => {
    process.env['SITE_WEBHOOKS'] = JSON.stringify({ 'hebei-yanda-ludaopei': { url: 'not a url', secretArn: SECRET_ARN } });
    await expect(siteNotifierFromEnvironment()).rejects.toThrow();
  });
});

describe('referralStoreFromEnvironment', () => {
  it('uses the table named by TABLE_NAME, at the endpoint the SDK is given', async () => {
    const dynalite = await startDynalite();
    try {
      process.env['AWS_ENDPOINT_URL_DYNAMODB'] = dynalite.endpoint;
      process.env['TABLE_NAME'] = dynalite.tableName;
      const store = referralStoreFromEnvironment();
      expect(await store.getTrialState('NCT05212584')).toMatchObject({ recruitment: 'open' });
      delete process.env['TABLE_NAME'];
      expect(() => referralStoreFromEnvironment()).toThrow(/TABLE_NAME/);
    } finally {
      await dynalite.stop();
    }
  });
});
