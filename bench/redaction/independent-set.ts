import type { Faker } from '@faker-js/faker';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { fillFrame, HOME, type LabelledLine, type Lang, writeLabelledSet } from './set-languages';

/**
 * The independent labelled set: values from sources the detectors were not written against, put
 * into short chat-line frames in EN, FR, SV, DE and ES.
 *  - phones: libphonenumber's example number of every country (international, and national for
 *    the countries of the five languages), and the fake-data library's phone numbers per locale
 *    (its US formats carry extensions such as `x0142`);
 *  - cards: the fake-data library's numbers per issuer, plus its Luhn generator on the IIN ranges
 *    it lacks (Maestro 12-19, JCB 15, UnionPay);
 *  - e-mails, IBANs, IPv4/IPv6 addresses: the fake-data library;
 *  - person names: the fake-data library's first and last names per locale (about half of them
 *    are not in the shipped lexicon, see name-split.ts), with and without titles and cue phrases;
 *  - ordinary text that must stay: its product descriptions and catch phrases, prices, dates,
 *    times, order numbers, and a participant whose name is made of common words.
 * Run: npx ts-node --transpile-only bench/redaction/independent-set.ts (seeded; writes
 * bench/corpus/independent.jsonl, lines {text, spans, lang, known?}).
 */
type Slot = { text: string; type?: string };
type Line = LabelledLine;

const SEED = 20261204;
const LINES_PER_LANGUAGE = 1200;
const IBAN_COUNTRY: Record<Lang, string> = { en: 'GB', fr: 'FR', sv: 'SE', de: 'DE', es: 'ES' };

const FRAMES: Record<Lang, string[]> = {
  en: [
    'You can reach me on {phone} after 5pm.',
    'My number is {phone}, text me.',
    '{phone} is my cell.',
    'Call {phone} and ask for the manager.',
    'The card ending badly is {card}, please cancel it.',
    'I paid with {card} on {date}.',
    'Email me at {email} please.',
    'Refund to {iban}, thanks.',
    'Login came from {ip} at {time}.',
    'My colleague {full} will call you back.',
    'Please ask for {title} {last}.',
    'My name is {full}.',
    '{first} here, calling about order {order}.',
    'I spoke to {full} yesterday, {first} was very helpful.',
    'Hi, this is {first} {last} from accounts.',
    'Order {order} cost {price} on {date} at {time}.',
    '{prose}',
    'Thanks for your help, have a good day!',
    'I will check, it may take a while. May I call you back?',
  ],
  fr: [
    'Vous pouvez me joindre au {phone} après 17h.',
    'Mon numéro : {phone}.',
    '{phone}, c’est mon portable.',
    'Appelez le {phone} et demandez le responsable.',
    'J’ai payé avec la carte {card} le {date}.',
    'Écrivez-moi à {email}.',
    'Remboursement sur {iban} svp.',
    'Connexion depuis {ip} à {time}.',
    'Mon collègue {full} vous rappellera.',
    'Demandez {title} {last} à l’accueil.',
    "Je m'appelle {full}.",
    'Bonjour, ici {first} {last}, service client.',
    '{first} a appelé hier pour la commande {order}.',
    'La commande {order} a coûté {price} le {date}.',
    '{prose}',
    'Merci beaucoup, bonne journée !',
  ],
  sv: [
    'Ni når mig på {phone} efter fem.',
    'Mitt nummer är {phone}.',
    'Ring {phone} och fråga efter chefen.',
    'Jag betalade med kortet {card} den {date}.',
    'Mejla mig på {email}.',
    'Återbetalning till {iban}, tack.',
    'Inloggningen kom från {ip} kl {time}.',
    'Min kollega {full} ringer upp dig.',
    'Fråga efter {full} i kassan.',
    'Jag heter {full}.',
    'Hej, det här är {first} {last} från kundtjänst.',
    '{first} ringde i går om order {order}.',
    'Ordern {order} kostade {price} den {date}.',
    '{prose}',
    'Tack för hjälpen, ha en bra dag!',
  ],
  de: [
    'Sie erreichen mich unter {phone} ab 17 Uhr.',
    'Meine Nummer ist {phone}.',
    'Rufen Sie {phone} an.',
    'Ich habe mit der Karte {card} am {date} bezahlt.',
    'Schreiben Sie mir an {email}.',
    'Erstattung bitte auf {iban}.',
    'Login von {ip} um {time}.',
    'Mein Kollege {full} ruft Sie zurück.',
    'Fragen Sie nach {title} {last}.',
    'Ich heiße {full}.',
    'Hallo, hier ist {first} {last} vom Kundendienst.',
    '{first} hat gestern wegen Bestellung {order} angerufen.',
    'Die Bestellung {order} kostete {price} am {date}.',
    '{prose}',
    'Vielen Dank und einen schönen Tag!',
  ],
  es: [
    'Puede llamarme al {phone} después de las cinco.',
    'Mi número es {phone}.',
    'Llame al {phone} y pregunte por el encargado.',
    'Pagué con la tarjeta {card} el {date}.',
    'Escríbame a {email}.',
    'Reembolso a {iban}, gracias.',
    'El acceso vino de {ip} a las {time}.',
    'Mi compañero {full} le devolverá la llamada.',
    'Pregunte por {title} {last}.',
    'Me llamo {full}.',
    'Hola, soy {first} {last}, del servicio de atención.',
    '{first} llamó ayer por el pedido {order}.',
    'El pedido {order} costó {price} el {date}.',
    '{prose}',
    '¡Muchas gracias, buen día!',
  ],
};

