import { Aws, CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { Role } from '#auth/principal.js';
import { ROUTES } from '#http/routes.js';
import type { IdentityProviderSettings } from './settings.js';

/** What the HTTP API needs to trust a token: who signed it and whom it was issued for. */
export interface JwtTrust {
  readonly issuer: string;
  readonly audience: string;
}

/** The custom attribute that ties a coordinator to a site; the handlers read it as the `custom:site_id` claim. */
export const SITE_ID_ATTRIBUTE = 'site_id';

/** Every role some route allows: each becomes a user pool group, which Cognito puts in `cognito:groups`. */
export function rolesInUse(): readonly Role[] {
  return [...new Set(ROUTES.flatMap((route) => route.roles))];
}

/**
 * Who may call the API. Cognito where it exists; in AWS China (no Cognito user pools) or when asked, an external
 * OIDC provider that issues ID tokens with the same claims (`sub`, `cognito:groups` or an equivalent mapper,
 * `custom:site_id`).
 */
export class Identity extends Construct {
  readonly trust: JwtTrust;
  /** Absent with an external provider. */
  readonly userPool: cognito.UserPool | undefined;

  constructor(scope: Construct, id: string, settings: IdentityProviderSettings, deletionProtection: boolean) {
    super(scope, id);
    if (settings.kind === 'external-oidc') {
      this.trust = { issuer: settings.issuer, audience: settings.audience };
      this.userPool = undefined;
      return;
    }
    const pool = new PortalUserPool(this, 'Cognito', deletionProtection);
    this.userPool = pool.userPool;
    this.trust = pool.trust;
  }
}

/** The Cognito user pool of the physician portal and the coordinators' console. */
class PortalUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly trust: JwtTrust;

  constructor(scope: Construct, id: string, deletionProtection: boolean) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Users', {
      // Accounts are created by administrators after the site has vetted the physician or coordinator.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // An unverified new address must not replace the one the account was vetted with.
      keepOriginal: { email: true },
      customAttributes: {
        [SITE_ID_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection (compromised credentials, adaptive authentication) blocks, not only logs.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });

    for (const role of rolesInUse()) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, description: `trial-match ${role}s` });
    }

    const client = this.userPool.addClient('Portal', {
      // A browser app cannot keep a secret; SRP proves the password without sending it.
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(SITE_ID_ATTRIBUTE),
      // The site id is NOT writable by the user: a coordinator must not move themselves to another site's
      // candidates. Only administrators (AdminUpdateUserAttributes) set it.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });

    this.trust = {
      // Cognito exists only in the aws partition, whose URL suffix is amazonaws.com.
      issuer: `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`,
      audience: client.userPoolClientId,
    };
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'PortalClientId', { value: client.userPoolClientId });
  }
}
