import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as e from './entities';
import { Prng } from './prng';
import { TEMPLATES } from './templates';

/**
 * Builds the labelled redaction corpus: `ts-node --transpile-only bench/corpus/generate.ts`.
 * Deterministic (seeded PRNG, no network); writes bench/corpus/chat-lines.jsonl, one
 * {"text", "spans": [{"start","end","type"}]} per line, offsets in UTF-16 code units as in JS.
 */
export interface LabelledLine {
  text: string;
  spans: Array<{ start: number; end: number; type: e.EntityType }>;
}

const SEED = 20240611;
const LINES = 4000;

const SLOTS: Record<string, (r: Prng) => { text: string; type?: e.EntityType }> = {
  email: (r) => ({ text: e.email(r), type: 'email' }),
  phone: (r) => ({ text: e.phone(r), type: 'phone' }),
  card: (r) => ({ text: e.card(r), type: 'card' }),
  iban: (r) => ({ text: e.iban(r), type: 'iban' }),
  ip: (r) => ({ text: r.chance(0.6) ? e.ipv4(r) : e.ipv6(r), type: 'ip' }),
  ssn: (r) => ({ text: e.ssn(r).text, type: 'ssn' }),
  nir: (r) => ({ text: e.nir(r), type: 'nir' }),
  pnr: (r) => ({ text: e.personnummer(r), type: 'personnummer' }),
  price: (r) => ({ text: e.price(r) }),
  date: (r) => ({ text: e.date(r) }),
  time: (r) => ({ text: e.time(r) }),
  order: (r) => ({ text: e.order(r) }),
  decoy: (r) => ({ text: e.decoy(r) }),
  misc: (r) => ({ text: e.misc(r) }),
};

export function fillTemplate(template: string, r: Prng): LabelledLine {
  let text = '';
  const spans: LabelledLine['spans'] = [];
  let at = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    text += template.slice(at, m.index);
    const value = SLOTS[m[1]](r);
    if (value.type) spans.push({ start: text.length, end: text.length + value.text.length, type: value.type });
    text += value.text;
    at = m.index + m[0].length;
  }
  return { text: text + template.slice(at), spans };
}

export function generateCorpus(seed = SEED, lines = LINES): LabelledLine[] {
  const r = new Prng(seed);
  return Array.from({ length: lines }, () => fillTemplate(r.pick(TEMPLATES), r));
}

if (require.main === module) {
  const file = join(__dirname, 'chat-lines.jsonl');
  const corpus = generateCorpus();
  writeFileSync(file, `${corpus.map((line) => JSON.stringify(line)).join('\n')}\n`);
  const spans = corpus.reduce((n, l) => n + l.spans.length, 0);
  process.stdout.write(`${file}: ${corpus.length} lines, ${spans} labelled spans\n`);
}
