/** What the CLI needs from the outside world, passed in so commands run the same in tests as in a terminal. */
import type { Locale } from '#i18n/locale.js';
import type { ProfileRead } from './profile-file.js';

export interface CliEnvironment {
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
  readonly now: () => Date;
  /** Columns of the terminal, when stdout is one; tables default to 100 columns otherwise. */
  readonly terminalWidth: number | undefined;
  /** Reads and validates a profile file; what is wrong with it is worded in `locale`. */
  readonly readProfile: (path: string, locale?: Locale) => Promise<ProfileRead>;
  /** The terminal's language (from LANG / LC_ALL), when it is one the CLI speaks. */
  readonly language?: Locale;
  /** A batch file's lines, streamed, with its size in bytes (for the progress bar); rejects if it cannot be read. */
  readonly openLines?: (path: string) => Promise<{ readonly bytes: number; readonly lines: AsyncIterable<string> }>;
  /** Where batch results go: a file, or standard output when no path is given. */
  readonly openOutput?: (path: string | undefined) => Promise<BatchOutput>;
  /** Standard error is a terminal: a progress bar can be drawn on it. */
  readonly errIsTerminal?: boolean;
  /** Milliseconds, for the progress bar's pace (performance.now in the process). */
  readonly clock?: () => number;
}

export interface BatchOutput {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Exit codes, as documented in the usage text. */
export const EXIT = { ok: 0, failure: 1, invalidInput: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
