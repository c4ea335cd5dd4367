import { randomBytes } from 'node:crypto';
import { keyIdOf, open, seal } from '../../../infra/local/kms/ciphertext';

describe('local KMS ciphertexts bind the encryption context', () => {
  const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
  const material = randomBytes(32);

  it('open with the same context in any key order, and name their key', () => {
    // Prepare
    const blob = seal(keyId, material, Buffer.from('dek'), { tenant: 't1', dekId: 'd1' });

    // Act
    const opened = open(blob, material, { dekId: 'd1', tenant: 't1' });

    // Assess
    expect(opened?.toString()).toBe('dek');
    expect(keyIdOf(blob)).toBe(keyId);
  });

  it('do not open with another context, a missing one, another key, or when tampered with', () => {
    // Prepare
    const blob = seal(keyId, material, Buffer.from('dek'), { tenant: 't1' });
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1] ^= 1;

    // Assess
    expect(open(blob, material, { tenant: 't2' })).toBeUndefined();
    expect(open(blob, material, {})).toBeUndefined();
    expect(open(blob, randomBytes(32), { tenant: 't1' })).toBeUndefined();
    expect(open(tampered, material, { tenant: 't1' })).toBeUndefined();
  });
});
