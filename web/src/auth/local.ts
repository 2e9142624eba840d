/**
 * Signing in on the local stack (`npm start`): the page lists the local identities and gets a token for the one
 * chosen from a route only the local server has (local/web-app.ts). No such route exists in AWS.
 */
import type { Locale } from '#i18n/locale.js';

export interface LocalIdentity {
  readonly id: string;
  readonly role: 'physician' | 'coordinator';
  readonly siteId?: string;
  readonly name: Readonly<Record<Locale, string>>;
}

export async function fetchLocalIdentities(): Promise<readonly LocalIdentity[]> {
  const response = await fetch('/local/identities', { credentials: 'omit', cache: 'no-store' });
  if (!response.ok) throw new Error(`local identities answered ${response.status}`);
  return (await response.json()) as LocalIdentity[];
}

export async function localToken(id: string): Promise<string> {
  const response = await fetch('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id }),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`the local token route answered ${response.status}`);
  const body = (await response.json()) as { token?: unknown };
  if (typeof body.token !== 'string') throw new Error('the local token route sent no token');
  return body.token;
}
