/** What the CLI needs from the outside world, passed in so commands run the same in tests as in a terminal. */
import type { Locale } from '../shared/i18n/locale.js';
import type { ProfileRead } from './profile-file.js';

export interface CliEnvironment {
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
  readonly now: () => Date;
  /** Columns of the terminal, when stdout is one; tables default to 100 columns otherwise. */
  readonly terminalWidth: number | undefined;
  readonly readProfile: (path: string) => Promise<ProfileRead>;
  /** The terminal's language (from LANG / LC_ALL), when it is one the CLI speaks. */
  readonly language?: Locale;
}

/** Exit codes, as documented in the usage text. */
export const EXIT = { ok: 0, failure: 1, invalidInput: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
