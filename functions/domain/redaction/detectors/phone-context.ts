/**
 * The words just before a number that say what it is, in EN, FR, SV, DE and ES: "call me on
 * 555 0142" is a phone even when short, "order 7185550123" is an order even when it would dial.
 * Only the last cue within CUE_REACH characters before the number counts, so "call about order
 * 4839201234" is an order.
 */
const PHONE_CUES = [
  // EN
  'phone', 'tel', 'tel.', 'telephone', 'mobile', 'cell', 'call', 'calling', 'ring', 'dial', 'text', 'sms', 'whatsapp', 'fax', 'reach',
  // FR
  'téléphone', 'tél', 'tél.', 'portable', 'appeler', 'appelez', 'appelle', 'rappeler', 'rappelez', 'joindre', 'joignable', 'fixe',
  // SV
  'telefon', 'telefonnummer', 'mobil', 'mobilnummer', 'ringa', 'ringer', 'ring', 'nås', 'sms:a',
  // DE
  'telefonnummer', 'handy', 'handynummer', 'rufnummer', 'anrufen', 'erreichbar', 'rufen', 'festnetz',
  // ES
  'teléfono', 'telefono', 'móvil', 'movil', 'celular', 'llamar', 'llámame', 'llamame', 'llame', 'contacto',
];

const NOT_PHONE_CUES = [
  'card', 'carte', 'kort', 'karte', 'tarjeta', 'iban', 'bic', 'ssn', 'personnummer', 'nir', 'sécu', 'dni', 'nie', 'steuer-id', 'steuernummer',
  'order', 'invoice', 'ref', 'ref.', 'reference', 'tracking', 'account', 'id', 'case', 'ticket', 'receipt', 'booking', 'item', 'sku', 'serial', 'policy', 'zip', 'postcode',
  'commande', 'facture', 'référence', 'dossier', 'colis', 'compte', 'client',
  'ordernummer', 'faktura', 'fakturanummer', 'ärende', 'ärendenummer', 'kundnummer', 'referens', 'konto',
  'bestellung', 'bestellnummer', 'rechnung', 'rechnungsnummer', 'kundennummer', 'sendung', 'vorgang',
  'pedido', 'factura', 'referencia', 'cuenta', 'expediente', 'envío', 'envio', 'cliente',
  '#', 'no', 'no.', 'nr', 'nr.', 'n°', 'nº',
];

/** "my number is…" says phone, "order number…" does not: these count only when no other cue came first. */
const GENERIC_CUES = new Set(['number', 'numéro', 'nummer', 'número', 'numero']);

const CUE_REACH = 32;
const cueOf = new Map<string, boolean>([...NOT_PHONE_CUES.map((w) => [w, false] as const), ...PHONE_CUES.map((w) => [w, true] as const)]);
const WORD = /[\p{L}#°º.:]+/gu;

/** true: a phone cue is the nearest cue before `at`; false: a non-phone cue is; undefined: none. */
export function phoneCueBefore(text: string, at: number): boolean | undefined {
  const before = text.slice(Math.max(0, at - CUE_REACH), at).toLowerCase();
  let found: boolean | undefined;
  for (const m of before.matchAll(WORD)) {
    const word = m[0].replace(/[.:]+$/, '');
    if (GENERIC_CUES.has(word)) found ??= true;
    const cue = cueOf.get(word) ?? cueOf.get(`${word}.`);
    if (cue !== undefined) found = cue;
  }
  return found;
}
