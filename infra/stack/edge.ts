import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { uniquePerStack } from './backup.js';
import { EDGE_MAX_BODY_BYTES, LARGE_BODY_PATHS, WAF_RATE_LIMITS } from './edge-limits.js';
import { FUNCTION_LOG_RETENTION } from './function-factory.js';
import { acknowledge } from './nag.js';
import type { ApiDomainSettings, EdgeSettings } from './settings.js';

export interface ApiEdgeProps {
  readonly settings: EdgeSettings;
  readonly domain: ApiDomainSettings;
  /** The API Gateway custom domain the edge forwards to (or that DNS points at directly). */
  readonly apiDomainName: apigwv2.IDomainName;
  readonly key: kms.IKey;
}

/**
 * What stands between the internet and the HTTP API, per partition (settings.ts, EdgeSettings):
 * - aws: CloudFront on the API's domain with a WAF web ACL (managed rule groups, a body-size limit, rate limits
 *   per address and per caller), forwarding to the API Gateway custom domain; DNS points the domain at CloudFront.
 * - aws-cn: nothing can carry a WAF in front of an HTTP API there; DNS points the domain at API Gateway, whose
 *   stage throttles per route (api.ts) are the edge.
 * Either way the output `ApiDnsTarget` is what the domain's CNAME record must name.
 */
export class ApiEdge extends Construct {
  readonly webAcl: wafv2.CfnWebACL | undefined;
  readonly distribution: cloudfront.Distribution | undefined;
  readonly dnsTarget: string;

