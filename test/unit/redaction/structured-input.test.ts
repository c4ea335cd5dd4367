import { createRedactor } from '../../../functions/domain/redaction';
import { LetheError } from '../../../functions/domain/errors';

const redactor = createRedactor();

describe('form fields, DTMF input and chatbot payloads', () => {
  it('a hidden form field is dropped entirely: never redacted, never stored', () => {
    // Act
    const result = redactor.redactFields([
      { name: 'order', value: 'A-1234' },
      { name: 'card', value: '4111 1111 1111 1111', hidden: true },
      { name: 'contact', value: 'anna@example.se' },
    ]);
    // Assess
    expect(result.fields).toEqual([
      { name: 'order', value: 'A-1234' },
      { name: 'contact', value: '[EMAIL]' },
    ]);
    expect(result.findings).toEqual([{ field: 'contact', type: 'email', start: 0, end: 15 }]);
  });

  it('masked DTMF digits are never stored at all; unmasked ones are redacted like text', () => {
    // Act
    const kept = redactor.redactDtmf([
      { digits: '1', masked: false, at: '10:00:01' },
      { digits: '4111111111111111', masked: true, at: '10:00:05' },
      { digits: '4111111111111111', at: '10:00:09' },
    ]);
    // Assess
    expect(kept).toEqual([
      { digits: '1', masked: false, at: '10:00:01' },
      { digits: '[CARD]', at: '10:00:09' },
    ]);
  });

  it('every string value of a custom chatbot payload is redacted, keys and other values kept', () => {
    // Prepare
    const payload = {
      form: { email: 'anna@example.se', tags: ['vip', 'tel 06 12 34 56 78'] },
      score: 7,
      ok: true,
      none: null,
    };
    // Act
    const result = redactor.redactJson(payload);
    // Assess
    expect(result.value).toEqual({
      form: { email: '[EMAIL]', tags: ['vip', 'tel [PHONE]'] },
      score: 7,
      ok: true,
      none: null,
    });
    expect(result.findings).toEqual([
      { path: 'form.email', type: 'email', start: 0, end: 15 },
      { path: 'form.tags.1', type: 'phone', start: 4, end: 18 },
    ]);
    expect(payload.form.email).toBe('anna@example.se');
  });

  it('a payload nested deeper than 64 levels is refused with its path, not walked', () => {
    // Prepare
    let deep: unknown = 'x';
    for (let i = 0; i < 70; i++) deep = { a: deep };
    // Act
    let error: unknown;
    try {
      redactor.redactJson(deep);
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toBeInstanceOf(LetheError);
    expect((error as LetheError).status).toBe(400);
    expect((error as LetheError).fields[0].message).toBe('is nested deeper than 64 levels');
  });

  it('overlapping findings are merged so nothing leaks: a card number inside an IBAN becomes one [IBAN]', () => {
    // Prepare: the BBAN of this IBAN happens to hold a Luhn-valid Visa number.
    const text = 'IBAN FR14 2004 1010 0505 0001 3M02 606';
    // Act
    const result = redactor.redact(text);
    // Assess
    expect(result.text).toBe('IBAN [IBAN]');
  });

  it('text without anything personal comes back unchanged, words, dates, prices and times included', () => {
    // Prepare
    const text = 'Bonjour ! Hej, tack så mycket. Commande 4521 du 12/03/2024 à 14h30, 49,99 €, kl. 08.15, v2.3.1.';
    // Act
    const result = redactor.redact(text);
    // Assess
    expect(result).toEqual({ text, findings: [] });
  });
});
