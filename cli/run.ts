/** The CLI's dispatcher: command line in, exit code out, all I/O through the environment. */
import { parseCommandLine, usage } from './arguments.js';
import { CLI_WORDS } from './cli-words.js';
import { EXIT, type CliEnvironment, type ExitCode } from './environment.js';
import { runBatchCommand } from './batch-command.js';
import { runScreenCommand } from './screen-command.js';

export async function runCli(argv: readonly string[], env: CliEnvironment): Promise<ExitCode> {
  const commandLine = parseCommandLine(argv, env.language);
  switch (commandLine.command) {
    case 'help':
      env.writeOut(`${usage(commandLine.language ?? env.language ?? 'en')}\n`);
      return EXIT.ok;
    case 'usage-error':
      env.writeErr(`${CLI_WORDS[commandLine.language].usageError(commandLine.message)}\n\n${usage(commandLine.language)}\n`);
      return EXIT.invalidInput;
    case 'screen':
      return runScreenCommand(commandLine, env);
    case 'batch':
      return runBatchCommand(commandLine, env);
  }
}
