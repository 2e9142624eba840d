/**
 * Entry point of `trial-match` (bin/trial-match.js loads it through tsx). Wires the process to the CLI and sets
 * the exit code; an unexpected error prints its message only (a stack trace may carry profile values).
 */
import { performance } from 'node:perf_hooks';
import { fileOutput, openLineFile, stdoutOutput } from './batch-files.js';
import { EXIT } from './environment.js';
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
    openLines: openLineFile,
    openOutput: async (path) => (path === undefined ? stdoutOutput() : fileOutput(path)),
    errIsTerminal: process.stderr.isTTY === true,
    clock: () => performance.now(),
  });
} catch (error) {
  process.stderr.write(`trial-match: ${error instanceof Error ? error.message : 'unexpected failure'}\n`);
  process.exitCode = EXIT.failure;
}
