import { foldName } from '../lexicon';

/**
 * The words speech-to-text writes for numbers in EN, FR, SV, DE and ES, in one table (a transcript
 * does not say its language, and no word means one number in one language and another number in
 * another). Keys are lower case, with and without accents (`ß` also as `ss`). Kinds:
 *  - `number`: a value written with a fixed number of digits (`zero` 0, `douze` 12, `tjugotre`
 *    23, `doscientos` 200); `tens` 20-90 and `hundred` may take more words after them;
 *  - `repeat`: "double five", "triple sept", "doppel null" (2 or 3 times the next digit);
 *  - `oh`: EN "oh"/"o", zero only inside a run of digits;
 *  - `joiner`: "et" (vingt et un), "y" (treinta y cuatro), "und" (vier und zwanzig), "and"
 *    (eight hundred and five), which count only between the numbers they join;
 *  - `plus`: a spoken `+` before a calling code;
 *  - `filler`: "uh", "euh", "äh" inside a run of digits.
 * Articles that are also "one" (SV "en", DE "ein", ES "un"/"una") are left out: people reading
 * digits say "ett", "eins", "uno".
 */
export type SpokenWord =
  | { kind: 'number'; value: number; width: number }
  | { kind: 'tens'; value: number }
  | { kind: 'hundred'; value: number }
  | { kind: 'repeat'; times: number }
  | { kind: 'oh' | 'joiner' | 'plus' | 'filler' };

