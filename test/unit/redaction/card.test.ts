import { createRedactor } from '../../../functions/domain/redaction';

const redactor = createRedactor({ detectors: ['card'] });

describe('card detector: 13-19 digits with a real issuer prefix and length, Luhn-valid', () => {
  it.each([
    ['4111 1111 1111 1111', 'Visa in groups of four'],
    ['4111-1111-1111-1111', 'Visa with dashes'],
    ['5555555555554444', 'Mastercard, one block'],
    ['2223 0031 2200 3222', 'Mastercard 2-series'],
    ['3782 822463 10005', 'Amex 4-6-5'],
    ['378282246310005', 'Amex, one block'],
    ['6011 1111 1111 1117', 'Discover'],
    ['4222222222222', 'Visa, 13 digits'],
    ['213100000123456', 'JCB 2131, 15 digits'],
    ['180000000123457', 'JCB 1800, 15 digits'],
    ['3530 0000 0123 4569', 'JCB 35, 16 digits'],
    ['501800000124', 'Maestro 5018, 12 digits'],
    ['6304000001230', 'Maestro 6304, 13 digits'],
    ['675900000125', 'Maestro 6759, 12 digits'],
    ['6762000001239', 'Maestro 6762, 13 digits'],
    ['503800000120', 'Maestro 5038, 12 digits'],
    ['6212000001234567892', 'UnionPay, 19 digits'],
    ['30050000012343', 'Diners Club 300, 14 digits'],
    ['6500 0000 0123 4568', 'Discover 65'],
    ['2200000001234560', 'Mir'],
  ])('redacts %j (%s)', (card) => {
    expect(redactor.redact(`paid with ${card} yesterday`).text).toBe('paid with [CARD] yesterday');
  });

  it.each([
    ['4111 1111 1111 1112', 'fails Luhn: an order number'],
    ['1234 5678 9012 3452', 'Luhn-valid, but no issuer starts with 1'],
    ['51051051051051000', 'Mastercard prefix with 17 digits'],
    ['411 111 111 111 1111', 'not grouped like a card'],
    ['41111111', 'too short'],
    ['213100000123', 'JCB prefix with 12 digits, a length JCB does not issue'],
    ['222100000009', 'Mastercard prefix with 12 digits'],
  ])('leaves %j alone (%s)', (text) => {
    expect(redactor.redact(text).text).toBe(text);
  });

  it('a Luhn-valid number after + is a phone, not a card', () => {
    // Prepare
    const redactor = createRedactor({ detectors: ['card', 'phone'] });
    // Act
    const result = redactor.redact('Meine Nummer ist +4955198587512.');
    // Assess
    expect(result.findings.map((f) => f.type)).toEqual(['phone']);
  });

  it.each([
    ['calling about order 617904560290', 'a 12-digit order number that passes Luhn'],
    ['la commande 580749891140 a coûté 577 €', 'the same in French'],
  ])('leaves %j alone (%s)', (text) => {
    expect(redactor.redact(text).text).toBe(text);
  });

  it('a short card after a card word is still a card', () => {
    expect(redactor.redact('Maestro card 6304000001230').text).toBe('Maestro card [CARD]');
  });
});
