import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * An IAM role whose permissions live in ONE customer-managed policy instead of the inline `DefaultPolicy` that CDK
 * grant methods normally create. The HIPAA Security pack forbids inline policies (HIPAA.Security-IAMNoInlinePolicy):
 * a managed policy is versioned and can be reviewed and audited on its own.
 *
 * Everything that adds permissions to a role (grant methods, Lambda tracing, event sources) goes through
 * `addToPrincipalPolicy`, so the grants still read as usual: `table.grantReadData(fn)`.
 */
export class ManagedPolicyRole extends iam.Role {
  /** Depend on this before using the role: the permissions are attached by a separate resource. */
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: iam.RoleProps) {
    super(scope, id, props);
    this.policy = new iam.ManagedPolicy(this, 'Permissions', {
      description: `Everything ${this.node.path} may do`,
      roles: [this],
    });
  }

  override addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }
}
