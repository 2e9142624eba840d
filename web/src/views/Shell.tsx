/** The frame of every signed-in page: who is signed in, where they can go, the language, and status messages. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useApp } from './context.js';
import { routes, type Route } from './routes.js';

interface ShellProps {
  readonly route: Route;
  readonly status: string;
  readonly isPhysician: boolean;
  readonly isCoordinator: boolean;
  readonly onToggleLocale: () => void;
  readonly onSignOut: () => void;
  readonly children: ComponentChildren;
}

export function Shell({ route, status, isPhysician, isCoordinator, onToggleLocale, onSignOut, children }: ShellProps) {
  const { t, session, locale, announce } = useApp();
  const roleLabel = session.principal.roles.map((role) => t.roles[role]).join(' / ');

  // A status message stays long enough to read, then clears (screen readers have announced it by then).
  useEffect(() => {
    if (status === '') return;
    const timer = window.setTimeout(() => announce(''), 8000);
    return () => window.clearTimeout(timer);
  }, [status, announce]);

  const current = (names: readonly Route['name'][]) => (names.includes(route.name) ? ('page' as const) : undefined);
  return (
    <div class="page">
      <a class="skip-link" href="#main" onClick={(event) => {
        event.preventDefault();
        document.querySelector<HTMLElement>('main h1')?.focus();
      }}>
        {t.app.skipToContent}
      </a>
      <header class="masthead">
        <div class="masthead-inner">
          <div class="brand">
            <a class="brand-name" href="#/">
              {t.app.name}
            </a>
            <span class="brand-trial">{t.app.trial}</span>
          </div>
          <div class="user">
            <span class="user-name">{t.app.signedInAs(session.displayName, roleLabel)}</span>
            <button type="button" class="button-quiet" onClick={onToggleLocale}>
            <span lang={locale === 'en' ? 'zh-CN' : 'en'}>{t.app.switchLanguage}</span>
            <span class="visually-hidden"> — {t.app.switchLanguageLabel}</span>
          </button>
            <button type="button" class="button-quiet" onClick={onSignOut}>
              {t.app.signOut}
            </button>
          </div>
        </div>
        <nav class="nav" aria-label={t.app.navigation}>
          <ul>
            {isPhysician && (
              <>
                <li>
                  <a href={routes.newReferral} aria-current={current(['new-referral'])}>
                    {t.nav.newReferral}
                  </a>
                </li>
                <li>
                  <a href={routes.referrals} aria-current={current(['referrals', 'referral', 'edit-referral', ...(isCoordinator ? [] : (['home'] as const))])}>
                    {t.nav.myReferrals}
                  </a>
                </li>
              </>
            )}
            {isCoordinator && (
              <li>
                <a href={routes.inbox()} aria-current={current(['inbox', 'candidate', ...(isPhysician ? [] : (['home'] as const))])}>
                  {t.nav.inbox}
                </a>
              </li>
            )}
          </ul>
        </nav>
      </header>
      <p class="status-message" role="status">
        {status}
      </p>
      <main id="main">{children}</main>
      <footer class="footer">
        <p>{t.app.footer}</p>
      </footer>
    </div>
  );
}
