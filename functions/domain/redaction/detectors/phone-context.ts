/**
 * The words just before a number that say what it is, in EN, FR, SV, DE and ES: "call me on
 * 555 0142" is a phone even when short, "order 7185550123" is an order even when it would dial,
 * "carte 4544…" a card. Words are matched by their stem ("ringde", "Bestellnummer"); stems
 * shorter than four letters only whole ("tel", not "tell"). The last cue within CUE_REACH
 * characters before the number counts, so "call about order 4839201234" is an order; a generic
 * "number" ("my number is…") counts only when no other cue came before it.
 */
export type NumberCue = 'phone' | 'card' | 'other';

const STEMS: ReadonlyArray<readonly [NumberCue, readonly string[]]> = [
  ['card', ['card', 'carte', 'kort', 'karte', 'tarjeta', 'visa', 'mastercard', 'amex', 'cb']],
  [
    'other',
    [
      'order',
      'ordern',
      'bestell',
      'beställ',
      'command',
      'pedido',
      'invoice',
      'factur',
      'faktur',
      'rechnung',
      'ticket',
      'ärende',
      'referen',
      'ref',
      'track',
      'kund',
      'client',
      'account',
      'konto',
      'compte',
      'cuenta',
      'dossier',
      'sendung',
      'colis',
      'paket',
      'paquete',
      'receipt',
      'kvitto',
      'booking',
      'bokning',
      'reserv',
      'item',
      'artikel',
      'article',
      'sku',
      'serial',
      'policy',
      'zip',
      'postcode',
      'postnummer',
      'plz',
      'case',
      'id',
      'iban',
      'bic',
      'ssn',
      'personnummer',
      'nir',
      'sécu',
      'dni',
      'nie',
      'steuer',
      'vorgang',
      'expedient',
      'envío',
      'envio',
      'no',
      'nr',
      'n°',
      'nº',
      '#',
      'code',
      'pin',
      'otp',
      'version',
      'montant',
      'amount',
      'total',
      'summa',
      'betrag',
      'importe',
    ],
  ],
  [
    'phone',
    [
      'phone',
      'tel',
      'tél',
      'telef',
      'teléf',
      'télép',
      'telep',
      'mobil',
      'móvil',
      'movil',
      'cell',
      'celular',
      'call',
      'ring',
      'dial',
      'sms',
      'text',
      'whatsapp',
      'fax',
      'reach',
      'contact',
      'portable',
      'appel',
      'rappel',
      'joindr',
      'joign',
      'når',
      'nås',
      'handy',
      'anruf',
      'rufe',
      'rufn',
      'erreich',
      'festnetz',
      'llam',
      'llám',
      'fixe',
    ],
  ],
];

/** "my number is…" says phone, "order number…" does not. */
const GENERIC = new Set(['number', 'numéro', 'nummer', 'número', 'numero', 'numret', 'numret', 'nummret']);
const CUE_REACH = 32;
const WORD = /[\p{L}#°º]+/gu;

/** Stem → cue; a word is looked up whole, then by its prefixes from 4 letters on (shortest first). */
const CUE_OF = new Map<string, NumberCue>(STEMS.flatMap(([cue, stems]) => stems.map((stem) => [stem, cue] as const)));
const LONGEST_STEM = Math.max(...[...CUE_OF.keys()].map((s) => s.length));

/** The first four letters of the stems of four or more: a word not opening with one of them has no cue. */
const STEM_HEADS = new Set([...CUE_OF.keys()].filter((s) => s.length >= 4).map((s) => s.slice(0, 4)));

function cueOf(word: string): NumberCue | undefined {
  if (word.length < 4) return CUE_OF.get(word);
  if (!STEM_HEADS.has(word.slice(0, 4))) return undefined;
  for (let k = 4; k <= Math.min(word.length, LONGEST_STEM); k++) {
    const cue = CUE_OF.get(word.slice(0, k));
    if (cue) return cue;
  }
  return undefined;
}

export function numberCueBefore(text: string, at: number): NumberCue | undefined {
  const from = Math.max(0, at - CUE_REACH);
  const walked = walkedCueBefore(text, from, at);
  return walked !== null ? walked : cueIn(text.slice(from, at).toLowerCase());
}

function cueIn(before: string): NumberCue | undefined {
  let found: NumberCue | undefined;
  // exec, not matchAll: matchAll copies the regex on every call.
  WORD.lastIndex = 0;
  for (let m = WORD.exec(before); m !== null; m = WORD.exec(before)) found = cueAfter(m[0], found);
  return found;
}

/** The cue in force after `word`, given the one before it. */
function cueAfter(word: string, found: NumberCue | undefined): NumberCue | undefined {
  if (GENERIC.has(word)) return found ?? 'phone';
  return cueOf(word) ?? found;
}

/**
 * cueIn without the lower-cased copy and the regex, reading the text's code units in place: WORD
 * is tested on each one's lower case, and a word is made a string only when its first letters (or
 * itself, if short) can open a cue. Returns null, for cueIn to decide, when a code unit's lower
 * case is not one code unit of its own (İ, Σ, surrogate halves).
 */
function walkedCueBefore(text: string, from: number, to: number): NumberCue | undefined | null {
  let found: NumberCue | undefined;
  let i = from;
  while (i < to) {
    const kind = cueCharKind(text.charCodeAt(i));
    if (kind === SLOW) return null;
    if (kind === NOT_WORD) {
      i++;
      continue;
    }
    const start = i;
    let head = 0;
    for (; i < to; i++) {
      const letter = cueCharKind(text.charCodeAt(i));
      if (letter < OTHER_LETTER) break;
      if (i - start < 4) head = head * HEAD_BASE + (letter - OTHER_LETTER);
    }
    if (CUE_HEADS.has(i - start < 4 ? -head : head)) found = cueAfter(text.slice(start, i).toLowerCase(), found);
  }
  return found;
}

/** Kinds of code units, by their lower case: not in WORD, in WORD but in no cue word, or the
 *  letter of cue words numbered k (OTHER_LETTER + k). Filled as code units are first seen. */
const [UNSEEN, SLOW, NOT_WORD, OTHER_LETTER] = [0, 1, 2, 3];
const CUE_LETTERS = [...new Set([...CUE_OF.keys(), ...GENERIC].join(''))];
const CUE_CHAR_KINDS = new Uint8Array(0x10000);
const WORD_CHAR = /^[\p{L}#°º]$/u;

function cueCharKind(c: number): number {
  let kind = CUE_CHAR_KINDS[c];
  if (kind === UNSEEN) {
    const lower = String.fromCharCode(c).toLowerCase();
    // Σ: its lower case depends on the letters around it.
    if (lower.length !== 1 || (c >= 0xd800 && c <= 0xdfff) || c === 0x3a3) kind = SLOW;
    else kind = WORD_CHAR.test(lower) ? OTHER_LETTER + CUE_LETTERS.indexOf(lower) + 1 : NOT_WORD;
    CUE_CHAR_KINDS[c] = kind;
  }
  return kind;
}

/** What walkedCueBefore computes of a word: the numbers of its first four letters packed, negated
 *  for a shorter word (the whole word). Keys of every stem and generic word, whole when short, by
 *  four otherwise. */
const HEAD_BASE = CUE_LETTERS.length + 1;
const packed = (word: string) => {
  let head = 0;
  for (let k = 0; k < Math.min(4, word.length); k++) head = head * HEAD_BASE + CUE_LETTERS.indexOf(word[k]) + 1;
  return word.length < 4 ? -head : head;
};
const CUE_HEADS = new Set([...CUE_OF.keys(), ...GENERIC].map(packed));
