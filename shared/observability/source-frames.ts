/**
 * A stack's frames, pointed back at the TypeScript sources through the bundle's own source maps (a Lambda asset holds
 * each file's map beside it: index.mjs.map, chunks/*.mjs.map), read only when an error is logged.
 *
 * Node's `--enable-source-maps` would map every frame of every error, but it reads and parses each bundle's map
 * (~0.9 MB) at every cold start: +10–20 ms of init per function, measured on Node 22 (BENCHMARKS.md). An unhandled
 * error is rare and a cold start is not, so the map is read on the first error instead, and kept.
 *
 * Frames keep only where they are (file, line, column), never a message: an error's message may quote the request.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

/**
 * A frame as V8 writes it (`at [async ][name (]location:line:column[)]`), on a line of its own or inside the
 * runtime's one-line JSON (`"    at x (file:///…)"`); only frames in a bundle (.js, .mjs) can have a map.
 */
const FRAME = /at (async )?(?:[^()"\n]*? \()?((?:file:\/\/)?\/[^\s()":]+\.m?js):(\d+):(\d+)\)?/g;

/** Each bundle's map, read once; null when the file has none (the local stack runs the sources themselves). */
const maps = new Map<string, TraceMap | null>();

function mapOf(file: string): TraceMap | null {
  let map = maps.get(file);
  if (map === undefined) {
    try {
      map = new TraceMap(readFileSync(`${file}.map`, 'utf8'));
    } catch {
      map = null;
    }
    maps.set(file, map);
  }
  return map;
}

/**
 * A source as the repository names it (`shared/http/http-handler.ts`, `node_modules/zod/…`): a map's sources are
 * relative to wherever the bundle was built (`../../../shared/…` in dist, `../../../home/ci/trial-match/shared/…`
 * in a CDK asset), and only the part from the project's own folder (or the last node_modules) says anything.
 */
function repositoryPath(source: string): string {
  const dependency = /(?:^|\/)node_modules\/(?!.*\/node_modules\/)(.*)$/.exec(source);
  if (dependency) return `node_modules/${dependency[1]}`;
  const own = /^(?:.*\/)?((?:shared|functions)\/.*)$/.exec(source);
  return own?.[1] ?? source.replace(/^(?:\.\.\/)+/, '');
}

/**
 * Each frame in `text` in its source where `mapOf` has a map for its file (index.mjs or one of its chunks, each with
 * its map beside it); everything else as it was.
 */
export function mapFrames(text: string, mapOf: (file: string) => TraceMap | null): string {
  return text.replace(FRAME, (frame: string, async: string | undefined, location: string, line: string, column: string) => {
    const map = mapOf(location.startsWith('file://') ? fileURLToPath(location) : location);
    if (!map) return frame;
    // V8 counts columns from 1, source maps from 0.
    const original = originalPositionFor(map, { line: Number(line), column: Number(column) - 1 });
    return original.source === null ? frame : `at ${async ?? ''}${repositoryPath(original.source)}:${original.line}:${original.column + 1}`;
  });
}

/** The frames of `error`'s stack, one per line, each in its source where the bundle's map says; undefined if none. */
export function sourceFramesOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.stack === undefined) return undefined;
  return error.stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => mapFrames(line.trim(), mapOf))
    .join('\n');
}
