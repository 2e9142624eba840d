import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export function json(
  statusCode: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

export const noContent = (headers: Readonly<Record<string, string>> = {}): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 204,
  headers: { 'cache-control': 'no-store', ...headers },
});
