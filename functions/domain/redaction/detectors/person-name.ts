import { foldName, isCommonWord, isFirstName, isSurname } from '../lexicon';
import { NAME_PARTICLES } from '../lexicon/particles';
import type { FindingSink } from '../types';
import { isCapitalised, startsSentence, WORD } from '../words';

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
const MAX_FOLLOWING = 5;
const LOOK_BACK = 24;

class Token {
  private folded?: string;
  readonly capitalised: boolean;
  constructor(
    readonly start: number,
    readonly end: number,
    readonly word: string,
  ) {
    this.capitalised = isCapitalised(word);
  }
  /** Folded only when looked up: most words never are. */
  get fold(): string {
    return (this.folded ??= foldName(this.word));
  }
}

export function scanPersonNames(text: string, out: FindingSink): void {
  // A name in lower case is taken only after a strong cue; most lines have none.
  const lowerCaseNames = STRONG_CUE_ANYWHERE.test(text);
  if (!lowerCaseNames && !/\p{Lu}/u.test(text)) return;
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0].endsWith("'s") || m[0].endsWith('’s') ? m[0].slice(0, -2) : m[0];
    tokens.push(new Token(m.index, m.index + word.length, word));
  }
  let i = 0;
  while (i < tokens.length) {
    const last = tokens[i].capitalised || lowerCaseNames ? nameStartingAt(text, tokens, i) : -1;
    if (last === -1) {
      i++;
      continue;
    }
    out.push({ type: 'name', start: tokens[i].start, end: tokens[last].end });
    i = last + 1;
  }
}

/** Index of the last token of the name that starts at token i, or -1. */
function nameStartingAt(text: string, tokens: readonly Token[], i: number): number {
  const t = tokens[i];
  if (!t.capitalised && !STRONG_CUE.test(before(text, t))) return -1;
  const knownName = isFirstName(t.fold) || isSurname(t.fold);
  if (!t.capitalised && !knownName) return -1;
  if (TITLE_WORDS.has(t.word)) return -1;
  const common = isCommonWord(t.fold);
  const lead = before(text, t);
  if (STRONG_CUE.test(lead) || TITLE.test(lead) || ((knownName || !common) && WEAK_CUE.test(lead)))
    return extend(text, tokens, i);
  if (common) {
    // "May", "Bill", "Will": a name only with a surname after it.
    const last = isFirstName(t.fold) ? extend(text, tokens, i) : i;
    return last > i && isSurname(tokens[last].fold) ? last : -1;
  }
  if (isFirstName(t.fold)) return opensImperative(text, tokens, i) ? -1 : extend(text, tokens, i);
  // An unknown capitalised word before a known name ("Marco Walter"), or alone before "here" ("Wiley here").
  const last = extend(text, tokens, i);
  if (last > i && (isFirstName(tokens[i + 1].fold) || isSurname(tokens[i + 1].fold))) return last;
  const next = tokens[i + 1];
  return next && HERE.has(next.word) && next.start === t.end + 1 && startsSentence(text, t.start) ? i : -1;
}

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
const opensImperative = (text: string, tokens: readonly Token[], i: number) =>
  i + 1 < tokens.length &&
  ARTICLES.has(tokens[i + 1].word) &&
  tokens[i + 1].start === tokens[i].end + 1 &&
  startsSentence(text, tokens[i].start);

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

/** The last of the capitalised words (and particles between them) that follow token i. */
function extend(text: string, tokens: readonly Token[], i: number): number {
  let last = i;
  for (let k = i + 1; k < tokens.length && k - i <= MAX_FOLLOWING; k++) {
    const t = tokens[k];
    if (!/^[ \u00a0]$/.test(text.slice(tokens[k - 1].end, t.start))) break;
    if (NAME_PARTICLES.has(t.word)) {
      let j = k;
      while (j + 1 < tokens.length && NAME_PARTICLES.has(tokens[j].word) && tokens[j + 1].start - tokens[j].end === 1)
        j++;
      if (!tokens[j].capitalised) break;
      k = j - 1; // the loop's k++ lands on the capitalised word after the particles
      continue;
    }
    if (!t.capitalised || (isCommonWord(t.fold) && !isSurname(t.fold) && !isFirstName(t.fold))) break;
    last = k;
  }
  return last;
}

const before = (text: string, t: Token) => text.slice(Math.max(0, t.start - LOOK_BACK), t.start);
