/** Signing in: on the local stack, choosing one of its identities; in AWS, the identity provider's page. */
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '#i18n/locale.js';
import { fetchLocalIdentities, type LocalIdentity } from '../auth/local.js';
import type { Messages } from '../i18n/en.js';

export type SignInState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'signing-in' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'failed'; readonly detail: string };

interface SignInProps {
  readonly t: Messages;
  readonly locale: Locale;
  readonly mode: 'local' | 'oidc';
  readonly state: SignInState;
  readonly onToggleLocale: () => void;
  readonly onLocal: (id: string) => void;
  readonly onOidc: () => void;
}

export function SignIn({ t, locale, mode, state, onToggleLocale, onLocal, onOidc }: SignInProps) {
  const [identities, setIdentities] = useState<readonly LocalIdentity[] | undefined>(undefined);
  const [loadError, setLoadError] = useState(false);

  useEffect(() => {
    if (mode !== 'local') return;
    fetchLocalIdentities().then(setIdentities, () => setLoadError(true));
  }, [mode]);

  useEffect(() => {
    document.title = `${mode === 'local' ? t.signIn.localTitle : t.signIn.title} · ${t.app.name}`;
  }, [t, mode]);

  const busy = state.kind === 'signing-in';
  return (
    <div class="page sign-in-page">
      <header class="masthead">
        <div class="masthead-inner">
          <div class="brand">
            <span class="brand-name">{t.app.name}</span>
            <span class="brand-trial">{t.app.trial}</span>
          </div>
          <button type="button" class="button-quiet" onClick={onToggleLocale}>
            <span lang={locale === 'en' ? 'zh-CN' : 'en'}>{t.app.switchLanguage}</span>
            <span class="visually-hidden"> — {t.app.switchLanguageLabel}</span>
          </button>
        </div>
      </header>
      <main id="main" class="sign-in">
        <h1 tabIndex={-1}>{mode === 'local' ? t.signIn.localTitle : t.signIn.title}</h1>
        {state.kind === 'expired' && <p class="notice notice-warning" role="alert">{t.signIn.expired}</p>}
        {state.kind === 'failed' && (
          <div class="notice notice-error" role="alert">
            <p>
              <strong>{t.signIn.failed}</strong>
            </p>
            <p class="detail">{state.detail}</p>
          </div>
        )}
        {busy && <p role="status">{t.signIn.signingIn}</p>}
        {mode === 'local' ? (
          <>
            <p class="lede">{t.signIn.localIntro}</p>
            {loadError && <p class="notice notice-error" role="alert">{t.problems.network}</p>}
            {identities === undefined && !loadError ? (
              <p>{t.app.loading}</p>
            ) : (
              <ul class="identity-list">
                {(identities ?? []).map((identity) => (
                  <li key={identity.id}>
                    <button type="button" class="identity" disabled={busy} onClick={() => onLocal(identity.id)}>
                      <span class="identity-name">{identity.name[locale]}</span>
                      <span class="identity-role">{t.roles[identity.role]}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <>
            <p class="lede">{t.signIn.oidcIntro}</p>
            <p>
              <button type="button" class="button-primary" disabled={busy} onClick={onOidc}>
                {state.kind === 'failed' ? t.signIn.tryAgain : t.signIn.oidcButton}
              </button>
            </p>
          </>
        )}
      </main>
      <footer class="footer">
        <p>{t.app.footer}</p>
      </footer>
    </div>
  );
}
