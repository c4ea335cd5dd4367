import { certificateReport, requestBodyOf, type SubjectOptions } from '../../../functions/cli/commands/subject';
import { buildCertificate } from '../../../functions/domain/subject-requests/certificate';

const options = (over: Partial<SubjectOptions>): SubjectOptions => ({
  tenant: '01TENANT000000000000000000',
  wait: true,
  pollMs: '500',
  ...over,
});

describe('lethe subject', () => {
  it('turns its options into the request body of POST /v1/subject-requests', () => {
    // Act / Assess
    expect(requestBodyOf('erase', options({ phone: '+46701234567', email: 'anna@example.com' }))).toEqual({
      type: 'erase',
      identifiers: { phone: '+46701234567', email: 'anna@example.com' },
      options: {},
    });
    expect(requestBodyOf('anonymize', options({ visitorId: 'v1', keepContent: true }))).toEqual({
      type: 'anonymize',
      identifiers: { visitorId: 'v1' },
      options: { content: 'keep' },
    });
    expect(requestBodyOf('rectify', options({ email: 'old@example.com', newEmail: 'new@example.com' }))).toEqual({
      type: 'rectify',
      identifiers: { email: 'old@example.com' },
      options: { corrected: { email: 'new@example.com' } },
    });
    expect(requestBodyOf('restrict', options({ name: 'Anna', lift: true }))).toEqual({
      type: 'restrict',
      identifiers: { name: 'Anna' },
      options: { lift: true },
    });
  });

  it('prints the certificate: found and done per region and store, what was kept and why, the verification', () => {
    // Prepare
    const certificate = buildCertificate({
      requestId: '01REQUEST00000000000000000',
      tenantId: '01TENANT000000000000000000',
      type: 'erase',
      round: 1,
      requestedAt: '2025-03-01T08:59:00.000Z',
      searchedBy: ['email'],
      options: {},
      inventory: {
        at: '2025-03-01T09:00:00.000Z',
        regions: ['eu-central-1'],
        keysSearched: 1,
        partitions: 1,
        counts: [{ region: 'eu-central-1', store: 'records', dataClass: 'interaction', count: 1 }],
        held: [
          {
            partitionId: '01HELD',
            kind: 'interaction',
            regions: ['eu-central-1'],
            classes: ['interaction'],
            records: 1,
            holdIds: ['H1'],
          },
        ],
        litigation: [],
        restrictedRecords: 0,
        holdings: [],
      },
      verification: {
        method: 'subject-index re-scan',
        at: '2025-03-01T09:01:00.000Z',
        regions: ['eu-central-1'],
        keysChecked: 1,
        remaining: 0,
        retained: 1,
        ok: true,
      },
      outcome: 'completed',
      completedAt: new Date('2025-03-01T09:02:00.000Z'),
      keptUntil: new Date('2030-03-01T09:02:00.000Z'),
      litigationBasis: 'legal_obligation',
      keyBackupDays: 35,
    });
    // Act
    const text = certificateReport(certificate);
    // Assess
    expect(text).toContain('Certificate of erase request 01REQUEST00000000000000000 (round 1): completed');
    expect(text).toMatch(/eu-central-1.*records.*interaction.*1.*deleted.*1/);
    expect(text).toMatch(/legal-hold.*01HELD/);
    expect(text).toContain('Deferred until holds H1 are released');
    expect(text).toContain('Verification (subject-index re-scan, 1 key(s)): 0 remaining, 1 retained — OK');
    expect(text).toContain('Kept as proof until 2030-03-01T09:02:00.000Z.');
    expect(text).not.toContain('recipient told');
  });

  it('prints how each recipient was told of the request', () => {
    // Prepare
    const certificate = {
      ...buildCertificate({
        requestId: '01REQUEST00000000000000000',
        tenantId: '01TENANT000000000000000000',
        type: 'restrict',
        round: 1,
        requestedAt: '2025-03-01T08:59:00.000Z',
        searchedBy: ['email'],
        options: { lift: false },
        inventory: {
          at: '2025-03-01T09:00:00.000Z',
          regions: ['eu-central-1'],
          keysSearched: 1,
          partitions: 0,
          counts: [],
          held: [],
          litigation: [],
          restrictedRecords: 0,
          holdings: [],
        },
        verification: {
          method: 'subject-index re-scan',
          at: '2025-03-01T09:01:00.000Z',
          regions: ['eu-central-1'],
          keysChecked: 1,
          remaining: 0,
          retained: 0,
          ok: true,
        },
        outcome: 'completed',
        completedAt: new Date('2025-03-01T09:02:00.000Z'),
        keptUntil: new Date('2030-03-01T09:02:00.000Z'),
        litigationBasis: 'legal_obligation',
        keyBackupDays: 35,
      }),
      recipients: [
        {
          recipient: 'crm',
          round: 1,
          status: 'delivered' as const,
          attempts: 2,
          lastStatus: 200,
          deliveredAt: '2025-03-01T09:03:00.000Z',
        },
        { recipient: 'platform', round: 1, status: 'failed' as const, attempts: 6, lastError: 'timeout' },
      ],
    };
    // Act
    const text = certificateReport(certificate);
    // Assess
    expect(text).toMatch(/recipient told \(Art\. 19\)/);
    expect(text).toMatch(/crm.*delivered.*2.*200.*2025-03-01T09:03:00\.000Z/);
    expect(text).toMatch(/platform.*failed.*6.*timeout/);
  });
});
