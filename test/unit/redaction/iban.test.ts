import { createRedactor } from '../../../functions/domain/redaction';

const redactor = createRedactor({ detectors: ['iban'] });

describe('IBAN detector: country code, check digits, the country length, mod 97 = 1', () => {
  it.each([
    ['FR76 3000 6000 0112 3456 7890 189', 'French, spaced'],
    ['FR7630006000011234567890189', 'French, compact'],
    ['SE45 5000 0000 0583 9825 7466', 'Swedish'],
    ['GB82 WEST 1234 5698 7654 32', 'British, letters in the bank code'],
    ['de89370400440532013000', 'German, lower case'],
  ])('redacts %j (%s)', (iban) => {
    expect(redactor.redact(`IBAN: ${iban}, merci`).text).toBe('IBAN: [IBAN], merci');
  });

  it.each([
    ['FR76 3000 6000 0112 3456 7890 188', 'checksum fails'],
    ['FR76 3000 6000 0112 3456 7890', 'too short for France'],
    ['XX12 3456 7890 1234', 'no such country'],
    ['ref SE123456789', 'a tracking number'],
  ])('leaves %j alone (%s)', (text) => {
    expect(redactor.redact(text).text).toBe(text);
  });

  it('stops at the country length, so a following number stays', () => {
    expect(redactor.redact('FR76 3000 6000 0112 3456 7890 189 42 €').text).toBe('[IBAN] 42 €');
  });
});
