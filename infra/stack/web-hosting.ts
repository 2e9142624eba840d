/**
 * The web app in AWS: its files in a private S3 bucket, served by CloudFront through origin access control, with
 * the security headers of web/security-headers.ts (the same ones the local stack sends) set by a response-headers
 * policy, and config.json telling the app where the API is and how to sign in: Cognito's hosted UI (a public client,
 * authorization code with PKCE) where Cognito exists, else the OIDC provider the deployment trusts (AWS China).
 *
 * Self-contained on purpose: the stack gives it the API's address and the identity provider, and takes back the
 * audience its sign-ins carry and the origin CORS must allow.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Annotations, Aws, CfnOutput, Duration, Names, RemovalPolicy, Stack, type CfnElement } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { buildWebAppSync, writeWebBuild, type WebBuild } from '#web/build/build-web-app.js';
import { CACHE_IMMUTABLE, CACHE_REVALIDATE, HSTS_MAX_AGE_SECONDS, webSecurityHeaders } from '#web/security-headers.js';
import { acknowledge, type NagAcknowledgement } from './nag.js';
import type { WebDomainSettings } from './settings.js';

/** The app's own domain and its certificate (settings.ts: ACM in us-east-1, an IAM server certificate id in China). */
export type WebDomain = WebDomainSettings;

/** Who signs people in: the stack's Cognito user pool, or an external OIDC provider (its issuer and client id). */
export type WebSignIn =
  | { readonly kind: 'cognito'; readonly userPool: cognito.IUserPool }
  | { readonly kind: 'oidc'; readonly issuer: string; readonly clientId: string };

export interface WebHostingProps {
  readonly signIn: WebSignIn;
  readonly domain?: WebDomain;
  /** The stack's key, for the deployment function's log group. */
  readonly key: kms.IKey;
}

export interface WebPublication {
  /** The API's base URL, as the app calls it. */
  readonly apiUrl: string;
  /** The API's origin, for the content security policy's connect-src. */
  readonly apiOrigin: string;
}

/** Where the built app is written for the asset, when the stack is bundled. */
const WEB_SOURCE = resolve(import.meta.dirname, '../../web/src');

