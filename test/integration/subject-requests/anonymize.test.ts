import { findSubjectPartitions } from '../../../functions/usecases/subject-requests/find-subject';
import { presetPolicy } from '../../../functions/domain/policy/presets';
import { subjectKeysOf } from '../../../functions/domain/subject/subject-key';
import {
  asAdmin,
  fullScan,
  newSubject,
  newTenant,
  runRequest,
  storeSubject,
  testContainer,
  testDeps,
  textOf,
} from './support';

const EU = 'eu-central-1';
const around = () => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return `from=${day(-1)}&to=${day(1)}`;
};

describe('anonymisation of a data subject (Puzzel "forget me")', () => {
  it("after anonymising A, searches by A's phone or e-mail find nothing in any region, and the KPIs are unchanged", async () => {
    // Prepare
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const [a, b] = [newSubject('anna'), newSubject('bruno')];
    const stored = await storeSubject(c, tenant, a);
    await storeSubject(c, tenant, b);
    const kpisBefore = await asAdmin(tenant, `/v1/kpis?${around()}&groupBy=channel`);
    const secret = await c.tenantSecrets.subjectIndexSecret(tenant.tenantId);
    const search = (identifiers: { email?: string; phone?: string }) =>
      findSubjectPartitions(
        c.stores,
        tenant.tenantId,
        subjectKeysOf(identifiers, secret, presetPolicy('iadvize').defaultCallingCode),
      );
    const foundBefore = await search({ phone: a.phone });

    // Act
    const job = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'anonymize',
      identifiers: { email: a.email, phone: a.phone },
      options: { content: 'delete' },
    });

    // Assess
    expect(foundBefore.map((p) => p.id).sort()).toEqual([stored.chatId, stored.smsId, stored.consentId].sort());
    expect(await search({ phone: a.phone })).toEqual([]);
    expect(await search({ email: a.email })).toEqual([]);
    expect(await search({ phone: b.phone })).toHaveLength(3);
    const kpisAfter = await asAdmin(tenant, `/v1/kpis?${around()}&groupBy=channel`);
    expect(kpisAfter.status).toBe(200);
    expect((kpisBefore.body as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    expect(kpisAfter.body).toEqual(kpisBefore.body);
    const info = await asAdmin<Record<string, unknown>>(tenant, `/v1/interactions/${stored.chatId}`);
    expect(info.body).toMatchObject({ channel: 'chat', queue: 'sales' });
    expect(JSON.stringify(info.body)).not.toContain(a.email);
    const readable = textOf(await fullScan([tenant.tenantId]), tenant.tenantId);
    for (const trace of [a.email, a.phone, a.name, a.marker, a.voice]) expect(readable).not.toContain(trace);
    expect(readable).toContain(b.marker);
    expect(job.result?.verification).toMatchObject({ remaining: 0, ok: true });
    expect(job.result?.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          region: EU,
          store: 'records',
          dataClass: 'interaction',
          action: 'anonymised',
          done: 1,
        }),
        expect.objectContaining({ region: EU, store: 'records', dataClass: 'transcript', action: 'content deleted' }),
        expect.objectContaining({ region: EU, store: 'keys', action: 'destroyed (crypto-shredded)' }),
      ]),
    );
  });

  it("with content kept, A's chat log stays (sealed, readable) but no search by A's identifiers leads to it", async () => {
    // Prepare
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    const stored = await storeSubject(c, tenant, a);

    // Act
    const job = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'anonymize',
      identifiers: { phone: a.phone },
      options: { content: 'keep' },
    });

    // Assess
    const transcript = await asAdmin<{ messages: Array<{ text: string }> }>(
      tenant,
      `/v1/interactions/${stored.chatId}/transcript`,
    );
    expect(transcript.body.messages.map((m) => m.text)).toContain(`Hello, about the ${a.marker} order`);
    const partition = await c.stores
      .storesFor(EU)
      .records.queryPartition(`T#${tenant.tenantId}#I#${stored.chatId}`, { consistent: true });
    expect(partition.items.filter((i) => i.sk.startsWith('SUBJ#'))).toEqual([]);
    expect(partition.items.find((i) => i.sk === 'INFO')).not.toHaveProperty('sealed');
    const readable = textOf(await fullScan([tenant.tenantId]), tenant.tenantId);
    for (const trace of [a.email, a.phone, a.name]) expect(readable).not.toContain(trace);
    expect(job.result?.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          store: 'records',
          dataClass: 'transcript',
          action: 'kept, no longer linked to the subject',
        }),
      ]),
    );
  });
});
