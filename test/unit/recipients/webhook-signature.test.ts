import { createHmac } from 'node:crypto';
import {
  signWebhook,
  verifyWebhook,
  WEBHOOK_HEADERS,
  WEBHOOK_TOLERANCE_SECONDS,
} from '../../../functions/domain/recipients/webhook-signature';

const SECRET = Buffer.from('whsec_unit-test-secret-of-some-length', 'utf8');
const BODY = '{"event":"subject-request.completed","requestId":"01JABCDEFGHJKMNPQRSTVWXYZ0"}';
const AT = new Date('2027-03-01T12:00:00Z');
const KEY_ID = 'k_01JABCDEFGHJKMNPQRSTVWXYZ0';
const later = (seconds: number) => new Date(AT.getTime() + seconds * 1000);

describe('signed webhooks', () => {
  it('a webhook verifies with the secret it was signed with, over the exact bytes sent', () => {
    // Prepare
    const headers = signWebhook(SECRET, KEY_ID, '01J.1.crm', BODY, AT);
    // Act
    const check = verifyWebhook(SECRET, headers, BODY, later(2));
    // Assess
    expect(check).toEqual({ ok: true });
    expect(headers[WEBHOOK_HEADERS.id]).toBe('01J.1.crm');
    expect(headers[WEBHOOK_HEADERS.timestamp]).toBe(String(AT.getTime() / 1000));
  });

  it('the signature is the documented HMAC-SHA256 of "<timestamp>.<body>", as v1=<hex>', () => {
    // Prepare
    const expected = createHmac('sha256', SECRET)
      .update(`${AT.getTime() / 1000}.${BODY}`)
      .digest('hex');
    // Act
    const headers = signWebhook(SECRET, KEY_ID, 'id', BODY, AT);
    // Assess
    expect(headers[WEBHOOK_HEADERS.signature]).toBe(`v1=${expected}`);
  });

  it('a changed body, another secret or a re-dated timestamp fail the signature', () => {
    // Prepare
    const headers = signWebhook(SECRET, KEY_ID, 'id', BODY, AT);
    const redated = { ...headers, [WEBHOOK_HEADERS.timestamp]: String(AT.getTime() / 1000 + 600) };
    // Act
    const checks = [
      verifyWebhook(SECRET, headers, BODY.replace('completed', 'cancelled'), AT),
      verifyWebhook(Buffer.from('another secret'), headers, BODY, AT),
      verifyWebhook(SECRET, redated, BODY, later(600)),
    ];
    // Assess
    expect(checks).toEqual([
      { ok: false, reason: 'bad-signature' },
      { ok: false, reason: 'bad-signature' },
      { ok: false, reason: 'bad-signature' },
    ]);
  });

  it('a genuine webhook replayed after the tolerance is refused as stale', () => {
    // Prepare
    const headers = signWebhook(SECRET, KEY_ID, 'id', BODY, AT);
    // Act
    const justInTime = verifyWebhook(SECRET, headers, BODY, later(WEBHOOK_TOLERANCE_SECONDS));
    const replayed = verifyWebhook(SECRET, headers, BODY, later(WEBHOOK_TOLERANCE_SECONDS + 1));
    // Assess
    expect(justInTime).toEqual({ ok: true });
    expect(replayed).toEqual({ ok: false, reason: 'stale' });
  });

  it('missing or malformed headers are refused without comparing anything', () => {
    // Prepare
    const headers = signWebhook(SECRET, KEY_ID, 'id', BODY, AT);
    // Act
    const checks = [
      verifyWebhook(SECRET, {}, BODY, AT),
      verifyWebhook(SECRET, { ...headers, [WEBHOOK_HEADERS.signature]: 'v2=00' }, BODY, AT),
      verifyWebhook(SECRET, { ...headers, [WEBHOOK_HEADERS.timestamp]: 'yesterday' }, BODY, AT),
    ];
    // Assess
    for (const check of checks) expect(check).toEqual({ ok: false, reason: 'malformed' });
  });

  it("in a rotation's grace period, both keys sign: each verifies, another secret still fails", () => {
    // Prepare
    const previous = { secret: Buffer.from('whsec_the-replaced-secret', 'utf8'), keyId: 'k_previous' };
    // Act
    const headers = signWebhook(SECRET, KEY_ID, 'id', BODY, AT, previous);
    // Assess
    expect(headers[WEBHOOK_HEADERS.keyId]).toBe(KEY_ID);
    expect(headers[WEBHOOK_HEADERS.previousKeyId]).toBe('k_previous');
    expect(headers[WEBHOOK_HEADERS.signature]).toMatch(/^v1=[0-9a-f]{64} v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(SECRET, headers, BODY, AT)).toEqual({ ok: true });
    expect(verifyWebhook(previous.secret, headers, BODY, AT)).toEqual({ ok: true });
    expect(verifyWebhook(Buffer.from('another secret'), headers, BODY, AT)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    const oneMangled = headers[WEBHOOK_HEADERS.signature].replace(' v1=', ' v2=');
    expect(verifyWebhook(SECRET, { ...headers, [WEBHOOK_HEADERS.signature]: oneMangled }, BODY, AT)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});
