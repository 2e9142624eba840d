/**
 * cdk-nag 3: the rule packs run as CDK validation plugins at synth, and a finding we accept is acknowledged on the
 * narrowest construct that has it, with the reason it is safe in this system.
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** Shorter than this, a reason cannot say why the finding is safe here; it would only say that it was waved. */
export const MINIMUM_REASON_LENGTH = 40;

export interface NagAcknowledgement {
  /** The rule id, with the finding in brackets when the rule reports several (`AwsSolutions-IAM5[Resource::*]`). */
  readonly id: string;
  readonly reason: string;
}

export function acknowledge(construct: IConstruct, ...acknowledgements: readonly NagAcknowledgement[]): void {
  for (const { id, reason } of acknowledgements) {
    if (reason.trim().length < MINIMUM_REASON_LENGTH) {
      throw new Error(`the acknowledgement of ${id} on ${construct.node.path} needs a reason that explains it`);
    }
    Validations.of(construct).acknowledge({ id, reason });
  }
}

/** The packs this deployment must pass: AWS Solutions (general hardening) and HIPAA Security (health data). */
export function nagPacks(): [AwsSolutionsChecks, HIPAASecurityChecks] {
  return [new AwsSolutionsChecks(), new HIPAASecurityChecks()];
}

export function addNagPacks(app: App): void {
  Validations.of(app).addPlugins(...nagPacks());
}

