import { ENVIRONMENT } from '#composition/environment.js';
import { Annotations, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { OperationalAlarms } from './alarms.js';
import { TrialMatchApi } from './api.js';
import { ApiKeys } from './api-keys.js';
import { ReferralBackup } from './backup.js';
import { OperatorOutputs } from './operator-outputs.js';
import { ReferralData } from './data.js';
import { encryptedDeadLetterQueue } from './dead-letter-queue.js';
import { ApiEdge } from './edge.js';
import { EncryptionKey } from './encryption-key.js';
import { QUEUE_BATCHING_WINDOW, SIZING } from './function-catalogue.js';
import { TrialMatchFunctions } from './functions.js';
import { Identity } from './identity.js';
import { ServiceMonitoring } from './monitoring.js';
import { NotificationQueue } from './queue.js';
import { RescreenSchedule } from './schedule.js';
import { PLACEHOLDER_WEBHOOK_URL, type DeploymentSettings } from './settings.js';
import { SiteWebhooks } from './site-webhooks.js';
import { WebHosting } from './web-hosting.js';

export interface TrialMatchStackProps extends StackProps {
  /** Everything decided from context (settings.ts): region, residency, identity, domains, alarms, limits. */
  readonly settings: DeploymentSettings;
}

/** trial-match on AWS: one table, one queue, a function per handler behind an HTTP API and a schedule. */
export class TrialMatchStack extends Stack {
  readonly settings: DeploymentSettings;
  readonly key: EncryptionKey;
  readonly alarms: OperationalAlarms;
  readonly data: ReferralData;
  readonly backup: ReferralBackup;
  readonly notifications: NotificationQueue;
  readonly functions: TrialMatchFunctions;
  readonly api: TrialMatchApi;
  readonly edge: ApiEdge;
  readonly identity: Identity;
  readonly schedule: RescreenSchedule;
  readonly monitoring: ServiceMonitoring;
  readonly web: WebHosting;

  constructor(scope: Construct, id: string, props: TrialMatchStackProps) {
    super(scope, id, props);
    const { settings } = props;
    this.settings = settings;
    this.key = new EncryptionKey(this, 'Encryption');
    const key = this.key.key;
    this.alarms = new OperationalAlarms(this, 'Alarms', { key, emails: settings.alarmEmails });

    this.data = new ReferralData(this, 'Data', {
      key,
      deletionProtection: settings.deletionProtection,
      retainIndexes: settings.retainIndexes,
    });
    this.backup = new ReferralBackup(this, 'Backup', { table: this.data.table, key });

    this.notifications = new NotificationQueue(this, 'Notifications', {
      key,
      alarms: this.alarms,
      consumerTimeout: SIZING.queue.timeout,
      batchingWindow: QUEUE_BATCHING_WINDOW,
    });
    const scheduleDeadLetters = encryptedDeadLetterQueue(this, 'RescreenDeadLetters', key);
    this.alarms.alarmOnDeadLetters('RescreenDeadLetters', scheduleDeadLetters, 'A scheduled rescreen');

    const siteWebhooks = new SiteWebhooks(this, 'SiteWebhooks', { key, sites: settings.siteWebhooks });
    const apiKeys = new ApiKeys(this, 'ApiKeys', { key });
    this.functions = new TrialMatchFunctions(this, 'Functions', {
      key,
      table: this.data.table,
      notificationQueue: this.notifications.queue,
      siteWebhooks,
      apiKeys,
      scheduleDeadLetterQueue: scheduleDeadLetters,
      reservedConcurrency: settings.reservedConcurrency,
    });

    this.identity = new Identity(this, 'Identity', settings.identity, settings.deletionProtection);
    this.web = new WebHosting(this, 'Web', {
      signIn: this.identity.userPool
        ? { kind: 'cognito', userPool: this.identity.userPool }
        : { kind: 'oidc', issuer: this.identity.trust.issuer, clientId: this.identity.trust.audience },
      ...(settings.web === undefined ? {} : { domain: settings.web }),
      key,
    });
    this.api = new TrialMatchApi(this, 'Api', {
      trust: this.identity.trust,
      key,
      handlers: (name) => this.functions.get(name).function,
      apiKeyAuthorizer: this.functions.get('api-key-authorizer').function,
      allowedOrigins: [...new Set([...settings.allowedOrigins, this.web.origin])],
      additionalAudiences: [this.web.audience],
      domain: settings.apiDomain,
    });
    this.edge = new ApiEdge(this, 'Edge', {
      settings: settings.edge,
      domain: settings.apiDomain,
      apiDomainName: this.api.domainName,
      key,
    });
    // The links in site notifications and the OpenAPI document's `servers` are built on the API's own domain, never
    // the execute-api host (which is switched off), and never from a caller's Host header.
    for (const name of ['notify-site', 'get-openapi'] as const) {
      this.functions.get(name).addEnvironment(ENVIRONMENT.publicBaseUrl, this.api.publicBaseUrl);
    }
    // The web app calls the API on its own domain, which its CSP names exactly.
    this.web.publish({ apiUrl: this.api.publicBaseUrl, apiOrigin: this.api.publicBaseUrl });

    this.schedule = new RescreenSchedule(this, 'Schedule', {
      rescreen: this.functions.get('rescreen').function,
      deadLetterQueue: scheduleDeadLetters,
    });

    this.monitoring = new ServiceMonitoring(this, 'Monitoring', {
      alarms: this.alarms,
      httpApi: this.api.httpApi,
      functions: this.functions.all(),
      table: this.data.table,
      notificationQueue: this.notifications.queue,
      deadLetterQueues: [
        { title: 'notifications', queue: this.notifications.deadLetterQueue },
        { title: 'rescreen', queue: scheduleDeadLetters },
      ],
    });

    new OperatorOutputs(this, 'Operator', this, scheduleDeadLetters.queueUrl, siteWebhooks.secretArnsOutput);
    this.warnAboutPlaceholders(settings);
  }

  /** Deployable, but not what production wants: said at synth, where the operator looks. */
  private warnAboutPlaceholders(settings: DeploymentSettings): void {
    for (const site of settings.siteWebhooks) {
      if (site.url === PLACEHOLDER_WEBHOOK_URL) {
        Annotations.of(this).addWarningV2(
          'trial-match:placeholder-webhook',
          `site ${site.siteId} has no webhook URL (-c siteWebhookUrl=...): its candidates will not be notified`,
        );
      }
    }
    if (!settings.deletionProtection) {
      Annotations.of(this).addWarningV2(
        'trial-match:no-deletion-protection',
        'the table and user pool are created without deletion protection (-c deletionProtection=false): deploy ' +
          'again without the flag once the stack exists (RUNBOOK.md §3, step 4)',
      );
    }
  }
}
