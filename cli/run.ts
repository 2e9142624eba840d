/** The CLI's dispatcher: command line in, exit code out, all I/O through the environment. */
import { USAGE, parseCommandLine } from './arguments.js';
import { EXIT, type CliEnvironment, type ExitCode } from './environment.js';
import { runBatchCommand } from './batch-command.js';
import { runScreenCommand } from './screen-command.js';

export async function runCli(argv: readonly string[], env: CliEnvironment): Promise<ExitCode> {
  const commandLine = parseCommandLine(argv);
  switch (commandLine.command) {
    case 'help':
      env.writeOut(`${USAGE}\n`);
      return EXIT.ok;
    case 'usage-error':
      env.writeErr(`trial-match: ${commandLine.message}\n\n${USAGE}\n`);
      return EXIT.invalidInput;
    case 'screen':
      return runScreenCommand(commandLine, env);
    case 'batch':
      return runBatchCommand(commandLine, env);
  }
}
