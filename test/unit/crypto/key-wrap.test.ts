import { SealedDataRejected } from '../../../functions/domain/crypto/envelope';
import { newDataKey, unwrapDataKey, wrapDataKey } from '../../../functions/domain/crypto/key-wrap';

describe('a data key wrapped under a key-encryption key', () => {
  it('unwraps to the same key under the same key-encryption key, tenant, region and key id', () => {
    // Prepare
    const [kek, dek] = [newDataKey(), newDataKey()];
    // Act
    const wrapped = wrapDataKey(kek, dek, 'T1', 'eu-central-1', 'I1');
    // Assess
    expect(Buffer.from(unwrapDataKey(kek, wrapped, 'T1', 'eu-central-1', 'I1'))).toEqual(Buffer.from(dek));
    expect(Buffer.from(wrapped).includes(Buffer.from(dek))).toBe(false);
  });

  it("refuses to unwrap as another tenant's, region's or partition's key, or under another key-encryption key", () => {
    // Prepare
    const [kek, dek] = [newDataKey(), newDataKey()];
    const wrapped = wrapDataKey(kek, dek, 'T1', 'eu-central-1', 'I1');
    // Act / Assess
    expect(() => unwrapDataKey(kek, wrapped, 'T2', 'eu-central-1', 'I1')).toThrow(SealedDataRejected);
    expect(() => unwrapDataKey(kek, wrapped, 'T1', 'us-east-1', 'I1')).toThrow(SealedDataRejected);
    expect(() => unwrapDataKey(kek, wrapped, 'T1', 'eu-central-1', 'I2')).toThrow(SealedDataRejected);
    expect(() => unwrapDataKey(newDataKey(), wrapped, 'T1', 'eu-central-1', 'I1')).toThrow(SealedDataRejected);
  });
});
