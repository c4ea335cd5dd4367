import { createRedactor } from '../../../functions/domain/redaction';

const redactor = createRedactor({ detectors: ['nir'] });

describe('French NIR detector: 15 digits, key = 97 − (first 13 digits mod 97)', () => {
  it.each([
    ['1 85 05 78 006 084 91', 'spaced'],
    ['185057800608491', 'one block'],
    ['2.69.05.49.588.157.80', 'dotted'],
    ['1 85 05 2A 006 084 35', 'Corsica 2A counts as 19 in the key'],
  ])('redacts %j (%s)', (nir) => {
    expect(redactor.redact(`n° sécu ${nir} merci`).text).toBe('n° sécu [NIR] merci');
  });

  it.each([
    ['1 85 05 78 006 084 36', 'wrong key'],
    ['1 85 05 2A 006 084 49', 'Corsican number with a wrong key'],
    ['5 85 05 78 006 084 91', 'no sex digit 5'],
    ['1 85 13 78 006 084 25', 'month 13 does not exist'],
    ['185057800608', 'too short'],
  ])('leaves %j alone (%s)', (text) => {
    expect(redactor.redact(text).text).toBe(text);
  });
});
