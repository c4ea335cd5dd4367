import { SettableClock } from '../../../functions/domain/clock';
import { DATA_CLASSES } from '../../../functions/domain/data-class';
import { registerDocument } from '../../../functions/cli/commands/register';
import { testContainer } from '../adapters/container';
import { as, converse, editPolicy, newTenant, type StaffUser } from './support';

type Doc = { revision: number; savedBy: string; policy: Record<string, any> };
type ErrorBody = { error: { code: string; message: string; fields?: Array<{ path: string; message: string }> } };

const adminOf = (tenantId: string): StaffUser => ({
  tenantId,
  role: 'admin',
  user: 'u-privacy-officer',
  group: 'admins',
});

describe('the tenant policy, read and changed through the admin API', () => {
  it('a change is saved as the next revision, says what it will do, and is audited', async () => {
    // Prepare: an interaction a day old, counted in the KPIs
    const tenant = await newTenant();
    const admin = adminOf(tenant.tenantId);
    await converse(tenant, { channel: 'chat', startedAt: new Date(Date.now() - 86_400_000).toISOString() });
    // Act: general info kept 1 day instead of 180 days
    const saved = await editPolicy(admin, (p) => {
      p.classes.interaction.retention = 'P1D';
    });
    // Assess
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ revision: 2, savedBy: 'u-privacy-officer', policy: { revision: 2 } });
    const [interaction] = saved.body.diff.classes;
    expect(interaction).toMatchObject({
      dataClass: 'interaction',
      retention: { before: 'P180D', after: 'P1D', change: 'shortened' },
    });
    expect(interaction.estimate.live).toBe(1);
    expect(interaction.effects[0]).toBe(
      'interaction: retention cut from 180 days to 1 day; at the next sweep every record older than 1 day is deleted.',
    );
    expect((await as<Doc>(admin, '/v1/policy')).body.revision).toBe(2);
    const audit = await as<{
      items: Array<{ action: string; actor: { user: string }; details: Record<string, unknown> }>;
    }>(admin, '/v1/audit?action=policy.change');
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'policy.change',
        actor: { user: 'u-privacy-officer', role: 'admin', support: false },
        details: expect.objectContaining({ fromRevision: 1, toRevision: 2 }),
      }),
    ]);
    const revisions = await as<{ items: Doc[] }>(admin, '/v1/policy/revisions');
    expect(revisions.body.items.map((r) => r.revision)).toEqual([2, 1]);
  });

  it('a bad field is a 400 naming it, and nothing is saved', async () => {
    // Prepare
    const tenant = await newTenant();
    const admin = adminOf(tenant.tenantId);
    // Act
    const res = await editPolicy(admin, (p) => {
      p.classes.transcript.retention = 'thirty days';
      p.channels.sms.region = 'mars-north-1';
    });
    // Assess
    expect(res.status).toBe(400);
    expect((res.body as unknown as ErrorBody).error.fields?.map((f) => f.path).sort()).toEqual([
      'channels.sms.region',
      'classes.transcript.retention',
    ]);
    expect((await as<Doc>(admin, '/v1/policy')).body.revision).toBe(1);
  });

  it('a region the deployment does not serve is a 400 naming the field', async () => {
    const tenant = await newTenant();
    const res = await editPolicy(adminOf(tenant.tenantId), (p) => {
      p.classes.recording.region = 'ap-southeast-2';
    });
    expect(res.status).toBe(400);
    expect((res.body as unknown as ErrorBody).error.fields).toEqual([
      { path: 'classes.recording.region', message: expect.stringContaining('ap-southeast-2 is not served') },
    ]);
  });

  it('a change based on a stale revision is a 409: someone saved in between', async () => {
    // Prepare: two admins read revision 1; the first saves
    const tenant = await newTenant();
    const admin = adminOf(tenant.tenantId);
    const read = (await as<Doc>(admin, '/v1/policy')).body.policy;
    const first = await as(admin, '/v1/policy', { method: 'PUT', body: { ...read, timeZone: 'Europe/Paris' } });
    // Act
    const second = await as<ErrorBody>(admin, '/v1/policy', {
      method: 'PUT',
      body: { ...read, timeZone: 'Europe/Helsinki' },
    });
    // Assess
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('CONFLICT');
    expect((await as<Doc>(admin, '/v1/policy')).body.policy.timeZone).toBe('Europe/Paris');
  });

  it('the diff preview says what would happen and saves nothing', async () => {
    const tenant = await newTenant();
    const admin = adminOf(tenant.tenantId);
    const policy = (await as<Doc>(admin, '/v1/policy')).body.policy;
    const res = await as<{ classes: Array<{ dataClass: string; afterExpiry?: unknown }> }>(admin, '/v1/policy/diff', {
      body: {
        ...policy,
        classes: { ...policy.classes, recording: { ...policy.classes.recording, afterExpiry: 'anonymize' } },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.classes).toEqual([
      expect.objectContaining({ dataClass: 'recording', afterExpiry: { before: 'delete', after: 'anonymize' } }),
    ]);
    expect((await as<Doc>(admin, '/v1/policy')).body.revision).toBe(1);
  });
});

describe('the record of processing (GDPR Art. 30)', () => {
  it('in Markdown lists every class with its lawful basis and retention, from the live policy', async () => {
    // Prepare: the survey lawful basis changed to consent
    const tenant = await newTenant('puzzel', 'Acme Contact Centre');
    const admin = adminOf(tenant.tenantId);
    await editPolicy(admin, (p) => {
      p.classes.survey.lawfulBasis = 'consent';
    });
    // Act
    const md = await as<string>(admin, '/v1/register', { headers: { accept: 'text/markdown' } });
    // Assess
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    const rows = md.body.split('\n').filter((l) => /^\| [a-z]+ \|/.test(l));
    expect(rows.map((r) => r.split('|')[1].trim())).toEqual([...DATA_CLASSES]);
    expect(rows.find((r) => r.startsWith('| survey |'))).toContain('your consent (GDPR Art. 6(1)(a))');
    expect(rows.find((r) => r.startsWith('| transcript |'))).toContain('30 days (P30D), then deleted');
    expect(rows.find((r) => r.startsWith('| recording |'))).toContain('14 days (P14D), then deleted');
    expect(md.body).toContain('Controller: Acme Contact Centre');
    expect(md.body).toContain('from policy revision 2');
  });

  it('as JSON, and from `lethe register`, the same record', async () => {
    const tenant = await newTenant('iadvize');
    const json = await as<{ activities: Array<{ dataClass: string }>; transfers: Array<{ region: string }> }>(
      adminOf(tenant.tenantId),
      '/v1/register?format=json',
    );
    const cli = await registerDocument(testContainer(new SettableClock(new Date())), {
      tenant: tenant.tenantId,
      format: 'json',
    });
    expect(json.body.activities).toHaveLength(DATA_CLASSES.length);
    expect(json.body.transfers.map((t) => t.region)).toEqual(['us-east-1']);
    expect(JSON.parse(cli).activities).toEqual(json.body.activities);
  });
});
