/** Lambda entry point: the site webhook secrets are read once per container, at init (top-level await). */
import { systemClock } from '#adapters/runtime/system.js';
import { referralStoreFromEnvironment } from '#composition/aws.js';
import { siteNotifierFromEnvironment } from '#composition/aws-site-webhooks.js';
import { publicBaseUrlFromEnvironment } from '#composition/public-links.js';
import { createLogger } from '#adapters/logger.js';
import { notifySiteLambda } from './notify-site.js';

export const handler = notifySiteLambda({
  store: referralStoreFromEnvironment(),
  siteNotifier: await siteNotifierFromEnvironment(),
  clock: systemClock,
  publicBaseUrl: publicBaseUrlFromEnvironment(),
  logger: createLogger('notify-site'),
});
