import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESETS, presetPolicy } from '../../../functions/domain/policy/presets';
import { createRedactor, type KnownIdentifiers } from '../../../functions/domain/redaction';

/**
 * What the redactor makes of the shipped corpora, fixed before the redactor was made faster: the
 * default detectors' findings on every line, and a digest of the redacted texts under each preset
 * (pseudonyms with a fixed key and the preset's calling code). A speed-up must leave both unchanged.
 *   npx ts-node --transpile-only test/unit/redaction/corpus-outputs.ts   (rewrites the expected file)
 */
export const EXPECTED_FILE = join(__dirname, 'fixtures', 'corpus-outputs.txt');
const CORPORA = ['chat-lines.jsonl', 'independent.jsonl', 'spoken.jsonl'];
const KEY = new Uint8Array(32).fill(7);

interface Line {
  text: string;
  known?: KnownIdentifiers;
}

function corpusLines(): Line[] {
  return CORPORA.flatMap((name) =>
    readFileSync(join(__dirname, '../../../bench/corpus', name), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line),
  );
}

/** One line per corpus line: its findings as `type start end`, comma-separated; then one digest line per preset. */
export function corpusOutputs(): string {
  const lines = corpusLines();
  const defaults = createRedactor();
  const findings = lines.map((line) =>
    defaults
      .redact(line.text, line.known)
      .findings.map((f) => `${f.type} ${f.start} ${f.end}`)
      .join(', '),
  );
  const digests = Object.keys(PRESETS).map((name) => {
    const policy = presetPolicy(name);
    const redactor = createRedactor(
      { ...policy.redaction, replacement: 'pseudonym' },
      { pseudonymKey: KEY, defaultCallingCode: policy.defaultCallingCode },
    );
    const hash = createHash('sha256');
    for (const line of lines) hash.update(`${redactor.redact(line.text, line.known).text}\n`);
    return `${name} pseudonyms sha256 ${hash.digest('hex')}`;
  });
  return `${[...findings, ...digests].join('\n')}\n`;
}

if (require.main === module) writeFileSync(EXPECTED_FILE, corpusOutputs());
