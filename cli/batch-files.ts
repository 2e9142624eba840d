/**
 * The batch's file adapters: the NDJSON input read line by line, and the results written to a file or standard
 * output with back-pressure.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { BatchOutput } from './environment.js';

/**
 * The file's size and its lines. The file is opened only when the lines are first asked for: readline emits lines
 * as soon as its stream flows, and an iterator attached after an `await` (the output file opening) would find the
 * first lines already gone, so a busy machine screened "0 lines" of a file it had read.
 */
export async function openLineFile(path: string): Promise<{ readonly bytes: number; readonly lines: AsyncIterable<string> }> {
  const { size } = await stat(path);
  async function* lines(): AsyncGenerator<string> {
    yield* createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  }
  return { bytes: size, lines: lines() };
}

export function stdoutOutput(): BatchOutput {
  return {
    write: (text) => new Promise((done) => (process.stdout.write(text) ? done() : process.stdout.once('drain', done))),
    close: async () => {},
  };
}

export function fileOutput(path: string): Promise<BatchOutput> {
  const stream = createWriteStream(path, 'utf8');
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.once('open', () =>
      resolve({
        write: (text) => new Promise((done) => (stream.write(text) ? done() : stream.once('drain', done))),
        close: () => new Promise((done, fail) => stream.end((error?: Error | null) => (error ? fail(error) : done()))),
      }),
    );
  });
}
