import fc from 'fast-check';
import { presetPolicy } from '../../../../functions/domain/policy/presets';
import { isExpired } from '../../../../functions/domain/retention/exact-expiry';
import { expiryOf, recomputeExpiry, type RetainedRecord } from '../../../../functions/domain/retention/record-expiry';
import { editedPreset, withRetention } from '../support/policies';

const at = (iso: string) => new Date(iso);

/** A Puzzel chat log written at `createdAt` under the preset's 30 days. */
function chatLog(createdAt: string): RetainedRecord {
  const record = { dataClass: 'transcript' as const, channel: 'chat' as const, createdAt: at(createdAt) };
  return { ...record, expiresAt: expiryOf(record, presetPolicy('puzzel')) };
}

describe('policy changes at the next sweep', () => {
  it('shortening a retention applies to existing records: chat logs cut from 30 to 14 days are due at once when older', () => {
    // Prepare: written 1 May, due 31 May under 30 days; the tenant switches to 14 days on 20 May
    const record = chatLog('2024-05-01T08:00:00.000Z');
    const now = at('2024-05-20T02:00:00.000Z');
    // Act
    const result = recomputeExpiry(record, withRetention('puzzel', 'transcript', 'P14D'), now);
    // Assess
    expect(result).toEqual({ expiresAt: at('2024-05-15T08:00:00.000Z'), change: 'shortened' });
    expect(isExpired(result.expiresAt, now)).toBe(true);
  });

  it('lengthening a retention applies only to records not yet expired: an expired chat log stays expired', () => {
    // Prepare: one log still live, one expired yesterday but not yet swept
    const live = chatLog('2024-05-10T08:00:00.000Z');
    const expired = chatLog('2024-04-19T08:00:00.000Z');
    const longer = withRetention('puzzel', 'transcript', 'P60D');
    const now = at('2024-05-20T02:00:00.000Z');
    // Act
    const liveResult = recomputeExpiry(live, longer, now);
    const expiredResult = recomputeExpiry(expired, longer, now);
    // Assess
    expect(liveResult).toEqual({ expiresAt: at('2024-07-09T08:00:00.000Z'), change: 'lengthened' });
    expect(expiredResult).toEqual({ expiresAt: expired.expiresAt, change: 'already-expired' });
  });

  it('a change to another class leaves the record unchanged', () => {
    const record = chatLog('2024-05-10T08:00:00.000Z');
    const result = recomputeExpiry(record, withRetention('puzzel', 'recording', 'P7D'), at('2024-05-20T02:00:00.000Z'));
    expect(result).toEqual({ expiresAt: record.expiresAt, change: 'unchanged' });
  });

  it('a new time zone moves the wall clock the calendar is counted in', () => {
    // Prepare: 10:00 UTC is 12:00 in Stockholm; in New York the same instant is 06:00
    const record = chatLog('2024-05-10T10:00:00.000Z');
    const newYork = editedPreset('puzzel', (p) => {
      p.timeZone = 'America/New_York';
    });
    // Act / Assess: 30 days, both zones on summer time, so the same instant
    expect(recomputeExpiry(record, newYork, at('2024-05-20T00:00:00.000Z')).change).toBe('unchanged');
  });

  it('policy shortened after data was written: the shorter retention wins (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2023-01-01T00:00:00Z'), max: at('2025-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 500 * 86_400 }),
        (createdAt, newDays, cut, elapsedSeconds) => {
          // Prepare: the record was written under (newDays + cut) days
          const oldPolicy = withRetention('puzzel', 'survey', `P${newDays + cut}D`);
          const shorter = withRetention('puzzel', 'survey', `P${newDays}D`);
          const base = { dataClass: 'survey' as const, createdAt };
          const record = { ...base, expiresAt: expiryOf(base, oldPolicy) };
          const now = new Date(createdAt.getTime() + elapsedSeconds * 1000);
          // Act
          const { expiresAt } = recomputeExpiry(record, shorter, now);
          // Assess: never later than before; and once past the new retention, hidden
          expect(expiresAt.getTime()).toBeLessThanOrEqual(record.expiresAt.getTime());
          if (now >= expiryOf(base, shorter)) expect(isExpired(expiresAt, now)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
