import fc from 'fast-check';
import { presetPolicy } from '../../../../functions/domain/policy/presets';
import { actionAtExpiry } from '../../../../functions/domain/retention/action-at-expiry';
import { archiveExpiry } from '../../../../functions/domain/retention/archive-expiry';
import { isExpired, ttlEpochSeconds } from '../../../../functions/domain/retention/exact-expiry';
import { expiryOf } from '../../../../functions/domain/retention/record-expiry';
import { retentionFor } from '../../../../functions/domain/retention/retention-for';

const at = (iso: string) => new Date(iso);

describe('retention per class and channel', () => {
  it('iAdvize: call and SMS transcripts are kept 12 months, chat transcripts 3 years (the channel beats the class)', () => {
    // Prepare
    const policy = presetPolicy('iadvize');
    // Act / Assess
    expect(retentionFor(policy, 'transcript', 'call')).toMatchObject({ years: 0, months: 12 });
    expect(retentionFor(policy, 'transcript', 'sms')).toMatchObject({ years: 0, months: 12 });
    expect(retentionFor(policy, 'transcript', 'chat')).toMatchObject({ years: 3, months: 0 });
    expect(retentionFor(policy, 'transcript')).toMatchObject({ years: 3, months: 0 });
  });

  it('a class the channel does not override keeps the class retention (iAdvize call events: 100 days)', () => {
    expect(retentionFor(presetPolicy('iadvize'), 'event', 'call')).toMatchObject({ days: 100 });
  });

  it('Puzzel: a chat log written 2 May 2024 at 12:15 Stockholm time expires 1 June at 12:15, a recording after 14 days', () => {
    // Prepare
    const policy = presetPolicy('puzzel');
    const createdAt = at('2024-05-02T10:15:00.000Z');
    // Act
    const chatLog = expiryOf({ dataClass: 'transcript', channel: 'chat', createdAt }, policy);
    const recording = expiryOf({ dataClass: 'recording', channel: 'call', createdAt }, policy);
    // Assess
    expect(chatLog.toISOString()).toBe('2024-06-01T10:15:00.000Z');
    expect(recording.toISOString()).toBe('2024-05-16T10:15:00.000Z');
  });
});

describe('exact expiry', () => {
  it('chat log is hidden the second its 30 days end', () => {
    // Prepare
    const expiresAt = expiryOf(
      { dataClass: 'transcript', channel: 'chat', createdAt: at('2024-05-02T10:15:00.000Z') },
      presetPolicy('puzzel'),
    );
    // Act / Assess
    expect(isExpired(expiresAt, at('2024-06-01T10:14:59.000Z'))).toBe(false);
    expect(isExpired(expiresAt, at('2024-06-01T10:14:59.999Z'))).toBe(false);
    expect(isExpired(expiresAt, at('2024-06-01T10:15:00.000Z'))).toBe(true);
    expect(isExpired(expiresAt, at('2024-06-01T10:15:01.000Z'))).toBe(true);
  });

  it('the TTL attribute rounds up, so DynamoDB never removes a record before its expiry', () => {
    expect(ttlEpochSeconds(at('2024-06-01T10:15:00.000Z'))).toBe(1717236900);
    expect(ttlEpochSeconds(at('2024-06-01T10:15:00.001Z'))).toBe(1717236901);
    expect(ttlEpochSeconds(at('2024-06-01T10:14:59.999Z'))).toBe(1717236900);
  });

  it('TTL seconds are never before the expiry and less than a second after it (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('1970-01-01T00:00:00Z'), max: at('2200-01-01T00:00:00Z'), noInvalidDate: true }),
        (expiry) => {
          const ttlMs = ttlEpochSeconds(expiry) * 1000;
          expect(ttlMs).toBeGreaterThanOrEqual(expiry.getTime());
          expect(ttlMs - expiry.getTime()).toBeLessThan(1000);
        },
      ),
    );
  });
});

describe('what happens at expiry', () => {
  it('iAdvize: transcripts are sealed in the litigation archive, then anonymised', () => {
    expect(actionAtExpiry(presetPolicy('iadvize'), 'transcript')).toEqual({ action: 'anonymize', sealFirst: true });
  });

  it('iAdvize: surveys are anonymised without a sealed copy (not in sealClasses)', () => {
    expect(actionAtExpiry(presetPolicy('iadvize'), 'survey')).toEqual({ action: 'anonymize', sealFirst: false });
  });

  it('Puzzel: recordings are deleted; Inbenta: raw events are archived', () => {
    expect(actionAtExpiry(presetPolicy('puzzel'), 'recording')).toEqual({ action: 'delete', sealFirst: false });
    expect(actionAtExpiry(presetPolicy('inbenta'), 'event')).toEqual({ action: 'archive', sealFirst: false });
  });
});

describe('archive expiry', () => {
  const policy = presetPolicy('inbenta'); // Europe/Madrid, events archived for P2Y
  const archivedAt = at('2024-06-10T22:00:00.000Z'); // midnight, 11 June, Madrid

  it('Inbenta: an archived event is kept two years after its transfer to the archive', () => {
    expect(archiveExpiry(archivedAt, policy, 'event').toISOString()).toBe('2026-06-10T22:00:00.000Z');
  });

  it('Inbenta: "or until termination of the contract, whichever comes first"', () => {
    // Prepare
    const contractEnd = at('2025-01-31T23:00:00.000Z');
    // Act / Assess
    expect(archiveExpiry(archivedAt, policy, 'event', contractEnd).toISOString()).toBe('2025-01-31T23:00:00.000Z');
    expect(archiveExpiry(archivedAt, policy, 'event', at('2030-01-01T00:00:00.000Z')).toISOString()).toBe(
      '2026-06-10T22:00:00.000Z',
    );
  });

  it('a class the policy does not archive has no archive expiry', () => {
    expect(() => archiveExpiry(archivedAt, policy, 'transcript')).toThrow(/does not archive transcript/);
  });
});
