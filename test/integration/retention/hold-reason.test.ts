import { callApi } from '../../support/api';
import { rawDirectoryItems } from '../../support/emulators';
import { chat, newTenant } from './support';

describe('a legal hold reason is free text like any other', () => {
  it('is stored redacted: no name, phone or e-mail the admin typed reaches the directory table', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const held = await chat(tenant);
    const reason = 'claim by Johanna Berg, call her on 070-123 45 67 or johanna.berg@example.com';

    // Act
    const res = await callApi<{ holdId: string; reason: string }>('/v1/holds', {
      method: 'POST',
      body: { interactionId: held.interactionId, reason },
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });

    // Assess: the answer and the raw directory item carry the redacted reason only
    expect(res.status).toBe(201);
    expect(res.body.reason).toBe('claim by [NAME], call her on [PHONE] or [EMAIL]');
    // The tenant's hold items, by one Query of its partition (a Scan's first page may miss them in a full table)
    const stored = await rawDirectoryItems(tenant.tenantId, 'HOLD#');
    expect(stored.some((i) => i.holdId === res.body.holdId)).toBe(true);
    const items = stored.map((i) => JSON.stringify(i));
    for (const item of items)
      for (const secret of ['Johanna', 'Berg', '123 45 67', 'example.com']) expect(item).not.toContain(secret);
  }, 60_000);
});
