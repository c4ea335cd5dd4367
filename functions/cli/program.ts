import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';

/** Exit status of a command line `lethe` could not parse (unknown command or option, missing argument); failures exit 1. */
export const USAGE_ERROR_EXIT_CODE = 2;
/** Exit status of a command that ran and failed. */
export const FAILURE_EXIT_CODE = 1;

/** Adds one command (or subcommand) to the program. */
export type RegisterCommand = (program: Command) => void;

/**
 * Builds the `lethe` program from the commands given. The full CLI (main.ts) gives all of them; the
 * bundled `redact` entry gives only its own, so that its bundle holds no AWS SDK.
 */
function buildProgram(commands: readonly RegisterCommand[]): Command {
  const program = new Command('lethe')
    .description('Operate Lethe: tenants, redaction previews, sweeps, subject requests, audit.')
    .version(version, '-V, --version', 'print the version of lethe')
    .showHelpAfterError('(run "lethe --help" for the list of commands)')
    // Set before the commands are added, so each of them inherits it.
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

export async function runProgram(argv: string[], commands: readonly RegisterCommand[]): Promise<void> {
  try {
    await buildProgram(commands).parseAsync(argv);
  } catch (error) {
    // Commander has already printed the message (or the help or version asked for).
    if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : USAGE_ERROR_EXIT_CODE;
    else {
      // A failure (Lethe refused, unreachable, a bad answer): one line that says what to fix, exit 1.
      process.stderr.write(`lethe: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = FAILURE_EXIT_CODE;
    }
  }
}
