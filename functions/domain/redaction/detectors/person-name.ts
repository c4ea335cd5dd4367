import { COMMON_WORD, FIRST_NAME, SURNAME } from '../lexicon';
import { NAME_PARTICLES } from '../lexicon/particles';
import type { FindingSink } from '../types';
import { startsSentence, WordList } from '../words';

/**
 * People named in free text, in EN, FR, SV, DE and ES, found three ways:
 *  - after a phrase that introduces a name: "my name is", "je m'appelle", "jag heter",
 *    "ich heiße", "me llamo" (any capitalised or known name follows), or the weaker "I'm",
 *    "this is", "ask for", "je suis", "ich bin", "soy" (a known name, or a capitalised word that
 *    is not a common one);
 *  - after a title: Mr, Mrs, Ms, Dr, M., Mme, Mlle, Herr, Frau, Sr., Sra., fru…;
 *  - a capitalised known first name (lexicon), with the capitalised words that follow it
 *    ("Johanna Berg"); a first name that is also a common word ("May", "Bill") needs a surname
 *    after it, and a capitalised common word opening a sentence is never taken alone;
 *  - an unknown capitalised word before a known name ("Marco Walter") or opening a sentence
 *    before "here" ("Wiley here, calling about…").
 * The name runs over up to five more capitalised words and particles ("de la", "van", "af").
 * What is still missed: a surname alone without title, names the lexicon lacks written without
 * a cue, names in lower case.
 */
const STRONG_CUES =
  "my name is|my name's|call me|je m['’]appelle|mon nom est|moi c['’]est|jag heter|mitt namn är|ich heiße|ich heisse|mein name ist|me llamo|mi nombre es";
