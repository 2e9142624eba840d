import { RemovalPolicy } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';

/**
 * The API keys of the FHIR matching clients, in one secret: `{ "<client>": "<key>" }`. One key is generated for a
 * first client (`default`); an operator issues more, or revokes one, by editing the secret (the authorizer re-reads
 * it every five minutes). Keys are handed to clients out of band, like the site's webhook secret.
 */
export class ApiKeys extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: { readonly key: kms.IKey }) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'trial-match: API keys of the FHIR matching clients ({ "<client>": "<key>" }), checked by the api-key-authorizer',
      encryptionKey: props.key,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({}),
        generateStringKey: 'default',
        passwordLength: 40,
        excludePunctuation: true,
      },
      // Kept on update or deletion (clients hold these keys), not when its first creation rolls back.
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    const reason =
      'Each key is held by an external matching client, which must switch to a new key before the old one is ' +
      'revoked: keys are rotated by adding the new client key to the secret and removing the old one once the ' +
      'client confirms, not by a rotation Lambda that would lock clients out.';
    acknowledge(
      this.secret,
      { id: 'AwsSolutions-SMG4', reason },
      { id: 'HIPAA.Security-SecretsManagerRotationEnabled', reason },
    );
  }

  grantRead(grantee: iam.IGrantable): void {
    this.secret.grantRead(grantee);
  }
}
