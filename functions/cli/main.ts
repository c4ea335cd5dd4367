import { COMMANDS } from './commands';
import { runProgram } from './program';

export { FAILURE_EXIT_CODE, USAGE_ERROR_EXIT_CODE } from './program';

/** The full `lethe` program; every command lives in its own file under commands/. */
export async function main(argv: string[]): Promise<void> {
  await runProgram(argv, COMMANDS);
}
