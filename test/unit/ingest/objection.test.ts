import {
  interactionConsentOf,
  objectedPurposes,
  recordingRefusal,
  recordingRefused,
  standingAt,
  type ConsentHistoryEntry,
} from '../../../functions/domain/ingest/consent';
import { presetPolicy } from '../../../functions/domain/policy/presets';

const puzzel = presetPolicy('puzzel');
const granted: ConsentHistoryEntry = {
  purpose: 'recording',
  granted: true,
  at: '2025-03-01T10:00:00.000Z',
  noticeVersion: 'v2',
};
const objection: ConsentHistoryEntry = {
  purpose: 'recording',
  granted: false,
  objection: true,
  at: '2025-03-10T10:00:00.000Z',
  requestId: '01JOBJECTION0000000000000',
};

describe('objection (GDPR Art. 21)', () => {
  it('beats a consent from its instant on, with the objection as proof', () => {
    // Prepare
    const history = [granted, objection];
    // Act
    const standing = standingAt(history, 'recording', '2025-03-10T10:00:00.000Z');
    // Assess
    expect(standing).toEqual({
      allowed: false,
      basis: 'objection',
      proof: { recordedAt: objection.at, requestId: objection.requestId },
    });
  });

  it('beats a consent given after it', () => {
    // Prepare
    const laterGrant = { ...granted, at: '2025-04-01T10:00:00.000Z' };
    // Act
    const standing = standingAt([objection, laterGrant], 'recording');
    // Assess
    expect(standing).toMatchObject({ allowed: false, basis: 'objection' });
  });

  it('leaves processing before its instant as the consent decided', () => {
    // Act
    const before = standingAt([granted, objection], 'recording', '2025-03-09T23:59:59.999Z');
    // Assess
    expect(before).toEqual({ allowed: true, basis: 'consent', proof: { recordedAt: granted.at, noticeVersion: 'v2' } });
    expect(objectedPurposes([objection], '2025-03-09T23:59:59.999Z')).toEqual(new Set());
    expect(objectedPurposes([objection], '2025-03-10T10:00:00.000Z')).toEqual(new Set(['recording']));
  });

  it('stops only the purpose objected to', () => {
    // Act
    const marketing = standingAt([objection, { ...objection, purpose: 'marketing' }], 'analytics');
    // Assess
    expect(marketing).toEqual({ allowed: true, basis: 'none' });
  });

  it('refuses a recording the caller agreed to, naming the objection', () => {
    // Prepare
    const consent = interactionConsentOf({ recording: true });
    // Act
    const refusal = recordingRefusal(puzzel.channels.call, consent, new Set(), objectedPurposes([objection]));
    // Assess
    expect(refusal).toBe('objected');
    expect(recordingRefused('objected')).toMatchObject({
      status: 403,
      code: 'CONSENT_REFUSED',
      message: expect.stringMatching(/objected to recording/),
    });
  });

  it('a withdrawn gdpr notice withdraws every purpose; nothing on record is allowed with no proof', () => {
    // Act / Assess
    expect(
      standingAt(
        [
          { purpose: 'gdpr', granted: false, at: granted.at },
          { ...granted, at: '2025-04-01T10:00:00.000Z' },
        ],
        'recording',
      ),
    ).toMatchObject({ allowed: false, basis: 'withdrawal' });
    expect(standingAt([], 'recording')).toEqual({ allowed: true, basis: 'none' });
  });
});
