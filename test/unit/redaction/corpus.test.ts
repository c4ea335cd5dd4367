import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from '../../../bench/corpus/generate';

const COMMITTED = join(__dirname, '../../../bench/corpus/chat-lines.jsonl');
const TYPES = new Set(['email', 'phone', 'card', 'iban', 'ip', 'ssn', 'nir', 'personnummer']);

describe('the labelled redaction corpus the project ships', () => {
  it('is exactly what the seeded generator produces, so anyone can rebuild it without the network', () => {
    // Act
    const generated = `${generateCorpus()
      .map((line) => JSON.stringify(line))
      .join('\n')}\n`;
    // Assess
    expect(generated).toBe(readFileSync(COMMITTED, 'utf8'));
  });

  it('labels spans that start and end on the value itself, with a known type', () => {
    // Prepare
    const corpus = generateCorpus();
    // Act
    const bad = corpus.flatMap((line) =>
      line.spans.filter(
        (s) => !TYPES.has(s.type) || /^\s|\s$/.test(line.text.slice(s.start, s.end)) || s.end > line.text.length,
      ),
    );
    // Assess
    expect(bad).toEqual([]);
    expect(corpus.filter((l) => l.spans.length === 0).length).toBeGreaterThan(500);
    expect(new Set(corpus.flatMap((l) => l.spans.map((s) => s.type)))).toEqual(TYPES);
  });
});
