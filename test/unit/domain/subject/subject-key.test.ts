import { createHmac } from 'node:crypto';
import { LetheError } from '../../../../functions/domain/errors';
import { normaliseEmail, normalisePhone } from '../../../../functions/domain/subject/normalise';
import { subjectKey, subjectKeysOf } from '../../../../functions/domain/subject/subject-key';

const SECRET = new Uint8Array(32).fill(7);
const OTHER_SECRET = new Uint8Array(32).fill(8);

describe('subject keys: identifiers are stored only as keyed hashes', () => {
  it('a key is hex HMAC-SHA256 of "<kind>:<normalised>" under the tenant secret', () => {
    // Prepare
    const expected = createHmac('sha256', SECRET).update('phone:+46701234567').digest('hex');
    // Act
    const key = subjectKey(SECRET, 'phone', normalisePhone('070-123 45 67', '46'));
    // Assess
    expect(key).toBe(expected);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it("another tenant's secret, or another kind for the same text, gives another key", () => {
    const phone = normalisePhone('+46701234567', '46');
    expect(subjectKey(OTHER_SECRET, 'phone', phone)).not.toBe(subjectKey(SECRET, 'phone', phone));
    expect(subjectKey(SECRET, 'visitorId', phone)).not.toBe(subjectKey(SECRET, 'phone', phone));
  });

  it('a secret shorter than 32 bytes is refused', () => {
    expect(() => subjectKey(new Uint8Array(16), 'email', normaliseEmail('a@b.se'))).toThrow(RangeError);
  });

  it('two spellings of one person find the same records', () => {
    // Act
    const written = subjectKeysOf({ phone: '070-123 45 67', email: 'Anna@Example.com ' }, SECRET, '46');
    const searched = subjectKeysOf({ phone: '+46 70 123 45 67', email: 'anna@example.com' }, SECRET, '46');
    // Assess
    expect(searched).toEqual(written);
  });

  it('every identifier present gets a key, in the order phone, email, visitorId, name; blank ones are absent', () => {
    // Act
    const keys = subjectKeysOf(
      { name: 'Anna Svensson', visitorId: 'v-1', email: ' ', phone: '0701234567' },
      SECRET,
      '46',
    );
    // Assess
    expect(keys.map((k) => k.kind)).toEqual(['phone', 'visitorId', 'name']);
    expect(keys[2].hmacHex).toBe(createHmac('sha256', SECRET).update('name:anna svensson').digest('hex'));
  });

  it('no identifier gives no key', () => {
    expect(subjectKeysOf({}, SECRET, '46')).toEqual([]);
  });

  it('every identifier that cannot be normalised is named in one VALIDATION_FAILED', () => {
    // Act
    let error: unknown;
    try {
      subjectKeysOf({ phone: 'not a phone', email: 'nobody', name: 'Anna' }, SECRET, '46');
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toBeInstanceOf(LetheError);
    expect((error as LetheError).fields.map((f) => f.path)).toEqual(['phone', 'email']);
  });
});
