import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * The complete lines of each chunk of a UTF-8 stream, ended as readline ends them (\n, \r\n or a
 * lone \r; a last line without an end still counts), without readline's per-line events.
 */
export async function* inputChunksOfLines(input: Readable): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    const lines: string[] = [];
    let at = 0;
    for (let i = 0; i < pending.length; i++) {
      const c = pending.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      // A \r at the end of the chunk may be the first half of \r\n: wait for the next chunk.
      if (c === 13 && i === pending.length - 1) break;
      lines.push(pending.slice(at, i));
      if (c === 13 && pending.charCodeAt(i + 1) === 10) i++;
      at = i + 1;
    }
    pending = pending.slice(at);
    if (lines.length) yield lines;
  }
  pending += decoder.end();
  if (pending.endsWith('\r')) pending = pending.slice(0, -1);
  if (pending) yield [pending];
}
