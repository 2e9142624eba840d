import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';
import type { SiteWebhookSettings } from './settings.js';

export interface SiteWebhooksProps {
  readonly key: kms.IKey;
  readonly sites: readonly SiteWebhookSettings[];
}

/**
 * Each trial site's webhook: its URL and the HMAC secret that signs every notification to it, so the hospital can
 * tell our calls from anyone else's. The secret is generated here and handed to the site out of band.
 */
export class SiteWebhooks extends Construct {
  readonly secrets: readonly secretsmanager.Secret[];
  /** SITE_WEBHOOKS for notify-site: JSON `{ "<siteId>": { "url": "...", "secretArn": "..." } }`. */
  readonly environmentValue: string;
  /** `{ "<siteId>": "<secret ARN>" }`, for the operators (the webhook rotation in RUNBOOK.md). */
  readonly secretArnsOutput: string;

  constructor(scope: Construct, id: string, props: SiteWebhooksProps) {
    super(scope, id);
    const entries = props.sites.map((site) => {
      const secret = new secretsmanager.Secret(this, `Secret-${site.siteId}`, {
        description: `trial-match: HMAC key signing the candidate notifications sent to site ${site.siteId}`,
        encryptionKey: props.key,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      });
      const rotationReason =
        'The HMAC key is shared with the hospital, whose webhook receiver must accept the new key before we sign ' +
        'with it; it is rotated by the coordinated runbook, not by a Lambda that would break verification.';
      acknowledge(
        secret,
        { id: 'AwsSolutions-SMG4', reason: rotationReason },
        { id: 'HIPAA.Security-SecretsManagerRotationEnabled', reason: rotationReason },
      );
      return { siteId: site.siteId, url: site.url, secret };
    });
    this.secrets = entries.map((entry) => entry.secret);
    this.secretArnsOutput = Stack.of(this).toJsonString(
      Object.fromEntries(entries.map(({ siteId, secret }) => [siteId, secret.secretArn])),
    );
    this.environmentValue = Stack.of(this).toJsonString(
      Object.fromEntries(entries.map(({ siteId, url, secret }) => [siteId, { url, secretArn: secret.secretArn }])),
    );
  }

  grantRead(grantee: iam.IGrantable): void {
    for (const secret of this.secrets) secret.grantRead(grantee);
  }
}
