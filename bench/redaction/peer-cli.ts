import { once } from 'node:events';
import { inputChunksOfLines } from '../../functions/cli/line-chunks';

/**
 * The peers as commands like `lethe redact` on plain lines: stdin to stdout, with the same chunked
 * reading and one write per chunk, so that the whole-process comparison (cli.ts) weighs the redactors
 * and start-up, not two ways of doing I/O. `peer`: redact-pii's SyncRedactor or @redactpii/node's
 * Redactor, both with their default rules (no API key: @redactpii/node then sends nothing anywhere).
 * Each is loaded only when run, so that neither start-up carries the other library.
 */
const PEERS = {
  'redact-pii': async () => {
    const redactor = new (await import('redact-pii')).SyncRedactor();
    return (line: string) => redactor.redact(line);
  },
  '@redactpii/node': async () => {
    const redactor = new (await import('@redactpii/node')).Redactor();
    return (line: string) => redactor.redact(line);
  },
} as const;

export async function main(peer: keyof typeof PEERS): Promise<void> {
  const redact = await PEERS[peer]();
  for await (const lines of inputChunksOfLines(process.stdin)) {
    if (!process.stdout.write(lines.map((line) => `${redact(line)}\n`).join(''))) await once(process.stdout, 'drain');
  }
}
