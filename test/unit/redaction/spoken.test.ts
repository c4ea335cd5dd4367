import { createRedactor } from '../../../functions/domain/redaction';

const redactor = createRedactor({ detectors: ['phone', 'card', 'email'] });

/** The text with the span `spoken` replaced by `label`, i.e. what redaction of exactly that span gives. */
const replaced = (text: string, spoken: string, label: string) => text.replace(spoken, label);

/** The check of a table row (language, text, spoken span): exactly that span becomes `label`. */
const redactsSpokenSpanAs = (label: string) => (_lang: string, text: string, spoken: string) => {
  // Act
  const result = redactor.redact(text);
  // Assess
  expect(result.text).toBe(replaced(text, spoken, label));
};

describe('spoken phone numbers in call transcripts are redacted whole, per language', () => {
  it.each([
    [
      'en',
      'my number is four one five, five five five, two six seven one, thanks',
      'four one five, five five five, two six seven one',
    ],
    [
      'en',
      'it is oh two oh, seven nine four six, double oh five eight',
      'oh two oh, seven nine four six, double oh five eight',
    ],
    ['en', 'call me on five five five oh one four two please', 'five five five oh one four two'],
    [
      'en',
      'that is plus four four, twenty, seven nine four six, oh nine five eight',
      'plus four four, twenty, seven nine four six, oh nine five eight',
    ],
    [
      'fr',
      'mon portable c’est zéro six douze trente-quatre cinquante-six soixante-dix-huit voilà',
      'zéro six douze trente-quatre cinquante-six soixante-dix-huit',
    ],
    [
      'fr',
      'notez le zéro un quatre-vingt-douze soixante et onze dix-sept quarante-deux merci',
      'zéro un quatre-vingt-douze soixante et onze dix-sept quarante-deux',
    ],
    ['fr', 'rappelez le zéro six 12 34 56 78', 'zéro six 12 34 56 78'],
    [
      'sv',
      'mitt nummer är noll sju noll ett två tre fyra fem sex sju tack',
      'noll sju noll ett två tre fyra fem sex sju',
    ],
    ['sv', 'ring noll sju noll, ett två tre, fyrtiofem sextiosju', 'noll sju noll, ett två tre, fyrtiofem sextiosju'],
    [
      'de',
      'meine Nummer ist null eins fünf eins, zwei drei vier fünf, sechs sieben acht, danke',
      'null eins fünf eins, zwei drei vier fünf, sechs sieben acht',
    ],
    [
      'de',
      'rufen Sie null eins fünf eins doppel-null vier neun eins zwei drei an',
      'null eins fünf eins doppel-null vier neun eins zwei drei',
    ],
    [
      'de',
      'unter null drei null, vierundzwanzig, sechsundfünfzig, siebenundachtzig',
      'null drei null, vierundzwanzig, sechsundfünfzig, siebenundachtzig',
    ],
    [
      'es',
      'mi móvil es seis uno dos tres cuatro cinco seis siete ocho gracias',
      'seis uno dos tres cuatro cinco seis siete ocho',
    ],
    [
      'de',
      'Sie können mich unter null sieben eins fünf null, sechs zwei drei zwei sieben drei vier fünf zurückrufen',
      'null sieben eins fünf null, sechs zwei drei zwei sieben drei vier fünf',
    ],
    [
      'es',
      'llame al seis doce, treinta y cuatro, cincuenta y seis, setenta y ocho',
      'seis doce, treinta y cuatro, cincuenta y seis, setenta y ocho',
    ],
  ])('%s: %j', (_lang, text, spoken) => {
    // Prepare
    const expected = replaced(text, spoken, '[PHONE]');
    // Act
    const result = redactor.redact(text);
    // Assess
    expect(result.text).toBe(expected);
    expect(result.findings).toEqual([
      { type: 'phone', start: text.indexOf(spoken), end: text.indexOf(spoken) + spoken.length },
    ]);
  });
});

describe('number words are read in capitals too, accented letters included', () => {
  it.each([
    ['sv', 'RING NOLL SJU NOLL, ÅTTA TVÅ TRE, FYRTIOFEM SEXTIOSJU', 'NOLL SJU NOLL, ÅTTA TVÅ TRE, FYRTIOFEM SEXTIOSJU'],
    [
      'de',
      'Nummer: NULL EINS FÜNF EINS, ZWEI DREI VIER FÜNF, SECHS',
      'NULL EINS FÜNF EINS, ZWEI DREI VIER FÜNF, SECHS',
    ],
    ['fr', 'appelez ZÉRO SIX DOUZE TRENTE-QUATRE CINQUANTE-SIX', 'ZÉRO SIX DOUZE TRENTE-QUATRE CINQUANTE-SIX'],
  ])('%s: %j', redactsSpokenSpanAs('[PHONE]'));
});

