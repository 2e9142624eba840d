/**
 * `npm run ops -- map-stack --map <code package or map>`: a stack the Lambda runtime printed, with each frame in its
 * TypeScript source. A function's code is index.mjs and its chunks (infra/bundling.ts), each with its own map, so the
 * unzipped code package is what maps every frame; a single map maps the frames of its own file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TraceMap } from '@jridgewell/trace-mapping';
import { mapFrames } from '#observability/source-frames.js';

/** Where a frame's file sits in the code package: its path under /var/task, else its `chunks/` path or its name. */
export function codePackagePath(file: string): string {
  const underTask = /\/var\/task\/(.+)$/.exec(file);
  if (underTask?.[1] !== undefined) return underTask[1];
  return /(?:chunks\/)?[^/]+$/.exec(file)?.[0] ?? file;
}

/** `text` with each frame mapped through `map`: a directory (the unzipped code package) or one `.map` file. */
export function mapStack(text: string, map: string): string {
  if (!statSync(map).isDirectory()) {
    // One map is one file's: a frame in another chunk keeps its bundle position rather than a wrong source line.
    const only = new TraceMap(readFileSync(map, 'utf8'));
    const mappedFile = basename(map).replace(/\.map$/, '');
    return mapFrames(text, (file) => (basename(file) === mappedFile ? only : null));
  }
  const maps = new Map<string, TraceMap | null>();
  return mapFrames(text, (file) => {
    const path = join(map, `${codePackagePath(file)}.map`);
    let found = maps.get(path);
    if (found === undefined) {
      found = existsSync(path) ? new TraceMap(readFileSync(path, 'utf8')) : null;
      maps.set(path, found);
    }
    return found;
  });
}
