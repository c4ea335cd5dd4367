import { randomBytes } from 'node:crypto';
import { open, seal, SealedDataRejected, sealingAad } from '../../../functions/domain/crypto/envelope';

const TENANT = '01HZX3K8Q9V7M2N4P6R8S0T2W4';
const INTERACTION = '01HZX3KA1B2C3D4E5F6G7H8J9K';
const dek = Buffer.alloc(32, 7);

describe('personal data is sealed with AES-256-GCM bound to its tenant, class and partition', () => {
  it('opens to exactly what was sealed', () => {
    // Prepare
    const aad = sealingAad(TENANT, 'transcript', INTERACTION);
    // Act
    const sealed = seal(dek, 'Anna: my card is 4111 1111 1111 1111', aad);
    // Assess
    expect(open(dek, sealed, aad).toString('utf8')).toBe('Anna: my card is 4111 1111 1111 1111');
  });

  it('has the layout of the storage contract: version 1, a 12-byte IV, the ciphertext and a 16-byte tag', () => {
    // Prepare
    const plaintext = 'hello';
    // Act
    const bytes = Buffer.from(seal(dek, plaintext, 'a|b|c'), 'base64');
    // Assess
    expect(bytes[0]).toBe(0x01);
    expect(bytes.length).toBe(1 + 12 + plaintext.length + 16);
  });

  it('never seals the same plaintext to the same bytes (a fresh IV each time)', () => {
    // Act
    const [a, b] = [seal(dek, 'same', 'aad'), seal(dek, 'same', 'aad')];
    // Assess
    expect(a).not.toBe(b);
  });

  it('refuses a sealed value with one flipped bit', () => {
    // Prepare
    const aad = sealingAad(TENANT, 'transcript', INTERACTION);
    const bytes = Buffer.from(seal(dek, 'the chat log', aad), 'base64');
    bytes[20] ^= 0x01;
    // Act
    const opening = () => open(dek, bytes.toString('base64'), aad);
    // Assess
    expect(opening).toThrow(SealedDataRejected);
    expect(opening).toThrow(/authentication failed/);
  });

  it('refuses a value copied into another partition, class or tenant (wrong additional data)', () => {
    // Prepare
    const sealed = seal(dek, 'the chat log', sealingAad(TENANT, 'transcript', INTERACTION));
    // Act / Assess
    expect(() => open(dek, sealed, sealingAad(TENANT, 'transcript', '01HZX3KZZZZZZZZZZZZZZZZZZZ'))).toThrow(
      SealedDataRejected,
    );
    expect(() => open(dek, sealed, sealingAad(TENANT, 'survey', INTERACTION))).toThrow(SealedDataRejected);
    expect(() => open(dek, sealed, sealingAad('01HZX3K8Q9V7M2N4P6R8S0T2W5', 'transcript', INTERACTION))).toThrow(
      SealedDataRejected,
    );
  });

  it('refuses to open under another data key', () => {
    // Prepare
    const aad = sealingAad(TENANT, 'transcript', INTERACTION);
    const sealed = seal(dek, 'the chat log', aad);
    // Act / Assess
    expect(() => open(randomBytes(32), sealed, aad)).toThrow(SealedDataRejected);
  });

  it('names what is wrong with a value that is not an envelope at all', () => {
    // Prepare
    const unknownVersion = Buffer.concat([Buffer.from([0x02]), randomBytes(40)]).toString('base64');
    // Act / Assess
    expect(() => open(dek, 'c2hvcnQ=', 'aad')).toThrow(/too short/);
    expect(() => open(dek, unknownVersion, 'aad')).toThrow(/unknown envelope version 2/);
  });

  it('accepts only 256-bit data keys', () => {
    // Act / Assess
    expect(() => seal(Buffer.alloc(16), 'x', 'aad')).toThrow(/32 bytes/);
  });
});
