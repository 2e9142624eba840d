/**
 * The functions' environment, named once: the CDK app sets these variables and the handlers read them, both from
 * here, so a rename cannot leave one side behind. Read lazily by each builder: a function that never publishes has
 * no QUEUE_URL, and must not need one.
 */
export const ENVIRONMENT = {
  /** The one DynamoDB table. */
  tableName: 'TABLE_NAME',
  /** The notification queue (notify-site's source). */
  queueUrl: 'QUEUE_URL',
  /** JSON `{ "<siteId>": { "url": "...", "secretArn": "..." } }` for notify-site. */
  siteWebhooks: 'SITE_WEBHOOKS',
  /** The service's own https origin (its custom domain): links sent to sites and the OpenAPI `servers`. */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** The Secrets Manager secret of the FHIR matching clients' API keys, for api-key-authorizer. */
  apiKeysSecretArn: 'API_KEYS_SECRET_ARN',
} as const;

export type EnvironmentVariable = (typeof ENVIRONMENT)[keyof typeof ENVIRONMENT];

export function requiredEnvironment(name: EnvironmentVariable): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}
