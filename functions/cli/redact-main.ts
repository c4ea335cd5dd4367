import { register as redact } from './commands/redact';
import { runProgram } from './program';

/**
 * `lethe redact` alone: the entry bin/cli-bundle.js bundles, so that the command most run on big
 * files starts without ts-node and without loading the commands that talk to AWS.
 */
export async function main(argv: string[]): Promise<void> {
  await runProgram(argv, [redact]);
}