const STRONG_CUE = new RegExp(`(?:${STRONG_CUES})\\s+$`, 'iu');
const STRONG_CUE_ANYWHERE = new RegExp(STRONG_CUES, 'iu');
const WEAK_CUE =
  /(?:\bi['’]m|\bi am|this is|ask for|speak to|talk to|colleague|je suis|demandez|collègue|det här är|kollega|ich bin|hier ist|kollegin|kollege|soy|habla|compañer[oa])\s+$/iu;
const TITLE =
  /(?:\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Sra|Srta|Hr|Fr)\.?|\bM\.|\b(?:Miss|Sir|Mme|Mlle|Monsieur|Madame|Herr|Frau|herr|fru|Señor|Señora|Señorita|señor|señora|Doña|Doktor))\s+$/u;
/** Built once: a literal with \p{…} in the function body, the bundle (esbuild, node target) recompiles on every call. */
const UPPER_CASE_LETTER = /\p{Lu}/u;
const MAX_FOLLOWING = 5;
const LOOK_BACK = 24;

export function scanPersonNames(text: string, out: FindingSink): void {
  // A name in lower case is taken only after a strong cue; most lines have none.
  const lowerCaseNames = STRONG_CUE_ANYWHERE.test(text);
  if (!lowerCaseNames && !UPPER_CASE_LETTER.test(text)) return;
  const words = new WordList(text);
  let i = 0;
  // Without a strong cue only capitalised words open names: the others need not even be read.
  while (lowerCaseNames ? words.has(i) : words.hasCapitalisedCandidate(i)) {
    const last = lowerCaseNames || words.capitalised(i) ? nameStartingAt(words, i, lowerCaseNames) : -1;
    if (last === -1) {
      i++;
      continue;
    }
    out.push({ type: 'name', start: words.starts[i], end: words.ends[last] });
    i = last + 1;
  }
}

/** Index of the last word of the name that starts at word i, or -1. `strongCue`: the text holds one somewhere. */
function nameStartingAt(words: WordList, i: number, strongCue: boolean): number {
  const text = words.text;
  const capitalised = words.capitalised(i);
  // Every cue and title ends in white space before the name: without it, none can match.
  const lead = afterSpace(text, words.starts[i]) ? before(text, words.starts[i]) : '';
  const strong = strongCue && lead !== '' && STRONG_CUE.test(lead);
  if (!capitalised && !strong) return -1;
  const lists = words.lists(i);
  const firstName = (lists & FIRST_NAME) !== 0;
  const knownName = (lists & (FIRST_NAME | SURNAME)) !== 0;
  if (!capitalised && !knownName) return -1;
  if (TITLE_WORDS.has(words.word(i))) return -1;
  const common = (lists & COMMON_WORD) !== 0;
  if (strong || (lead !== '' && (TITLE.test(lead) || ((knownName || !common) && WEAK_CUE.test(lead)))))
    return extend(words, i);
  if (common) {
    // "May", "Bill", "Will": a name only with a surname after it.
    const last = firstName ? extend(words, i) : i;
    return last > i && (words.lists(last) & SURNAME) !== 0 ? last : -1;
  }
  if (firstName) return opensImperative(words, i) ? -1 : extend(words, i);
  // An unknown capitalised word before a known name ("Marco Walter"), or alone before "here" ("Wiley here").
  const last = extend(words, i);
  if (last > i && (words.lists(i + 1) & (FIRST_NAME | SURNAME)) !== 0) return last;
  return words.has(i + 1) &&
    HERE.has(words.word(i + 1)) &&
    words.starts[i + 1] === words.ends[i] + 1 &&
    startsSentence(text, words.starts[i])
    ? i
    : -1;
}

const afterSpace = (text: string, at: number) => at > 0 && (text.charCodeAt(at - 1) === 32 || /\s/u.test(text[at - 1]));

/** "Mark the ticket as urgent": a first name opening a sentence before an article is a verb. */
const ARTICLES = new Set([
  'the',
  'an',
  'this',
  'that',
  'my',
  'your',
  'le',
  'la',
  'les',
  'un',
  'une',
  'den',
  'det',
  'der',
  'die',
  'das',
  'el',
  'los',
  'las',
]);
const opensImperative = (words: WordList, i: number) =>
  words.has(i + 1) &&
  ARTICLES.has(words.word(i + 1)) &&
  words.starts[i + 1] === words.ends[i] + 1 &&
  startsSentence(words.text, words.starts[i]);

const HERE = new Set(['here', 'ici', 'här', 'hier', 'aquí']);
/** Titles, and capitalised nouns that stand before names (German capitalises every noun). */
const TITLE_WORDS = new Set([
  'Kollege',
  'Kollegin',
  'Kunde',
  'Kundin',
  'Chef',
  'Chefin',
  'Herrn',
  'Familie',
  'Mitarbeiter',
  'Mitarbeiterin',
  'Mr',
  'Mrs',
  'Ms',
  'Mx',
  'Dr',
  'Prof',
  'Sr',
  'Sra',
  'Srta',
  'Hr',
  'Fr',
  'Miss',
  'Sir',
  'Mme',
  'Mlle',
  'Monsieur',
  'Madame',
  'Herr',
  'Frau',
  'Señor',
  'Señora',
  'Señorita',
  'Doña',
  'Doktor',
]);

/** The last of the capitalised words (and particles between them) that follow word i. */
function extend(words: WordList, i: number): number {
  const text = words.text;
  let last = i;
  for (let k = i + 1; k - i <= MAX_FOLLOWING && words.has(k); k++) {
    const gap = words.starts[k] - words.ends[k - 1];
    const space = text.charCodeAt(words.ends[k - 1]);
    if (gap !== 1 || (space !== 32 && space !== 0xa0)) break;
    if (NAME_PARTICLES.has(words.word(k))) {
      let j = k;
      while (words.has(j + 1) && NAME_PARTICLES.has(words.word(j)) && words.starts[j + 1] - words.ends[j] === 1) j++;
      if (!words.capitalised(j)) break;
      k = j - 1; // the loop's k++ lands on the capitalised word after the particles
      continue;
    }
    if (!words.capitalised(k) || (words.lists(k) & (COMMON_WORD | FIRST_NAME | SURNAME)) === COMMON_WORD) break;
    last = k;
  }
  return last;
}

const before = (text: string, at: number) => text.slice(Math.max(0, at - LOOK_BACK), at);
