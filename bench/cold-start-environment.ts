/**
 * The environment a handler sees in the cold-start benchmark: what the Lambda stack sets (every function's common
 * environment, NODE_OPTIONS included if it ever carries any, and each function's own variables), with fake
 * credentials and nothing that reaches AWS (the only init-time call, notify-site's GetSecretValue, goes to a local
 * stub). Nothing is inherited from the parent: a loader in its NODE_OPTIONS would distort every measurement.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { COMMON_ENVIRONMENT } from '#infra/function-environment.js';

export const SITE_ID_FOR_BENCH = 'hebei-yanda-ludaopei';

export function coldStartEnvironment(functionName: string, secretsManagerEndpoint: string): Record<string, string> {
  // Files that do not exist, so the SDK never picks up a developer's ~/.aws profile.
  const noAwsFile = join(tmpdir(), 'trial-match-bench-no-aws-config');
  return {
    ...COMMON_ENVIRONMENT,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIABENCHMARK0000000',
    AWS_SECRET_ACCESS_KEY: 'bench-secret-access-key',
    AWS_CONFIG_FILE: noAwsFile,
    AWS_SHARED_CREDENTIALS_FILE: noAwsFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManagerEndpoint,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    TABLE_NAME: 'trial-match-referrals',
    QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
    PUBLIC_BASE_URL: 'https://api.trial-match.example',
    SITE_WEBHOOKS: JSON.stringify({
      [SITE_ID_FOR_BENCH]: {
        url: 'https://site.example/webhooks/trial-match',
        secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:trial-match/site-webhook',
      },
    }),
    // The api-key-authorizer reads its secret lazily (first request), so only the name is needed at init.
    API_KEYS_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:trial-match/api-keys',
    // The SDK's "Node 22+ soon" warning would only add noise to stderr (Lambda runs Node 22, where it is silent).
    NODE_NO_WARNINGS: '1',
  };
}
