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
