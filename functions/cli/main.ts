import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands';

/** Exit status of a command line `lethe` could not parse (unknown command or option, missing argument); failures exit 1. */
export const USAGE_ERROR_EXIT_CODE = 2;
/** Exit status of a command that ran and failed. */
export const FAILURE_EXIT_CODE = 1;

const VERSION = (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string })
  .version;

/** Builds the `lethe` program; every command lives in its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command('lethe')
    .description('Operate Lethe: tenants, redaction previews, sweeps, subject requests, audit.')
    .version(VERSION, '-V, --version', 'print the version of lethe')
    .showHelpAfterError('(run "lethe --help" for the list of commands)')
    // Set before the commands are added, so each of them inherits it.
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
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
