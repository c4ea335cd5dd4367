import { normaliseEmail } from '../../../functions/domain/subject/normalise';
import { subjectKey } from '../../../functions/domain/subject/subject-key';
import { listBatches } from '../../../functions/usecases/litigation/list-batches';
import {
  ANNA,
  chat,
  DAY,
  keysOf,
  newTenant,
  objectsUnder,
  recordsOf,
  SECOND,
  sweep,
  tallyOf,
  testContainer,
} from './support';

const years = (from: Date, n: number) => {
  const d = new Date(from);
  d.setUTCFullYear(d.getUTCFullYear() + n);
  return d;
};

describe('iAdvize preset: personal data deleted and statistics kept at the end of retention (calls 12 months, chats 3 years)', () => {
  it('at 12 months a call is sealed in the litigation archive first, then anonymised: findable by no identifier, statistics intact', async () => {
    // Prepare: a call (12 months) and a chat (3 years) with the same caller
    const tenant = await newTenant('iadvize');
    const call = await chat(tenant, ANNA, 'call');
    const conversation = await chat(tenant, ANNA, 'chat');
    const deps = testContainer();
    const stored = await recordsOf(tenant.tenantId);
    const callInfo = stored.find((i) => i.pk === call.pk && i.sk === 'INFO')!;
    const chatInfo = stored.find((i) => i.pk === conversation.pk && i.sk === 'INFO')!;
    const expiries = stored
      .filter((i) => i.pk === call.pk && typeof i.class === 'string' && !i.sk.startsWith('SUBJ#'))
      .map((i) => (i.expiresAt as number) * 1000);
    const first = new Date(Math.min(...expiries));
    const expiry = new Date(Math.max(...expiries));
    expect(Math.round((first.getTime() - Date.now()) / DAY)).toBeGreaterThanOrEqual(365);
    expect(expiry.getTime() - first.getTime()).toBeLessThan(60 * SECOND);
    expect(callInfo.expiresAt).toBe(first.getTime() / 1000);
    expect(
      Math.abs((chatInfo.expiresAt as number) * 1000 - years(new Date(chatInfo.createdAt as string), 3).getTime()),
    ).toBeLessThanOrEqual(2 * 3600 * SECOND);

    // Act: one second before, nothing; at the expiry, the night's sweep
    const early = await sweep(deps, tenant.tenantId, new Date(first.getTime() - SECOND));
    const run = await sweep(deps, tenant.tenantId, expiry);

    // Assess: the summary
    expect(early.rows.filter((r) => r.tally.due > 0)).toEqual([]);
    expect(run.failures).toEqual([]);
    expect(tallyOf(run, tenant.tenantId, 'interaction')).toMatchObject({ due: 1, sealed: 1, anonymised: 1 });
    expect(tallyOf(run, tenant.tenantId, 'transcript')).toMatchObject({ due: 2, sealed: 2, anonymised: 2 });
    expect(tallyOf(run, tenant.tenantId, 'survey')).toMatchObject({ due: 1, sealed: 0, anonymised: 1 });

    // Assess: in DynamoDB Local, statistics without anything personal, no index entry, no data key
    const after = (await recordsOf(tenant.tenantId)).filter((i) => i.pk === call.pk);
    const anonymised = after.find((i) => i.sk === 'INFO')!;
    expect(anonymised).toMatchObject({
      channel: 'call',
      queue: 'billing',
      waitSeconds: 4,
      talkSeconds: 60,
      tier: 'statistics',
      anonymisedAt: expiry.toISOString(),
    });
    expect(
      new Date((callInfo.expiresAt as number) * 1000).getUTCFullYear() -
        new Date(callInfo.createdAt as string).getUTCFullYear(),
    ).toBe(1);
    expect(after.filter((i) => 'sealed' in i || 'dekId' in i)).toEqual([]);
    expect(after.filter((i) => i.sk.startsWith('SUBJ#'))).toEqual([]);
    expect(after.find((i) => i.sk.startsWith('SURVEY#'))).toMatchObject({ score: 9 });
    expect((await keysOf(tenant.tenantId)).filter((k) => k.pk.endsWith(call.interactionId))).toEqual([]);
    const secret = await deps.tenantSecrets.subjectIndexSecret(tenant.tenantId);
    const byEmail = await deps.stores
      .storesFor('eu-central-1')
      .records.queryBySubject(`T#${tenant.tenantId}#${subjectKey(secret, 'email', normaliseEmail(ANNA.email))}`);
    expect(byEmail.items.map((hit) => hit.pk)).toEqual([conversation.pk]);

    // Assess: the chat, 3 years, is untouched
    expect(
      (await recordsOf(tenant.tenantId)).filter((i) => i.pk === conversation.pk && 'sealed' in i).length,
    ).toBeGreaterThan(0);

    // Assess: the sealed copies, in Frankfurt, locked for the litigation retention (5 years)
    const batches = await listBatches(deps.stores, tenant.tenantId);
    const sealedPerClass = (c: string) => batches.filter((b) => b.sealedClass === c).reduce((n, b) => n + b.records, 0);
    expect([sealedPerClass('interaction'), sealedPerClass('transcript')]).toEqual([1, 2]);
    expect(new Set(batches.map((b) => b.region))).toEqual(new Set(['eu-central-1']));
    expect(batches.every((b) => b.retainUntil === years(expiry, 5).toISOString())).toBe(true);
    expect((await objectsUnder('litigationBucket', `${tenant.tenantId}/`)).sort()).toEqual(
      batches.map((b) => `${tenant.tenantId}/${b.sealedClass}/${b.batchId}.sealed`).sort(),
    );

    // Assess: statistics stay until the tenant's statistics retention ends (3 years from the anonymisation)
    expect(Math.abs((anonymised.expiresAt as number) * 1000 - years(expiry, 3).getTime())).toBeLessThanOrEqual(
      2 * 3600 * SECOND,
    );
  });
});
