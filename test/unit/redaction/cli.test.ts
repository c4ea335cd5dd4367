import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactLines } from '../../../functions/cli/redact-lines';
import { inbentaPreset } from '../../../functions/domain/policy/presets';
import { createRedactor } from '../../../functions/domain/redaction';

const ROOT = join(__dirname, '../../..');

/** Runs `node bin/lethe.js …` with `input` on stdin (a string, or a function that drives stdin). */
function lethe(
  args: string[],
  input: string | ((stdin: NodeJS.WritableStream, stdout: NodeJS.ReadableStream) => Promise<void>),
) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/lethe.js'), ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  // Decoded as a stream: a character cut between two pipe reads must not become two bad ones.
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  if (typeof input === 'string') child.stdin.end(input);
  else void input(child.stdin, child.stdout).then(() => child.stdin.end());
  return done;
}

const nextChunk = (stdout: NodeJS.ReadableStream) =>
  new Promise<string>((resolve) => stdout.once('data', (d: Buffer) => resolve(String(d))));

describe('lethe redact', () => {
  it('redacts plain lines and JSON lines from stdin to stdout, using "known" and leaving it out', async () => {
    // Prepare
    const input = [
      'Ring 070-123 45 67 eller maila anna@example.se',
      JSON.stringify({
        id: 'm1',
        text: 'Hej, jag heter Anna Svensson, kort 4111 1111 1111 1111',
        known: { name: 'Anna Svensson' },
      }),
      '',
      'Merci beaucoup, à demain 14h30 !',
    ].join('\n');
    // Act
    const result = await lethe(['redact'], `${input}\n`);
    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'Ring [PHONE] eller maila [EMAIL]',
      JSON.stringify({ id: 'm1', text: 'Hej, jag heter [NAME], kort [CARD]' }),
      '',
      'Merci beaucoup, à demain 14h30 !',
      '',
    ]);
  });

  it('streams: each line comes out before the next one goes in', async () => {
    // Act
    const seen: string[] = [];
    const result = await lethe(['redact'], async (stdin, stdout) => {
      for (const line of ['a@example.se', 'b@example.se', 'c@example.se']) {
        const chunk = nextChunk(stdout);
        stdin.write(`${line}\n`);
        seen.push(await chunk);
      }
    });
    // Assess
    expect(seen).toEqual(['[EMAIL]\n', '[EMAIL]\n', '[EMAIL]\n']);
    expect(result.code).toBe(0);
  });

  it('a line starting with { that is not JSON is reported with its number, not echoed, and the rest goes on (exit 1)', async () => {
    // Act
    const result = await lethe(
      ['redact'],
      'first anna@example.se\n{"text": "4111 1111 1111 1111"\nthird 4111 1111 1111 1111\n',
    );
    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('first [EMAIL]\nthird [CARD]\n');
    expect(result.stderr).toContain('line 2: not a JSON object; skipped');
    expect(result.stderr).not.toContain('4111');
  });

  it('applies the tenant patterns of a preset', async () => {
    const result = await lethe(['redact', '--preset', 'inbenta'], 'client CUST-123456\n');
    expect(result.stdout).toBe('client [CUSTOMER_ID]\n');
  });

  it('refuses a policy file with a bad pattern, naming the field, with exit code 2', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'lethe-redact-'));
    const policy = inbentaPreset();
    policy.redaction = { patterns: [{ name: 'BAD', pattern: '(?<=id)[0-9]+' }] };
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
    // Act
    const result = await lethe(['redact', '--policy', join(dir, 'policy.json')], '');
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('redaction.patterns.0.pattern: is not valid RE2 syntax');
  });

  it('--evaluate prints recall and precision per type and the throughput', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'lethe-redact-'));
    const labelled = [
      { text: 'mail anna@example.se', spans: [{ start: 5, end: 20, type: 'email' }] },
      { text: 'ring 070-123 45 67 kl 14:30', spans: [{ start: 5, end: 18, type: 'phone' }] },
      { text: 'kort 4111 1111 1111 1112 (fel)', spans: [] },
      { text: 'ip 10.0.0.1 och 4111 1111 1111 1111', spans: [{ start: 3, end: 11, type: 'ip' }] },
    ];
    writeFileSync(join(dir, 'labelled.jsonl'), labelled.map((l) => JSON.stringify(l)).join('\n'));
    // Act
    const result = await lethe(['redact', '--evaluate', join(dir, 'labelled.jsonl')], '');
    // Assess
    expect(result.code).toBe(0);
    const row = (type: string) =>
      result.stdout
        .split('\n')
        .find((l) => l.startsWith(`│ ${type} `))
        ?.split('│')
        .map((c) => c.trim())
        .filter(Boolean);
    expect(row('email')).toEqual(['email', '1', '1', '100.0 %', '100.0 %', '1', '100.0 %']);
    expect(row('phone')).toEqual(['phone', '1', '1', '100.0 %', '100.0 %', '1', '100.0 %']);
    expect(row('card')).toEqual(['card', '0', '0', '–', '–', '1', '0.0 %']);
    expect(result.stdout).toMatch(/throughput: \d+\.\d MB\/s/);
    expect(result.stdout).toContain('false positives (redactions touching no labelled span): 1');
  });

  it('--evaluate names a bad labelled line and its field', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'lethe-redact-'));
    writeFileSync(
      join(dir, 'bad.jsonl'),
      `${JSON.stringify({ text: 'abc', spans: [{ start: 2, end: 9, type: 'email' }] })}\n`,
    );
    // Act
    const result = await lethe(['redact', '--evaluate', join(dir, 'bad.jsonl')], '');
    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 1: spans.0 must satisfy start < end <= text length (3); skipped');
  });
});

