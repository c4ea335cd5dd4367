import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFakers, type Faker } from '@faker-js/faker';
import type { CountryCode } from 'libphonenumber-js/max';

/** What the labelled sets (independent-set.ts, spoken-set.ts) share: the five languages, the
 *  fake-data library's locale and the phone countries of each, and how a set is written. */
export type Lang = 'en' | 'fr' | 'sv' | 'de' | 'es';

export interface LabelledLine {
  text: string;
  spans: Array<{ start: number; end: number; type: string }>;
  lang: Lang;
  known?: { name: string };
}

export const FAKER: Record<Lang, Faker> = {
  en: allFakers.en_US,
  fr: allFakers.fr,
  sv: allFakers.sv,
  de: allFakers.de,
  es: allFakers.es,
};

export const HOME: Record<Lang, CountryCode[]> = {
  en: ['US', 'GB'],
  fr: ['FR', 'BE'],
  sv: ['SE'],
  de: ['DE', 'AT'],
  es: ['ES', 'MX'],
};

/** A frame ("Call {phone} and ask…") with each `{slot}` filled; a filled value with a type is a labelled span. */
export function fillFrame(
  frame: string,
  fill: (slot: string) => { text: string; type?: string },
): Pick<LabelledLine, 'text' | 'spans'> {
  const spans: LabelledLine['spans'] = [];
  let text = '';
  let at = 0;
  for (const m of frame.matchAll(/\{(\w+)\}/g)) {
    text += frame.slice(at, m.index);
    const value = fill(m[1]);
    if (value.type) spans.push({ start: text.length, end: text.length + value.text.length, type: value.type });
    text += value.text;
    at = m.index + m[0].length;
  }
  return { text: text + frame.slice(at), spans };
}

/** `perLanguage` lines of each language from `line`, seeded, written to bench/corpus/`file`. */
export function writeLabelledSet(
  file: string,
  seed: number,
  perLanguage: number,
  line: (f: Faker, lang: Lang) => LabelledLine,
): void {
  const lines: LabelledLine[] = [];
  for (const lang of Object.keys(FAKER) as Lang[]) {
    const f = FAKER[lang];
    f.seed(seed);
    for (let i = 0; i < perLanguage; i++) lines.push(line(f, lang));
  }
  writeFileSync(join(__dirname, '..', 'corpus', file), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  console.log(`${lines.length} lines`);
}
