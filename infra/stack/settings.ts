/**
 * Deployment settings, decided once from CDK context and the environment, so every construct reads the same answer
 * (and a test can ask "what would cn-north-1 get?" without synthesizing anything). Everything a real deployment
 * cannot do without (the region, somewhere to send alarms, the API's domain and certificate) is required: a synth
 * without it fails with the flag to pass, instead of deploying something that runs blind or abroad.
 */
import { TRIALS } from '#trial/registry.js';
import { RETIRED_INDEXES, type RetiredIndexName } from '#adapters/dynamodb/table-design.js';
import { functionNames, type FunctionName } from './function-catalogue.js';
import { decideResidency, type ResidencyDecision } from './residency.js';

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

/** A custom domain of the service and the certificate that serves it. */
export interface ApiDomainSettings {
  /** Lower-case host name, e.g. `api.trial-match.example.cn`. */
  readonly name: string;
  /** An ACM certificate in the deployment's region (API Gateway custom domains accept nothing else). */
  readonly certificateArn: string;
}

/**
 * The certificate of the web app's domain, for its CloudFront distribution (the web app's own construct builds it):
 * an ACM certificate in us-east-1 in the aws partition; in China, where CloudFront takes no ACM certificate, an IAM
 * server certificate (uploaded with `--path /cloudfront/`), by id.
 */
export type WebCertificate =
  | { readonly kind: 'acm'; readonly arn: string }
  | { readonly kind: 'iam-server-certificate'; readonly id: string };

export interface WebDomainSettings {
  readonly name: string;
  readonly certificate: WebCertificate | undefined;
}

/**
 * What stands in front of the HTTP API. HTTP APIs take no WAF web ACL; in the aws partition a CloudFront
 * distribution with a WAF web ACL (scope CLOUDFRONT, which must live in us-east-1) goes in front. AWS China offers
 * WAF at the regional level only (ALB, REST APIs), and CloudFront there takes no web ACL, so nothing can carry a WAF
 * in front of an HTTP API: the stage's throttles and the handlers' limits are the edge.
 */
export type EdgeSettings =
  | { readonly kind: 'cloudfront-waf' }
  | { readonly kind: 'api-gateway-only'; readonly why: string };

export interface DeploymentSettings {
  readonly region: string;
  readonly account: string | undefined;
  /** The sites' jurisdictions and, when the region is outside them, the declared legal basis of the transfer. */
  readonly residency: ResidencyDecision;
  readonly identity: IdentityProviderSettings;
  readonly siteWebhooks: readonly SiteWebhookSettings[];
  /** E-mail addresses subscribed to the alarm topic (at least one). */
  readonly alarmEmails: readonly string[];
  /** The API's custom domain: every link sent to a site is built from it, never from the execute-api URL. */
  readonly apiDomain: ApiDomainSettings;
  /** The web app's domain and certificate (hosted by the web app's own construct); its origin is allowed by CORS. */
  readonly web: WebDomainSettings | undefined;
  /** Browser origins allowed by CORS: `allowedOrigins` (comma-separated) plus the web app's origin. */
  readonly allowedOrigins: readonly string[];
  /** Reserved concurrency per function; none by default (see resolveReservedConcurrency). */
  readonly reservedConcurrency: Readonly<Partial<Record<FunctionName, number>>>;
  /** Deletion protection of the table and the user pool; off only for a first deployment that may roll back. */
  readonly deletionProtection: boolean;
  /** Retired table indexes kept for one more deployment of a stack that has them (RUNBOOK §3); none by default. */
  readonly retainIndexes: readonly RetiredIndexName[];
  readonly edge: EdgeSettings;
}

/** Reads one context value; CDK context from the CLI (`-c key=value`) always arrives as a string. */
export type ContextReader = (key: string) => unknown;

/** AWS China (Beijing cn-north-1, Ningxia cn-northwest-1): its own partition, and no Cognito user pools. */
export function isChinaRegion(region: string): boolean {
  return region.startsWith('cn-');
}

export function partitionOf(region: string): 'aws' | 'aws-cn' {
  return isChinaRegion(region) ? 'aws-cn' : 'aws';
}

