/**
 * Reading a profile file: its text parsed as JSON and validated against the PatientProfile schema, or, when it is a
 * FHIR Bundle, translated into one (shared/fhir). The parsing is pure (text in, profile or problems out); only
 * `readProfileFile` touches the disk.
 */
import { readFile } from 'node:fs/promises';
import { BundleRejected } from '#fhir/read-bundle.js';
import { translateBundle } from '#fhir/translate-bundle.js';
import type { BundleTranslation } from '#fhir/translation.js';
import type { Locale } from '#i18n/locale.js';
import { PatientProfile } from '#profile/schema.js';
import { describeIssues, type FieldIssue } from '#validation/describe-issues.js';
import { CLI_WORDS, type JsonBreak, type UnreadableReason } from './cli-words.js';

export type ProfileParse =
  | { readonly ok: true; readonly profile: PatientProfile; readonly translation?: BundleTranslation }
  | { readonly ok: false; readonly problem: 'not-json'; readonly message: string }
  | { readonly ok: false; readonly problem: 'invalid-profile' | 'invalid-bundle'; readonly issues: readonly FieldIssue[] };

const isBundle = (json: unknown): boolean =>
  typeof json === 'object' && json !== null && (json as { resourceType?: unknown }).resourceType === 'Bundle';

/**
 * A parsed JSON value as a profile: a FHIR Bundle (`resourceType: "Bundle"`) is translated, anything else validated.
 * What is wrong with it is worded in `locale`; field paths stay as written.
 */
export function profileFromJson(json: unknown, locale: Locale = 'en'): ProfileParse {
  if (isBundle(json)) {
    try {
      const translation = translateBundle(json);
      return { ok: true, profile: translation.profile, translation };
    } catch (error) {
      if (error instanceof BundleRejected) {
        const issues = error.errors.length > 0 ? error.errorsIn(locale) : [{ field: '', message: error.detailIn(locale) }];
        return { ok: false, problem: 'invalid-bundle', issues };
      }
      throw error;
    }
  }
  const result = PatientProfile.safeParse(json);
  if (result.success) return { ok: true, profile: result.data };
  return { ok: false, problem: 'invalid-profile', issues: describeIssues(result.error.issues, json, locale) };
}

export function parseProfileText(text: string, locale: Locale = 'en'): ProfileParse {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, problem: 'not-json', message: CLI_WORDS[locale].jsonBreak(looksLikeNdjson(text) ? { kind: 'one-value-per-line' } : whereJsonBroke(text, error)) };
  }
  return profileFromJson(json, locale);
}


/**
 * What broke the JSON, and where. V8's message can quote the file's text (`Unexpected token 'J', "{"name": John"
 * is not valid JSON`), and the text is health data, so the quotation is cut: only V8's description of the
 * problem and the line and column are kept.
 */
/** A file of one JSON value per line (an export meant for `--batch`): its first two lines each parse on their own. */
function looksLikeNdjson(text: string): boolean {
  const lines = text.split('\n', 3);
  if (lines.length < 2) return false;
  return lines.slice(0, 2).every((line) => {
    try {
      JSON.parse(line);
      return true;
    } catch {
      return false;
    }
  });
}

export function whereJsonBroke(text: string, error: unknown): JsonBreak {
  const message = error instanceof Error ? error.message : '';
  if (text.trim() === '') return { kind: 'empty' };
  if (/unexpected end of json input/i.test(message)) return { kind: 'ends-early' };
  // Keep V8's description ("Unexpected token 'W'", "Expected ',' or '}' after property value"), cut before the
  // quotation (`, "..."` or `, ..."...`); if a quote survives, drop the description rather than risk the text.
  const cut = message.replace(/\s+(?:in JSON )?at position[\s\S]*$/, '').replace(/,\s*(?:"|\.\.\.)[\s\S]*$/, '').trim();
  const safe = cut.includes('"') || cut.includes('is not valid JSON') ? '' : cut;
  const description = safe === '' ? {} : { description: `${safe.charAt(0).toLowerCase()}${safe.slice(1)}` };
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) return { kind: 'at', line: Number(lineColumn[1]), column: Number(lineColumn[2]), ...description };
  const position = /at position (\d+)/.exec(message);
  if (position?.[1] !== undefined) {
    // V8 reports some truncations as a bad token at the very end ("Expected property name ... at position 10").
    if (Number(position[1]) >= text.trimEnd().length) return { kind: 'ends-early' };
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return { kind: 'at', line, column, ...description };
  }
  return { kind: 'invalid', ...description };
}

export type ProfileRead = ProfileParse | { readonly ok: false; readonly problem: 'unreadable'; readonly message: string };

export async function readProfileFile(path: string, locale: Locale = 'en'): Promise<ProfileRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, problem: 'unreadable', message: CLI_WORDS[locale].unreadable(unreadableReason(error)) };
  }
  return parseProfileText(text, locale);
}

/** Why the file system refused a file; an error it does not name is shown as the system worded it. */
export function unreadableReason(error: unknown): UnreadableReason {
  const code = error !== null && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no-such-file';
    case 'EACCES':
    case 'EPERM':
      return 'permission-denied';
    case 'EISDIR':
      return 'directory';
    default:
      return { other: error instanceof Error ? error.message : code || 'cannot be read' };
  }
}
