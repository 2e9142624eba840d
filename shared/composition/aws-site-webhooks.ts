/**
 * The site webhooks' configuration in AWS: URLs from the environment (SITE_WEBHOOKS, JSON of
 * `{ siteId: { url, secretArn } }`), HMAC secrets from Secrets Manager, read once per container.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import { SignedWebhookNotifier } from '#adapters/webhook/signed-webhook-notifier.js';
import { ENVIRONMENT, requiredEnvironment } from './environment.js';

const SiteWebhookEnvironment = z.record(z.string(), z.strictObject({ url: z.url(), secretArn: z.string() }));

export async function siteNotifierFromEnvironment(): Promise<SignedWebhookNotifier> {
  const sites = SiteWebhookEnvironment.parse(JSON.parse(requiredEnvironment(ENVIRONMENT.siteWebhooks)));
  const secrets = new SecretsManagerClient({});
  const entries = await Promise.all(
    Object.entries(sites).map(async ([siteId, { url, secretArn }]) => {
      const secret = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
      if (!secret.SecretString) throw new Error(`the webhook secret of site ${siteId} is empty`);
      return [siteId, { url, secret: secret.SecretString }] as const;
    }),
  );
  return new SignedWebhookNotifier(Object.fromEntries(entries));
}
