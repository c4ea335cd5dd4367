import { Command } from 'commander';
import { COMMANDS } from './commands';

/** Builds the `lethe` program; every command lives in its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command('lethe')
    .description('Operate Lethe: tenants, redaction previews, sweeps, subject requests, audit.')
    .showHelpAfterError('(run "lethe --help" for the list of commands)');
  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
