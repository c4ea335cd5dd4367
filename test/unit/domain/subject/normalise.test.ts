import fc from 'fast-check';
import { LetheError } from '../../../../functions/domain/errors';
import {
  normaliseEmail,
  normaliseName,
  normalisePhone,
  normaliseVisitorId,
} from '../../../../functions/domain/subject/normalise';

function errorOf(act: () => unknown): LetheError {
  try {
    act();
  } catch (e) {
    if (e instanceof LetheError) return e;
    throw e;
  }
  throw new Error('expected a LetheError');
}

describe('phone numbers become E.164', () => {
  it.each([
    ['070-123 45 67', '46', '+46701234567'],
    ['+46 70 123 45 67', '46', '+46701234567'],
    ['0046 70 123 45 67', '46', '+46701234567'],
    ['+46 (0)70-123.45.67', '46', '+46701234567'],
    ['06.12.34.56.78', '33', '+33612345678'],
    ['(212) 555-1234', '1', '+12125551234'],
    ['+1 212 555 1234', '46', '+12125551234'],
    ['０７０−１２３ ４５ ６７', '46', '+46701234567'],
    ['06 1234 5678', '39', '+390612345678'],
    ['+39 06 1234 5678', '39', '+390612345678'],
    ['0039 06 1234 5678', '46', '+390612345678'],
  ])('%s with calling code %s is %s', (raw, callingCode, e164) => {
    expect(normalisePhone(raw, callingCode)).toBe(e164);
  });

  it.each([
    ['call me maybe'],
    [''],
    ['+46 70 123 45 67 ext. 12'],
    ['+0701234567'],
    ['99'],
    ['+1234567890123456'],
    ['++46701234567'],
  ])('garbage is refused with a field error that does not repeat it: %j', (raw) => {
    // Act
    const error = errorOf(() => normalisePhone(raw, '46'));
    // Assess
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual([{ path: 'phone', message: expect.stringMatching(/must be a phone number/) }]);
    if (raw) expect(JSON.stringify(error.toBody())).not.toContain(raw);
  });

  it('reads a leading (0) as the trunk prefix of a national number (found by the property below)', () => {
    expect(normalisePhone('(0) 4620000000', '46')).toBe('+464620000000');
  });

  it('normalising twice changes nothing (property)', () => {
    const nationalNumber = fc.stringMatching(/^[1-9][0-9]{6,10}$/);
    const spelling = fc.constantFrom(
      (n: string) => `0${n}`,
      (n: string) => `+46 ${n}`,
      (n: string) => `0046-${n}`,
      (n: string) => `(0) ${n}`,
    );
    fc.assert(
      fc.property(nationalNumber, spelling, (n, spell) => {
        const once = normalisePhone(spell(n), '46');
        expect(normalisePhone(once, '46')).toBe(once);
        expect(once).toBe(`+46${n}`);
      }),
    );
  });
});

describe('e-mail addresses', () => {
  it('are trimmed and lower-cased', () => {
    expect(normaliseEmail('  Anna.Svensson@Example.COM \n')).toBe('anna.svensson@example.com');
  });

  it("keep plus-tags: whether anna+shop@ reaches anna@ is the provider's rule, so they are two identifiers", () => {
    expect(normaliseEmail('Anna+Shop@example.com')).toBe('anna+shop@example.com');
    expect(normaliseEmail('Anna+Shop@example.com')).not.toBe(normaliseEmail('anna@example.com'));
  });

  it('match whether accents arrive composed or decomposed', () => {
    expect(normaliseEmail('Ren\u0065\u0301@example.fr')).toBe(normaliseEmail('REN\u00c9@example.fr'));
  });

  it.each([['anna'], ['anna@'], ['@example.com'], ['anna svensson@example.com'], ['a@b@c']])('refuses %j', (raw) => {
    expect(errorOf(() => normaliseEmail(raw)).fields[0].path).toBe('email');
  });
});

describe('visitor ids and names', () => {
  it('a visitor id is only trimmed: its case is part of the id', () => {
    expect(normaliseVisitorId('  vuid-AbC123 ')).toBe('vuid-AbC123');
    expect(() => normaliseVisitorId('   ')).toThrow(LetheError);
  });

  it('a name is NFKC, case-folded and has its whitespace collapsed', () => {
    expect(normaliseName('  ANNA   Maria\tSvensson ')).toBe('anna maria svensson');
    expect(normaliseName('Ａｎｎａ')).toBe('anna');
    expect(normaliseName('Straße')).toBe(normaliseName('STRASSE'));
    // Capital sharp s folds as ß does (one upper/lower round would leave it as ß, a second as ss).
    expect(normaliseName('STRAẞE')).toBe('strasse');
    expect(normaliseName('ΟΔΥΣΣΕΥΣ')).toBe(normaliseName('οδυσσευς'));
  });

  it('normalising a name twice changes nothing (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
        (raw) => {
          let once: string;
          try {
            once = normaliseName(raw);
          } catch {
            return; // only whitespace after NFKC: refused, nothing to compare
          }
          expect(normaliseName(once)).toBe(once);
        },
      ),
      // ẞ once broke this property (found by a random run): keep it among the examples.
      { examples: [['ẞ '], ['İstanbul'], ['ǅemal']] },
    );
  });
});
