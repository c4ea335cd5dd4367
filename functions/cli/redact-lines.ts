import * as z from 'zod';
import type { KnownIdentifiers, Redactor } from '../domain/redaction';

/**
 * What `lethe redact` makes of one chunk of input lines, the same on the main thread and in a
 * worker (redact-workers.ts): a line starting with `{` is a JSON object whose string values are
 * redacted, with its optional `known` {name, email, phone} used and left out; any other line is
 * plain text. A `{` line that is not such an object is reported by number and not written.
 */
export interface RedactedChunk {
  /** The redacted lines, each ended by `\n` (UTF-8 bytes when a worker sends them). */
  out: string | Uint8Array;
  /** How many input lines the chunk held. */
  lines: number;
  /** The lines not written: their index in the chunk and why. */
  skipped: Array<{ index: number; reason: string }>;
}

export const KnownSchema = z.object({ name: z.string(), email: z.string(), phone: z.string() }).partial();

export function redactLines(redactor: Redactor, lines: readonly string[]): RedactedChunk & { out: string } {
  let out = '';
  const skipped: RedactedChunk['skipped'] = [];
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (!line.trimStart().startsWith('{')) {
      out += `${redactor.redact(line).text}\n`;
      continue;
    }
    const record = parseJsonObject(line);
    const known = record && KnownSchema.safeParse(record.known ?? {});
    if (!record || !known?.success) {
      skipped.push({ index: k, reason: record ? '"known" must hold name, email, phone strings' : 'not a JSON object' });
      continue;
    }
    const { known: _known, ...rest } = record;
    out += `${JSON.stringify(redactor.redactJson(rest, known.data as KnownIdentifiers).value)}\n`;
  }
  return { out, lines: lines.length, skipped };
}

function parseJsonObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
