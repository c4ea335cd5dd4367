import {
  actionOf,
  buildCertificate,
  LEGAL_HOLD_BASIS,
  type CertificateInput,
  type Verification,
} from '../../../functions/domain/subject-requests/certificate';
import type { Inventory } from '../../../functions/domain/subject-requests/inventory';

const inventory: Inventory = {
  at: '2025-03-01T09:00:00.000Z',
  regions: ['eu-central-1', 'us-east-1'],
  keysSearched: 2,
  partitions: 3,
  counts: [
    { region: 'eu-central-1', store: 'records', dataClass: 'interaction', count: 2 },
    { region: 'eu-central-1', store: 'records', dataClass: 'transcript', count: 5 },
    { region: 'eu-central-1', store: 'keys', count: 2 },
    { region: 'us-east-1', store: 'content', dataClass: 'recording', count: 3 },
  ],
  held: [
    {
      partitionId: '01HOLDPARTITION0000000000',
      kind: 'interaction',
      regions: ['eu-central-1'],
      classes: ['interaction', 'transcript'],
      records: 4,
      holdIds: ['H1'],
      retentionEndsAt: '2028-03-01T09:00:00.000Z',
    },
  ],
  litigation: [
    {
      batchId: 'B1',
      region: 'eu-central-1',
      dataClass: 'transcript',
      records: 2,
      retainUntil: '2030-03-01T09:00:00.000Z',
    },
  ],
  restrictedRecords: 0,
  holdings: [],
};
const verified: Verification = {
  method: 'subject-index re-scan',
  at: '2025-03-01T09:01:00.000Z',
  regions: ['eu-central-1', 'us-east-1'],
  keysChecked: 2,
  remaining: 0,
  retained: 1,
  ok: true,
};
const input = (over: Partial<CertificateInput> = {}): CertificateInput => ({
  requestId: '01REQUEST00000000000000000',
  tenantId: '01TENANT000000000000000000',
  type: 'erase',
  round: 1,
  requestedAt: '2025-03-01T08:59:00.000Z',
  searchedBy: ['phone', 'email'],
  options: {},
  inventory,
  verification: verified,
  outcome: 'completed',
  completedAt: new Date('2025-03-01T09:02:00.000Z'),
  keptUntil: new Date('2030-03-01T09:02:00.000Z'),
  litigationBasis: 'legal_obligation',
  keyBackupDays: 35,
  ...over,
});

describe('the certificate of a subject request', () => {
  it('an erasure: per region and store what was found and done, what holds and the litigation archive keep and why, the re-scan, the crypto-shredding', () => {
    // Act
    const c = buildCertificate(input());
    // Assess
    expect(c.lines).toEqual([
      { region: 'eu-central-1', store: 'records', dataClass: 'interaction', found: 2, action: 'deleted', done: 2 },
      { region: 'eu-central-1', store: 'records', dataClass: 'transcript', found: 5, action: 'deleted', done: 5 },
      { region: 'eu-central-1', store: 'keys', found: 2, action: 'destroyed (crypto-shredded)', done: 2 },
      {
        region: 'us-east-1',
        store: 'content',
        dataClass: 'recording',
        found: 3,
        action: 'deleted, every version',
        done: 3,
      },
    ]);
    expect(c.retained).toEqual([
      expect.objectContaining({
        reason: 'legal-hold',
        id: '01HOLDPARTITION0000000000',
        lawfulBasis: LEGAL_HOLD_BASIS,
        holdIds: ['H1'],
        until: expect.stringContaining('2028-03-01'),
      }),
      expect.objectContaining({
        reason: 'litigation-archive',
        id: 'B1',
        lawfulBasis: 'a legal obligation (GDPR Art. 6(1)(c))',
        until: '2030-03-01T09:00:00.000Z',
      }),
    ]);
    expect(c.deferred).toEqual({ holdIds: ['H1'], partitions: 1 });
    expect(c.cryptoShredding).toEqual({ dataKeysDestroyed: 2, statement: expect.stringContaining('within 35 days') });
    expect(c).toMatchObject({
      outcome: 'completed',
      keptUntil: '2030-03-01T09:02:00.000Z',
      searchedBy: ['phone', 'email'],
    });
  });

  it('a request stopped before its verification passed claims nothing as done', () => {
    // Act
    const c = buildCertificate(input({ outcome: 'cancelled', verification: { ...verified, remaining: 2, ok: false } }));
    // Assess
    expect(c.lines.every((l) => l.done === undefined)).toBe(true);
    expect(c.deferred).toBeUndefined();
    expect(c.verification).toMatchObject({ remaining: 2, ok: false });
  });

  it('an export, a rectification and a restriction retain nothing and destroy no key', () => {
    // Act
    const certificates = (['export', 'rectify', 'restrict'] as const).map((type) => buildCertificate(input({ type })));
    // Assess
    for (const c of certificates) {
      expect(c.retained).toEqual([]);
      expect(c.cryptoShredding).toBeUndefined();
    }
    expect(certificates[0].lines.map((l) => l.action)).toEqual(['exported', 'exported', 'read', 'exported']);
  });

  it('anonymisation with content kept keeps chat logs, recordings and their keys; with content deleted, they go', () => {
    // Act / Assess
    expect(actionOf('anonymize', { content: 'keep' }, 'records', 'transcript')).toBe(
      'kept, no longer linked to the subject',
    );
    expect(actionOf('anonymize', { content: 'keep' }, 'keys')).toBe('kept');
    expect(actionOf('anonymize', { content: 'delete' }, 'records', 'transcript')).toBe('content deleted');
    expect(actionOf('anonymize', { content: 'delete' }, 'keys')).toBe('destroyed (crypto-shredded)');
    expect(actionOf('anonymize', { content: 'delete' }, 'records', 'interaction')).toBe('anonymised');
    expect(
      buildCertificate(input({ type: 'anonymize', options: { content: 'keep' } })).lines.find(
        (l) => l.dataClass === 'transcript',
      )?.done,
    ).toBe(0);
  });
});
