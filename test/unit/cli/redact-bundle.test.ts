import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runRedact } from '../../../functions/cli/commands/redact';
import { freshBundle } from '../../../bin/cli-bundle';

const ROOT = join(__dirname, '../../..');

/** What the redact command of the TypeScript sources writes, run in this process, fed in small uneven chunks. */
async function redactInProcess(input: Buffer, options: { preset?: string }) {
  const chunks: Buffer[] = [];
  // 4093 bytes: chunk ends fall inside multi-byte characters and between \r and \n.
  for (let at = 0; at < input.length; at += 4093) chunks.push(input.subarray(at, at + 4093));
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  const [out, err]: Buffer[][] = [[], []];
  stdout.on('data', (d: Buffer) => out.push(d));
  stderr.on('data', (d: Buffer) => err.push(d));
  const exitCode = await runRedact(options, { stdin: Readable.from(chunks), stdout, stderr });
  return { exitCode, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() };
}

/** A sample of every kind of line `lethe redact` reads: JSON objects, plain text, CRLF and CR ends, a broken line. */
function sampleInput(): Buffer {
  const jsonLines = readFileSync(join(ROOT, 'bench/corpus/chat-lines.jsonl'), 'utf8').trim().split('\n');
  const texts = jsonLines.map((l) => (JSON.parse(l) as { text: string }).text);
  const known = JSON.stringify({ text: 'Hej, jag heter Anna Svensson', known: { name: 'Anna Svensson' } });
  return Buffer.from(
    [...jsonLines, ...texts.map((t, i) => (i % 3 === 0 ? `${t}\r` : t)), '', known, '{not json', 'last\rline'].join(
      '\n',
    ),
  );
}

describe('the bundled lethe redact', () => {
  it.each([{}, { preset: 'inbenta' }])(
    'writes byte for byte what the redactor of the sources writes (%j)',
    async (options) => {
      // Prepare
      const input = sampleInput();
      const args = options.preset ? ['--preset', options.preset] : [];
      // Act
      const bundled = spawnSync(process.execPath, [join(ROOT, 'bin/lethe.js'), 'redact', ...args], { input });
      const sources = await redactInProcess(input, options);
      // Assess
      expect(bundled.stdout.length).toBeGreaterThan(input.length / 2);
      expect(bundled.stdout.equals(sources.stdout)).toBe(true);
      expect(bundled.stderr.toString()).toBe(sources.stderr);
      expect(bundled.status).toBe(sources.exitCode);
    },
  );

  it('holds no AWS SDK and no ts-node', () => {
    // Act
    const inputs: string[] = JSON.parse(readFileSync(`${freshBundle()}.inputs.json`, 'utf8'));
    // Assess
    expect(inputs).toContain('functions/cli/commands/redact.ts');
    expect(inputs.filter((f) => /@aws-sdk|@smithy|ts-node|typescript/.test(f))).toEqual([]);
  });

  it('is rebuilt when a file it was made from changed, and only then', () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'lethe-bundle-'));
    const target = { root, entry: 'entry.ts', outfile: join(root, 'out', 'entry.js') };
    const printed = () => spawnSync(process.execPath, ['-e', `require(${JSON.stringify(target.outfile)})`]).stdout;
    writeFileSync(join(root, 'message.ts'), "export const message: string = 'first';\n");
    writeFileSync(join(root, 'entry.ts'), "import { message } from './message';\nprocess.stdout.write(message);\n");
    freshBundle(target);
    const firstBuild = statSync(target.outfile).mtimeMs;
    // Act
    freshBundle(target);
    const unchanged = statSync(target.outfile).mtimeMs;
    writeFileSync(join(root, 'message.ts'), "export const message: string = 'second';\n");
    const later = new Date(firstBuild + 2000);
    utimesSync(join(root, 'message.ts'), later, later);
    freshBundle(target);
    // Assess
    expect(unchanged).toBe(firstBuild);
    expect(printed().toString()).toBe('second');
  });
});
