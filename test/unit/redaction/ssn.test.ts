import { createRedactor } from '../../../functions/domain/redaction';

const redactor = createRedactor({ detectors: ['ssn'] });

describe('US SSN detector: AAA-GG-SSSS, never area 000, 666 or 900-999, group 00 or serial 0000', () => {
  it.each([
    ['my SSN is 123-45-6789', 'my SSN is [SSN]'],
    ['SSN: 123 45 6789', 'SSN: [SSN]'],
    ['social security number 123456789', 'social security number [SSN]'],
  ])('redacts %j', (text, expected) => {
    expect(redactor.redact(text).text).toBe(expected);
  });

  it.each([
    ['666-12-3456', 'area 666 is never issued'],
    ['000-12-3456', 'area 000 is never issued'],
    ['912-34-5678', 'areas 900-999 are never issued'],
    ['123-00-4567', 'group 00 is never issued'],
    ['123-45-0000', 'serial 0000 is never issued'],
    ['078-05-1120', 'the number printed in wallet advertisements'],
    ['call 123 45 6789', 'spaced digits without "SSN" before them'],
    ['order 123456789', 'nine bare digits without "SSN" before them'],
  ])('leaves %j alone (%s)', (text) => {
    expect(redactor.redact(text).text).toBe(text);
  });
});
