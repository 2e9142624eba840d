/**
 * A tiny stand-in for Secrets Manager on 127.0.0.1, answering GetSecretValue (JSON 1.1 protocol) with a fixed
 * secret: notify-site reads its webhook secrets at module init, and the cold-start benchmark must not touch AWS.
 * Point a child at it with AWS_ENDPOINT_URL_SECRETS_MANAGER.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsManagerStub {
  readonly endpoint: string;
  /** GetSecretValue calls answered so far. */
  readonly calls: () => number;
  close(): Promise<void>;
}

export const STUB_SECRET = 'bench-webhook-secret';

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSecretsManagerStub(): Promise<SecretsManagerStub> {
  let calls = 0;
  const server = createServer((request, response) => {
    bodyOf(request)
      .then((body) => {
        const target = request.headers['x-amz-target'];
        response.setHeader('content-type', 'application/x-amz-json-1.1');
        if (request.method !== 'POST' || target !== 'secretsmanager.GetSecretValue') {
          response.statusCode = 400;
          response.end(JSON.stringify({ __type: 'InvalidRequestException', message: `unsupported: ${String(target)}` }));
          return;
        }
        calls += 1;
        const { SecretId: secretId } = JSON.parse(body) as { SecretId?: string };
        response.end(
          JSON.stringify({
            ARN: secretId,
            Name: 'bench-webhook',
            SecretString: STUB_SECRET,
            VersionId: '00000000-0000-0000-0000-000000000001',
            VersionStages: ['AWSCURRENT'],
            CreatedDate: 1_748_736_000,
          }),
        );
      })
      .catch(() => {
        response.statusCode = 500;
        response.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls: () => calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
