import { createRedactor } from '../../../functions/domain/redaction';

const redactor = createRedactor({ detectors: ['personnummer'] });

describe('Swedish personnummer: a real birth date (day + 60 for samordningsnummer) and the Luhn check', () => {
  it.each([
    ['811218-9876', 'YYMMDD-NNNN'],
    ['19811218-9876', 'YYYYMMDD-NNNN'],
    ['198112189876', 'YYYYMMDDNNNN'],
    ['8112189876', 'YYMMDDNNNN'],
    ['121212+1212', '+ for people aged 100 or more'],
    ['701063-2391', 'samordningsnummer: day 63 = the 3rd'],
  ])('redacts %j (%s)', (pnr) => {
    expect(redactor.redact(`mitt personnummer är ${pnr}.`).text).toBe('mitt personnummer är [PERSONNUMMER].');
  });

  it.each([
    ['811218-9875', 'Luhn check fails'],
    ['811318-9876', 'month 13'],
    ['556677-8899', 'an organisation number (month 66)'],
    ['21811218-9876', 'no century 21'],
    ['811218 9876', 'a space is not a personnummer separator'],
  ])('leaves %j alone (%s)', (text) => {
    expect(redactor.redact(text).text).toBe(text);
  });
});
