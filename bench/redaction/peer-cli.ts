import { once } from 'node:events';
import { SyncRedactor } from 'redact-pii';
import { inputChunksOfLines } from '../../functions/cli/line-chunks';

/**
 * redact-pii as a command like `lethe redact` on plain lines: stdin to stdout, with the same chunked
 * reading and one write per chunk, so that the whole-process comparison (cli.ts) weighs the redactors
 * and start-up, not two ways of doing I/O.
 */
export async function main(): Promise<void> {
  const redactor = new SyncRedactor();
  for await (const lines of inputChunksOfLines(process.stdin)) {
    if (!process.stdout.write(lines.map((line) => `${redactor.redact(line)}\n`).join('')))
      await once(process.stdout, 'drain');
  }
}
