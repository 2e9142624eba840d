/**
 * The app: the language, sign-in, and the page for the address. Tokens and everything the user typed live in this
 * component tree's memory only.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { negotiateLocale, type Locale } from '#i18n/locale.js';
import { ApiClient } from '../api/client.js';
import { localToken } from '../auth/local.js';
import {
  authorizationCode,
  authorizationRequest,
  discoverEndpoints,
  exchangeCode,
  logoutUrl,
  refreshTokens,
  type LoginTransaction,
  type OidcSettings,
} from '../auth/oidc.js';
import { sessionFromToken, type Session } from '../auth/session.js';
import type { AppConfig } from '../config.js';
import type { GroupField } from '../form/model.js';
import { MESSAGES } from '../i18n/messages.js';
import { CandidateDetail } from './CandidateDetail.js';
import { AppContext, useApp, type AppContextValue } from './context.js';
import { EditReferral } from './EditReferral.js';
import { Inbox } from './Inbox.js';
import { NewReferral } from './NewReferral.js';
import { ReferralDetail } from './ReferralDetail.js';
import { ReferralList } from './ReferralList.js';
import { parseRoute, type Route } from './routes.js';
import { Shell } from './Shell.js';
import { SignIn, type SignInState } from './SignIn.js';

/** The sign-in round trip's state (not a token): sessionStorage, removed the moment the provider answers. */
const TRANSACTION_KEY = 'trial-match.sign-in';
/** Ask for a fresh token this long before the current one expires. */
const REFRESH_MARGIN_SECONDS = 120;

const browserLocale = (): Locale => negotiateLocale(navigator.languages.map((language, i) => `${language};q=${1 - i / 100}`).join(','));

function oidcSettings(config: AppConfig): OidcSettings | undefined {
  if (config.auth.kind !== 'oidc') return undefined;
  const { auth } = config;
  return {
    issuer: auth.issuer,
    clientId: auth.clientId,
    scope: auth.scope ?? 'openid email profile',
    redirectUri: `${location.origin}/`,
    ...(auth.authorizationEndpoint ? { authorizationEndpoint: auth.authorizationEndpoint } : {}),
    ...(auth.tokenEndpoint ? { tokenEndpoint: auth.tokenEndpoint } : {}),
    ...(auth.endSessionEndpoint ? { endSessionEndpoint: auth.endSessionEndpoint } : {}),
  };
}

/** Takes the provider's answer out of the address bar at once, so the code never lingers in history. */
function takeCallback(): URL | undefined {
  const url = new URL(location.href);
  if (!url.searchParams.has('code') && !url.searchParams.has('error')) return undefined;
  history.replaceState(null, '', `${url.pathname}${url.hash}`);
  return url;
}

function takeTransaction(): LoginTransaction | undefined {
  const stored = sessionStorage.getItem(TRANSACTION_KEY);
  sessionStorage.removeItem(TRANSACTION_KEY);
  if (stored === null) return undefined;
  try {
    return JSON.parse(stored) as LoginTransaction;
  } catch {
    return undefined;
  }
}