const DIGITS: Record<string, readonly string[]> = {
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
  fr: ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'],
  sv: ['noll', 'ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio'],
  de: ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun'],
  es: ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'],
};
/** 10 to 19. */
const TEENS: Record<string, readonly string[]> = {
  en: ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'],
  fr: ['dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize'],
  sv: ['tio', 'elva', 'tolv', 'tretton', 'fjorton', 'femton', 'sexton', 'sjutton', 'arton', 'nitton'],
  de: ['zehn', 'elf', 'zwölf', 'dreizehn', 'vierzehn', 'fünfzehn', 'sechzehn', 'siebzehn', 'achtzehn', 'neunzehn'],
  es: ['diez', 'once', 'doce', 'trece', 'catorce', 'quince', 'dieciséis', 'diecisiete', 'dieciocho', 'diecinueve'],
};
/** 20 to 90 (FR stops at 60: 70 and 80 are compounds of other words). */
const TENS: Record<string, readonly string[]> = {
  en: ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'],
  fr: ['vingt', 'trente', 'quarante', 'cinquante', 'soixante'],
  sv: ['tjugo', 'trettio', 'fyrtio', 'femtio', 'sextio', 'sjuttio', 'åttio', 'nittio'],
  de: ['zwanzig', 'dreißig', 'vierzig', 'fünfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'],
  es: ['veinte', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'],
};
const SPANISH_HUNDREDS = [
  'ciento',
  'doscientos',
  'trescientos',
  'cuatrocientos',
  'quinientos',
  'seiscientos',
  'setecientos',
  'ochocientos',
  'novecientos',
];

const WORDS = new Map<string, SpokenWord>();
/** Each word under its own spelling and its folded one, so a look-up only lower-cases. */
const add = (word: string, entry: SpokenWord) => {
  for (const form of [word, foldName(word)]) {
    WORDS.set(form, entry);
    if (form.includes('ß')) WORDS.set(form.replace(/ß/g, 'ss'), entry);
  }
};
const number = (value: number, width: number): SpokenWord => ({ kind: 'number', value, width });

for (const lang of Object.keys(DIGITS)) {
  for (const [d, w] of DIGITS[lang].entries()) add(w, number(d, 1));
  for (const [k, w] of TEENS[lang].entries()) add(w, number(10 + k, 2));
  for (const [k, w] of TENS[lang].entries()) add(w, { kind: 'tens', value: 20 + 10 * k });
}
// Tens and units written as one word: SV "tjugotre", DE "dreiundzwanzig", ES "veintitrés".
for (let k = 0; k < 8; k++)
  for (let d = 1; d <= 9; d++) {
    add(TENS.sv[k] + DIGITS.sv[d], number(20 + 10 * k + d, 2));
    if (d === 1) add(`${TENS.sv[k]}en`, number(21 + 10 * k, 2));
    add(`${d === 1 ? 'ein' : DIGITS.de[d]}und${TENS.de[k]}`, number(20 + 10 * k + d, 2));
  }
for (let d = 1; d <= 9; d++) add(`veinti${DIGITS.es[d]}`, number(20 + d, 2));
for (const [w, v] of [
  ['veintiún', 21],
  ['veintidós', 22],
  ['veintitrés', 23],
  ['veintiséis', 26],
] as const)
  add(w, number(v, 2));
add('oh', { kind: 'oh' });
add('o', { kind: 'oh' });
add('nought', number(0, 1));
add('zwo', number(2, 1));
add('une', number(1, 1));
add('vingts', { kind: 'tens', value: 20 });
for (const w of ['hundred', 'cent', 'cents', 'hundra', 'hundert', 'cien']) add(w, { kind: 'hundred', value: 100 });
SPANISH_HUNDREDS.forEach((w, k) => {
  add(w, { kind: 'hundred', value: 100 * (k + 1) });
  if (k > 0) add(`${w.slice(0, -2)}as`, { kind: 'hundred', value: 100 * (k + 1) });
});
for (const w of ['double', 'doble', 'dubbel', 'doppel']) add(w, { kind: 'repeat', times: 2 });
for (const w of ['triple', 'trippel']) add(w, { kind: 'repeat', times: 3 });
// "doppelnull", "doppelacht": one word in German.
for (let d = 0; d <= 9; d++) add(`doppel${DIGITS.de[d]}`, number(11 * d, 2));
for (const w of ['et', 'y', 'und', 'and']) add(w, { kind: 'joiner' });
add('plus', { kind: 'plus' });
add('más', { kind: 'plus' });
for (const w of ['uh', 'um', 'uhm', 'erm', 'euh', 'heu', 'äh', 'ähm', 'eh', 'ehm', 'mm', 'hmm'])
  add(w, { kind: 'filler' });

/** The table entry of a word as written in the text, or undefined. Most words are lower case
 *  already: they are not lower-cased again. */
export function spokenWord(word: string): SpokenWord | undefined {
  const entry = WORDS.get(word);
  if (entry !== undefined) return entry;
  const first = word.charCodeAt(0);
  return first >= 97 && first <= 122 ? undefined : WORDS.get(word.toLowerCase());
}

/** A word that stands for a number by itself (not "double", "plus", "and"). */
export function isSpokenNumber(word: string): boolean {
  const kind = spokenWord(word)?.kind;
  return kind === 'number' || kind === 'tens' || kind === 'hundred';
}

/** Longer words are never number words: no need to look them up. */
const LONGEST_SPOKEN_WORD = Math.max(...[...WORDS.keys()].map((w) => w.length));

/**
 * Which lengths the number words have, by their first, second and last letters: a word whose
 * letters and length are not among them need not be read at all, which is most words of most
 * texts (no string is made, nothing is hashed). Letters are told apart by their five low bits,
 * the same for both cases of a letter in ASCII and Latin-1; the few other characters that share
 * them only let more words through. A character beyond Latin-1 in those places lets the word
 * through too: its lower case may be a Latin-1 letter (the Kelvin sign's is `k`). Lengths are bits
 * of a 32-bit mask: the longest number word has 17 letters.
 */
const LATIN1_END = 0xff;
const lettersKey = (first: number, second: number, last: number) =>
  ((first & 31) << 10) | ((second & 31) << 5) | (last & 31);
const LENGTHS_BY_LETTERS = new Uint32Array(1 << 15);
for (const w of WORDS.keys())
  LENGTHS_BY_LETTERS[lettersKey(w.charCodeAt(0), w.length > 1 ? w.charCodeAt(1) : 0, w.charCodeAt(w.length - 1))] |=
    1 << w.length;

/** False when no number word is `text.slice(start, end)` (for sure); true when one may be. */
export function maySpellNumber(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length > LONGEST_SPOKEN_WORD) return false;
  const first = text.charCodeAt(start);
  const second = length > 1 ? text.charCodeAt(start + 1) : 0;
  const last = text.charCodeAt(end - 1);
  if (first > LATIN1_END || second > LATIN1_END || last > LATIN1_END) return true;
  return (LENGTHS_BY_LETTERS[lettersKey(first, second, last)] & (1 << length)) !== 0;
}