describe('spoken card numbers are redacted as cards', () => {
  it.each([
    [
      'en',
      'the card is four five three two, zero one five one, one two eight three, zero three six six ok',
      'four five three two, zero one five one, one two eight three, zero three six six',
    ],
    [
      'fr',
      'ma carte quarante-cinq trente-deux zéro un cinquante et un douze quatre-vingt-trois zéro trois soixante-six',
      'quarante-cinq trente-deux zéro un cinquante et un douze quatre-vingt-trois zéro trois soixante-six',
    ],
    [
      'sv',
      'kortet fyra fem tre två noll ett fem ett ett två åtta tre noll tre sex sex',
      'fyra fem tre två noll ett fem ett ett två åtta tre noll tre sex sex',
    ],
    [
      'de',
      'Karte vier fünf drei zwei null eins fünf eins eins zwei acht drei null drei sechs sechs',
      'vier fünf drei zwei null eins fünf eins eins zwei acht drei null drei sechs sechs',
    ],
    [
      'es',
      'tarjeta cuatro cinco tres dos cero uno cinco uno uno dos ocho tres cero tres seis seis',
      'cuatro cinco tres dos cero uno cinco uno uno dos ocho tres cero tres seis seis',
    ],
  ])('%s: %j', redactsSpokenSpanAs('[CARD]'));

  it('reads spaced French pairs as pairs: "soixante onze" is 60 11, not 71', () => {
    // Prepare
    const text = 'la carte soixante onze, onze onze, onze onze, onze dix-sept';
    // Act
    const result = redactor.redact(text);
    // Assess
    expect(result.text).toBe('la carte [CARD]');
  });

  it('leaves a spoken 16-digit number that fails the Luhn check', () => {
    // Prepare
    const text = 'reference four five three two zero one five one one two eight three zero three six seven';
    // Act
    const result = redactor.redact(text);
    // Assess
    expect(result.findings).toEqual([]);
  });
});

describe('spoken national ids are redacted as the ids they are', () => {
  const all = createRedactor();

  it.each([
    ['en', 'my social security number is one two three, four five, six seven eight nine', 'ssn'],
    ['sv', 'mitt personnummer är åttio-ett tolv arton, nittio-åtta sjuttio-sex', 'personnummer'],
    ['sv', 'personnummer nitton åttio-ett tolv arton nittio-åtta sjuttio-sex', 'personnummer'],
    [
      'fr',
      'mon numéro de sécu c’est un quatre-vingt-cinq zéro cinq soixante-dix-huit zéro zéro six zéro quatre-vingt-quatre quatre-vingt-onze',
      'nir',
    ],
  ])('%s: %j', (_lang, text, type) => {
    // Act
    const result = all.redact(text);
    // Assess
    expect(result.findings.map((f) => f.type)).toEqual([type]);
    expect(result.text.endsWith(`[${type.toUpperCase()}]`)).toBe(true);
  });

  it.each([
    [
      'a NIR whose key is wrong',
      'mon numéro de sécu c’est un quatre-vingt-cinq zéro cinq soixante-dix-huit zéro zéro six zéro quatre-vingt-quatre trente-six',
    ],
    ['a personnummer failing Luhn', 'mitt personnummer är åttio-ett tolv arton, nittio-åtta sjuttio-fem'],
  ])('leaves %s', (_case, text) => {
    // Act
    const result = all.redact(text);
    // Assess
    expect(result.text).toBe(text);
  });
});

