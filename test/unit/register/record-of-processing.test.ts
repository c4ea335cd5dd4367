import { DATA_CLASSES } from '../../../functions/domain/data-class';
import { presetPolicy } from '../../../functions/domain/policy/presets';
import { recordOfProcessingMarkdown } from '../../../functions/domain/register/markdown';
import { recordOfProcessing } from '../../../functions/domain/register/record-of-processing';
import { editedPreset } from '../domain/support/policies';

const deployment = {
  app: 'lethe',
  homeRegion: 'eu-central-1',
  regions: ['eu-central-1', 'us-east-1'],
  pitrDays: 35,
  litigationRetentionDays: 1826,
};
const generatedAt = new Date('2024-05-20T08:00:00.000Z');
const tenant = { tenantId: '01HTENANTAAAAAAAAAAAAAAAAA', name: 'Acme Support' };

describe('the record of processing (GDPR Art. 30) is generated from the live policy and the deployment', () => {
  it('describes every data class with its categories, purposes, lawful basis, recipients, retention and regions', () => {
    // Act
    const record = recordOfProcessing({ policy: presetPolicy('puzzel'), tenant, deployment, generatedAt });
    // Assess
    expect(record.activities.map((a) => a.dataClass)).toEqual([...DATA_CLASSES]);
    expect(record.activities.find((a) => a.dataClass === 'recording')).toEqual({
      dataClass: 'recording',
      categories: ['voice recordings'],
      purposes: ['quality assurance'],
      lawfulBasis: 'consent',
      recipients: ['tenant agents and administrators'],
      retention: { period: 'P14D', afterExpiry: 'delete', channelPeriods: [] },
      regions: ['eu-central-1'],
      sealedForLitigation: false,
    });
    expect(record).toMatchObject({
      controller: tenant,
      policyRevision: 1,
      timeZone: 'Europe/Stockholm',
      generatedAt: '2024-05-20T08:00:00.000Z',
      transfers: [],
    });
  });

  it('iAdvize: calls and SMS kept 12 months and stored in the US are a transfer outside the EEA', () => {
    const record = recordOfProcessing({ policy: presetPolicy('iadvize'), tenant, deployment, generatedAt });
    const interaction = record.activities.find((a) => a.dataClass === 'interaction')!;
    expect(interaction.retention).toEqual({
      period: 'P3Y',
      afterExpiry: 'anonymize',
      channelPeriods: [
        { channel: 'call', period: 'P12M' },
        { channel: 'sms', period: 'P12M' },
      ],
    });
    expect(interaction.regions).toEqual(['eu-central-1', 'us-east-1']);
    expect(record.activities.find((a) => a.dataClass === 'litigation')!.regions).toEqual(['eu-central-1', 'us-east-1']);
    expect(record.transfers[0]).toMatchObject({
      region: 'us-east-1',
      inEea: false,
      location: 'N. Virginia, United States',
    });
    expect(record.activities.find((a) => a.dataClass === 'transcript')!.sealedForLitigation).toBe(true);
  });

  it('lists the security measures in force: keys, crypto-shredding, backups window, Object Lock, keyed hashes, redaction', () => {
    const record = recordOfProcessing({ policy: presetPolicy('puzzel'), tenant, deployment, generatedAt });
    const text = JSON.stringify(record.securityMeasures);
    expect(text).toMatch(/customer-managed key per region \(eu-central-1, us-east-1\)/);
    expect(text).toMatch(/AES-256-GCM/);
    expect(text).toMatch(/Crypto-shredding/);
    expect(text).toMatch(/point-in-time recovery of 35 days/);
    expect(text).toMatch(/Object Lock bucket \(compliance mode, 1826 days\)/);
    expect(text).toMatch(/HMAC-SHA256/);
    expect(text).toMatch(/TLS only/);
    expect(record.securityMeasures.find((m) => m.measure === 'Vendor support access')?.detail).toBe('disabled');
  });

  it('the Markdown lists every class with its lawful basis and retention', () => {
    // Prepare: an archive class, to see its archive period
    const inbenta = presetPolicy('inbenta');
    // Act
    const md = recordOfProcessingMarkdown(recordOfProcessing({ policy: inbenta, tenant, deployment, generatedAt }));
    // Assess
    const rows = md.split('\n').filter((l) => /^\| [a-z]+ \|/.test(l));
    expect(rows.map((r) => r.split('|')[1].trim())).toEqual([...DATA_CLASSES]);
    const event = rows.find((r) => r.startsWith('| event |'))!;
    expect(event).toContain('legitimate interests (GDPR Art. 6(1)(f))');
    expect(event).toContain('100 days (P100D), then archived; archive kept 2 years (P2Y)');
    const consent = rows.find((r) => r.startsWith('| consent |'))!;
    expect(consent).toContain('a legal obligation (GDPR Art. 6(1)(c))');
    expect(consent).toContain('5 years (P5Y), then deleted');
    expect(md).toContain('- Controller: Acme Support (tenant 01HTENANTAAAAAAAAAAAAAAAAA)');
  });

  it('a pipe in a purpose cannot break the Markdown table', () => {
    const policy = editedPreset('puzzel', (p) => {
      p.classes.survey = { ...p.classes.survey, purposes: ['quality | training'] };
    });
    const md = recordOfProcessingMarkdown(recordOfProcessing({ policy, tenant, deployment, generatedAt }));
    const survey = md.split('\n').find((l) => l.startsWith('| survey |'))!;
    expect(survey).toContain('quality \\| training');
    expect(survey.split(/(?<!\\)\|/).length).toBe(9);
  });
});
