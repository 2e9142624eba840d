/**
 * One batch line's outcome, and how it is written: NDJSON (one JSON object per line, the full reasons kept out for
 * size: the verdict, score, what is missing and when to look again) or CSV with the same columns. Pure.
 */
import type { ScreeningResult } from '#screening/result.js';

export interface ScreenedLine {
  readonly line: number;
  /** The Bundle's or Patient's id, when the line carries one: how the site finds the patient in its own system. */
  readonly id?: string;
  readonly verdict: ScreeningResult['verdict'];
  readonly score: number;
  readonly missing: readonly string[];
  readonly reviewAt: string | null;
  /** Resources or codings of the Bundle that could not be used. */
  readonly notUsed?: number;
}

export interface FailedLine {
  readonly line: number;
  readonly id?: string;
  readonly error: string;
}

export type BatchLine = ScreenedLine | FailedLine;

export const isFailed = (line: BatchLine): line is FailedLine => 'error' in line;

export const CSV_HEADER = 'line,id,verdict,score,missing_count,missing,review_at,not_used,error\n';

/** RFC 4180: quote a field that holds a comma, a quote or a line break, doubling quotes. */
function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading =, +, - or @ would be read as a formula by a spreadsheet: prefixed so it stays text.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(line: BatchLine): string {
  const cells = isFailed(line)
    ? [line.line, line.id, '', '', '', '', '', '', line.error]
    : [line.line, line.id, line.verdict, line.score, line.missing.length, line.missing.join(' '), line.reviewAt, line.notUsed, ''];
  return `${cells.map(csvField).join(',')}\n`;
}

export const ndjsonRow = (line: BatchLine): string => `${JSON.stringify(line)}\n`;
