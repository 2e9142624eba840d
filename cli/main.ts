/**
 * Entry point of `trial-match` (bin/trial-match.js loads it through tsx). Wires the process to the CLI and sets
 * the exit code; an unexpected error prints its message only (a stack trace may carry profile values).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { EXIT, type BatchOutput } from './environment.js';
import { terminalLanguage } from './terminal-language.js';
import { readProfileFile } from './profile-file.js';
import { runCli } from './run.js';

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
    now: () => new Date(),
    terminalWidth: process.stdout.isTTY ? process.stdout.columns : undefined,
    readProfile: readProfileFile,
    language: terminalLanguage(process.env),
    openLines: async (path) => {
      const { size } = await stat(path);
      return { bytes: size, lines: createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity }) };
    },
    openOutput: async (path) => (path === undefined ? stdoutOutput() : fileOutput(path)),
    errIsTerminal: process.stderr.isTTY === true,
    clock: () => performance.now(),
  });
} catch (error) {
  process.stderr.write(`trial-match: ${error instanceof Error ? error.message : 'unexpected failure'}\n`);
  process.exitCode = EXIT.failure;
}

function stdoutOutput(): BatchOutput {
  return {
    write: (text) => new Promise((done) => (process.stdout.write(text) ? done() : process.stdout.once('drain', done))),
    close: async () => {},
  };
}

function fileOutput(path: string): Promise<BatchOutput> {
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
