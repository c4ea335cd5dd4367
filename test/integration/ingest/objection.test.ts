import { fullScan, newSubject, runRequest, testDeps } from '../subject-requests/support';
import { callApi, type ApiResponse } from '../../support/api';
import { ingest, newTenant, readBack, type Tenant } from './support';

const now = () => new Date().toISOString();
type Standing = {
  purpose: string;
  allowed: boolean;
  basis: string;
  proof?: { recordedAt: string; noticeVersion?: string; requestId?: string };
};
type ConsentRecord = {
  consentId: string;
  purpose: string;
  granted: boolean;
  objection: boolean;
  at: string;
  requestId?: string;
};
type Refused = { error: { code: string; message: string } };

const standing = (tenant: Tenant, query: string): Promise<ApiResponse<Standing>> =>
  callApi<Standing>(`/v1/consents/standing?${query}`, { headers: { 'x-api-key': tenant.apiKey } });

/** A Puzzel call whose caller agreed to recording, with a recording consent proof filed before. */
async function consentingCaller(tenant: Tenant, phone: string): Promise<{ interactionId: string; consentId: string }> {
  const consent = await ingest<{ consentId: string }>(tenant, '/v1/consents', {
    subject: { phone },
    purpose: 'recording',
    granted: true,
    noticeVersion: 'v7',
    channel: 'call',
    at: now(),
  });
  const call = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
    channel: 'call',
    startedAt: now(),
    participant: { phone },
    consent: { recording: true },
  });
  return { interactionId: call.body.interactionId, consentId: consent.body.consentId };
}

