import { createRedactor } from '../../../functions/domain/redaction';

const redactor = createRedactor({ detectors: ['email'] });

describe('e-mail detector: a local part, @, and a domain with a dot and a TLD of two letters or more', () => {
  it.each([
    ['Mon mail : anna.svensson@example.se merci', 'Mon mail : [EMAIL] merci'],
    ['Write to J.Doe+support@mail.example.co.uk.', 'Write to [EMAIL].'],
    ['skicka till åsa.öberg@företag.se', 'skicka till [EMAIL]'],
    ['<mailto:bob_99@example.org>', '<mailto:[EMAIL]>'],
    [
      'https://shop.example.com/unsubscribe?email=anna%40example.com&x=1',
      'https://shop.example.com/unsubscribe?email=[EMAIL]&x=1',
    ],
  ])('redacts %j', (text, expected) => {
    // Act
    const result = redactor.redact(text);
    // Assess
    expect(result.text).toBe(expected);
  });

  it.each([
    'follow @lethe_support on social media',
    'user@localhost has no domain dot',
    'price 10@3 for two',
    'anna@example.c has a one-letter TLD',
    'the ratio is 3 @ 4',
  ])('leaves %j alone', (text) => {
    expect(redactor.redact(text)).toEqual({ text, findings: [] });
  });

  // With the digit detectors on too, the token pass tells the e-mail scan whether an @ or % occurs.
  it.each([
    ['mail anna.svensson@example.se, tel 0612345678', 'mail [EMAIL], tel [PHONE]'],
    ['https://example.com/u?email=anna%40example.com&id=7', 'https://example.com/u?email=[EMAIL]&id=7'],
  ])('redacts %j with every detector on', (text, expected) => {
    // Act
    const result = createRedactor().redact(text);
    // Assess
    expect(result.text).toBe(expected);
  });

  it('reports where the address was, not the address', () => {
    // Prepare
    const text = 'hej anna@example.se!';
    // Act
    const { findings } = redactor.redact(text);
    // Assess
    expect(findings).toEqual([{ type: 'email', start: 4, end: 19 }]);
    expect(JSON.stringify(findings)).not.toContain('anna');
  });
});
