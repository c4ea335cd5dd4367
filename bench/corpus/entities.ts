import { type Prng, pad } from './prng';

/**
 * Generators of labelled values (what must be redacted) and hard negatives (what must stay).
 * Check digits are computed here independently of functions/domain/redaction, from the
 * published algorithms, so the corpus does not inherit the engine's mistakes.
 */
export type EntityType = 'email' | 'phone' | 'card' | 'iban' | 'ip' | 'ssn' | 'nir' | 'personnummer';

const luhnCheckDigit = (body: string): number => {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10;
};

const bigMod97 = (numeric: string) => Number(BigInt(numeric) % 97n);
const lettersToDigits = (s: string) => s.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));

const groupsOf = (s: string, size: number, sep: string) => s.match(new RegExp(`.{1,${size}}`, 'g'))!.join(sep);

const FIRST = [
  'anna',
  'erik',
  'lars',
  'karin',
  'marie',
  'jean',
  'claire',
  'lucas',
  'john',
  'emily',
  'olof',
  'ines',
  'sven',
  'chloe',
];
const LAST = [
  'svensson',
  'lindqvist',
  'dupont',
  'martin',
  'bernard',
  'smith',
  'johnson',
  'nilsson',
  'lefebvre',
  'berg',
];
const DOMAINS = [
  'example.com',
  'exempel.se',
  'exemple.fr',
  'mail.example.org',
  'kund.foretag.se',
  'societe.example.fr',
  'post.example.net',
];

export function email(r: Prng): string {
  const f = r.pick(FIRST);
  const l = r.pick(LAST);
  const local = r.pick([
    `${f}.${l}`,
    `${f[0]}${l}`,
    `${f}_${l}${r.int(1, 99)}`,
    `${f}+support`,
    `${l}.${f}${r.int(1950, 2005)}`,
    f,
  ]);
  const address = `${local}@${r.pick(DOMAINS)}`;
  return r.chance(0.1) ? address.replace(/^./, (c) => c.toUpperCase()) : address;
}

export function phone(r: Prng): string {
  const two = () => r.digits(2);
  const fr = () => `${r.pick(['6', '7', '1', '4'])}`;
  const se = () => r.pick(['70', '72', '73', '76']);
  const us = () => `${r.int(2, 9)}${r.digits(2)}`;
  return r.pick<() => string>([
    () => `0${fr()} ${two()} ${two()} ${two()} ${two()}`,
    () => `0${fr()}.${two()}.${two()}.${two()}.${two()}`,
    () => `0${fr()}-${two()}-${two()}-${two()}-${two()}`,
    () => `0${fr()}${r.digits(8)}`,
    () => `+33 ${fr()} ${two()} ${two()} ${two()} ${two()}`,
    () => `+33 (0)${fr()} ${two()} ${two()} ${two()} ${two()}`,
    () => `+33${fr()}${r.digits(8)}`,
    () => `0033 ${fr()} ${two()} ${two()} ${two()} ${two()}`,
    () => `0${se()}-${r.digits(3)} ${two()} ${two()}`,
    () => `0${se()} ${r.digits(3)} ${two()} ${two()}`,
    () => `0${se()}${r.digits(7)}`,
    () => `+46 ${se()} ${r.digits(3)} ${two()} ${two()}`,
    () => `+46 (0)${se()}-${r.digits(3)} ${two()} ${two()}`,
    () => `0046 ${se()} ${r.digits(3)} ${two()} ${two()}`,
    () => `08-${r.digits(3)} ${r.digits(3)} ${two()}`,
    () => `+46 8 ${r.digits(3)} ${r.digits(3)} ${two()}`,
    () => `(${us()}) ${r.digits(3)}-${r.digits(4)}`,
    () => `${us()}-${r.digits(3)}-${r.digits(4)}`,
    () => `${us()}.${r.digits(3)}.${r.digits(4)}`,
    () => `+1 ${us()} ${r.digits(3)} ${r.digits(4)}`,
    () => `+1 (${us()}) ${r.digits(3)}-${r.digits(4)}`,
    () => `1-800-${r.digits(3)}-${r.digits(4)}`,
    () => `+44 20 ${r.digits(4)} ${r.digits(4)}`,
    () => `+44 (0)20 ${r.digits(4)} ${r.digits(4)}`,
    () => `020 ${r.digits(4)} ${r.digits(4)}`,
    () => `07700 ${r.digits(6)}`,
    () => `+49 30 ${r.digits(8)}`,
  ])();
}