export class WebHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<domain>`: the app's origin (CORS on the API must allow it). */
  readonly origin: string;
  /** The audience of the ID tokens the app's sign-ins get (the API's authorizer must accept it). */
  readonly audience: string;
  /** How the app signs people in: the `auth` member of its config.json. */
  readonly signInConfig: Readonly<Record<string, unknown>>;
  /** The security headers CloudFront adds (set by publish()). */
  headers: Readonly<Record<string, string>> = {};
  private readonly identityOrigins: readonly string[];
  private readonly build: WebBuild | undefined;
  private readonly headersPolicy: cloudfront.ResponseHeadersPolicy;
  private readonly deploymentLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    // Only what the app is built from goes out: public code, identical for every user, no patient data.
    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Kept on update or deletion, never left behind by a first deployment that rolled back (RUNBOOK.md).
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    acknowledge(
      this.bucket,
      {
        id: 'AwsSolutions-S1',
        reason: 'The bucket holds the public build of the web app, read only by CloudFront through origin access control; no patient data is ever stored or read here, so there is nothing to audit per object.',
      },
      {
        id: 'HIPAA.Security-S3BucketLoggingEnabled',
        reason: 'The bucket holds the public build of the web app, read only by CloudFront through origin access control; no patient data is ever stored or read here, so there is nothing to audit per object.',
      },
      {
        id: 'HIPAA.Security-S3BucketReplicationEnabled',
        reason: 'The files are rebuilt from the repository on every deployment (the CDK asset); a replica would add nothing that a redeployment does not restore.',
      },
      {
        id: 'HIPAA.Security-S3DefaultEncryptionKMS',
        reason: 'The files are public application code with no patient data; SSE-S3 encrypts them at rest, and CloudFront reads them without a KMS key policy to maintain.',
      },
    );

    const domain = props.domain;
    const certificate = domain?.certificate;
    // CloudFront in the China regions has no origin access control (CloudFormation knows no such resource there):
    // an origin access identity keeps the bucket private instead.
    const china = Stack.of(this).region.startsWith('cn-');
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'trial-match web app: strict CSP and security headers (web/security-headers.ts)',
      securityHeadersBehavior: {},
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'trial-match web app',
      defaultRootObject: 'index.html',
      ...(domain && certificate?.kind === 'acm'
        ? {
            domainNames: [domain.name],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', certificate.arn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: cloudfront.SSLMethod.SNI,
          }
        : {}),
      httpVersion: cloudfront.HttpVersion.HTTP2,
      // Every edge, Asia's included: the files are public code (no patient data is decrypted here), and the referring
      // physicians are in China.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      defaultBehavior: {
        origin: china ? origins.S3BucketOrigin.withOriginAccessIdentity(this.bucket) : origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
    });
    if (domain && certificate?.kind === 'iam-server-certificate') {
      // CloudFront in China takes an IAM server certificate, which the L2 construct does not model.
      const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [domain.name]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: certificate.id,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }
    // The domain serves the app once CloudFront has its certificate; until then the app is at its CloudFront address.
    this.origin = domain && certificate ? `https://${domain.name}` : `https://${this.distribution.distributionDomainName}`;
    if (domain && !certificate) {
      Annotations.of(this).addWarningV2(
        'trial-match:web-domain-without-certificate',
        `the web app is served at its CloudFront address, not at ${domain.name}, until -c webCertificate names its certificate`,
      );
    }

    const nagDistribution: NagAcknowledgement[] = [
      {
        id: 'AwsSolutions-CFR1',
        reason: 'No geo restriction: referring physicians may sign in from any country; residency concerns where patient data is stored (the region), and this distribution serves only the public app code.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'The distribution serves static public files (GET and HEAD only, no origin that runs code); every request that carries patient data goes to the API, which has its own edge protection.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason: 'CloudFront standard logs need an ACL-enabled S3 bucket; the distribution serves only the public app code, and every request with patient data is logged by the API (access log, audit trail).',
      },
    ];
    if (china) {
      nagDistribution.push({
        id: 'AwsSolutions-CFR7',
        reason: 'Origin access control does not exist in the AWS China regions; an origin access identity keeps the bucket private to the distribution there.',
      });
    }
    if (certificate?.kind === 'iam-server-certificate') {
      nagDistribution.push({
        id: 'AwsSolutions-CFR4',
        reason: 'The IAM server certificate (AWS China) is set by a property override with TLSv1.2_2021 as the minimum, which the rule, reading the L2 distribution, does not see.',
      });
    } else if (!(domain && certificate)) {
      nagDistribution.push({
        id: 'AwsSolutions-CFR4',
        reason: 'Without the web domain and its certificate (-c webDomain, -c webCertificate) CloudFront serves its default *.cloudfront.net certificate, whose TLS policy it fixes; with them, TLS 1.2 (2021) is the minimum.',
      });
    }
    acknowledge(this.distribution, ...nagDistribution);

    if (props.signIn.kind === 'cognito') {
      const pool = props.signIn.userPool;
      const hostedUi = pool.addDomain('SignIn', {
        cognitoDomain: { domainPrefix: `trial-match-${Names.uniqueResourceName(this, { maxLength: 20, separator: '-' }).toLowerCase()}` },
      });
      const client = pool.addClient('WebApp', {
        // A web page cannot keep a secret: a public client, the authorization code flow, PKCE (Cognito requires it
        // for public clients that send a code_challenge, and the app always does).
        generateSecret: false,
        authFlows: {},
        oAuth: {
          flows: { authorizationCodeGrant: true },
          scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
          callbackUrls: [`${this.origin}/`],
          logoutUrls: [`${this.origin}/`],
        },
        preventUserExistenceErrors: true,
        idTokenValidity: Duration.hours(1),
        accessTokenValidity: Duration.hours(1),
        refreshTokenValidity: Duration.hours(12),
        enableTokenRevocation: true,
        readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }).withCustomAttributes('site_id'),
        writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
      });
      const base = hostedUi.baseUrl();
      this.audience = client.userPoolClientId;
      this.identityOrigins = [base];
      this.signInConfig = {
        kind: 'oidc',
        issuer: `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${pool.userPoolId}`,
        clientId: client.userPoolClientId,
        scope: 'openid email profile',
        authorizationEndpoint: `${base}/oauth2/authorize`,
        tokenEndpoint: `${base}/oauth2/token`,
        endSessionEndpoint: `${base}/logout`,
      };
    } else {
      // The provider's own client of the web app: the operator registers `<origin>/` as its redirect URI.
      this.audience = props.signIn.clientId;
      this.identityOrigins = [new URL(props.signIn.issuer).origin];
      this.signInConfig = { kind: 'oidc', issuer: props.signIn.issuer, clientId: props.signIn.clientId, scope: 'openid email profile' };
    }
    this.headersPolicy = headers;
    // What the deployment function logs (object keys, CloudFront invalidations), encrypted like every log here.
    this.deploymentLogs = new logs.LogGroup(this, 'DeploymentLogs', {
      encryptionKey: props.key,
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    this.build = Stack.of(this).bundlingRequired ? buildWebAppSync() : undefined;
    new CfnOutput(this, 'WebUrl', { value: `${this.origin}/`, description: 'The web app (referring physicians and site coordinators)' });
    new CfnOutput(this, 'WebDnsTarget', {
      value: this.distribution.distributionDomainName,
      description: domain && certificate ? `Point ${domain.name} here with a CNAME record` : 'The web app is served at this CloudFront address',
    });
  }

  /**
   * Completes the hosting once the API exists: the security headers (whose CSP names the API and the identity
   * provider) and the deployment of the files with their config.json.
   */
  publish(publication: WebPublication): void {
    const policy = webSecurityHeaders({ connect: [publication.apiOrigin, ...this.identityOrigins] });
    this.headers = policy;
    const cfn = this.headersPolicy.node.defaultChild as cloudfront.CfnResponseHeadersPolicy;
    cfn.addPropertyOverride('ResponseHeadersPolicyConfig.SecurityHeadersConfig', {
      ContentSecurityPolicy: { ContentSecurityPolicy: policy['content-security-policy'], Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS, IncludeSubdomains: true, Override: true },
    });
    cfn.addPropertyOverride('ResponseHeadersPolicyConfig.CustomHeadersConfig', {
      Items: ['permissions-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy'].map((name) => ({
        Header: name,
        Value: policy[name],
        Override: true,
      })),
    });

    // Fingerprinted files first and kept (a page loaded before a deployment still finds its script), then the
    // entry points that name them, checked on every load.
    const assetsDir = this.build ? writtenAssets(this.build) : WEB_SOURCE;
    const assets = new s3deploy.BucketDeployment(this, 'Assets', {
      destinationBucket: this.bucket,
      sources: [s3deploy.Source.asset(assetsDir)],
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString(CACHE_IMMUTABLE)],
      logGroup: this.deploymentLogs,
    });
    const entry = new s3deploy.BucketDeployment(this, 'Entry', {
      destinationBucket: this.bucket,
      sources: [
        s3deploy.Source.data('index.html', this.build?.files.get('/index.html')?.body.toString('utf8') ?? '<!doctype html><title>trial-match</title>'),
        s3deploy.Source.jsonData('config.json', { apiBaseUrl: publication.apiUrl.replace(/\/$/, ''), auth: this.signInConfig, pollIntervalMs: 15_000 }),
      ],
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString(CACHE_REVALIDATE)],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json', '/'],
      logGroup: this.deploymentLogs,
    });
    entry.node.addDependency(assets);
    acknowledgeDeploymentFunction(Stack.of(this), this.bucket);
  }
}

