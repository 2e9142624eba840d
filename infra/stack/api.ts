import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_KEY_HEADER, ROUTES, type HttpHandlerName, type RouteDefinition } from '#http/routes.js';
import { routeKey, routeThrottle, STAGE_THROTTLE } from './edge-limits.js';
import type { JwtTrust } from './identity.js';
import { acknowledge } from './nag.js';
import type { ApiDomainSettings } from './settings.js';

/**
 * The access log is the audit trail of who called what (HIPAA 164.312(b)); HIPAA keeps its documentation six years,
 * and so do we. It names the caller by `sub` (a pseudonymous id), never by token.
 */
export const ACCESS_LOG_RETENTION = logs.RetentionDays.SIX_YEARS;

/**
 * One JSON line per request: ids, caller, source address, route template, outcome, timing. No bodies, no headers,
 * no tokens and no path (the route key is the template, so no referral id reaches the log either). The source
 * address is the connection's: the client's where the API is reached directly (China), CloudFront's edge where
 * CloudFront fronts it (the WAF log then has the client's, edge.ts).
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  sourceIp: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  principal: '$context.authorizer.claims.sub',
  /** The FHIR matching client, by the name its API key was issued under (never the key). */
  client: '$context.authorizer.client',
  authorizerError: '$context.authorizer.error',
} as const;

export interface TrialMatchApiProps {
  readonly trust: JwtTrust;
  readonly key: kms.IKey;
  readonly handlers: (name: HttpHandlerName) => lambda.IFunction;
  /** The Lambda REQUEST authorizer that checks x-api-key on the routes marked `apiKey`. */
  readonly apiKeyAuthorizer: lambda.IFunction;
  /** Browser origins of the portals; none means no CORS (same-origin or server-side callers only). */
  readonly allowedOrigins: readonly string[];
  /** Further clients of the same identity provider whose ID tokens the API accepts (the web app's). */
  readonly additionalAudiences?: readonly string[];
  /** The API's own domain: the only way it is reached (the execute-api endpoint is switched off). */
  readonly domain: ApiDomainSettings;
}

/**
 * The HTTP API, wired from the route table (shared/http/routes.ts) so it cannot disagree with the local server:
 * a route with roles requires a valid ID token from the trusted issuer (the handler then checks the role and the
 * site); a route without roles is public. It is served on its custom domain only, with a throttle per route.
 */
export class TrialMatchApi extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly domainName: apigwv2.DomainName;
  /** `https://<apiDomain>`, no trailing slash: the base of every link the service sends out. */
  readonly publicBaseUrl: string;

  constructor(scope: Construct, id: string, props: TrialMatchApiProps) {
    super(scope, id);
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'trial-match: referral screening for NCT05212584',
      // The default stage is created below, with access logging, throttling and the domain mapping.
      createDefaultStage: false,
      // Only the custom domain serves the API: in China the execute-api host is unusable without ICP recordal
      // anyway, and in the aws partition CloudFront and its WAF front the domain (edge.ts).
      disableExecuteApiEndpoint: true,
      ...(props.allowedOrigins.length === 0
        ? {}
        : {
            corsPreflight: {
              allowOrigins: [...props.allowedOrigins],
              allowMethods: [apigwv2.CorsHttpMethod.ANY],
              // The headers the handlers read (shared/http/request.ts) and the ones a browser must see.
              allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
              exposeHeaders: ['etag', 'location', 'idempotent-replayed'],
              maxAge: Duration.hours(1),
            },
          }),
    });

    // A regional custom domain (the only kind in China; edge-optimized custom domains do not exist there) with a
    // TLS 1.2 floor. API Gateway custom domains take ACM certificates only, of the API's own region.
    this.domainName = new apigwv2.DomainName(this, 'Domain', {
      domainName: props.domain.name,
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
      endpointType: apigwv2.EndpointType.REGIONAL,
      securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: ACCESS_LOG_RETENTION,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: STAGE_THROTTLE,
      domainMapping: { domainName: this.domainName },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    this.publicBaseUrl = `https://${props.domain.name}`;

    const authorizer = new HttpJwtAuthorizer('IdToken', props.trust.issuer, {
      jwtAudience: [...new Set([props.trust.audience, ...(props.additionalAudiences ?? [])])],
    });
    // One integration per Lambda, shared by its routes (GET and HEAD; match-trial serves getClinicalTrial and $match).
    const integrations = new Map<HttpHandlerName, HttpLambdaIntegration>();
    const integrationFor = (handler: HttpHandlerName): HttpLambdaIntegration => {
      let integration = integrations.get(handler);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${handler}-integration`, props.handlers(handler));
        integrations.set(handler, integration);
      }
      return integration;
    };
    // HTTP APIs have no API keys or usage plans: a Lambda REQUEST authorizer checks the key. API Gateway answers 401
    // itself when the header is absent, and caches each decision per key for five minutes.
    const apiKeyAuthorizer = new HttpLambdaAuthorizer('ApiKey', props.apiKeyAuthorizer, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [`$request.header.${API_KEY_HEADER}`],
      resultsCacheTtl: Duration.minutes(5),
    });
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of ROUTES satisfies readonly RouteDefinition[]) {
      const usesApiKey = (route as RouteDefinition).apiKey === true;
      const isPublic = route.roles.length === 0 && !usesApiKey;
      const [created] = this.httpApi.addRoutes({
        path: route.path,
        methods: [apigwv2.HttpMethod[route.method]],
        integration: integrationFor(route.handler),
        authorizer: usesApiKey ? apiKeyAuthorizer : isPublic ? new apigwv2.HttpNoneAuthorizer() : authorizer,
      });
      if (created === undefined) throw new Error(`no route created for ${routeKey(route)}`);
      const throttle = routeThrottle(route);
      routeSettings[routeKey(route)] = {
        ThrottlingRateLimit: throttle.rateLimit,
        ThrottlingBurstLimit: throttle.burstLimit,
      };
      // Route settings name routes by key: CloudFormation must create the route before the stage refers to it.
      this.stage.node.addDependency(created);
      if (isPublic) {
        acknowledge(created, {
          id: 'AwsSolutions-APIG4',
          reason:
            `${route.method} ${route.path} is public by design (no roles in the route table): it serves the ` +
            "trial's published criteria or the API description, never patient data.",
        });
      }
    }
    // HttpStage has no per-route throttle option; the CloudFormation property is set directly.
    const cfnStage = this.stage.node.defaultChild as apigwv2.CfnStage;
    cfnStage.routeSettings = routeSettings;

    new CfnOutput(this, 'ApiUrl', { value: this.publicBaseUrl, description: 'The API, on its custom domain' });
  }
}
