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
    // Most input has no \r: then indexOf finds the line ends, much faster than a loop over every character.
    const at = pending.includes('\r') ? splitAnyLineEnds(pending, lines) : splitNewlines(pending, lines);
    pending = pending.slice(at);
    if (lines.length) yield lines;
  }
  pending += decoder.end();
  // A \r held back at the very end ends a line, even an empty one.
  if (pending.endsWith('\r')) yield [pending.slice(0, -1)];
  else if (pending) yield [pending];
}

/** Pushes the lines of `text` ended by \n; returns where the unended rest starts. */
function splitNewlines(text: string, lines: string[]): number {
  let at = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', at)) {
    lines.push(text.slice(at, end));
    at = end + 1;
  }
  return at;
}

/** Pushes the lines of `text` ended by \n, \r\n or \r; returns where the unended rest starts. */
function splitAnyLineEnds(text: string, lines: string[]): number {
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    // A \r at the end of the chunk may be the first half of \r\n: wait for the next chunk.
    if (c === 13 && i === text.length - 1) break;
    lines.push(text.slice(at, i));
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    at = i + 1;
  }
  return at;
}
