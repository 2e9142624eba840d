/**
 * cdk-nag (AwsSolutions + HIPAA Security) on the real app in both partitions: no unacknowledged error or warning,
 * every acknowledgement explained; and the AWS China template is partition-clean and trusts the external issuer.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { MINIMUM_REASON_LENGTH, nagPacks } from '#infra/stack/nag.js';
import { CHINA_AUDIENCE, CHINA_ISSUER, resourcesOf, synthesize, type TestRegion } from './support/synth.js';

const REGIONS: readonly TestRegion[] = ['us-east-1', 'cn-north-1'];

interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

function acknowledgementsIn(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  );
}

describe.each(REGIONS)('cdk-nag in %s', (region) => {
  const { app, stack } = synthesize(region);

  it.each(nagPacks().map((pack) => [pack.readPackName, pack] as const))(
    '%s reports no unacknowledged error or warning',
    (_name, pack) => {
      const report = pack.validateScope(app);
      const findings = report.violations.map((violation) => {
        const paths = violation.violatingResources.map((resource) => resource.constructPath);
        return `${violation.severity} ${violation.ruleName} at ${paths.join(', ')}`;
      });
      expect(findings).toEqual([]);
      expect(report.success).toBe(true);
    },
  );

  it('explains every acknowledgement in a real sentence', () => {
    const acknowledgements = acknowledgementsIn(stack);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledgements) {
      expect(reason.trim().length, `${id} on ${path}`).toBeGreaterThanOrEqual(MINIMUM_REASON_LENGTH);
    }
  });

  it('acknowledges on constructs, never on the whole stack or app', () => {
    const paths = new Set(acknowledgementsIn(app).map(({ path }) => path));
    expect(paths.has(stack.node.path)).toBe(false);
    expect(paths.has('')).toBe(false);
  });

  it('acknowledges no Lambda dead-letter finding on the function that is invoked asynchronously', () => {
    const rescreen = stack.functions.get('rescreen').node.path;
    const onRescreen = acknowledgementsIn(stack).filter(({ path }) => path === rescreen);
    expect(onRescreen.map(({ id }) => id).some((id) => id.includes('LambdaDLQ'))).toBe(false);
  });
});

describe('AWS China (cn-north-1)', () => {
  const { template } = synthesize('cn-north-1');
  const text = JSON.stringify(template.toJSON());

  it('contains no aws-partition ARN literal: every ARN names aws-cn or the partition pseudo-parameter', () => {
    expect(text).not.toContain('arn:aws:');
    expect(text).toContain('"Ref":"AWS::Partition"');
  });

  it('has no Cognito resources (there are none in AWS China)', () => {
    const types = Object.values(resourcesOf(template)).map((resource) => resource.Type);
    expect(types.filter((type) => type.startsWith('AWS::Cognito::'))).toEqual([]);
  });

  it('trusts the external OIDC issuer and audience from context', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: CHINA_ISSUER, Audience: [CHINA_AUDIENCE] },
    });
  });

  it('names no execute-api host of the global partition', () => {
    expect(text).not.toMatch(/execute-api\.cn-north-1\.amazonaws\.com"/);
  });
});

describe('us-east-1', () => {
  it('contains no aws-cn ARN (the partition is decided at synth, from the explicit region)', () => {
    const { template } = synthesize('us-east-1');
    expect(JSON.stringify(template.toJSON())).not.toContain('arn:aws-cn:');
  });
});