describe('spoken e-mail addresses are redacted as e-mails', () => {
  it.each([
    ['en', 'write to anna at example dot com please', 'anna at example dot com'],
    ['en', 'it is anna dot berg at mail dot example dot co dot uk', 'anna dot berg at mail dot example dot co dot uk'],
    ['fr', 'écrivez à jean arobase orange point fr merci', 'jean arobase orange point fr'],
    ['sv', 'mejla anna punkt berg snabel-a firma punkt se tack', 'anna punkt berg snabel-a firma punkt se'],
    ['de', 'an max unterstrich muster at web punkt de bitte', 'max unterstrich muster at web punkt de'],
    ['es', 'escriba a ana arroba correo punto es gracias', 'ana arroba correo punto es'],
    [
      'en',
      'send it to robin underscore green seventy-six at gmail dot com please',
      'robin underscore green seventy-six at gmail dot com',
    ],
    [
      'fr',
      'c’est evelyne point roger quarante et un arobase hotmail point fr',
      'evelyne point roger quarante et un arobase hotmail point fr',
    ],
    [
      'es',
      'mi correo es samuel guion bajo robledo setenta y ocho arroba hotmail punto com',
      'samuel guion bajo robledo setenta y ocho arroba hotmail punto com',
    ],
  ])('%s: %j', redactsSpokenSpanAs('[EMAIL]'));
});

describe('ordinary speech with number words stays', () => {
  it.each([
    ['en', 'I have two kids and one or two days off'],
    ['en', 'at the end of the day you dot the i’s and cross the t’s'],
    ['en', 'look at google dot com for the manual'],
    ['en', 'oh, I see, it was about three or four times'],
    ['en', 'it cost two hundred and fifty dollars, twenty four seven'],
    ['en', 'double check the triple room for two nights'],
    ['en', 'order number one two three four five six seven eight'],
    ['en', "'aws:PrincipalOrgID': 'o-1234567890'"],
    ['en', 'it keeps the scope at each point in the tree'],
    ['en', 'she stared at this dot in the picture'],
    ['fr', 'j’ai deux enfants, un ou deux jours, à la fin de la journée, point final'],
    ['fr', 'ça coûte quatre-vingt-dix-neuf euros et trente centimes'],
    ['sv', 'jag har två barn, en eller två dagar, tre veckor sedan'],
    ['de', 'ich habe zwei Kinder, ein oder zwei Tage, vierundzwanzig Stunden'],
    ['es', 'tengo dos hijos, uno o dos días, treinta y cinco euros'],
    ['es', 'pedido cero uno dos tres cuatro cinco seis siete ocho nueve'],
  ])('%s: %j', (_lang, text) => {
    // Act
    const result = redactor.redact(text);
    // Assess
    expect(result.text).toBe(text);
  });

  it('needs at least seven spoken digits for a phone, even after a phone word', () => {
    // Prepare
    const text = 'call me on five five five oh one four';
    // Act
    const result = redactor.redact(text);
    // Assess
    expect(result.text).toBe(text);
  });

  it('redacts spoken forms only for the detectors the tenant has on', () => {
    // Prepare
    const emailOnly = createRedactor({ detectors: ['email'] });
    const text = 'four one five, five five five, two six seven one or anna at example dot com';
    // Act
    const result = emailOnly.redact(text);
    // Assess
    expect(result.text).toBe('four one five, five five five, two six seven one or [EMAIL]');
  });
});

describe('a spoken value has the pseudonym of its written form', () => {
  const pseudonymous = createRedactor(
    { detectors: ['phone', 'card', 'email', 'personnummer'], replacement: 'pseudonym' },
    { pseudonymKey: new Uint8Array(32).fill(7), defaultCallingCode: '33' },
  );

  it.each([
    [
      'zéro six douze trente-quatre cinquante-six soixante-dix-huit',
      '+33 6 12 34 56 78',
      'a national phone in the tenant’s country',
    ],
    ['plus four six seven zero, one two three, four five, six seven', '+46 70 123 45 67', 'an international phone'],
    [
      'four five three two, zero one five one, one two eight three, zero three six six',
      '4532 0151 1283 0366',
      'a card',
    ],
    ['anna dot berg at example dot com', 'Anna.Berg@example.com', 'an e-mail address'],
    [
      'robin underscore green seventy-six at gmail dot com',
      'robin_green76@gmail.com',
      'an e-mail address with a number',
    ],
    ['åttio-ett tolv arton, nittio-åtta sjuttio-sex', '811218-9876', 'a personnummer'],
  ])('%j and %j (%s)', (spoken, written) => {
    // Act
    const fromSpoken = pseudonymous.redact(spoken).text;
    const fromWritten = pseudonymous.redact(written).text;
    // Assess
    expect(fromSpoken).toMatch(/^\[[A-Z]+:[0-9a-f]{8}\]$/);
    expect(fromSpoken).toBe(fromWritten);
  });
});
