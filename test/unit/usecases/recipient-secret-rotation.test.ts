import type { Actor } from '../../../functions/domain/access/authorize';
import { RETRY_DELAYS_SECONDS } from '../../../functions/domain/recipients/delivery';
import { verifyWebhook, WEBHOOK_HEADERS } from '../../../functions/domain/recipients/webhook-signature';
import type { HttpSender, WebhookRequest } from '../../../functions/ports/http-sender';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import { readPolicy, savePolicy } from '../../../functions/usecases/admin/policy-admin';
import { newRecipientSecret } from '../../../functions/usecases/admin/recipient-secrets-admin';
import { deliverDueNotices } from '../../../functions/usecases/recipients/deliveries';
import { openRecipientSecret, RECIPIENT_SECRET_PREFIX } from '../../../functions/usecases/recipients/recipient-secrets';
import { subjectRequestDeps } from '../../../functions/usecases/subject-requests/deps';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { executeSubjectRequest } from '../../../functions/usecases/subject-requests/run-request';
import { HOME_REGION, inMemoryContainer, openTenant } from '../../support/in-memory-container';

const adminOf = (tenantId: string): Actor => ({ tenantId, role: 'admin', userId: 'u-admin', support: false });

/** A recipient endpoint as the port sees it: records each signed request, answers the statuses given in turn (the last repeats). */
function recipientAnswering(...statuses: number[]): HttpSender & { sent: WebhookRequest[] } {
  const sent: WebhookRequest[] = [];
  return {
    sent,
    post: async (request) => {
      sent.push(request);
      return { kind: 'answered', status: statuses[Math.min(sent.length, statuses.length) - 1] };
    },
  };
}

const key = (secret: string) => Buffer.from(secret, 'utf8');

/**
 * A tenant whose policy tells a CRM (signing with a new secret) about erasures, and an erasure
 * completed: its notice's first attempt made, answered with the first of `statuses`.
 */
async function crmToldOfAnErasure(...statuses: number[]) {
  const c = inMemoryContainer();
  const tenantId = await openTenant(c, 'iadvize');
  const admin = adminDepsOf(c);
  const request = { actor: adminOf(tenantId) };
  const made = await newRecipientSecret(admin, request, { recipient: 'crm' });
  const { policy } = await readPolicy(admin, request);
  await savePolicy(admin, request, {
    ...policy,
    subjectRequests: {
      ...policy.subjectRequests,
      notifyRecipients: [{ name: 'crm', url: 'https://crm.example/lethe', secretRef: made.secretRef }],
    },
  });
  const crm = recipientAnswering(...statuses);
  const deps = { ...subjectRequestDeps(c), httpSender: crm };
  const job = await fileSubjectRequest(
    deps,
    tenantId,
    { kind: 'admin', userId: 'u-admin', role: 'admin', support: false },
    { type: 'erase', identifiers: { email: 'rotation.subject@example.se' } },
  );
  expect((await executeSubjectRequest(deps, tenantId, job.requestId)).status).toBe('completed');
  return { c, admin, request, made, crm, deps };
}

