import type { Readable } from 'node:stream';

/**
 * The complete lines of each chunk of a UTF-8 stream, ended as readline ends them (\n, \r\n or a
 * lone \r; a last line without an end still counts), without readline's per-line events.
 * Lines are split in the bytes and each decoded on its own (line ends are ASCII, never inside a
 * multi-byte character): a line is then a flat string, in one byte per character when it can be,
 * which the redactor's scans read faster than slices of a chunk's string.
 */
export async function* inputChunksOfLines(input: Readable): AsyncGenerator<string[]> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    pending = pending.length > 0 ? Buffer.concat([pending, bytes]) : bytes;
    const lines: string[] = [];
    // Most input has no \r: then indexOf finds the line ends, much faster than a loop over every byte.
    const at = pending.includes(CR) ? splitAnyLineEnds(pending, lines) : splitNewlines(pending, lines);
    pending = pending.subarray(at);
    if (lines.length) yield lines;
  }
  // A \r held back at the very end ends a line, even an empty one.
  if (pending.length > 0 && pending[pending.length - 1] === CR) yield [pending.toString('utf8', 0, pending.length - 1)];
  else if (pending.length > 0) yield [pending.toString('utf8')];
}

const [LF, CR] = [10, 13];

/** Pushes the lines of `bytes` ended by \n; returns where the unended rest starts. */
function splitNewlines(bytes: Buffer, lines: string[]): number {
  let at = 0;
  for (let end = bytes.indexOf(LF); end !== -1; end = bytes.indexOf(LF, at)) {
    lines.push(bytes.toString('utf8', at, end));
    at = end + 1;
  }
  return at;
}

/** Pushes the lines of `bytes` ended by \n, \r\n or \r; returns where the unended rest starts. */
function splitAnyLineEnds(bytes: Buffer, lines: string[]): number {
  let at = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c !== LF && c !== CR) continue;
    // A \r at the end of the chunk may be the first half of \r\n: wait for the next chunk.
    if (c === CR && i === bytes.length - 1) break;
    lines.push(bytes.toString('utf8', at, i));
    if (c === CR && bytes[i + 1] === LF) i++;
    at = i + 1;
  }
  return at;
}
