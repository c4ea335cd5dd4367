import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { inputChunksOfLines, inputChunksOfWholeLines, linesOf } from '../../../functions/cli/line-chunks';

/** What readline makes of the same bytes: the line semantics the chunked reader keeps. */
async function readlineLines(bytes: Buffer): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: Readable.from([bytes]), crlfDelay: Infinity })) lines.push(line);
  return lines;
}

async function chunkedLines(chunks: Buffer[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const chunk of inputChunksOfLines(Readable.from(chunks))) lines.push(...chunk);
  return lines;
}

/** Cuts `bytes` into chunks at the given offsets. */
function cutAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((start, k) => bytes.subarray(start, [...at, bytes.length][k]));
}

/** Prepare: input made of PIECES, read in chunks cut at random places; `check` acts and assesses. */
async function forEveryInputCut(check: (bytes: Buffer, reads: Buffer[]) => Promise<void>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }),
      fc.array(fc.nat(), { maxLength: 8 }),
      async (pieces, cuts) => {
        const bytes = Buffer.from(pieces.join(''));
        await check(bytes, cutAt(bytes, cuts));
      },
    ),
    { numRuns: 500 },
  );
}

/** Input pieces that stress line ends and UTF-8: \r\n split across chunks, lone \r, multi-byte characters cut in two. */
const PIECES = ['a', 'Anna', ' ', '\n', '\r', '\r\n', 'é', '€', '𝐀', '{"x":1}', ''];

describe('reading stdin in chunks of lines', () => {
  it('gives the lines readline gives, with and without \\r, wherever the chunks are cut', async () => {
    await forEveryInputCut(async (bytes, chunks) => {
      // Act
      const lines = await chunkedLines(chunks);
      // Assess
      expect(lines).toEqual(await readlineLines(bytes));
    });
  });

  it('cuts chunks only after a line end, so each chunk splits into the same lines on any thread', async () => {
    await forEveryInputCut(async (bytes, reads) => {
      // Act
      const chunks: Buffer[] = [];
      for await (const chunk of inputChunksOfWholeLines(Readable.from(reads))) chunks.push(chunk);
      // Assess: the chunks are the input, and their lines one by one are readline's lines.
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
      expect(chunks.flatMap((chunk) => linesOf(chunk))).toEqual(await readlineLines(bytes));
    });
  });
});