describe('lethe redact past the first 4 MB (worker threads share the chunks)', () => {
  it('refuses a thread count that is not a whole number from 1 to 8, naming the option, with exit code 2', async () => {
    // Prepare
    const counts = ['0', '9', '1.5', 'two'];
    // Act
    const results = await Promise.all(counts.map((n) => lethe(['redact', '--threads', n], 'a\n')));
    // Assess
    for (const [k, n] of counts.entries()) {
      expect(results[k].code).toBe(2);
      expect(results[k].stderr).toContain(`--threads must be a whole number from 1 to 8, not ${n}`);
      expect(results[k].stdout).toBe('');
    }
  });

  const corpusTexts = ['chat-lines.jsonl', 'independent.jsonl'].flatMap((name) =>
    readFileSync(join(ROOT, 'bench/corpus', name), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { text: string }).text.replace(/[\r\n]+/g, ' ')),
  );

  it('writes what one thread writes, byte for byte and in input order, and numbers skipped lines as the input does', async () => {
    // Prepare: about 6 MB of corpus lines with JSON lines among them and a broken one near the end.
    const lines: string[] = [];
    while (lines.length * 55 < 6e6)
      for (const [k, text] of corpusTexts.entries())
        lines.push(k % 7 === 0 ? JSON.stringify({ id: `m${lines.length}`, text, known: { name: 'Anna Berg' } }) : text);
    const broken = lines.length - 3;
    lines[broken] = '{"text": "4111 1111 1111 1111"';
    const expected = redactLines(createRedactor(), lines);
    // Act
    const result = await lethe(['redact', '--threads', '2'], `${lines.join('\n')}\n`);
    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout === expected.out).toBe(true);
    expect(result.stderr).toContain(`line ${broken + 1}: not a JSON object; skipped`);
    expect(result.stderr).toContain(`1 of ${lines.length} lines skipped`);
  }, 120_000);

  it('gives a value one pseudonym in every chunk, whichever thread redacted it (one random key per run)', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'lethe-redact-'));
    const policy = inbentaPreset();
    policy.redaction = { replacement: 'pseudonym' };
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
    const line = 'please write to anna.berg@example.se about it';
    // Act
    const result = await lethe(
      ['redact', '--threads', '2', '--policy', join(dir, 'policy.json')],
      `${line}\n`.repeat(6e6 / line.length),
    );
    // Assess
    expect(result.code).toBe(0);
    const outputs = new Set(result.stdout.trimEnd().split('\n'));
    expect([...outputs]).toEqual([expect.stringMatching(/^please write to \[EMAIL:[0-9a-f]{8}\] about it$/)]);
  }, 120_000);
});