export function resolveDeploymentSettings(
  context: ContextReader,
  environment: Readonly<Record<string, string | undefined>>,
): DeploymentSettings {
  const region = resolveRegion(context);
  const apiDomain = resolveApiDomain(context, region);
  const web = resolveWebDomain(context, region);
  return {
    region,
    account: optionalString(context, 'account') ?? environment['CDK_DEFAULT_ACCOUNT'],
    residency: decideResidency(region, optionalString(context, 'crossBorderTransfer')),
    identity: resolveIdentity(context, region),
    siteWebhooks: resolveSiteWebhooks(context),
    alarmEmails: resolveAlarmEmails(context),
    apiDomain,
    web,
    allowedOrigins: [
      ...new Set([...resolveAllowedOrigins(context), ...(web === undefined ? [] : [`https://${web.name}`])]),
    ],
    reservedConcurrency: resolveReservedConcurrency(context),
    deletionProtection: optionalString(context, 'deletionProtection') !== 'false',
    retainIndexes: resolveRetainIndexes(context),
    edge: resolveEdge(region),
  };
}

/**
 * The region must be named: no default, and not the deployer's profile region (CDK_DEFAULT_REGION), because where
 * patients' data lives is a decision, not an accident of someone's shell.
 */
export function resolveRegion(context: ContextReader): string {
  const region = optionalString(context, 'region');
  if (region === undefined) {
    throw new Error(
      'name the region explicitly: -c region=cn-north-1 (where patients\' data will live; there is no default)',
    );
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new Error(`-c region=${region} is not an AWS region name`);
  return region;
}

/** Alarms that reach nobody are no alarms: a deployment names at least one address. */
export function resolveAlarmEmails(context: ContextReader): readonly string[] {
  const emails = splitList(optionalString(context, 'alarmEmail'));
  if (emails.length === 0) {
    throw new Error(
      'the alarms need somewhere to go: pass -c alarmEmail=oncall@hospital.example (several separated by commas); ' +
        'each address must confirm the subscription e-mail SNS sends it (RUNBOOK.md §5, "Prove the alarms arrive")',
    );
  }
  for (const email of emails) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error(`alarmEmail ${email} is not an e-mail address`);
  }
  return emails;
}

/**
 * The API's domain and its certificate. Required: in China a custom domain with ICP recordal is the only way the API
 * is served at all, and anywhere the links sent to the site must not name the execute-api host. API Gateway custom
 * domains take an ACM certificate of the same region only (not an IAM server certificate, which is what CloudFront
 * in China takes): the check names the mistake before CloudFormation does.
 */
export function resolveApiDomain(context: ContextReader, region: string): ApiDomainSettings {
  const name = optionalHostName(context, 'apiDomain');
  const certificateArn = optionalString(context, 'apiCertificateArn');
  if (name === undefined || certificateArn === undefined) {
    throw new Error(
      'the API needs its custom domain and certificate: -c apiDomain=api.trial-match.example.cn ' +
        `-c apiCertificateArn=arn:${partitionOf(region)}:acm:${region}:<account>:certificate/<id> ` +
        '(RUNBOOK.md §2, "What to obtain before the first deployment")',
    );
  }
  const match = /^arn:(aws|aws-cn):acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/.exec(certificateArn);
  if (match === null) {
    throw new Error(
      `apiCertificateArn must be an ACM certificate ARN (API Gateway custom domains accept no other kind; an IAM ` +
        `server certificate is for CloudFront in China), got ${certificateArn}`,
    );
  }
  if (match[1] !== partitionOf(region) || match[2] !== region) {
    throw new Error(`apiCertificateArn must be a certificate in ${region} (the API's own region), got ${certificateArn}`);
  }
  return { name, certificateArn };
}

/** `-c webDomain` and, when the web app is hosted, `-c webCertificate` in the form its partition's CloudFront takes. */
export function resolveWebDomain(context: ContextReader, region: string): WebDomainSettings | undefined {
  const name = optionalHostName(context, 'webDomain');
  const certificate = optionalString(context, 'webCertificate');
  if (name === undefined) {
    if (certificate !== undefined) throw new Error('webCertificate needs the domain it serves: -c webDomain=...');
    return undefined;
  }
  if (certificate === undefined) return { name, certificate: undefined };
  if (isChinaRegion(region)) {
    // CloudFront names it by id (ServerCertificateId, e.g. ASCA...), not by ARN.
    if (!/^[A-Z0-9]{16,128}$/.test(certificate)) {
      throw new Error(
        "in China the web app's CloudFront takes an IAM server certificate, not ACM: pass its ServerCertificateId " +
          `(ASCA...) from aws iam upload-server-certificate --path /cloudfront/..., got ${certificate}`,
      );
    }
    return { name, certificate: { kind: 'iam-server-certificate', id: certificate } };
  }
  if (!/^arn:aws:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(certificate)) {
    throw new Error(`webCertificate must be an ACM certificate in us-east-1 (CloudFront takes no other), got ${certificate}`);
  }
  return { name, certificate: { kind: 'acm', arn: certificate } };
}

