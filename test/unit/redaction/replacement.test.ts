import { createRedactor } from '../../../functions/domain/redaction';

const tenantA = new Uint8Array(32).fill(1);
const tenantB = new Uint8Array(32).fill(2);

describe('replacement mode per tenant', () => {
  it('placeholder mode writes the type: [EMAIL], [PHONE], [CARD]', () => {
    // Prepare
    const redactor = createRedactor({ replacement: 'placeholder' });
    // Act
    const result = redactor.redact('anna@example.se 4111 1111 1111 1111 +33 6 12 34 56 78');
    // Assess
    expect(result.text).toBe('[EMAIL] [CARD] [PHONE]');
  });

  it('pseudonym mode gives the same token to the same value within a tenant', () => {
    // Prepare
    const redactor = createRedactor({ replacement: 'pseudonym' }, { pseudonymKey: tenantA });
    // Act
    const first = redactor.redact('mail anna@example.se').text;
    const second = redactor.redact('again: ANNA@example.se and bob@example.se').text;
    // Assess
    const token = first.slice('mail '.length);
    expect(token).toMatch(/^\[EMAIL:[0-9a-f]{8}\]$/);
    expect(second).toBe(`again: ${token} and ${second.split(' and ')[1]}`);
    expect(second.split(' and ')[1]).not.toBe(token);
  });

  it('another tenant key gives another token for the same value', () => {
    // Act
    const a = createRedactor({ replacement: 'pseudonym' }, { pseudonymKey: tenantA }).redact('anna@example.se').text;
    const b = createRedactor({ replacement: 'pseudonym' }, { pseudonymKey: tenantB }).redact('anna@example.se').text;
    // Assess
    expect(a).not.toBe(b);
  });

  it('all spellings of one phone give one token once the calling code is known', () => {
    // Prepare
    const redactor = createRedactor({ replacement: 'pseudonym' }, { pseudonymKey: tenantA, defaultCallingCode: '46' });
    // Act
    const tokens = ['+46 70 123 45 67', '070-123 45 67', '0046701234567', '+46 (0)70 123 45 67'].map(
      (p) => redactor.redact(p).text,
    );
    // Assess
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toMatch(/^\[PHONE:[0-9a-f]{8}\]$/);
  });

  it('a personnummer gives one token with or without century and separator', () => {
    const redactor = createRedactor({ replacement: 'pseudonym' }, { pseudonymKey: tenantA });
    const tokens = ['811218-9876', '19811218-9876', '198112189876'].map((p) => redactor.redact(p).text);
    expect(new Set(tokens).size).toBe(1);
  });

  it('pseudonym mode without a tenant key is refused at construction', () => {
    expect(() => createRedactor({ replacement: 'pseudonym' })).toThrow('pseudonym key');
    expect(() => createRedactor({ replacement: 'pseudonym' }, { pseudonymKey: new Uint8Array(8) })).toThrow(
      'at least 16 bytes',
    );
  });
});