export function card(r: Prng): string {
  const kind = r.pick(['visa', 'visa', 'mc', 'mc2', 'amex', 'discover']);
  const prefix = {
    visa: '4',
    mc: `5${r.int(1, 5)}`,
    mc2: `22${r.int(21, 99)}`,
    amex: r.pick(['34', '37']),
    discover: '6011',
  }[kind]!;
  const length = kind === 'amex' ? 15 : 16;
  const body = prefix + r.digits(length - 1 - prefix.length);
  const number = body + luhnCheckDigit(body);
  if (kind === 'amex')
    return r.chance(0.3) ? number : `${number.slice(0, 4)} ${number.slice(4, 10)} ${number.slice(10)}`;
  const style = r.int(0, 2);
  return style === 0 ? number : groupsOf(number, 4, style === 1 ? ' ' : '-');
}

/** A card-like 16-digit number whose Luhn check fails: an order or tracking number. */
export function luhnInvalid16(r: Prng, sep: string): string {
  const body = `4${r.digits(14)}`;
  const wrong = (luhnCheckDigit(body) + r.int(1, 9)) % 10;
  return groupsOf(body + wrong, 4, sep);
}

const IBAN_FORMATS: Record<string, () => (r: Prng) => string> = {
  FR: () => (r) => r.digits(10) + r.digits(11) + r.digits(2),
  SE: () => (r) => r.digits(20),
  DE: () => (r) => r.digits(18),
  GB: () => (r) => r.pick(['NWBK', 'WEST', 'BARC']) + r.digits(14),
  ES: () => (r) => r.digits(20),
  NL: () => (r) => r.pick(['ABNA', 'INGB', 'RABO']) + r.digits(10),
  BE: () => (r) => r.digits(12),
};

export function iban(r: Prng, valid = true): string {
  const country = r.pick(Object.keys(IBAN_FORMATS));
  const bban = IBAN_FORMATS[country]()(r);
  let check = 98 - bigMod97(lettersToDigits(`${bban}${country}00`));
  if (!valid) check = ((check + r.int(1, 50)) % 97) + 2;
  const compact = `${country}${pad(check, 2)}${bban}`;
  return r.chance(0.5) ? groupsOf(compact, 4, ' ') : compact;
}

export function ipv4(r: Prng): string {
  return [r.int(1, 223), r.int(0, 255), r.int(0, 255), r.int(1, 254)].join('.');
}

export function ipv6(r: Prng): string {
  const g = () => r.int(0, 0xffff).toString(16);
  return r.pick<() => string>([
    () => Array.from({ length: 8 }, g).join(':'),
    () => `2001:db8::${g()}:${g()}`,
    () => `fe80::${g()}:${g()}:${g()}:${g()}`,
    () => `2a01:${g()}:${g()}::${g()}`,
    () => `::ffff:${ipv4(r)}`,
  ])();
}

export function ssn(r: Prng): { text: string; needsKeyword: boolean } {
  let area = r.int(1, 899);
  if (area === 666) area = 667;
  const digits = `${pad(area, 3)}${pad(r.int(1, 99), 2)}${pad(r.int(1, 9999), 4)}`;
  const form = r.int(0, 3);
  if (form < 3) return { text: `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`, needsKeyword: false };
  return { text: digits, needsKeyword: true };
}

/** Never issued: area 000, 666 or 9xx, group 00 or serial 0000. */
export function invalidSsn(r: Prng): string {
  return r.pick<() => string>([
    () => `666-${pad(r.int(1, 99), 2)}-${pad(r.int(1, 9999), 4)}`,
    () => `9${r.digits(2)}-${pad(r.int(1, 99), 2)}-${pad(r.int(1, 9999), 4)}`,
    () => `000-${pad(r.int(1, 99), 2)}-${pad(r.int(1, 9999), 4)}`,
    () => `${pad(r.int(1, 665), 3)}-00-${pad(r.int(1, 9999), 4)}`,
  ])();
}