  constructor(scope: Construct, id: string, props: ApiEdgeProps) {
    super(scope, id);
    if (props.settings.kind === 'api-gateway-only') {
      this.webAcl = undefined;
      this.distribution = undefined;
      this.dnsTarget = props.apiDomainName.regionalDomainName;
    } else {
      this.webAcl = new ApiWebAcl(this, 'Waf', { key: props.key }).webAcl;
      this.distribution = new cloudfront.Distribution(this, 'Distribution', {
        comment: `trial-match API (${props.domain.name}) behind the WAF`,
        domainNames: [props.domain.name],
        // CloudFront takes certificates from us-east-1, where this stack is (settings.ts refuses other aws regions).
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
        sslSupportMethod: cloudfront.SSLMethod.SNI,
        httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
        webAclId: this.webAcl.attrArn,
        // Edges in North America and Europe only: fewer places where requests carrying patient data are decrypted.
        priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
        defaultBehavior: {
          origin: new origins.HttpOrigin(props.apiDomainName.regionalDomainName, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
            readTimeout: Duration.seconds(30),
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          // Nothing is cached (every reply is per caller, and may carry patient data)...
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // ...so every viewer header goes to the origin, Authorization included (allowed only without caching),
          // and Host, by which the API Gateway custom domain recognises its own name.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER,
        },
      });
      this.dnsTarget = this.distribution.distributionDomainName;
      acknowledge(
        this.distribution,
        {
          id: 'AwsSolutions-CFR1',
          reason:
            'No geo restriction: referring physicians may write from any country; residency is about where the data ' +
            'is stored (the region), which the deployment settings enforce, not where a physician connects from.',
        },
        {
          id: 'AwsSolutions-CFR3',
          reason:
            'CloudFront standard logs need an ACL-enabled S3 bucket without KMS encryption; the WAF web ACL logs ' +
            'every request instead (client address, rule matched, redacted token and path) to a CMK-encrypted log group.',
        },
      );
    }
    new CfnOutput(this, 'ApiDnsTarget', {
      value: this.dnsTarget,
      description: `Point ${props.domain.name} here with a CNAME record (RUNBOOK.md §2, "What to obtain before the first deployment")`,
    });
  }
}

/** The web ACL of the CloudFront distribution (scope CLOUDFRONT), and its log. */
class ApiWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: { readonly key: kms.IKey }) {
    super(scope, id);
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      metricName,
      cloudWatchMetricsEnabled: true,
      // Sampled requests keep whole headers (tokens included) in the WAF console: off. The log is redacted.
      sampledRequestsEnabled: false,
    });
    const managed = (priority: number, name: string, ruleActionOverrides?: wafv2.CfnWebACL.RuleActionOverrideProperty[]) => ({
      name: `AWS-${name}`,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(ruleActionOverrides === undefined ? {} : { ruleActionOverrides }),
        },
      },
      visibilityConfig: visibility(name),
    });
    const hasToken: wafv2.CfnWebACL.StatementProperty = {
      sizeConstraintStatement: {
        fieldToMatch: { singleHeader: { Name: 'authorization' } },
        comparisonOperator: 'GT',
        size: 0,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    };
    const tooManyRequests = { block: { customResponse: { responseCode: 429 } } };
    const pathIs = (path: string): wafv2.CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'EXACTLY',
        searchString: path,
        // `/ResearchStudy/%24match` is the same path.
        textTransformations: [{ priority: 0, type: 'URL_DECODE' }],
      },
    });
    const largeBodyPath: wafv2.CfnWebACL.StatementProperty =
      LARGE_BODY_PATHS.length === 1 ? pathIs(LARGE_BODY_PATHS[0] ?? '') : { orStatement: { statements: LARGE_BODY_PATHS.map(pathIs) } };

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      description: 'trial-match API: managed protections, body size, rate limits per address and per caller',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('trial-match-api'),
      // Inspect up to 64 KB of each body (the default is 16 KB), so the size rule sees the handlers' whole limit.
      associationConfig: { requestBody: { CLOUDFRONT: { defaultSizeInspectionLimit: 'KB_64' } } },
      rules: [
        managed(0, 'AWSManagedRulesAmazonIpReputationList'),
        // The common rule set blocks bodies over 8 KB; our own limit (rule 3) is the handlers' 64 KB.
        managed(1, 'AWSManagedRulesCommonRuleSet', [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
        managed(2, 'AWSManagedRulesKnownBadInputsRuleSet'),
        {
          name: 'BodyTooLarge',
          priority: 3,
          action: { block: { customResponse: { responseCode: 413 } } },
          statement: {
            andStatement: {
              statements: [
                {
                  sizeConstraintStatement: {
                    // A body beyond the inspection limit counts as a match: it is larger than the limit by definition.
                    fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
                    comparisonOperator: 'GT',
                    size: EDGE_MAX_BODY_BYTES,
                    textTransformations: [{ priority: 0, type: 'NONE' }],
                  },
                },
                // Except where a FHIR Bundle may be sent (up to 10 MB): there the handlers answer 413 themselves.
                { notStatement: { statement: largeBodyPath } },
              ],
            },
          },
          visibilityConfig: visibility('BodyTooLarge'),
        },
        {
          name: 'RatePerAddress',
          priority: 4,
          action: tooManyRequests,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: WAF_RATE_LIMITS.perAddress.limit,
              evaluationWindowSec: WAF_RATE_LIMITS.perAddress.windowSeconds,
            },
          },
          visibilityConfig: visibility('RatePerAddress'),
        },
        {
          name: 'RatePerAddressWithoutToken',
          priority: 5,
          action: tooManyRequests,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: WAF_RATE_LIMITS.perAddressWithoutToken.limit,
              evaluationWindowSec: WAF_RATE_LIMITS.perAddressWithoutToken.windowSeconds,
              scopeDownStatement: { notStatement: { statement: hasToken } },
            },
          },
          visibilityConfig: visibility('RatePerAddressWithoutToken'),
        },
        {
          name: 'RatePerCaller',
          priority: 6,
          action: tooManyRequests,
          statement: {
            rateBasedStatement: {
              // The bearer token identifies one signed-in caller (it is signed, so it cannot be varied at will
              // without failing the authorizer); a request without one is not counted here (rules 4 and 5 are).
              aggregateKeyType: 'CUSTOM_KEYS',
              customKeys: [{ header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } }],
              limit: WAF_RATE_LIMITS.perCaller.limit,
              evaluationWindowSec: WAF_RATE_LIMITS.perCaller.windowSeconds,
            },
          },
          visibilityConfig: visibility('RatePerCaller'),
        },
      ],
    });

    // WAF delivers only to log groups named aws-waf-logs-*; the stack's UUID keeps the name unique per stack, so
    // a retried first deployment never finds it taken.
    const logGroupName = `aws-waf-logs-${uniquePerStack('trial-match')}`;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName,
      retention: FUNCTION_LOG_RETENTION,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    const logging = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // The log-group ARN without the trailing `:*` that LogGroup.logGroupArn carries: WAF rejects that form.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      // The log keeps who (client address) and what rule, never a token, and no path or query (referral ids).
      redactedFields: [{ singleHeader: { Name: 'authorization' } }, { singleHeader: { Name: 'cookie' } }, { uriPath: {} }, { queryString: {} }],
    });
    logging.node.addDependency(logGroup);
  }
}