export function App({ config, model }: { readonly config: AppConfig; readonly model: GroupField }) {
  const [locale, setLocale] = useState<Locale>(browserLocale);
  const [session, setSession] = useState<Session | undefined>(undefined);
  const [signIn, setSignIn] = useState<SignInState>({ kind: 'idle' });
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [status, setStatus] = useState('');
  const sessionRef = useRef<Session | undefined>(undefined);
  sessionRef.current = session;
  const t = MESSAGES[locale];
  const oidc = useMemo(() => oidcSettings(config), [config]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const endSession = useCallback((reason: SignInState) => {
    setSession(undefined);
    setSignIn(reason);
  }, []);

  // The provider's answer, when the page was loaded by the redirect back.
  useEffect(() => {
    if (!oidc) return;
    const callback = takeCallback();
    if (!callback) return;
    const transaction = takeTransaction();
    setSignIn({ kind: 'signing-in' });
    (async () => {
      if (!transaction) throw new Error('no sign-in was started in this tab');
      const code = authorizationCode(callback, transaction);
      const endpoints = await discoverEndpoints(oidc);
      const tokens = await exchangeCode(oidc, endpoints, code, transaction);
      const next = sessionFromToken(tokens.idToken, tokens.refreshToken);
      if (!next) throw new Error('the ID token names no user');
      setSession(next);
      setSignIn({ kind: 'idle' });
    })().catch((error: unknown) => setSignIn({ kind: 'failed', detail: error instanceof Error ? error.message : String(error) }));
  }, [oidc]);

  // Refresh before expiry (OIDC), or end the session when the token runs out (local tokens last a working day).
  useEffect(() => {
    if (!session) return;
    const now = Date.now() / 1000;
    const refreshable = oidc !== undefined && session.refreshToken !== undefined;
    const wait = Math.max(0, session.expiresAt - now - (refreshable ? REFRESH_MARGIN_SECONDS : 0));
    const timer = window.setTimeout(() => {
      if (!refreshable || !oidc || !session.refreshToken) {
        endSession({ kind: 'expired' });
        return;
      }
      discoverEndpoints(oidc)
        .then((endpoints) => refreshTokens(oidc, endpoints, session.refreshToken ?? ''))
        .then((tokens) => {
          const next = sessionFromToken(tokens.idToken, tokens.refreshToken);
          if (next) setSession(next);
          else endSession({ kind: 'expired' });
        })
        .catch(() => endSession({ kind: 'expired' }));
    }, Math.min(wait * 1000, 2 ** 31 - 1));
    return () => window.clearTimeout(timer);
  }, [session, oidc, endSession]);

  const localeRef = useRef(locale);
  localeRef.current = locale;
  const api = useMemo(
    () =>
      new ApiClient({
        baseUrl: config.apiBaseUrl,
        token: async () => sessionRef.current?.token,
        locale: () => localeRef.current,
        onUnauthorized: () => endSession({ kind: 'expired' }),
      }),
    [config, endSession],
  );

  const startOidc = useCallback(async () => {
    if (!oidc) return;
    setSignIn({ kind: 'signing-in' });
    try {
      const endpoints = await discoverEndpoints(oidc);
      const { url, transaction } = await authorizationRequest(oidc, endpoints, locale);
      sessionStorage.setItem(TRANSACTION_KEY, JSON.stringify(transaction));
      location.assign(url);
    } catch (error) {
      setSignIn({ kind: 'failed', detail: error instanceof Error ? error.message : String(error) });
    }
  }, [oidc, locale]);

  const chooseLocal = useCallback(async (id: string) => {
    setSignIn({ kind: 'signing-in' });
    try {
      const next = sessionFromToken(await localToken(id));
      if (!next) throw new Error('the token names no user');
      setSession(next);
      setSignIn({ kind: 'idle' });
      if (location.hash === '') location.hash = '#/';
    } catch (error) {
      setSignIn({ kind: 'failed', detail: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  const signOut = useCallback(async () => {
    const current = sessionRef.current;
    setSession(undefined);
    setSignIn({ kind: 'idle' });
    location.hash = '';
    if (oidc && current) {
      const endpoints = await discoverEndpoints(oidc).catch(() => undefined);
      const logout = endpoints ? logoutUrl(oidc, endpoints, current.token) : undefined;
      if (logout) location.assign(logout);
    }
  }, [oidc]);

  const announce = useCallback((message: string) => setStatus(message), []);
  const navigate = useCallback((hash: string) => {
    location.hash = hash;
  }, []);

  // Whether the user has moved the focus into the page since it was shown. Reset whenever another page is shown.
  const focusMoved = useRef(false);
  const shownPage = useRef({ route, signedIn: session !== undefined });
  if (shownPage.current.route !== route || shownPage.current.signedIn !== (session !== undefined)) {
    shownPage.current = { route, signedIn: session !== undefined };
    focusMoved.current = false;
  }
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof Node && document.querySelector('main')?.contains(event.target)) focusMoved.current = true;
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);

  // A new page: its heading takes the focus, so keyboard and screen-reader users start at the top of it. Not when
  // they are already in it: on a slow machine the frame comes late, and a physician who has tabbed to the first
  // field and started typing must not have the focus, and the rest of the date, taken away.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (!focusMoved.current) document.querySelector<HTMLElement>('main h1')?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [route, session === undefined]);

  const toggleLocale = useCallback(() => setLocale((current) => (current === 'en' ? 'zh-CN' : 'en')), []);

  if (!session) {
    return (
      <SignIn
        t={t}
        locale={locale}
        mode={config.auth.kind}
        state={signIn}
        onToggleLocale={toggleLocale}
        onLocal={chooseLocal}
        onOidc={startOidc}
      />
    );
  }

  const context: AppContextValue = { config, model, locale, t, session, api, announce, navigate };
  const roles = session.principal.roles;
  const isPhysician = roles.includes('physician');
  const isCoordinator = roles.includes('coordinator') && session.principal.siteId !== undefined;
  const page = pageFor(route, isPhysician, isCoordinator);

  return (
    <AppContext.Provider value={context}>
      <Shell route={route} status={status} onToggleLocale={toggleLocale} onSignOut={signOut} isPhysician={isPhysician} isCoordinator={isCoordinator}>
        {page}
      </Shell>
    </AppContext.Provider>
  );
}

function pageFor(route: Route, isPhysician: boolean, isCoordinator: boolean) {
  switch (route.name) {
    case 'home':
      if (isPhysician) return <ReferralList />;
      if (isCoordinator) return <Inbox />;
      return <NoRole />;
    case 'new-referral':
      return isPhysician ? <NewReferral /> : <NoRole />;
    case 'referrals':
      return isPhysician ? <ReferralList /> : <NoRole />;
    case 'referral':
      return isPhysician ? <ReferralDetail id={route.id} /> : <NoRole />;
    case 'edit-referral':
      return isPhysician ? <EditReferral id={route.id} /> : <NoRole />;
    case 'inbox':
      return isCoordinator ? <Inbox {...(route.status ? { status: route.status } : {})} /> : <NoRole />;
    case 'candidate':
      return isCoordinator ? <CandidateDetail id={route.id} /> : <NoRole />;
    default:
      return <NotFound />;
  }
}

function NoRole() {
  const { t } = useApp();
  return (
    <section>
      <h1 tabIndex={-1}>{t.signIn.title}</h1>
      <p>{t.signIn.noRole}</p>
    </section>
  );
}

function NotFound() {
  const { t } = useApp();
  return (
    <section>
      <h1 tabIndex={-1}>{t.app.notFound}</h1>
      <p>
        <a href="#/">{t.app.backHome}</a>
      </p>
    </section>
  );
}