/** See EdgeSettings. In the aws partition CloudFront only takes a web ACL created in us-east-1. */
export function resolveEdge(region: string): EdgeSettings {
  if (isChinaRegion(region)) {
    return {
      kind: 'api-gateway-only',
      why:
        'AWS WAF is regional-only in the China regions (ALB, REST APIs) and CloudFront there takes no web ACL, so no ' +
        'WAF can stand in front of an HTTP API',
    };
  }
  if (region !== 'us-east-1') {
    throw new Error(
      `in the aws partition the API is fronted by CloudFront with a WAF web ACL, and CloudFront only takes web ACLs ` +
        `and certificates created in us-east-1; deploying the stack to ${region} needs a separate us-east-1 edge ` +
        'stack, which this app does not have yet: deploy to us-east-1 (or a China region)',
    );
  }
  return { kind: 'cloudfront-waf' };
}

/**
 * Cognito by default; an external OIDC issuer when the context names one, and necessarily in AWS China, where
 * Cognito user pools do not exist. A China deployment must not trust an identity provider in the global AWS
 * partition either: the physicians' identities are personal information too.
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
  if (isChinaRegion(region) && new URL(issuer).hostname.endsWith('.amazonaws.com')) {
    throw new Error(
      `jwtIssuer ${issuer} is a global AWS service: the identity provider of a China deployment must be in China too`,
    );
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
  const origins = splitList(optionalString(context, 'allowedOrigins'));
  for (const origin of origins) {
    if (!origin.startsWith('https://')) throw new Error(`allowedOrigins must be https origins, got ${origin}`);
  }
  return origins;
}

/**
 * Reserved concurrency, per function, from `-c reservedConcurrency='{"rescreen":1,"notify-site":5}'`; none by
 * default. Lambda keeps 100 executions of the account unreserved, so any reservation fails to create in a new
 * account whose quota is 10-50 (RUNBOOK.md checks the quota first). The ceilings that matter hold without it: the
 * API stage throttles every HTTP route, the queue's event source caps the consumer, and one schedule drives rescreen.
 */
export function resolveReservedConcurrency(context: ContextReader): Readonly<Partial<Record<FunctionName, number>>> {
  const raw = context('reservedConcurrency');
  if (raw === undefined || raw === null || raw === '' || raw === 'none') return {};
  const parsed: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('reservedConcurrency must be a JSON object of function name to a positive integer');
  }
  const known = new Set<string>(functionNames());
  const reserved: Partial<Record<FunctionName, number>> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!known.has(name)) throw new Error(`reservedConcurrency names no function ${name}; functions: ${[...known].join(', ')}`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new Error(`reservedConcurrency.${name} must be a positive integer (0 would disable the function)`);
    }
    reserved[name as FunctionName] = value;
  }
  const consumer = reserved['notify-site'];
  if (consumer !== undefined && consumer < 2) {
    // The SQS event source polls with at least 2 concurrent invocations; fewer reserved means throttled batches
    // that come back as receives, and after five of them a notification lands in the dead-letter queue.
    throw new Error('reservedConcurrency.notify-site must be at least 2 (the SQS event source runs at least 2)');
  }
  // A reservation below QUEUE_CONSUMER_MAX_CONCURRENCY is accepted: the event source's ceiling follows it down
  // (consumerMaxConcurrency), for the same reason.
  return reserved;
}

function optionalHostName(context: ContextReader, key: string): string | undefined {
  const value = optionalString(context, key);
  if (value === undefined) return undefined;
  const name = value.toLowerCase();
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(name)) {
    throw new Error(`${key} must be a host name such as api.trial-match.example.cn (no scheme, no path), got ${value}`);
  }
  return name;
}

/** `-c retainIndexes=outbox`: retired indexes (table-design.ts) a deployed stack keeps for one more update. */
export function resolveRetainIndexes(context: ContextReader): readonly RetiredIndexName[] {
  const known: readonly string[] = RETIRED_INDEXES.map((index) => index.indexName);
  return splitList(optionalString(context, 'retainIndexes')).map((name) => {
    if (!known.includes(name)) throw new Error(`retainIndexes names no retired index ${name}; retired: ${known.join(', ')}`);
    return name as RetiredIndexName;
  });
}

function optionalString(context: ContextReader, key: string): string | undefined {
  const value = context(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`context ${key} must be a string`);
  return value;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
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
