import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DataKeyGone } from '../../../functions/usecases/personal-data/personal-data-vault';
import { archiveItem } from '../../../functions/usecases/retention/record-actions';
import { dynamoDbClient, localNames } from '../../support/emulators';
import {
  fullScan,
  hmacsOf,
  newSubject,
  newTenant,
  runRequest,
  storeSubject,
  testContainer,
  testDeps,
  textOf,
  textOutside,
} from './support';

const EU = 'eu-central-1';
const US = 'us-east-1';

describe('erasure of a data subject, in every region, without a trace', () => {
  it('erasing subject A leaves no trace of A in any table or bucket, while B and the other tenant keep everything', async () => {
    // Prepare: two subjects in one iAdvize tenant (chat in eu-central-1, SMS in us-east-1) and A's namesake in another tenant
    const c = testContainer();
    const [tenant, other] = [await newTenant('iadvize'), await newTenant('iadvize')];
    const [a, b] = [newSubject('anna'), newSubject('bruno')];
    const storedA = await storeSubject(c, tenant, a);
    const storedB = await storeSubject(c, tenant, b);
    const storedOther = await storeSubject(c, other, a);
    const survey = await c.stores
      .storesFor(EU)
      .records.get({ pk: `T#${tenant.tenantId}#I#${storedA.chatId}`, sk: `SURVEY#${storedA.surveyId}` });
    await archiveItem(
      { deps: c, region: EU, tenantId: tenant.tenantId, now: new Date() },
      survey!,
      new Date(Date.now() + 86_400_000),
    ); // A's survey now on the archive tier
    const hmacsA = await hmacsOf(c, tenant.tenantId, a);
    const traces = [
      a.email,
      a.phone,
      a.name,
      a.marker,
      a.voice,
      ...hmacsA,
      storedA.chatId,
      storedA.smsId,
      storedA.consentId,
    ];
    const before = await fullScan([tenant.tenantId, other.tenantId]);

    // Act
    const job = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'erase',
      identifiers: { email: a.email, phone: a.phone },
      options: {},
    });

    // Assess
    for (const trace of traces) expect(textOutside(before, other.tenantId)).toContain(trace); // the scan sees A while A is there
    const after = await fullScan([tenant.tenantId, other.tenantId]);
    for (const trace of traces) expect(textOutside(after, other.tenantId)).not.toContain(trace);
    for (const trace of [b.email, b.phone, b.marker, b.voice, storedB.chatId, storedB.smsId])
      expect(textOf(after, tenant.tenantId)).toContain(trace);
    for (const trace of [
      a.email,
      a.phone,
      a.marker,
      a.voice,
      storedOther.chatId,
      storedOther.smsId,
      ...(await hmacsOf(c, other.tenantId, a)),
    ])
      expect(textOf(after, other.tenantId)).toContain(trace);
    expect(job.status).toBe('completed');
    expect(job.result?.verification).toMatchObject({ remaining: 0, ok: true, regions: [EU, US] });
    expect(job.result?.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          region: EU,
          store: 'records',
          dataClass: 'interaction',
          found: 1,
          action: 'deleted',
          done: 1,
        }),
        expect.objectContaining({ region: EU, store: 'records', dataClass: 'transcript', found: 2 }),
        expect.objectContaining({ region: EU, store: 'records', dataClass: 'consent', found: 1 }),
        expect.objectContaining({
          region: EU,
          store: 'archive',
          dataClass: 'survey',
          found: 1,
          action: 'deleted, every version',
        }),
        expect.objectContaining({ region: EU, store: 'content', dataClass: 'recording', found: 2 }),
        expect.objectContaining({ region: EU, store: 'audit', found: 1, action: 'tombstoned' }),
        expect.objectContaining({ region: US, store: 'records', dataClass: 'interaction', found: 1 }),
        expect.objectContaining({ region: US, store: 'records', dataClass: 'transcript', found: 1 }),
        expect.objectContaining({ region: US, store: 'keys', found: 1, action: 'destroyed (crypto-shredded)' }),
      ]),
    );
    expect(JSON.stringify(job.result)).not.toMatch(
      new RegExp([a.email, a.phone, a.name, ...hmacsA].map((t) => t.replace(/[.+]/g, '\\$&')).join('|')),
    );
    expect(job.subjectKeys).toBeUndefined();
  });

  it("crypto-shredding: a raw copy of A's sealed data kept aside before the erasure can no longer be decrypted", async () => {
    // Prepare
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    const stored = await storeSubject(c, tenant, a);
    const pk = `T#${tenant.tenantId}#I#${stored.chatId}`;
    const info = await c.stores.storesFor(EU).records.get({ pk, sk: 'INFO' });
    const recording = await c.stores
      .storesFor(EU)
      .content.get(`recording/${tenant.tenantId}/${stored.chatId}/${stored.recordingId}`);
    const copies = { info: String(info!.sealed), recording: Buffer.from(recording!.bytes).toString('utf8') }; // e.g. a table backup, an old object version
    const scope = (dataClass: 'interaction' | 'recording') => ({
      region: EU,
      tenantId: tenant.tenantId,
      dataClass,
      partitionId: stored.chatId,
    });
    const readable = (
      await testContainer().vault.openJson<{ participant: { email: string } }>(scope('interaction'), copies.info)
    ).participant.email;

    // Act
    await runRequest(testDeps(c), tenant.tenantId, { type: 'erase', identifiers: { email: a.email }, options: {} });

    // Assess
    expect(readable).toBe(a.email);
    const fresh = testContainer().vault;
    await expect(fresh.open(scope('interaction'), copies.info)).rejects.toBeInstanceOf(DataKeyGone);
    await expect(fresh.open(scope('recording'), copies.recording)).rejects.toBeInstanceOf(DataKeyGone);
    for (const region of [EU, US]) {
      const key = await dynamoDbClient(region).send(
        new GetItemCommand({
          TableName: localNames(region).keysTable,
          Key: { pk: { S: `T#${tenant.tenantId}#K#${stored.chatId}` } },
        }),
      );
      expect(key.Item).toBeUndefined(); // no wrapped key left for KMS to unwrap, in any region
    }
  });
});
