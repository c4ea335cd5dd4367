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
    const crm = recipientAnswering(503, 200);
    const deps = { ...subjectRequestDeps(c), httpSender: crm };
    const job = await fileSubjectRequest(
      deps,
      tenantId,
      { kind: 'admin', userId: 'u-admin', role: 'admin', support: false },
      { type: 'erase', identifiers: { email: 'rotation.subject@example.se' } },
    );
    expect((await executeSubjectRequest(deps, tenantId, job.requestId)).status).toBe('completed');
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
  ])('refuses a rotation naming the wrong recipient or no secretRef, and keeps the key (%j)', async (ask, field) => {
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