describe('rotating a recipient secret (POST /v1/recipient-secrets with a secretRef)', () => {
  it('replaces the key under the same reference, records the rotation time and the key it replaced', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'iadvize');
    const deps = adminDepsOf(c);
    const made = await newRecipientSecret(deps, { actor: adminOf(tenantId) }, { recipient: 'crm' });
    const before = await c.directory.getItem(tenantId, `${RECIPIENT_SECRET_PREFIX}${made.secretRef}`);
    c.clock.set(new Date(c.clock.now().getTime() + 3_600_000));

    // Act
    const rotated = await newRecipientSecret(
      deps,
      { actor: adminOf(tenantId) },
      { recipient: 'crm', secretRef: made.secretRef },
    );

    // Assess: one stored item, with the new key wrapped in place of the old
    expect(rotated).toMatchObject({ recipient: 'crm', secretRef: made.secretRef, createdAt: made.createdAt });
    expect(rotated.rotatedAt).toBe(c.clock.now().toISOString());
    expect(rotated.keyId).not.toBe(made.keyId);
    expect(rotated.secret).not.toBe(made.secret);
    const stored = await c.directory.getItem(tenantId, `${RECIPIENT_SECRET_PREFIX}${made.secretRef}`);
    expect(stored).toMatchObject({ keyId: rotated.keyId, previousKeyId: made.keyId, rotatedAt: rotated.rotatedAt });
    expect(stored?.wrapped).not.toBe(before?.wrapped);
    const opened = await openRecipientSecret({ ...c, homeRegion: HOME_REGION }, tenantId, made.secretRef);
    expect(Buffer.from(opened.key).toString('utf8')).toBe(rotated.secret);
    expect(opened.keyId).toBe(rotated.keyId);
    const audited = await c.auditLog.list(tenantId, { action: 'policy.change' });
    expect(audited.items[0].details).toEqual({ recipientSecretRotated: made.secretRef, keyId: rotated.keyId });
  });

  it('signs a retry after the rotation with the new key, naming its key id; the old secret no longer verifies', async () => {
    // Prepare: a CRM told about an erasure answers 503 to the first attempt (signed with the first key)
    const { c, admin, request, made, crm, deps } = await crmToldOfAnErasure(503, 200);
    const rotated = await newRecipientSecret(admin, request, { recipient: 'crm', secretRef: made.secretRef });
    c.clock.set(new Date(c.clock.now().getTime() + (RETRY_DELAYS_SECONDS[0] + 1) * 1000));

    // Act
    await deliverDueNotices(deps);

    // Assess
    expect(crm.sent).toHaveLength(2);
    const [first, retry] = crm.sent;
    expect(first.headers[WEBHOOK_HEADERS.keyId]).toBe(made.keyId);
    expect(retry.headers[WEBHOOK_HEADERS.keyId]).toBe(rotated.keyId);
    expect(verifyWebhook(key(rotated.secret), retry.headers, retry.body, c.clock.now())).toEqual({ ok: true });
    expect(verifyWebhook(key(made.secret), retry.headers, retry.body, c.clock.now())).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it.each([
    [{ recipient: 'platform', secretRef: 'own' }, 'recipient'],
    [{ recipient: 'crm', secretRef: 'not-a-ref' }, 'secretRef'],
    [{ recipient: 'crm', secretRef: undefined, graceHours: 24 }, 'graceHours'],
    [{ recipient: 'crm', secretRef: 'own', graceHours: 0 }, 'graceHours'],
    [{ recipient: 'crm', secretRef: 'own', graceHours: 169 }, 'graceHours'],
    [{ recipient: 'crm', secretRef: 'own', graceHours: 1.5 }, 'graceHours'],
  ])(
    'refuses a rotation naming the wrong recipient, no secretRef or a bad grace, and keeps the key (%j)',
    async (ask, field) => {
      // Prepare
      const c = inMemoryContainer();
      const tenantId = await openTenant(c, 'iadvize');
      const deps = adminDepsOf(c);
      const made = await newRecipientSecret(deps, { actor: adminOf(tenantId) }, { recipient: 'crm' });
      const before = await c.directory.getItem(tenantId, `${RECIPIENT_SECRET_PREFIX}${made.secretRef}`);

      // Act
      const asked = newRecipientSecret(
        deps,
        { actor: adminOf(tenantId) },
        { ...ask, secretRef: ask.secretRef === 'own' ? made.secretRef : ask.secretRef },
      );

      // Assess
      await expect(asked).rejects.toMatchObject({ status: 400, fields: [expect.objectContaining({ path: field })] });
      expect(await c.directory.getItem(tenantId, `${RECIPIENT_SECRET_PREFIX}${made.secretRef}`)).toEqual(before);
    },
  );

  it("with graceHours, a retry in the window carries the old key's signature too; after it, only the new key signs", async () => {
    // Prepare: a CRM told about an erasure answers 503 twice (the first attempt signed with the first key)
    const { c, admin, request, made, crm, deps } = await crmToldOfAnErasure(503, 503, 200);
    const graceHours = 1;
    const rotated = await newRecipientSecret(admin, request, {
      recipient: 'crm',
      secretRef: made.secretRef,
      graceHours,
    });
    const retryAfter = (seconds: number) => c.clock.set(new Date(c.clock.now().getTime() + (seconds + 1) * 1000));

    // Act: the first retry falls in the hour, the second (2 h later) after it
    retryAfter(RETRY_DELAYS_SECONDS[0]);
    await deliverDueNotices(deps);
    retryAfter(Math.max(RETRY_DELAYS_SECONDS[1], graceHours * 3600));
    await deliverDueNotices(deps);

    // Assess
    expect(rotated.previousKeyValidUntil).toBe(new Date(Date.parse(rotated.rotatedAt ?? '') + 3_600_000).toISOString());
    expect(crm.sent).toHaveLength(3);
    const [, inGrace, afterGrace] = crm.sent;
    expect(inGrace.headers[WEBHOOK_HEADERS.keyId]).toBe(rotated.keyId);
    expect(inGrace.headers[WEBHOOK_HEADERS.previousKeyId]).toBe(made.keyId);
    const atSend = (r: WebhookRequest) => new Date(Number(r.headers[WEBHOOK_HEADERS.timestamp]) * 1000);
    expect(verifyWebhook(key(made.secret), inGrace.headers, inGrace.body, atSend(inGrace))).toEqual({ ok: true });
    expect(verifyWebhook(key(rotated.secret), inGrace.headers, inGrace.body, atSend(inGrace))).toEqual({ ok: true });
    expect(afterGrace.headers[WEBHOOK_HEADERS.previousKeyId]).toBeUndefined();
    expect(verifyWebhook(key(rotated.secret), afterGrace.headers, afterGrace.body, atSend(afterGrace))).toEqual({
      ok: true,
    });
    expect(verifyWebhook(key(made.secret), afterGrace.headers, afterGrace.body, atSend(afterGrace))).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('a rotation without graceHours ends the grace an earlier rotation gave: only the newest key is kept', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'iadvize');
    const deps = adminDepsOf(c);
    const request = { actor: adminOf(tenantId) };
    const made = await newRecipientSecret(deps, request, { recipient: 'crm' });
    await newRecipientSecret(deps, request, { recipient: 'crm', secretRef: made.secretRef, graceHours: 24 });
    const graced = await c.directory.getItem(tenantId, `${RECIPIENT_SECRET_PREFIX}${made.secretRef}`);

    // Act
    const rotated = await newRecipientSecret(deps, request, { recipient: 'crm', secretRef: made.secretRef });

    // Assess: raw storage holds the newest key alone
    expect(graced).toHaveProperty('previousWrapped');
    const stored = await c.directory.getItem(tenantId, `${RECIPIENT_SECRET_PREFIX}${made.secretRef}`);
    expect(stored).not.toHaveProperty('previousWrapped');
    expect(stored).not.toHaveProperty('previousKeyValidUntil');
    expect(rotated.previousKeyValidUntil).toBeUndefined();
    const opened = await openRecipientSecret({ ...c, homeRegion: HOME_REGION }, tenantId, made.secretRef);
    expect(opened.previous).toBeUndefined();
  });

  it('answers 404 for a secretRef the tenant never made', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'iadvize');

    // Act
    const asked = newRecipientSecret(
      adminDepsOf(c),
      { actor: adminOf(tenantId) },
      { recipient: 'crm', secretRef: 'rs_01JABCDEFGHJKMNPQRSTVWXYZ0' },
    );

    // Assess
    await expect(asked).rejects.toMatchObject({ status: 404 });
  });
});
