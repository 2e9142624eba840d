/**
 * A local HTTP endpoint that speaks the AWS JSON protocol (X-Amz-Target + JSON body), for testing our adapters'
 * contract with SQS and Secrets Manager through the real AWS SDK clients: only AWS itself is replaced.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AwsJsonCall {
  readonly target: string;
  readonly body: Record<string, unknown>;
}

export type AwsJsonResponder = (call: AwsJsonCall) => { status?: number; body: unknown };

export interface FakeAwsJsonEndpoint {
  readonly url: string;
  readonly calls: AwsJsonCall[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeAwsJsonEndpoint(respond: AwsJsonResponder): Promise<FakeAwsJsonEndpoint> {
  const calls: AwsJsonCall[] = [];
  const server = createServer((request, response) => {
    readBody(request).then(
      (text) => {
        const call = { target: String(request.headers['x-amz-target'] ?? ''), body: JSON.parse(text || '{}') as Record<string, unknown> };
        calls.push(call);
        const reply = respond(call);
        response.writeHead(reply.status ?? 200, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(reply.body));
      },
      () => {
        response.writeHead(500);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