function writtenAssets(build: WebBuild): string {
  const dir = mkdtempSync(join(tmpdir(), 'trial-match-web-'));
  writeWebBuild({ ...build, files: new Map([...build.files].filter(([path]) => path.startsWith('/assets/'))) }, dir);
  return dir;
}

/** The bucket-deployment custom resource's function is CDK's own singleton: its findings are acknowledged on it. */
function acknowledgeDeploymentFunction(stack: Stack, bucket: s3.Bucket): void {
  const singleton = stack.node.children.find((child: IConstruct) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!singleton) return;
  const reason = (what: string) =>
    `CDK's BucketDeployment function, run only by CloudFormation at deployment to copy the web app's public files into their bucket: ${what}`;
  acknowledge(
    singleton,
    { id: 'AwsSolutions-L1', reason: reason('its runtime is chosen and kept current by aws-cdk-lib, which this project upgrades.') },
    { id: 'HIPAA.Security-LambdaConcurrency', reason: reason('invoked once per deployment, so no concurrency limit is needed.') },
    { id: 'HIPAA.Security-LambdaDLQ', reason: reason('a failed copy fails the deployment itself, which CloudFormation rolls back; there is no event to keep.') },
    { id: 'HIPAA.Security-LambdaInsideVPC', reason: reason('it handles no patient data and needs only S3 and CloudFront, reached over AWS endpoints.') },
  );
  const role = singleton.node.tryFindChild('ServiceRole');
  if (role) {
    acknowledge(role, {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: reason('the AWS-managed basic execution role only lets it write its own logs.'),
    });
  }
  const policy = role?.node.tryFindChild('DefaultPolicy');
  if (policy) {
    const region = stack.region;
    const grants = reason('CDK grants it read on the CDK asset bucket and write on the web bucket only; the wildcards are S3 action families and object keys within those two buckets.');
    acknowledge(
      policy,
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({ id: `AwsSolutions-IAM5[Action::${action}]`, reason: grants })),
      { id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${region}/*]`, reason: grants },
      { id: `AwsSolutions-IAM5[Resource::arn:${region.startsWith('cn-') ? 'aws-cn' : 'aws'}:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${region}/*]`, reason: grants },
      { id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>/*]`, reason: grants },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: reason('CloudFront invalidations (of index.html and config.json after a deployment) cannot be scoped to a distribution in IAM.') },
      { id: 'HIPAA.Security-IAMNoInlinePolicy', reason: reason('CDK attaches its grants as the role\'s own policy; the role is used by nothing else.') },
    );
  }
}
