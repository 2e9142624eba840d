import { Aws, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { OperationalAlarms } from './alarms.js';
import { TrialMatchApi } from './api.js';
import { ReferralBackup } from './backup.js';
import { ReferralData } from './data.js';
import { encryptedDeadLetterQueue } from './dead-letter-queue.js';
import { EncryptionKey } from './encryption-key.js';
import { SIZING } from './function-catalogue.js';
import { TrialMatchFunctions } from './functions.js';
import { Identity } from './identity.js';
import { NotificationQueue } from './queue.js';
import { RescreenSchedule } from './schedule.js';
import type { IdentityProviderSettings, SiteWebhookSettings } from './settings.js';
import { SiteWebhooks } from './site-webhooks.js';
import { WebHosting } from './web-hosting.js';

export interface TrialMatchStackProps extends StackProps {
  /** Cognito, or an external OIDC issuer (required in AWS China). */
  readonly identity: IdentityProviderSettings;
  readonly siteWebhooks: readonly SiteWebhookSettings[];
  readonly alarmEmail?: string | undefined;
  readonly allowedOrigins?: readonly string[];
}

/** trial-match on AWS: one table, one queue, twelve functions behind an HTTP API and a schedule. */
export class TrialMatchStack extends Stack {
  readonly key: EncryptionKey;
  readonly data: ReferralData;
  readonly notifications: NotificationQueue;
  readonly functions: TrialMatchFunctions;
  readonly api: TrialMatchApi;
  readonly identity: Identity;
  readonly schedule: RescreenSchedule;
  readonly web: WebHosting;

  constructor(scope: Construct, id: string, props: TrialMatchStackProps) {
    super(scope, id, props);
    this.key = new EncryptionKey(this, 'Encryption');
    const key = this.key.key;
    const alarms = new OperationalAlarms(this, 'Alarms', { key, email: props.alarmEmail });

    this.data = new ReferralData(this, 'Data', { key });
    new ReferralBackup(this, 'Backup', { table: this.data.table, key });

    this.notifications = new NotificationQueue(this, 'Notifications', {
      key,
      alarms,
      consumerTimeout: SIZING.queue.timeout,
    });
    const scheduleDeadLetters = encryptedDeadLetterQueue(this, 'RescreenDeadLetters', key);
    alarms.alarmOnDeadLetters('RescreenDeadLetters', scheduleDeadLetters, 'A scheduled rescreen');

    const siteWebhooks = new SiteWebhooks(this, 'SiteWebhooks', { key, sites: props.siteWebhooks });
    this.functions = new TrialMatchFunctions(this, 'Functions', {
      key,
      table: this.data.table,
      notificationQueue: this.notifications.queue,
      siteWebhooks,
      scheduleDeadLetterQueue: scheduleDeadLetters,
    });

    this.identity = new Identity(this, 'Identity', props.identity);
    this.web = new WebHosting(this, 'Web', {
      signIn: this.identity.userPool
        ? { kind: 'cognito', userPool: this.identity.userPool }
        : { kind: 'oidc', issuer: this.identity.trust.issuer, clientId: this.identity.trust.audience },
    });
    this.api = new TrialMatchApi(this, 'Api', {
      trust: this.identity.trust,
      key,
      handlers: (name) => this.functions.get(name).function,
      allowedOrigins: [...(props.allowedOrigins ?? []), this.web.origin],
      additionalAudiences: [this.web.audience],
    });
    this.web.publish({
      apiUrl: this.api.url,
      // The API's own host would make a cycle (its CORS names the web app's domain, whose headers would name the
      // API's): the CSP allows this region's API Gateway hosts instead. A custom API domain names itself exactly.
      apiOrigin: `https://*.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`,
    });
    // The links in site notifications point at this API (notify-site is not behind it: no cycle).
    this.functions.get('notify-site').addEnvironment('PUBLIC_BASE_URL', this.api.url);
    // The OpenAPI document's `servers`: from the deployment, never from a caller's Host header.
    this.functions.get('get-openapi').addEnvironment('PUBLIC_BASE_URL', this.api.url);

    this.schedule = new RescreenSchedule(this, 'Schedule', {
      rescreen: this.functions.get('rescreen').function,
      deadLetterQueue: scheduleDeadLetters,
    });
  }
}
