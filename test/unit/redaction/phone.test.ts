import { createRedactor } from '../../../functions/domain/redaction';

const redactor = createRedactor({ detectors: ['phone'] });

describe('phone detector: international and national formats, spaced, dotted and dashed', () => {
  it.each([
    ['+33 6 12 34 56 78', 'French mobile, international'],
    ['06.12.34.56.78', 'French mobile, dotted'],
    ['06-12-34-56-78', 'French mobile, dashed'],
    ['0612345678', 'French mobile, bare digits'],
    ['+33 (0)1 23 45 67 89', 'trunk zero in parentheses'],
    ['070-123 45 67', 'Swedish mobile, dashed area code'],
    ['0046 70 123 45 67', 'Swedish mobile with 00 prefix'],
    ['+46701234567', 'Swedish mobile, E.164'],
    ['08-123 456 78', 'Stockholm landline'],
    ['(555) 123-4567', 'North American, parenthesised area code'],
    ['555-123-4567', 'North American, dashed'],
    ['1-800-555-0199', 'North American with country code 1'],
    ['+44 20 7946 0958', 'London, international'],
    ['07700 900123', 'UK mobile, national'],
    ['+46-70-123 45 67', 'separators change once'],
    ['(+46) 70 123 45 67', 'country code in parentheses'],
  ])('redacts %j (%s)', (phone) => {
    // Prepare
    const text = `ring mig på ${phone} tack`;
    // Act
    const result = redactor.redact(text);
    // Assess
    expect(result.text).toBe('ring mig på [PHONE] tack');
  });

  it.each([
    ['le 12/03/2024 à 14:30', 'a date and a time'],
    ['le 03.12.2024 14:30', 'a dotted date followed by an hour'],
    ['2024-03-12', 'an ISO date'],
    ['prix 1 299,00 €', 'a price'],
    ['commande #0052-3611-2032', 'a number after #'],
    ['carte 4544 0066 7881 4380', 'digits continuing a longer number with the same separator'],
    ['06.12 34-56.78', 'separators changing twice'],
    ['5551234567', 'ten bare digits without a trunk zero (usually an order)'],
    ['SSN 091-00-4240', 'the SSN layout 3-2-4'],
    ['personnummer 091183-1187', 'an area code longer than 5 digits'],
    ['+33 6 12', 'too few digits for the country'],
    ['kl. 08.15', 'a time'],
  ])('leaves %j alone (%s)', (text) => {
    expect(redactor.redact(text).text).toBe(text);
  });

  it.each([
    ['(415)555-2671x0142', 'parenthesised area code and an x extension'],
    ['+1-212-555-0187x311', 'international with an extension'],
    ['646-555-0143x2210', 'dashed with an extension'],
    ['312.555.0196x77', 'dotted with an extension'],
    ['555-123-4567 ext. 12', 'ext. extension'],
    ['7185550123', 'ten bare digits valid in North America'],
    ['(31) 555-019', 'parenthesised area code, short subscriber number'],
    ['612 345 678', 'Spanish mobile in groups of three'],
    ['44 207 946 0958', 'international without the +'],
    ['(11) 5550-1234', 'São Paulo landline'],
  ])('redacts the missed form %j (%s) whole', (phone) => {
    // Prepare
    const text = `Contact: ${phone}.`;
    // Act
    const result = redactor.redact(text);
    // Assess
    expect(result.text).toBe('Contact: [PHONE].');
  });

  it.each([
    ['555-123-4567 poste 12 merci', '[PHONE] merci'],
    ['555-123-4567 anknytning 12 tack', '[PHONE] tack'],
    ['555-123-4567 Ankn. 12 tack', '[PHONE] tack'],
    ['555-123-4567 Durchwahl 12 danke', '[PHONE] danke'],
    ['555-123-4567 DW 12 danke', '[PHONE] danke'],
    ['555-123-4567 EXT. 12 thanks', '[PHONE] thanks'],
    ['555-123-4567 extensión 12 gracias', '[PHONE] gracias'],
    ['555-123-4567 at 12 thanks', '[PHONE] at 12 thanks'],
  ])('takes the extension word of each language, in any case, with the phone: %j', (text, expected) => {
    expect(redactor.redact(text).text).toBe(expected);
  });

  it.each([
    ['call me on 555 0142 please', 'call me on [PHONE] please'],
    ['my number is 5550 1234', 'my number is [PHONE]'],
    ['appelez-moi au 06-12-34-56', 'appelez-moi au [PHONE]'],
    ['ring mig på 555 01 42', 'ring mig på [PHONE]'],
    ['meine Handynummer: 5550 1234', 'meine Handynummer: [PHONE]'],
    ['llámame al 555 0142', 'llámame al [PHONE]'],
    ['Ring 136610 och fråga efter chefen.', 'Ring [PHONE] och fråga efter chefen.'],
    ['Mitt nummer är 194616.', 'Mitt nummer är [PHONE].'],
    ['Vous pouvez me joindre au +2908999.', 'Vous pouvez me joindre au [PHONE].'],
  ])('redacts a short local number after a phone word: %j', (text, expected) => {
    expect(redactor.redact(text).text).toBe(expected);
  });

  it.each([
    ['order 4839201234 shipped', 'ten digits after an order word'],
    ['call about order 7185550123', 'the nearest cue is the order'],
    ['Bestellnummer 612 345 678', 'grouped digits after an order word'],
    ['total 1.299.000 kr', 'an amount with thousands dots'],
    ['it costs 1 299 000 €', 'an amount with a currency'],
    ['le 12/03/2024 à 14:30, 2 articles', 'a date, a time and a quantity'],
    ['5550 1234 units', 'eight digits without a phone word'],
    ['ticket 136610 is closed', 'six digits without a phone word'],
    ['ordernummer 194616 skickades', 'six digits after an order word'],
    ['+1234567 points', 'seven digits after + that no plan holds'],
    ['Le numéro 194025883875820 ne marche pas', 'fifteen digits after a generic number word'],
  ])('leaves ordinary numbers alone: %j (%s)', (text) => {
    expect(redactor.redact(text).text).toBe(text);
  });

  // The words before a number are read in place, and through a lower-cased copy when a letter's
  // lower case is not one letter of its own (İ, Σ): both alike.
  it.each([
    ['CALL ME ON 555 0142', 'CALL ME ON [PHONE]'],
    ['Café fermé, Call Me On 555 0142', 'Café fermé, Call Me On [PHONE]'],
    ['LLÁMAME AL 555 0142', 'LLÁMAME AL [PHONE]'],
    ['TÉL. 555 0142', 'TÉL. [PHONE]'],
    ['İstanbul: llámame al 555 0142', 'İstanbul: llámame al [PHONE]'],
    ['ΣΑΣ, call me on 555 0142', 'ΣΑΣ, call me on [PHONE]'],
    ['ORDER 4839201234 shipped', 'ORDER 4839201234 shipped'],
    ['Beställ ORDER 4839201234', 'Beställ ORDER 4839201234'],
    ['BESTÄLLNING 4839201234', 'BESTÄLLNING 4839201234'],
    ['İstanbul ORDER 4839201234', 'İstanbul ORDER 4839201234'],
    ['My Number: #4839201234', 'My Number: #4839201234'],
  ])('reads cue words in any case, with or without accents around them: %j', (text, expected) => {
    // Act
    const result = redactor.redact(text);
    // Assess
    expect(result.text).toBe(expected);
  });

  it('a phone right after a date is still a phone', () => {
    expect(redactor.redact('rappel le 01.02.2024 0612345678').text).toBe('rappel le 01.02.2024 [PHONE]');
  });

  it('the finding starts at the + of an international number', () => {
    // Act
    const { findings } = redactor.redact('tel: +46 70 123 45 67');
    // Assess
    expect(findings).toEqual([{ type: 'phone', start: 5, end: 21 }]);
  });
});
