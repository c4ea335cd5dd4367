import { LetheError } from '../../../functions/domain/errors';
import { holdCoverage, holdsOnBatch } from '../../../functions/domain/holds/coverage';
import { batchCoverageKey } from '../../../functions/domain/litigation/registry';
import type { LegalHold } from '../../../functions/domain/holds/hold';
import { holdTargetOf } from '../../../functions/domain/holds/hold-request';
import { governingRule } from '../../../functions/domain/holds/precedence';
import { normaliseEmail } from '../../../functions/domain/subject/normalise';
import { subjectKey } from '../../../functions/domain/subject/subject-key';

const TENANT = '01HZTENANT0000000000000000';
const SECRET = new Uint8Array(32).fill(7);
const INTERACTION = '01HZ8HH501D0AERVACKZ5XE2E1';

function hold(holdId: string, target: LegalHold['target'], releasedAt?: string): LegalHold {
  return {
    holdId,
    tenantId: TENANT,
    target,
    reason: 'claim 2024-17',
    placedAt: '2024-05-01T00:00:00.000Z',
    placedBy: 'u1',
    ...(releasedAt ? { releasedAt } : {}),
  };
}

describe('precedence: legal hold > erasure > retention', () => {
  it('a held record is kept even when erasure is asked and its retention ended', () => {
    expect(governingRule({ heldBy: ['H'], erasureRequested: true, retentionEnded: true })).toBe('legal-hold');
  });
  it('erasure removes a record whose retention has not ended', () => {
    expect(governingRule({ heldBy: [], erasureRequested: true, retentionEnded: false })).toBe('erasure');
  });
  it('retention acts only on what neither claims', () => {
    expect(governingRule({ heldBy: [], erasureRequested: false, retentionEnded: true })).toBe('retention');
    expect(governingRule({ heldBy: [], erasureRequested: false, retentionEnded: false })).toBe('none');
  });
});

describe('what a hold covers', () => {
  it('an interaction hold covers its interaction partition; a subject hold every partition indexed under its keys', () => {
    // Prepare
    const mail = subjectKey(SECRET, 'email', normaliseEmail('anna@example.com'));
    const holds = [
      hold('H1', { kind: 'interaction', interactionId: INTERACTION }),
      hold('H2', { kind: 'subject', subjectKeys: [{ kind: 'email', hmacHex: mail }] }),
    ];
    const indexed: Record<string, string[]> = {
      [mail]: [`T#${TENANT}#I#${INTERACTION}`, `T#${TENANT}#E#01HZEVENT00000000000000000`],
    };
    // Act
    const coverage = holdCoverage(TENANT, holds, (hmac) => indexed[hmac] ?? []);
    // Assess
    expect(coverage.holdsOn(`T#${TENANT}#I#${INTERACTION}`)).toEqual(['H1', 'H2']);
    expect(coverage.holdsOn(`T#${TENANT}#E#01HZEVENT00000000000000000`)).toEqual(['H2']);
    expect(coverage.holdsOn(`T#${TENANT}#I#01HZOTHER00000000000000000`)).toEqual([]);
  });

  it('a released hold covers nothing', () => {
    const coverage = holdCoverage(
      TENANT,
      [hold('H1', { kind: 'interaction', interactionId: INTERACTION }, '2024-06-01T00:00:00.000Z')],
      () => [],
    );
    expect(coverage.holdsOn(`T#${TENANT}#I#${INTERACTION}`)).toEqual([]);
  });
});

describe('placing a hold', () => {
  it('a subject is held by the keyed hashes of its normalised identifiers, never in clear', () => {
    const { target } = holdTargetOf(
      { identifiers: { email: ' Anna@Example.com ' }, reason: 'claim 2024-17' },
      SECRET,
      '46',
    );
    expect(target).toEqual({
      kind: 'subject',
      subjectKeys: [{ kind: 'email', hmacHex: subjectKey(SECRET, 'email', normaliseEmail('anna@example.com')) }],
    });
    expect(JSON.stringify(target)).not.toContain('anna');
  });

  it('either an interaction or identifiers, and a reason, or a 400 naming what is wrong', () => {
    const refused = (body: unknown) => {
      try {
        holdTargetOf(body, SECRET, '46');
      } catch (error) {
        return error instanceof LetheError ? { status: error.status, paths: error.fields.map((f) => f.path) } : error;
      }
      return 'accepted';
    };
    expect(refused({ reason: 'claim' })).toEqual({ status: 400, paths: ['(root)'] });
    expect(refused({ interactionId: INTERACTION, identifiers: { phone: '070 123 45 67' }, reason: 'claim' })).toEqual({
      status: 400,
      paths: ['(root)'],
    });
    expect(refused({ interactionId: 'nope', reason: '' })).toEqual({ status: 400, paths: ['interactionId', 'reason'] });
    expect(refused({ identifiers: { phone: 'call me' }, reason: 'claim' })).toEqual({ status: 400, paths: ['phone'] });
  });
});

describe('what keeps a sealed litigation batch', () => {
  const mail = subjectKey(SECRET, 'email', normaliseEmail('anna@example.com'));
  const memberPk = `T#${TENANT}#I#${INTERACTION}`;
  const batch = {
    batchId: '01HZBATCH00000000000000000',
    members: [memberPk, `T#${TENANT}#I#01HZOTHER00000000000000000`],
  };

  it('a hold on one of its members keeps the batch, even after the member itself was deleted', () => {
    // Prepare
    const coverage = holdCoverage(TENANT, [hold('H1', { kind: 'interaction', interactionId: INTERACTION })], () => []);
    // Act / Assess
    expect(holdsOnBatch(coverage, TENANT, batch)).toEqual(['H1']);
  });

  it('a subject hold keeps the batches its subject is linked to, and no other', () => {
    // Prepare: the subject index lists no live partition any more; the link names the batch
    const linked: Record<string, string[]> = { [mail]: [batchCoverageKey(TENANT, batch.batchId)] };
    const coverage = holdCoverage(
      TENANT,
      [hold('H2', { kind: 'subject', subjectKeys: [{ kind: 'email', hmacHex: mail }] })],
      (h) => linked[h] ?? [],
    );
    // Act / Assess
    expect(holdsOnBatch(coverage, TENANT, batch)).toEqual(['H2']);
    expect(holdsOnBatch(coverage, TENANT, { ...batch, batchId: '01HZBATCH00000000000000001' })).toEqual([]);
  });

  it('a released hold keeps nothing', () => {
    const coverage = holdCoverage(
      TENANT,
      [hold('H1', { kind: 'interaction', interactionId: INTERACTION }, '2024-06-01T00:00:00.000Z')],
      () => [],
    );
    expect(holdsOnBatch(coverage, TENANT, batch)).toEqual([]);
  });
});
