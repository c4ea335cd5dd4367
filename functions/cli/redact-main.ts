import { register as redact } from './commands/redact';
import { runProgram } from './program';
import { serveIfRedactWorker } from './redact-workers';

/**
 * `lethe redact` alone: the entry bin/cli-bundle.js bundles, so that the command most run on big
 * files starts without ts-node and without loading the commands that talk to AWS. The bundle is
 * also its own redaction worker: started as one, it serves chunks instead.
 */
serveIfRedactWorker();

export async function main(argv: string[]): Promise<void> {
  await runProgram(argv, [(program) => redact(program, __filename)]);
}
