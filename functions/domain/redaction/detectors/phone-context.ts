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
  return isAsciiSpan(text, from, at) ? asciiCueBefore(text, from, at) : cueIn(text.slice(from, at).toLowerCase());
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

function isAsciiSpan(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** cueIn on ASCII text, without the lower-cased copy and the regex: WORD there is [A-Za-z#]+,
 *  and a word is made a string only when its first letters (or itself, if short) can open a cue. */
function asciiCueBefore(text: string, from: number, to: number): NumberCue | undefined {
  let found: NumberCue | undefined;
  let i = from;
  while (i < to) {
    if (!isAsciiWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let head = 0;
    for (; i < to && isAsciiWordChar(text.charCodeAt(i)); i++)
      if (i - start < 4) head = head * 128 + lower(text.charCodeAt(i));
    if (CUE_HEADS.has(i - start < 4 ? -head : head)) found = cueAfter(text.slice(start, i).toLowerCase(), found);
  }
  return found;
}

const isAsciiWordChar = (c: number) => c === 35 /* # */ || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const lower = (c: number) => (c >= 65 && c <= 90 ? c | 0x20 : c);

/** What asciiCueBefore computes of a word: its first four codes packed, negated for a shorter word
 *  (the whole word). Keys of every ASCII stem and generic word, whole when short, by four otherwise. */
const packed = (word: string) => {
  let head = 0;
  for (let k = 0; k < Math.min(4, word.length); k++) head = head * 128 + word.charCodeAt(k);
  return word.length < 4 ? -head : head;
};
const CUE_HEADS = new Set([...CUE_OF.keys(), ...GENERIC].filter((w) => /^[a-z#]+$/.test(w)).map(packed));
