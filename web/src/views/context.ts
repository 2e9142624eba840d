/** What every view needs: the language and its words, the signed-in user, the API, and the form model. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '#i18n/locale.js';
import type { ApiClient } from '../api/client.js';
import type { Session } from '../auth/session.js';
import type { AppConfig } from '../config.js';
import type { GroupField } from '../form/model.js';
import type { Messages } from '../i18n/en.js';

export interface AppContextValue {
  readonly config: AppConfig;
  readonly model: GroupField;
  readonly locale: Locale;
  readonly t: Messages;
  readonly session: Session;
  readonly api: ApiClient;
  /** Says something to screen-reader users (and shows it): saved, moved, new candidates. */
  readonly announce: (message: string) => void;
  readonly navigate: (hash: string) => void;
}

export const AppContext = createContext<AppContextValue | undefined>(undefined);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the app');
  return value;
}