describe('objection (GDPR Art. 21) and consent standing', () => {
  it('an objection to recording refuses the next recording with a 403 naming it, and the standing shows its proof', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const caller = newSubject('olof');
    const { interactionId } = await consentingCaller(tenant, caller.phone);
    const allowedBefore = await standing(tenant, `purpose=recording&phone=${encodeURIComponent(caller.phone)}`);
    // Act
    const objection = await runRequest(testDeps(), tenant.tenantId, {
      type: 'object',
      identifiers: { phone: caller.phone },
      options: { purpose: 'recording' },
    });
    const refused = await ingest<Refused>(tenant, `/v1/interactions/${interactionId}/recording`, {});
    const nextCall = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'call',
      startedAt: now(),
      participant: { phone: caller.phone },
      consent: { recording: true },
    });
    const refusedNext = await ingest<Refused>(tenant, `/v1/interactions/${nextCall.body.interactionId}/recording`, {});
    const after = await standing(tenant, `purpose=recording&phone=${encodeURIComponent(caller.phone)}`);
    // Assess
    expect(allowedBefore.body).toMatchObject({ allowed: true, basis: 'consent', proof: { noticeVersion: 'v7' } });
    expect(objection.status).toBe('completed');
    expect(objection.result?.verification).toMatchObject({ ok: true, checked: { objectionProofs: 1 } });
    for (const r of [refused, refusedNext]) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('CONSENT_REFUSED');
      expect(r.body.error.message).toMatch(/objected to recording/);
    }
    expect((await readBack(tenant, `/v1/interactions/${interactionId}`)).body).toMatchObject({
      flags: ['deny_recording'],
    });
    expect(after.status).toBe(200);
    expect(after.body).toEqual({
      purpose: 'recording',
      allowed: false,
      basis: 'objection',
      proof: { recordedAt: expect.any(String), requestId: objection.requestId },
    });
    expect(JSON.stringify(after.body)).not.toContain(caller.phone.slice(3));
  });

  it('an objection stops only its purpose: content is still stored for the caller', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const visitor = newSubject('stina');
    await runRequest(testDeps(), tenant.tenantId, {
      type: 'object',
      identifiers: { email: visitor.email },
      options: { purpose: 'recording' },
    });
    const chat = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt: now(),
      participant: { email: visitor.email },
    });
    // Act
    const appended = await ingest(tenant, `/v1/interactions/${chat.body.interactionId}/messages`, {
      messages: [{ from: 'visitor', at: now(), text: 'hello' }],
    });
    const content = await standing(tenant, `purpose=storeContent&email=${encodeURIComponent(visitor.email)}`);
    // Assess
    expect(appended.body).toMatchObject({ stored: 1 });
    expect(content.body).toEqual({ purpose: 'storeContent', allowed: true, basis: 'none' });
  });

  it('an objection outlasts the erasure of the person: a later call is still not recorded, and the standing still says so', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const caller = newSubject('erased');
    const deps = testDeps();
    await consentingCaller(tenant, caller.phone);
    const objection = await runRequest(deps, tenant.tenantId, {
      type: 'object',
      identifiers: { phone: caller.phone },
      options: { purpose: 'recording' },
    });
    const erasure = await runRequest(deps, tenant.tenantId, {
      type: 'erase',
      identifiers: { phone: caller.phone },
      options: {},
    });
    // Act
    const nextCall = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'call',
      startedAt: now(),
      participant: { phone: caller.phone },
      consent: { recording: true },
    });
    const refused = await ingest<Refused>(tenant, `/v1/interactions/${nextCall.body.interactionId}/recording`, {});
    const after = await standing(tenant, `purpose=recording&phone=${encodeURIComponent(caller.phone)}`);
    // Assess
    expect(erasure.status).toBe('completed');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/objected to recording/);
    expect(after.body).toMatchObject({ allowed: false, basis: 'objection', proof: { requestId: objection.requestId } });
  });

  it('a rectified e-mail keeps its objection: the standing of the corrected address names the same proof', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const visitor = newSubject('moved');
    const corrected = newSubject('moved').email;
    const deps = testDeps();
    await ingest(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt: now(),
      participant: { email: visitor.email },
    });
    const objection = await runRequest(deps, tenant.tenantId, {
      type: 'object',
      identifiers: { email: visitor.email },
      options: { purpose: 'storeContent' },
    });
    // Act
    const rectified = await runRequest(deps, tenant.tenantId, {
      type: 'rectify',
      identifiers: { email: visitor.email },
      options: { corrected: { email: corrected } },
    });
    const after = await standing(tenant, `purpose=storeContent&email=${encodeURIComponent(corrected)}`);
    // Assess
    expect(rectified.status).toBe('completed');
    expect(after.body).toMatchObject({ allowed: false, basis: 'objection', proof: { requestId: objection.requestId } });
  });

  it('the standing of a person nobody filed anything for is allowed with no proof; bad queries get a 400 naming the field', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const stranger = newSubject('nobody');
    // Act
    const unknown = await standing(tenant, `purpose=recording&email=${encodeURIComponent(stranger.email)}`);
    const noIdentifier = await standing(tenant, 'purpose=recording');
    const unknownPurpose = await standing(tenant, `purpose=astrology&email=${encodeURIComponent(stranger.email)}`);
    const filedForUnknownPurpose = await callApi<Refused>('/v1/subject-requests', {
      method: 'POST',
      body: { type: 'object', identifiers: { email: stranger.email }, options: { purpose: 'astrology' } },
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });
    // Assess
    expect(unknown).toMatchObject({ status: 200, body: { purpose: 'recording', allowed: true, basis: 'none' } });
    expect(unknown.body.proof).toBeUndefined();
    expect(noIdentifier.status).toBe(400);
    expect(JSON.stringify(noIdentifier.body)).toMatch(/name at least one identifier/);
    expect(unknownPurpose.status).toBe(400);
    expect(JSON.stringify(unknownPurpose.body)).toMatch(/"path":"purpose"/);
    expect(filedForUnknownPurpose.status).toBe(400);
    expect(JSON.stringify(filedForUnknownPurpose.body)).toMatch(/options\.purpose/);
  });

  it('consent records and objections are listed per person and per interaction for admins, never naming the person; raw storage holds no identifier in clear', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const caller = newSubject('greta');
    const { interactionId, consentId } = await consentingCaller(tenant, caller.phone);
    const objection = await runRequest(testDeps(), tenant.tenantId, {
      type: 'object',
      identifiers: { phone: caller.phone },
      options: { purpose: 'quality assurance' },
    });
    // Act
    const perSubject = await readBack<{ consents: ConsentRecord[] }>(
      tenant,
      `/v1/consents?phone=${encodeURIComponent(caller.phone)}`,
    );
    const perInteraction = await readBack<{
      interactionId: string;
      reported: Record<string, string>;
      consents: ConsentRecord[];
    }>(tenant, `/v1/interactions/${interactionId}/consents`);
    const withApiKey = await callApi(`/v1/consents?phone=${encodeURIComponent(caller.phone)}`, {
      headers: { 'x-api-key': tenant.apiKey },
    });
    const scan = await fullScan([]);
    // Assess
    const expected = [
      expect.objectContaining({ consentId, purpose: 'recording', granted: true, objection: false }),
      expect.objectContaining({
        consentId: objection.requestId,
        purpose: 'quality assurance',
        granted: false,
        objection: true,
        requestId: objection.requestId,
      }),
    ];
    expect(perSubject.status).toBe(200);
    expect(perSubject.body.consents).toEqual(expected);
    expect(perInteraction.body).toMatchObject({ interactionId, reported: { recording: 'granted' } });
    expect(perInteraction.body.consents).toEqual(expected);
    expect(JSON.stringify([perSubject.body, perInteraction.body])).not.toContain(caller.phone.slice(3));
    expect(withApiKey.status).toBe(401); // a channel's key on a staff route
    const stored = scan.map((t) => t.text).join('\n');
    expect(stored).toContain(objection.requestId);
    expect(stored).not.toContain(caller.phone.slice(3));
  });

  it('a recording consent withdrawn through POST /v1/consents refuses the next recording with a 403 naming the withdrawal', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const caller = newSubject('withdrawn');
    const { interactionId } = await consentingCaller(tenant, caller.phone);
    await ingest(tenant, '/v1/consents', {
      subject: { phone: caller.phone },
      purpose: 'recording',
      granted: false,
      noticeVersion: 'v7',
      channel: 'call',
      at: now(),
    });
    // Act
    const refused = await ingest<Refused>(tenant, `/v1/interactions/${interactionId}/recording`, {});
    // Assess
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'CONSENT_REFUSED',
      message: expect.stringMatching(/withdrew their consent/),
    });
    expect((await readBack(tenant, `/v1/interactions/${interactionId}`)).body).toMatchObject({
      flags: ['deny_recording'],
    });
  });
});
