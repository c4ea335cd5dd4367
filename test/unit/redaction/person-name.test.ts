import { createRedactor } from '../../../functions/domain/redaction';

const redactor = createRedactor({ detectors: ['name'] });

describe('person names in free text (EN, FR, SV, DE, ES)', () => {
  it.each([
    ['my colleague Johanna Berg will call you', 'my colleague [NAME] will call you'],
    ['ask for Mr. Okafor', 'ask for Mr. [NAME]'],
    ["je m'appelle Élise Martin", "je m'appelle [NAME]"],
    ['jag heter Sven Olsson', 'jag heter [NAME]'],
    ['Ich heiße Jürgen Müller und rufe wegen der Rechnung an.', 'Ich heiße [NAME] und rufe wegen der Rechnung an.'],
    ['Hola, me llamo Lucía García.', 'Hola, me llamo [NAME].'],
    ['Hola, soy Ana María de la Fuente y llamo por el pedido.', 'Hola, soy [NAME] y llamo por el pedido.'],
    ['Frau Schmidt hat angerufen.', 'Frau [NAME] hat angerufen.'],
    ['Bonjour Mme Lefebvre, votre commande est prête.', 'Bonjour Mme [NAME], votre commande est prête.'],
    ['Hej, det här är Anders från kundtjänst.', 'Hej, det här är [NAME] från kundtjänst.'],
    ['Johanna called yesterday about the refund.', '[NAME] called yesterday about the refund.'],
    ['Sra. Pérez dijo que volvería a llamar.', 'Sra. [NAME] dijo que volvería a llamar.'],
    // The name particles shared with known-identifiers.ts run the name on: "bin", "al".
    ['My colleague Ahmed bin Rashid will call you.', 'My colleague [NAME] will call you.'],
    ['Ask for Mr. Omar al Farsi.', 'Ask for Mr. [NAME].'],
  ])('redacts the name in %j', (text, expected) => {
    // Act
    const result = redactor.redact(text);
    // Assess
    expect(result.text).toBe(expected);
    expect(result.findings.every((f) => f.type === 'name')).toBe(true);
  });

  it.each([
    ['I will check, it may take a while. May I help?', 'modal verbs that are first names too'],
    ['Thanks, have a great day! Bill me later.', 'a common word that is a first name, opening a sentence'],
    ['The parcel left on Monday and arrives in June.', 'weekdays and months'],
    ['Merci beaucoup, bonne journée !', 'a plain French line'],
    ['Die Bestellung ist angekommen, danke.', 'German nouns are capitalised'],
    ["I'm Sorry, THE ORDER IS LATE", 'capitals that are not names'],
    ['Mark the ticket as urgent.', 'a first name opening a sentence as a verb'],
  ])('keeps %j (%s)', (text) => {
    expect(redactor.redact(text).text).toBe(text);
  });
});
