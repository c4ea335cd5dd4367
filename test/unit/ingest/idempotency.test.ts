import { idempotencyKeyHash, requestFingerprint } from '../../../functions/domain/ingest/idempotency';

describe('idempotency fingerprints', () => {
  it('the same body written with its keys in another order is the same request', () => {
    const a = requestFingerprint('POST /v1/surveys', {
      score: 7,
      interactionId: 'X',
      nested: { b: 1, a: [1, { d: 2, c: 3 }] },
    });
    const b = requestFingerprint('POST /v1/surveys', {
      nested: { a: [1, { c: 3, d: 2 }], b: 1 },
      interactionId: 'X',
      score: 7,
    });
    expect(a).toBe(b);
  });

  it('another body, another route or another array order is another request', () => {
    const base = requestFingerprint('POST /v1/surveys', { score: 7, list: [1, 2] });
    expect(requestFingerprint('POST /v1/surveys', { score: 8, list: [1, 2] })).not.toBe(base);
    expect(requestFingerprint('POST /v1/consents', { score: 7, list: [1, 2] })).not.toBe(base);
    expect(requestFingerprint('POST /v1/surveys', { score: 7, list: [2, 1] })).not.toBe(base);
  });

  it('the key itself is stored only as a hash', () => {
    expect(idempotencyKeyHash('order-42')).toMatch(/^[0-9a-f]{64}$/);
    expect(idempotencyKeyHash('order-42')).not.toContain('order-42');
  });
});
