import { parsePolicy } from '../../../functions/domain/policy/parse';
import { puzzelPreset } from '../../../functions/domain/policy/presets';
import { chat, DAY, newTenant, recordsOf, sweep, tallyOf, testContainer } from './support';

describe('policy changes apply at the next sweep', () => {
  it('chat logs cut from 30 to 14 days go at once when older; surveys lengthened to a year are re-dated; the sweep says how many each change affected', async () => {
    // Prepare: a chat written today under revision 1 (chat logs 30 days, surveys 180 days)
    const tenant = await newTenant('puzzel');
    const conversation = await chat(tenant);
    const deps = testContainer();
    const firstSweep = new Date(Date.now() + 2 * DAY);
    await sweep(deps, tenant.tenantId, firstSweep);
    const input = puzzelPreset();
    input.revision = 2;
    input.classes.transcript = { ...input.classes.transcript, retention: 'P14D' };
    input.classes.survey = { ...input.classes.survey, retention: 'P1Y' };
    await deps.directory.savePolicy({
      tenantId: tenant.tenantId,
      revision: 2,
      policy: parsePolicy(input),
      savedAt: new Date().toISOString(),
      savedBy: 'admin',
    });

    // Act: the sweep on day 20
    const run = await sweep(deps, tenant.tenantId, new Date(Date.now() + 20 * DAY));

    // Assess: what each change did
    const change = (dataClass: string) =>
      run.policyChanges.find((p) => p.dataClass === dataClass && p.region === 'eu-central-1');
    expect(change('transcript')).toMatchObject({
      fromRevision: 1,
      toRevision: 2,
      shortened: 2,
      lengthened: 0,
      dueNow: 2,
    });
    expect(change('survey')).toMatchObject({ fromRevision: 1, toRevision: 2, shortened: 0, lengthened: 1, dueNow: 0 });
    expect(change('interaction')).toBeUndefined();
    // Assess: the shortened chat log is gone the same night; the survey waits a year from its writing
    expect(tallyOf(run, tenant.tenantId, 'transcript')).toMatchObject({ due: 2, deleted: 2 });
    const left = (await recordsOf(tenant.tenantId)).filter((i) => i.pk === conversation.pk);
    expect(left.filter((i) => i.sk.startsWith('MSG#'))).toEqual([]);
    const survey = left.find((i) => i.sk.startsWith('SURVEY#'))!;
    const created = new Date(survey.createdAt as string);
    const yearLater = new Date(created);
    yearLater.setUTCFullYear(yearLater.getUTCFullYear() + 1);
    expect(Math.abs((survey.expiresAt as number) * 1000 - yearLater.getTime())).toBeLessThanOrEqual(2 * 3600 * 1000);
    expect(survey.expiryBucket).toContain(`#survey#${yearLater.toISOString().slice(0, 10)}#`);

    // Act / Assess: the next sweep finds the change applied and counts nothing again
    const again = await sweep(deps, tenant.tenantId, new Date(Date.now() + 21 * DAY));
    expect(again.policyChanges).toEqual([]);
  }, 120_000);
});
