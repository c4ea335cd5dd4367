import type { Faker } from '@faker-js/faker';
import { getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { fillFrame, HOME, type LabelledLine, type Lang, writeLabelledSet } from './set-languages';

/**
 * The spoken-form labelled set: phones, cards and e-mail addresses as a speech-to-text transcript
 * writes them ("four one five, five five five…", "zéro six douze trente-quatre…", "anna dot berg
 * at example dot com"), in EN, FR, SV, DE and ES, plus ordinary speech full of number words that
 * must stay. NOT independent: the frames, the ways of reading a number (digit by digit, in pairs,
 * "oh", "double") and the spoken e-mail words are ours, the same people's who wrote the detector.
 * Only the values (faker's and libphonenumber's numbers and addresses) and the number words
 * (n2words) come from elsewhere.
 * Run: npx ts-node --transpile-only bench/redaction/spoken-set.ts (seeded; writes
 * bench/corpus/spoken.jsonl, lines {text, spans, lang}); score: lethe redact --evaluate bench/corpus/spoken.jsonl
 */
type Line = LabelledLine;

const SEED = 20261205;
const LINES_PER_LANGUAGE = 300;
type Say = (n: number) => string;
/** n2words publishes each language as a package export only, which this tsconfig's module
 *  resolution does not read: loaded by name (Node resolves the export). */
const n2words = (locale: string): Say => (require(`n2words/${locale}`) as { toCardinal: Say }).toCardinal;
const SAY: Record<Lang, Say> = {
  en: n2words('en-US'),
  fr: n2words('fr-FR'),
  sv: n2words('sv-SE'),
  de: n2words('de-DE'),
  es: n2words('es-ES'),
};
const WORDS: Record<Lang, { plus: string; at: string; dot: string; underscore: string; dash: string }> = {
  en: { plus: 'plus', at: 'at', dot: 'dot', underscore: 'underscore', dash: 'dash' },
  fr: { plus: 'plus', at: 'arobase', dot: 'point', underscore: 'tiret bas', dash: 'tiret' },
  sv: { plus: 'plus', at: 'snabel-a', dot: 'punkt', underscore: 'understreck', dash: 'bindestreck' },
  de: { plus: 'plus', at: 'at', dot: 'Punkt', underscore: 'Unterstrich', dash: 'Bindestrich' },
  es: { plus: 'más', at: 'arroba', dot: 'punto', underscore: 'guion bajo', dash: 'guion' },
};

const FRAMES: Record<Lang, string[]> = {
  en: [
    'yeah my number is {phone}',
    'you can call me back on {phone} any time',
    '{phone}, that is my cell',
    'the card number is {card}',
    'sure, it is {card}, expiry next year',
    'my email is {email}',
    'send it to {email} please',
    '{speech}',
    '{speech}',
    '{speech}',
  ],
  fr: [
    'oui mon numéro c’est le {phone}',
    'vous pouvez me rappeler au {phone}',
    '{phone}, c’est mon portable',
    'le numéro de la carte c’est {card}',
    'alors c’est {card}',
    'mon adresse mail c’est {email}',
    'envoyez-le à {email} s’il vous plaît',
    '{speech}',
    '{speech}',
    '{speech}',
  ],
  sv: [
    'ja mitt nummer är {phone}',
    'du kan ringa mig på {phone}',
    '{phone}, det är min mobil',
    'kortnumret är {card}',
    'det är {card}',
    'min mejl är {email}',
    'skicka det till {email} tack',
    '{speech}',
    '{speech}',
    '{speech}',
  ],
  de: [
    'ja meine Nummer ist {phone}',
    'Sie können mich unter {phone} zurückrufen',
    '{phone}, das ist mein Handy',
    'die Kartennummer ist {card}',
    'also das ist {card}',
    'meine E-Mail ist {email}',
    'schicken Sie es an {email} bitte',
    '{speech}',
    '{speech}',
    '{speech}',
  ],
  es: [
    'sí mi número es {phone}',
    'puede llamarme al {phone}',
    '{phone}, es mi móvil',
    'el número de la tarjeta es {card}',
    'pues es {card}',
    'mi correo es {email}',
    'envíelo a {email} por favor',
    '{speech}',
    '{speech}',
    '{speech}',
  ],
};

/** Ordinary speech with numbers in it; {n} is a number from 2 to 999 said by n2words. */
const SPEECH: Record<Lang, string[]> = {
  en: [
    'I have {n} kids and {n} dogs',
    'it took one or two days, maybe {n}',
    'at the end of the day it cost {n} dollars',
    'you need to dot the i’s and cross the t’s',
    'I called {n} times between nine and five',
    'oh, I see, that was {n} years ago',
    'we ordered {n} boxes and got {n}',
  ],
  fr: [
    'j’ai {n} enfants et {n} chats',
    'ça a pris un ou deux jours, peut-être {n}',
    'à la fin ça coûtait {n} euros',
    'j’ai appelé {n} fois entre neuf heures et midi',
    'point final, c’était il y a {n} ans',
    'on a commandé {n} cartons et reçu {n}',
  ],
  sv: [
    'jag har {n} barn och {n} hundar',
    'det tog en eller två dagar, kanske {n}',
    'till slut kostade det {n} kronor',
    'jag ringde {n} gånger mellan nio och fem',
    'det var {n} år sedan, punkt slut',
    'vi beställde {n} lådor och fick {n}',
  ],
  de: [
    'ich habe {n} Kinder und {n} Hunde',
    'das hat ein oder zwei Tage gedauert, vielleicht {n}',
    'am Ende hat es {n} Euro gekostet',
    'ich habe {n} Mal zwischen neun und fünf angerufen',
    'das war vor {n} Jahren, Punkt',
    'wir haben {n} Kartons bestellt und {n} bekommen',
  ],
  es: [
    'tengo {n} hijos y {n} perros',
    'tardó uno o dos días, quizá {n}',
    'al final costó {n} euros',
    'llamé {n} veces entre las nueve y las cinco',
    'punto final, fue hace {n} años',
    'pedimos {n} cajas y llegaron {n}',
  ],
};

const digitWord = (f: Faker, lang: Lang, d: string) =>
  lang === 'en' && d === '0' && f.datatype.boolean(0.4) ? 'oh' : SAY[lang](Number(d));

/** A group of digits read digit by digit ("double five" in English now and then) or in pairs. */
function readGroup(f: Faker, lang: Lang, group: string, pairs: boolean): string {
  const words: string[] = [];
  let i = 0;
  if (pairs && group.length % 2 === 1) words.push(digitWord(f, lang, group[i++]));
  while (i < group.length) {
    if (pairs) {
      const pair = group.slice(i, i + 2);
      words.push(
        pair[0] === '0' ? `${digitWord(f, lang, pair[0])} ${digitWord(f, lang, pair[1])}` : SAY[lang](Number(pair)),
      );
      i += 2;
    } else if (lang === 'en' && group[i] === group[i + 1] && f.datatype.boolean(0.5)) {
      words.push(`double ${digitWord(f, lang, group[i])}`);
      i += 2;
    } else words.push(digitWord(f, lang, group[i++]));
  }
  return words.join(' ');
}

/** A written number (`+33 6 12 34 56 78`, `(972) 814-9221`) as it is read out. */
function readNumber(f: Faker, lang: Lang, written: string): string {
  const plus = written.trim().startsWith('+');
  const groups = written.replace(/\s*(?:x|ext\.?)\s*\d+$/i, '').match(/[0-9]+/g) ?? [];
  const pairs = f.datatype.boolean(lang === 'fr' ? 0.7 : 0.3);
  const pause = f.datatype.boolean(0.7) ? ', ' : ' ';
  const read = groups.map((g) => readGroup(f, lang, g, pairs)).join(pause);
  return plus ? `${WORDS[lang].plus} ${read}` : read;
}

function phone(f: Faker, lang: Lang): string {
  const choice = f.number.int(3);
  if (choice < 2) {
    const example = getExampleNumber(f.helpers.arrayElement(HOME[lang]), examples);
    if (example) return choice === 0 ? example.formatNational() : example.formatInternational();
  }
  return f.phone.number({ style: 'national' });
}

function card(f: Faker): string {
  const digits = f.finance.creditCardNumber().replace(/[^0-9]/g, '');
  return digits.match(/.{1,4}/g)?.join(' ') ?? digits;
}

/** faker's address read out: words for `@`, `.`, `_`, `-`; a number after the name in words. */
function email(f: Faker, lang: Lang): string {
  const w = WORDS[lang];
  const [local, domain] = f.internet.email().toLowerCase().split('@');
  const spokenLocal = local
    .split(/([._-])/)
    .map((part) => {
      if (part === '.') return w.dot;
      if (part === '_') return w.underscore;
      if (part === '-') return w.dash;
      const m = /^(\D*)(\d+)$/.exec(part);
      return m ? `${m[1]} ${SAY[lang](Number(m[2]))}`.trim() : part;
    })
    .join(' ');
  return `${spokenLocal} ${w.at} ${domain.split('.').join(` ${w.dot} `)}`;
}

function speech(f: Faker, lang: Lang): string {
  return f.helpers.arrayElement(SPEECH[lang]).replace(/\{n\}/g, () => SAY[lang](f.number.int({ min: 2, max: 999 })));
}

function slot(name: string, f: Faker, lang: Lang): { text: string; type?: string } {
  if (name === 'phone') return { text: readNumber(f, lang, phone(f, lang)), type: 'phone' };
  if (name === 'card') return { text: readNumber(f, lang, card(f)), type: 'card' };
  if (name === 'email') return { text: email(f, lang), type: 'email' };
  return { text: speech(f, lang) };
}

function line(f: Faker, lang: Lang): Line {
  return { ...fillFrame(f.helpers.arrayElement(FRAMES[lang]), (name) => slot(name, f, lang)), lang };
}

writeLabelledSet('spoken.jsonl', SEED, LINES_PER_LANGUAGE, line);
