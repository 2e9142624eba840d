/** Lambda entry point: the site webhook secrets are read once per container, at init (top-level await). */
import { systemClock } from '../../shared/adapters/runtime/system.js';
import { referralStoreFromEnvironment } from '../../shared/composition/aws.js';
import { siteNotifierFromEnvironment } from '../../shared/composition/aws-site-webhooks.js';
import { publicBaseUrlFromEnvironment } from '../../shared/composition/public-links.js';
import { createLogger } from '../../shared/observability/logger.js';
import { notifySiteLambda } from './notify-site.js';

export const handler = notifySiteLambda({
  store: referralStoreFromEnvironment(),
  siteNotifier: await siteNotifierFromEnvironment(),
  clock: systemClock,
  publicBaseUrl: publicBaseUrlFromEnvironment(),
  logger: createLogger('notify-site'),
});