const TITLES: Record<Lang, string[]> = {
  en: ['Mr.', 'Mrs.', 'Ms.', 'Dr.'],
  fr: ['M.', 'Mme', 'Dr'],
  sv: ['fru', 'herr', 'dr'],
  de: ['Herr', 'Frau', 'Dr.'],
  es: ['Sr.', 'Sra.', 'Dr.'],
};
/** Cards beyond the library's issuers, written as its Luhn patterns (L is the check digit). */
const EXTRA_CARDS = [
  '5018########L',
  '6304#########L',
  '6759#######L',
  '6762########L',
  '5038#######L',
  '2131##########L',
  '1800##########L',
  '62##############L',
  '6762###########L',
];

function slot(name: string, f: Faker, lang: Lang): Slot {
  switch (name) {
    case 'phone':
      return { text: phone(f, lang), type: 'phone' };
    case 'card':
      return {
        text:
          f.helpers.maybe(() => f.finance.creditCardNumber(f.helpers.arrayElement(EXTRA_CARDS)), {
            probability: 0.3,
          }) ?? f.finance.creditCardNumber(),
        type: 'card',
      };
    case 'email':
      return { text: f.internet.email(), type: 'email' };
    case 'iban':
      return {
        text: f.finance.iban({ formatted: f.datatype.boolean(), countryCode: IBAN_COUNTRY[lang] }),
        type: 'iban',
      };
    case 'ip':
      return { text: f.datatype.boolean(0.7) ? f.internet.ipv4() : f.internet.ipv6(), type: 'ip' };
    case 'first':
      return { text: f.person.firstName(), type: 'name' };
    case 'last':
      return { text: f.person.lastName(), type: 'name' };
    case 'full':
      return { text: `${f.person.firstName()} ${f.person.lastName()}`, type: 'name' };
    case 'title':
      return { text: f.helpers.arrayElement(TITLES[lang]) };
    case 'order':
      return { text: f.string.numeric({ length: { min: 6, max: 12 }, allowLeadingZeros: false }) };
    case 'price':
      return { text: `${f.commerce.price({ min: 5, max: 2000 })} ${lang === 'en' ? '$' : lang === 'sv' ? 'kr' : '€'}` };
    case 'date':
      return { text: f.date.recent({ days: 400 }).toLocaleDateString(lang === 'en' ? 'en-US' : lang) };
    case 'time':
      return {
        text: f.date
          .recent()
          .toLocaleTimeString(lang === 'en' ? 'en-US' : lang, { hour: '2-digit', minute: '2-digit' }),
      };
    case 'prose':
      return {
        text: f.helpers.arrayElement([
          () => f.commerce.productDescription(),
          () => f.company.catchPhrase(),
          () => f.hacker.phrase(),
        ])(),
      };
    default:
      throw new Error(`unknown slot ${name}`);
  }
}

function phone(f: Faker, lang: Lang): string {
  if (f.datatype.boolean())
    return f.phone.number({ style: f.helpers.arrayElement(['human', 'national', 'international'] as const) });
  const international = f.datatype.boolean(0.4);
  const country = international ? f.helpers.arrayElement(getCountries()) : f.helpers.arrayElement(HOME[lang]);
  const example = getExampleNumber(country, examples);
  if (!example) return f.phone.number();
  return international
    ? f.helpers.arrayElement([example.formatInternational(), example.number])
    : example.formatNational();
}

function line(f: Faker, lang: Lang): Line {
  const frame = f.helpers.arrayElement(FRAMES[lang]);
  const { text, spans } = fillFrame(frame, (name) => slot(name, f, lang));
  // Adjacent name slots ("{first} {last}") are one name.
  const merged = spans.reduce<Line['spans']>((out, s) => {
    const last = out[out.length - 1];
    if (last && last.type === 'name' && s.type === 'name' && s.start - last.end === 1) last.end = s.end;
    else out.push({ ...s });
    return out;
  }, []);
  const known = frame.startsWith('I will check') ? { name: 'Will May' } : undefined;
  return { text, spans: merged, lang, ...(known ? { known } : {}) };
}

writeLabelledSet('independent.jsonl', SEED, LINES_PER_LANGUAGE, line);
