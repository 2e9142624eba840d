/**
 * What differs between deployments, read from /config.json next to index.html: where the API is and how people
 * sign in. Locally `npm start` serves it; in AWS the CDK app writes it beside the app's files.
 */
export type AuthConfig =
  | { readonly kind: 'local' }
  | {
      readonly kind: 'oidc';
      readonly issuer: string;
      readonly clientId: string;
      readonly scope?: string;
      readonly authorizationEndpoint?: string;
      readonly tokenEndpoint?: string;
      readonly endSessionEndpoint?: string;
    };

export interface AppConfig {
  /** The API's base URL without a trailing slash; empty when the API is the app's own origin. */
  readonly apiBaseUrl: string;
  readonly auth: AuthConfig;
  /** How often the coordinator's inbox and an open candidate are refreshed. */
  readonly pollIntervalMs: number;
}

export const DEFAULT_POLL_INTERVAL_MS = 15_000;

export function parseConfig(value: unknown): AppConfig {
  if (typeof value !== 'object' || value === null) throw new Error('config.json is not an object');
  const raw = value as Record<string, unknown>;
  const auth = raw['auth'] as Record<string, unknown> | undefined;
  const apiBaseUrl = typeof raw['apiBaseUrl'] === 'string' ? raw['apiBaseUrl'].replace(/\/$/, '') : '';
  const pollIntervalMs = typeof raw['pollIntervalMs'] === 'number' && raw['pollIntervalMs'] >= 1000 ? raw['pollIntervalMs'] : DEFAULT_POLL_INTERVAL_MS;
  if (auth?.['kind'] === 'local') return { apiBaseUrl, auth: { kind: 'local' }, pollIntervalMs };
  if (auth?.['kind'] === 'oidc' && typeof auth['issuer'] === 'string' && typeof auth['clientId'] === 'string') {
    const text = (key: string) => (typeof auth[key] === 'string' ? { [key]: auth[key] as string } : {});
    return {
      apiBaseUrl,
      pollIntervalMs,
      auth: {
        kind: 'oidc',
        issuer: auth['issuer'],
        clientId: auth['clientId'],
        ...text('scope'),
        ...text('authorizationEndpoint'),
        ...text('tokenEndpoint'),
        ...text('endSessionEndpoint'),
      },
    };
  }
  throw new Error('config.json names no sign-in method');
}

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json', { cache: 'no-cache', credentials: 'omit' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return parseConfig(await response.json());
}
