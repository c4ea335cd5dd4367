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