export function nir(r: Prng, valid = true): string {
  const corsica = r.chance(0.05);
  const dept = corsica ? r.pick(['2A', '2B']) : pad(r.pick([r.int(1, 19), r.int(21, 95)]), 2);
  const body = `${r.int(1, 2)}${pad(r.int(40, 99), 2)}${pad(r.int(1, 12), 2)}${dept}${pad(r.int(1, 990), 3)}${pad(r.int(1, 999), 3)}`;
  const numeric = body.replace('2A', '19').replace('2B', '18');
  let key = 97 - bigMod97(numeric);
  if (!valid) key = (key % 97) + 1;
  const k = pad(key, 2);
  if (r.chance(0.5)) return body + k;
  return `${body[0]} ${body.slice(1, 3)} ${body.slice(3, 5)} ${body.slice(5, 7)} ${body.slice(7, 10)} ${body.slice(10, 13)} ${k}`;
}

/**
 * Valid numbers come in every form. A number whose Luhn check fails is a negative only in the
 * dashed forms: ten bare digits starting with 0 are also a valid national phone number.
 */
export function personnummer(r: Prng, valid = true): string {
  const year = r.int(1915, 2012);
  const month = r.int(1, 12);
  const day = r.int(1, 28) + (r.chance(0.15) ? 60 : 0);
  const yymmdd = `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}`;
  const serial = r.digits(3);
  let check = luhnCheckDigit(yymmdd + serial);
  if (!valid) check = (check + r.int(1, 9)) % 10;
  const tail = `${serial}${check}`;
  const century = String(Math.floor(year / 100));
  const forms = [
    () => `${yymmdd}${year < 1925 ? '+' : '-'}${tail}`,
    () => `${century}${yymmdd}-${tail}`,
    () => `${century}${yymmdd}${tail}`,
    () => `${yymmdd}${tail}`,
  ];
  return r.pick(valid ? forms : forms.slice(0, 2))();
}

/** Hard negatives: numbers that look worth hiding and are not. */
export const price = (r: Prng): string =>
  r.pick<() => string>([
    () => `${r.int(1, 9)} ${r.digits(3)},${r.digits(2)} €`,
    () => `${r.int(1, 499)},${r.digits(2)} €`,
    () => `$${r.int(1, 999)}.${r.digits(2)}`,
    () => `${r.int(1, 9)} ${r.digits(3)} kr`,
    () => `SEK ${r.int(100, 9999)}`,
  ])();

export const date = (r: Prng): string =>
  r.pick<() => string>([
    () => `${pad(r.int(1, 28), 2)}/${pad(r.int(1, 12), 2)}/${r.int(2019, 2026)}`,
    () => `${r.int(2019, 2026)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`,
    () => `${pad(r.int(1, 28), 2)}.${pad(r.int(1, 12), 2)}.${r.int(2019, 2026)}`,
    () =>
      `${pad(r.int(1, 28), 2)}.${pad(r.int(1, 12), 2)}.${r.int(2019, 2026)} ${pad(r.int(0, 23), 2)}:${pad(r.int(0, 59), 2)}`,
    () =>
      `${r.int(1, 28)} ${r.pick(['mars', 'avril', 'maj', 'juni', 'March', 'May', 'décembre'])} ${r.int(2019, 2026)}`,
  ])();

export const time = (r: Prng): string =>
  r.pick<() => string>([
    () => `${pad(r.int(0, 23), 2)}:${pad(r.int(0, 59), 2)}`,
    () => `${r.int(7, 20)}h${pad(r.int(0, 59), 2)}`,
    () => `${pad(r.int(7, 20), 2)}.${pad(r.int(0, 59), 2)}`,
  ])();

export const order = (r: Prng): string =>
  r.pick<() => string>([
    () => `#${r.digits(4)}-${r.digits(4)}-${r.digits(4)}`,
    () => `n° ${r.int(2019, 2026)}-${r.digits(6)}`,
    () => `${r.int(1, 9)}${r.digits(6)}`,
    () => luhnInvalid16(r, r.pick([' ', '-', ''])),
    () => `ref. ${r.pick(['AB', 'XK', 'QZ'])}${r.digits(8)}`,
  ])();

/** Values of a labelled kind whose checksum or rule fails. */
export const decoy = (r: Prng): string =>
  r.pick<() => string>([
    () => luhnInvalid16(r, ' '),
    () => iban(r, false),
    () => invalidSsn(r),
    () => nir(r, false),
    () => personnummer(r, false),
  ])();

export const misc = (r: Prng): string =>
  r.pick<() => string>([
    () => `v${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 40)}`,
    () => `${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 9)}`,
    () => `${r.int(2, 99)} ${r.digits(3)}`,
    () => `${r.int(1, 99)} %`,
    () => `${r.int(1, 12)}/${pad(r.int(24, 32), 2)}`,
  ])();
