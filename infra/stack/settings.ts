/**
 * Deployment settings, decided once from CDK context and the environment, so every construct reads the same answer
 * (and a test can ask "what would cn-north-1 get?" without synthesizing anything).
 */
import { TRIALS } from '../../shared/trial/registry.js';

export const DEFAULT_REGION = 'us-east-1';
/** Deliberately unroutable (.invalid, RFC 2606): a stack deployed without a real site URL cannot leak anything. */
export const PLACEHOLDER_WEBHOOK_URL = 'https://example.invalid/trial-match-webhook';

/** Who signs the ID tokens the HTTP API accepts. */
export type IdentityProviderSettings =
  | { readonly kind: 'cognito' }
  | { readonly kind: 'external-oidc'; readonly issuer: string; readonly audience: string };

export interface SiteWebhookSettings {
  readonly siteId: string;
  readonly url: string;
}

export interface DeploymentSettings {
  readonly region: string;
  readonly account: string | undefined;
  readonly identity: IdentityProviderSettings;
  readonly siteWebhooks: readonly SiteWebhookSettings[];
  /** Optional e-mail address subscribed to the operational alarms (dead-letter queues). */
  readonly alarmEmail: string | undefined;
  /** Browser origins allowed by CORS (context `allowedOrigins`, comma-separated); none by default. */
  readonly allowedOrigins: readonly string[];
}

/** Reads one context value; CDK context from the CLI (`-c key=value`) always arrives as a string. */
export type ContextReader = (key: string) => unknown;

/** AWS China (Beijing cn-north-1, Ningxia cn-northwest-1): its own partition, and no Cognito user pools. */
export function isChinaRegion(region: string): boolean {
  return region.startsWith('cn-');
}

export function resolveDeploymentSettings(
  context: ContextReader,
  environment: Readonly<Record<string, string | undefined>>,
): DeploymentSettings {
  const region = optionalString(context, 'region') ?? environment['CDK_DEFAULT_REGION'] ?? DEFAULT_REGION;
  return {
    region,
    account: optionalString(context, 'account') ?? environment['CDK_DEFAULT_ACCOUNT'],
    identity: resolveIdentity(context, region),
    siteWebhooks: resolveSiteWebhooks(context),
    alarmEmail: optionalString(context, 'alarmEmail'),
    allowedOrigins: resolveAllowedOrigins(context),
  };
}

/**
 * Cognito by default; an external OIDC issuer when the context names one, and necessarily in AWS China, where
 * Cognito user pools do not exist.
 */
export function resolveIdentity(context: ContextReader, region: string): IdentityProviderSettings {
  const issuer = optionalString(context, 'jwtIssuer');
  const audience = optionalString(context, 'jwtAudience');
  if (issuer === undefined && !isChinaRegion(region)) return { kind: 'cognito' };
  if (issuer === undefined || audience === undefined) {
    throw new Error(
      isChinaRegion(region)
        ? `Cognito user pools are not available in ${region}: pass the OIDC issuer and audience of the identity ` +
            'provider, e.g. -c jwtIssuer=https://idp.example.cn -c jwtAudience=trial-match'
        : 'jwtIssuer and jwtAudience go together: pass both, or neither to use Cognito',
    );
  }
  if (!issuer.startsWith('https://')) {
    throw new Error(`jwtIssuer must be an https URL (API Gateway fetches its JWKS), got ${issuer}`);
  }
  return { kind: 'external-oidc', issuer, audience };
}

/**
 * One webhook per site of the screened trials. `siteWebhookUrls` (JSON `{ "<siteId>": "<url>" }`) names a URL per
 * site; `siteWebhookUrl` is the URL of every site not named there.
 */
export function resolveSiteWebhooks(context: ContextReader): readonly SiteWebhookSettings[] {
  const perSite = siteUrlMap(context('siteWebhookUrls'));
  const fallback = optionalString(context, 'siteWebhookUrl') ?? PLACEHOLDER_WEBHOOK_URL;
  const siteIds = [...new Set(TRIALS.flatMap((trial) => trial.sites.map((site) => site.id)))];
  return siteIds.map((siteId) => {
    const url = perSite[siteId] ?? fallback;
    if (!url.startsWith('https://')) throw new Error(`the webhook of site ${siteId} must be an https URL, got ${url}`);
    return { siteId, url };
  });
}

export function resolveAllowedOrigins(context: ContextReader): readonly string[] {
  const origins = (optionalString(context, 'allowedOrigins') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    if (!origin.startsWith('https://')) throw new Error(`allowedOrigins must be https origins, got ${origin}`);
  }
  return origins;
}

function optionalString(context: ContextReader, key: string): string | undefined {
  const value = context(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`context ${key} must be a string`);
  return value;
}

function siteUrlMap(value: unknown): Readonly<Record<string, string>> {
  if (value === undefined || value === null || value === '') return {};
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('context siteWebhookUrls must be a JSON object of site id to URL');
  }
  const urls: Record<string, string> = {};
  for (const [siteId, url] of Object.entries(parsed)) {
    if (typeof url !== 'string') throw new Error(`context siteWebhookUrls.${siteId} must be a string`);
    urls[siteId] = url;
  }
  return urls;
}
