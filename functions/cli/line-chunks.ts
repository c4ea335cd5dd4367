import type { Readable } from 'node:stream';

/**
 * A UTF-8 stream as chunks of whole lines, ended as readline ends them (\n, \r\n or a lone \r; a
 * last line without an end still counts), without readline's per-line events. A chunk holds bytes
 * up to a line end, never part of a line, so any thread can take it and split it by itself
 * (linesOf): the reading thread then decodes only the chunks it redacts.
 */
export async function* inputChunksOfWholeLines(input: Readable): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    pending = pending.length > 0 ? Buffer.concat([pending, bytes]) : bytes;
    const end = wholeLinesEnd(pending);
    if (end === 0) continue;
    yield pending.subarray(0, end);
    pending = pending.subarray(end);
  }
  if (pending.length > 0) yield pending;
}

/** The same stream as arrays of lines (linesOf each chunk). */
export async function* inputChunksOfLines(input: Readable): AsyncGenerator<string[]> {
  for await (const bytes of inputChunksOfWholeLines(input)) yield linesOf(bytes);
}

/**
 * The lines of a chunk of whole lines (the stream's last chunk may end without a line end), each
 * decoded on its own (line ends are ASCII, never inside a multi-byte character): a line is then a
 * flat string, in one byte per character when it can be, which the redactor's scans read faster
 * than slices of one big string.
 */
export function linesOf(chunk: Uint8Array): string[] {
  const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const lines: string[] = [];
  // Most input has no \r: then indexOf finds the line ends, much faster than a loop over every byte.
  const at = bytes.includes(CR) ? splitAnyLineEnds(bytes, lines) : splitNewlines(bytes, lines);
  if (at < bytes.length) lines.push(bytes.toString('utf8', at));
  return lines;
}

const [LF, CR] = [10, 13];

/** After the last line end of `bytes`, or 0; a \r at the very end is held back, as the first half of a \r\n may be. */
function wholeLinesEnd(bytes: Buffer): number {
  const last = bytes.length - (bytes[bytes.length - 1] === CR ? 2 : 1);
  if (last < 0) return 0;
  return Math.max(bytes.lastIndexOf(LF, last), bytes.lastIndexOf(CR, last)) + 1;
}

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
    lines.push(bytes.toString('utf8', at, i));
    if (c === CR && bytes[i + 1] === LF) i++;
    at = i + 1;
  }
  return at;
}
