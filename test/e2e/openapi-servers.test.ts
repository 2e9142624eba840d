/**
 * The served OpenAPI document names the API's configured URL as its server, whatever Host header a caller sends:
 * the first caller must not be able to point every later reader's tooling at a host of its choosing.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '#local/local-stack.js';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ inMemory: true, port: 0, rescreenIntervalMs: false, quiet: true });
});

afterAll(async () => {
  await stack?.stop();
});

function getWithHost(host: string): Promise<{ servers: { url: string }[] }> {
  const url = new URL(`${stack.apiUrl}/openapi.json`);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { servers: { url: string }[] }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

it('names the configured URL, never the Host header, from the first request on', async () => {
  const first = await getWithHost('attacker.example');
  const second = await getWithHost('another.example:8443');
  expect(first.servers.map((server) => server.url)).toEqual([stack.apiUrl]);
  expect(second.servers.map((server) => server.url)).toEqual([stack.apiUrl]);
});
