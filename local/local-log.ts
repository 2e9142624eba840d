/**
 * The log the local runtime pieces write to: one method per level, a message and ids-only attributes. Powertools'
 * Logger satisfies it, so `npm start` can pass the same logger the handlers use.
 */
export type LogAttributes = Record<string, string | number | boolean | undefined>;

export interface LocalLog {
  info(message: string, attributes: LogAttributes): void;
  warn(message: string, attributes: LogAttributes): void;
  error(message: string, attributes: LogAttributes): void;
}

function line(level: string, message: string, attributes: LogAttributes): string {
  return JSON.stringify({ level, message, ...attributes, timestamp: new Date().toISOString() });
}

/** JSON lines on stdout/stderr, for `npm start` without a logger of its own. */
export const consoleLog: LocalLog = {
  info: (message, attributes) => console.log(line('INFO', message, attributes)),
  warn: (message, attributes) => console.warn(line('WARN', message, attributes)),
  error: (message, attributes) => console.error(line('ERROR', message, attributes)),
};

export const silentLog: LocalLog = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** An error's name and stack frames, without its message: a message may quote the input, which can be health data. */
export function errorAttributes(error: unknown): LogAttributes {
  if (!(error instanceof Error)) return { error: typeof error };
  const frames = (error.stack ?? '').split('\n').filter((frame) => /^\s+at /.test(frame)).map((frame) => frame.trim());
  return { error: error.name, stack: frames.slice(0, 8).join(' | ') };
}
